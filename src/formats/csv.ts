import type { CostedOptionReport, EstimateReport, OptionReport, SpeedReport } from '../report.js';
import { terminalText } from './terminal-text.js';

const COLUMNS = [
  'option', 'kind', 'model', 'currency', 'monthly_cost', 'per_request_cost', 'per_session_cost', 'per_user_cost',
  'viable', 'not_viable_because', 'ttft_seconds', 'seconds_per_reply',
  'instances', 'instances_low', 'instances_high', 'peak_utilisation', 'billed_seconds_per_request',
  'decode_tokens_per_second', 'decode_tokens_per_second_low', 'decode_tokens_per_second_high', 'speed_band_basis',
  'input_tokens', 'cached_input_tokens', 'cache_write_tokens', 'output_tokens', 'reasoning_tokens',
  'input', 'cached_input', 'cache_write', 'output', 'reasoning', 'request_fees', 'batch_savings',
  'hardware', 'power', 'hosting', 'ops', 'fixed', 'fallback_api', 'compute', 'cold_starts', 'embeddings',
  'service_tier', 'effective_cache_hit', 'cache_hit_capped', 'rate_limit_min_tier', 'rate_limit_exceeds_highest_tier',
] as const;
type Column = (typeof COLUMNS)[number];
type Row = Partial<Record<Column, string | number | boolean | null>>;

/** What a CSV cell may hold; null and undefined are an empty field. */
export type CsvValue = string | number | boolean | null | undefined;

/**
 * A figure without binary noise: 15 significant digits, then the shortest decimal that reads back
 * as that number, so 0.1 + 0.2 is `0.3` and 47.699999999999996 is `47.7`. 15 digits is the most any
 * decimal keeps through a double (DBL_DIG), so nothing a person entered or a sum of such figures
 * could mean is lost; only the last-bit noise of the arithmetic goes. Not rounding for people:
 * 1083.456 stays 1083.456. Infinity and NaN are written as JavaScript spells them.
 */
export function csvNumber(n: number): string {
  return Number.isFinite(n) ? String(Number(n.toPrecision(15))) : String(n);
}

/**
 * One field. Numbers without binary noise (csvNumber; a negative figure stays a number), booleans
 * as they are. Text (names,
 * paths, messages from a user's files) is shown as terminalText shows it (no control character
 * gets into the file), and text a spreadsheet would run as a formula (starting with = + - @, tab
 * or CR) gets a leading single quote, quoted: OWASP's rule against CSV injection
 * (https://owasp.org/www-community/attacks/CSV_Injection). RFC 4180 quoting for a comma or quote.
 */
export function csvCell(value: CsvValue): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'number') return csvNumber(value);
  if (typeof value !== 'string') return String(value);
  const text = terminalText(value);
  if (/^[=+\-@\t\r]/.test(text)) return `"'${text.replace(/"/g, '""')}"`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** RFC 4180 text: CRLF after every record, the last included. */
export function csvRecords(rows: readonly (readonly CsvValue[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function costedRow(o: CostedOptionReport): Row {
  const common: Row = {
    option: o.name, kind: o.kind, monthly_cost: o.monthly_cost, per_request_cost: o.per_request_cost,
    per_session_cost: o.per_session_cost, per_user_cost: o.per_user_cost, ...(o.breakdown as unknown as Row),
    ...viability(o),
    ...(o.kind !== 'api' && o.latency ? { ttft_seconds: o.latency.ttft_seconds, seconds_per_reply: o.latency.seconds_per_reply } : {}),
  };
  switch (o.kind) {
    case 'api': {
      const t = o.tokens_per_request;
      return {
        ...common, model: o.price.model, batch_savings: o.batch_savings, input_tokens: t.input, cached_input_tokens: t.cached_input,
        cache_write_tokens: t.cache_write, output_tokens: t.output, reasoning_tokens: t.reasoning,
        service_tier: o.service_tier?.tier, effective_cache_hit: o.prompt_cache?.effective_cache_hit, cache_hit_capped: o.prompt_cache?.capped,
        rate_limit_min_tier: o.rate_limit?.min_tier, rate_limit_exceeds_highest_tier: o.rate_limit?.exceeds_highest_tier,
      };
    }
    case 'serverless':
      return { ...common, ...speedCells(o.speed), model: o.hardware.offer ?? o.hardware.name, billed_seconds_per_request: o.billed_seconds_per_request };
    default:
      return {
        ...common, ...speedCells(o.speed), model: o.hardware.offer ?? o.hardware.name, instances: o.instances,
        instances_low: o.instances_band.low, instances_high: o.instances_band.high, peak_utilisation: o.utilisation.peak,
      };
  }
}

/** The decode speed (aggregate at capacity; one stream for serverless) with its band. */
function speedCells(s: SpeedReport | null): Row {
  if (!s) return {};
  const b = s.decode_tokens_per_second_band;
  return { decode_tokens_per_second: b.value, decode_tokens_per_second_low: b.low, decode_tokens_per_second_high: b.high, speed_band_basis: b.basis };
}

/** Reasons joined by '; ' in one field. */
const viability = (o: OptionReport): Row => ({ viable: o.viable, not_viable_because: o.not_viable_because.join('; ') });

export function estimateCsv(r: EstimateReport): string {
  const rows: Row[] = r.options.map((o) => (o.monthly_cost === null ? { option: o.name, kind: o.kind, ...viability(o) } : costedRow(o)));
  return csvRecords([COLUMNS, ...rows.map((row) => COLUMNS.map((c) => (c === 'currency' ? r.currency : row[c])))]);
}
