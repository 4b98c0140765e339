import type { EstimateReport } from '../report.js';

const COLUMNS = [
  'option', 'kind', 'model', 'currency', 'monthly_cost', 'per_request_cost', 'per_session_cost', 'per_user_cost',
  'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'input', 'cached_input', 'cache_write', 'output', 'reasoning', 'request_fees', 'embeddings', 'batch_savings',
] as const;

/** RFC 4180: quote fields holding a comma, quote or line break. */
function field(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function estimateCsv(r: EstimateReport): string {
  const rows: (string | number | null)[][] = [[...COLUMNS]];
  for (const o of r.options) {
    if (o.monthly_cost === null) {
      rows.push([o.name, o.kind, null, r.currency, ...Array<null>(COLUMNS.length - 4).fill(null)]);
      continue;
    }
    const t = o.tokens_per_request;
    const b = o.breakdown;
    rows.push([
      o.name, o.kind, o.price.model, r.currency, o.monthly_cost, o.per_request_cost, o.per_session_cost, o.per_user_cost,
      t.input, t.cached_input, t.cache_write, t.output, t.reasoning,
      b.input, b.cached_input, b.cache_write, b.output, b.reasoning, b.request_fees, b.embeddings, o.batch_savings,
    ]);
  }
  return `${rows.map((row) => row.map(field).join(',')).join('\r\n')}\r\n`;
}
