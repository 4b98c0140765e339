// A log file's records with their line numbers: JSON Lines (one object per line), or one JSON
// array (LiteLLM's /spend/logs answer), each item placed at the line it starts on. Pure.

import { parseJson } from '../json-text.js';

export type LogEntry = { line: number; value: unknown } | { line: number; col?: number; problem: string };

export function logEntries(text: string): LogEntry[] {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*\[/.test(body)) return arrayEntries(body);
  const entries: LogEntry[] = [];
  body.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    const read = parseJson(line);
    entries.push('value' in read ? { line: i + 1, value: read.value } : { line: i + 1, col: read.col, problem: `not JSON (${read.reason})` });
  });
  return entries;
}

function arrayEntries(body: string): LogEntry[] {
  const read = parseJson(body);
  if (!('value' in read)) return [{ line: read.line, col: read.col, problem: `not a JSON array (${read.reason}): nothing in this file could be read` }];
  const items = read.value;
  if (!Array.isArray(items)) return [{ line: 1, problem: 'not a JSON array' }];
  const lines = itemLines(body);
  return items.map((value, i) => ({ line: lines[i] ?? 1, value }));
}

/** The line on which each top-level item of a JSON array starts (the text is valid JSON). */
function itemLines(body: string): number[] {
  const lines: number[] = [];
  let line = 1;
  let depth = 0;
  let inString = false;
  let expectingItem = false;
  for (let i = 0; i < body.length; i++) {
    const c = body[i]!;
    if (c === '\n') line++;
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (depth === 1 && expectingItem && !/\s/.test(c) && c !== ']') {
      lines.push(line);
      expectingItem = false;
    }
    if (c === '"') inString = true;
    else if (c === '[' || c === '{') {
      depth++;
      if (depth === 1) expectingItem = true;
    } else if (c === ']' || c === '}') depth--;
    else if (c === ',' && depth === 1) expectingItem = true;
  }
  return lines;
}
