// Renderers of the `tokens` report, one per format. They round; they never compute.

import { Chalk } from 'chalk';
import type { TokensReport } from '../tokens/report.js';
import type { TokensFormat } from './command-formats.js';
import { fitLines, fittedTable, type Column } from './compact-table.js';
import { csvRecords } from './csv.js';
import type { RenderOptions } from './index.js';
import { reportJson } from './json.js';
import { formatCount, formatMoney, formatRate } from './numbers.js';
import { displayed } from './terminal-text.js';


function bytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${formatRate(n / 1024)} KiB`;
  return `${formatRate(n / 1024 / 1024)} MiB`;
}

/** "o200k_base (openai/gpt-4o uses o200k_base)", or the estimate said loudly. */
export function encodingLine(r: TokensReport): string {
  return r.estimate ? `tokenizer: ${r.encoding}, an ESTIMATE (${r.basis})` : `tokenizer: ${r.encoding} (${r.basis})`;
}

function costLines(r: TokensReport): string[] {
  const c = r.cost;
  if (!c) return [];
  const tier = c.tier_above_tokens === null ? '' : `, the price for prompts over ${formatCount(c.tier_above_tokens)} tokens`;
  const age = c.as_of ? `prices as of ${c.as_of}` : 'inline prices';
  return [
    `${formatCount(r.total_tokens)} tokens on ${c.model}: ${formatMoney(c.input, c.currency)} as input (${formatRate(c.input_per_mtok)} ${c.currency}/1M${tier}), ` +
      `${formatMoney(c.output, c.currency)} as output (${formatRate(c.output_per_mtok)} ${c.currency}/1M); ${age}`,
    ...(c.calls === null ? [] : [
      `at ${formatCount(c.calls.calls)} calls: ${formatMoney(c.calls.input, c.currency)} input + ${formatMoney(c.calls.output, c.currency)} output ` +
        `(${formatCount(c.calls.output_tokens)} tokens a call) = ${formatMoney(c.calls.total, c.currency)}`,
    ]),
    ...c.notes.map((n) => `! ${n}`),
  ];
}

const COLUMNS: Column[] = [
  { head: 'File', priority: 0, wrap: 20 },
  { head: 'Tokens', priority: 0, align: 'right' },
  { head: 'Bytes', priority: 1, align: 'right' },
];

export const tokensRenderers = displayed<TokensFormat, TokensReport, RenderOptions>({
  table: (r, o) => {
    const c = new Chalk({ level: o.color ? 1 : 0 });
    const rows = r.files.map((f) => [f.file, formatCount(f.tokens), bytes(f.bytes)]);
    if (r.files.length > 1) rows.push([c.bold(`total (${r.files.length} files)`), c.bold(formatCount(r.total_tokens)), bytes(r.total_bytes)]);
    const header = r.estimate ? c.yellow(encodingLine(r)) : encodingLine(r);
    return `${fitLines([header, fittedTable(COLUMNS, rows, o), ...costLines(r)].join('\n'), o.width)}\n`;
  },
  json: reportJson,
  // One row per file, unrounded; a script sums them (no total row to trip over).
  csv: (r) => csvRecords([['file', 'tokens', 'bytes', 'encoding', 'estimate'], ...r.files.map((f) => [f.file, f.tokens, f.bytes, r.encoding, r.estimate])]),
});
