// A log file's records with their line numbers: JSON Lines (one object per line), or one JSON
// array (LiteLLM's /spend/logs answer), each item placed at the line it starts on. Pure.

export type LogEntry = { line: number; value: unknown } | { line: number; col?: number; problem: string };

export function logEntries(text: string): LogEntry[] {
  const body = text.replace(/^\uFEFF/, '');
  if (/^\s*\[/.test(body)) return arrayEntries(body);
  const entries: LogEntry[] = [];
  body.split('\n').forEach((raw, i) => {
    const line = raw.replace(/\r$/, '');
    if (line.trim() === '') return;
    try {
      entries.push({ line: i + 1, value: JSON.parse(line) });
    } catch (error) {
      entries.push({ line: i + 1, problem: `not JSON (${jsonReason(error)})` });
    }
  });
  return entries;
}

function arrayEntries(body: string): LogEntry[] {
  let items: unknown;
  try {
    items = JSON.parse(body);
  } catch (error) {
    const at = positionOf(error);
    const place = at === undefined ? { line: 1 } : lineAndCol(body, at);
    return [{ ...place, problem: `not a JSON array (${jsonReason(error)}): nothing in this file could be read` }];
  }
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

function jsonReason(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.replace(/ in JSON at position \d+.*$/s, '').replace(/\s*\(line \d+ column \d+\)$/, '');
}

function positionOf(error: unknown): number | undefined {
  const m = /at position (\d+)/.exec(error instanceof Error ? error.message : '');
  return m ? Number(m[1]) : undefined;
}

function lineAndCol(text: string, offset: number): { line: number; col: number } {
  const before = text.slice(0, offset);
  const line = before.split('\n').length;
  return { line, col: offset - before.lastIndexOf('\n') };
}
