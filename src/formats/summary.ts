// Sentences every human-readable format shares (table, markdown): what the numbers rest on.
// Words only; every figure comes from the report.

import type { ApiOptionReport, CostedOptionReport, EstimateReport, FxConversion, HardwareReport, LatencyReport, NotViableOption, OptionReport, RateLimitKind, SummaryLine } from '../report.js';
import { banded, formatCount, formatCountOf, formatFactor, formatMoney, formatRate, formatShare, formatTokens } from './numbers.js';

export function trafficLine(r: EstimateReport): string {
  const t = r.traffic;
  const who =
    t.users !== null
      ? `${formatCountOf(t.users, 'user')} x ${formatCountOf(t.sessions_per_user ?? 0, 'session')} x ${formatCountOf(t.requests_per_session, 'request')}`
      : undefined;
  const total = `${formatCount(t.requests_per_month)} requests/month (peak ${formatRate(t.peak_requests_per_second)}/s)`;
  return who ? `${who} = ${total}` : total;
}

export function workloadLine(r: EstimateReport): string {
  const w = r.workload;
  return (
    `${w.kind}: ${formatCount(w.calls_per_request)} ${w.calls_per_request === 1 ? 'call' : 'calls'} and ${formatCount(w.workflow_tokens_per_request)} tokens per request; ` +
    `amplification ${formatFactor(w.amplification)} vs one single-turn call of ${formatCount(w.single_turn_tokens)} tokens`
  );
}

export function pricesLine(r: EstimateReport): string {
  const p = r.prices;
  let age = 'inline prices only';
  if (p.oldest_as_of && p.age_days !== null) {
    age = p.age_days >= 0 ? `prices as of ${p.oldest_as_of} (${p.age_days} days old)` : `prices as of ${p.oldest_as_of}, resolved for ${p.today}`;
  }
  const fx = p.fx.map(fxText).join(', ');
  return fx ? `${age}; ${fx}` : age;
}

/** "1 EUR = 1.18 USD (rate of 2026-05-08, 210 days old: stale)"; reports saved before age_days say the date alone. */
export function fxText(f: FxConversion): string {
  const age = f.age_days === undefined ? '' : `, ${f.age_days} days old${f.stale ? ': stale' : ''}`;
  return `1 ${f.from} = ${formatRate(f.rate)} ${f.to} (rate of ${f.as_of}${age})`;
}

/** "1 EUR = 1.18 USD (...), for cpu-vps", one per conversion. */
export const fxLines = (r: EstimateReport): string[] => r.prices.fx.map((f) => `${fxText(f)}${f.used_by?.length ? `, for ${f.used_by.join(', ')}` : ''}`);

const PER: Record<NonNullable<HardwareReport['listed_price']>['per'], string> = { month: 'a month', hour: 'an hour', second: 'a second', purchase: 'to buy' };

/** A self-hosted or serverless option's price as its offer lists it: "€138.49 a month (hetzner/ccx33)"; `named`: with what it buys. */
export function hardwarePriceFigures(h: HardwareReport, named = true): string {
  const what = h.offer ?? `${h.devices_per_instance > 1 ? `${h.devices_per_instance} x ` : ''}${h.name}`;
  const l = h.listed_price;
  if (!l) return what;
  return `${formatMoney(l.amount, l.currency)} ${PER[l.per]}${named ? ` (${what})` : ''}`;
}

/** Each costed option's price, its date and (with `sources`) where it comes from. */
export function priceLines(r: EstimateReport, sources: boolean): string[] {
  return r.options.filter(isCosted).map((o) => {
    const dated = o.kind === 'api' ? o.price.as_of : o.hardware.as_of;
    const source = o.kind === 'api' ? o.price.source : o.hardware.source;
    const figures = o.kind === 'api' ? apiPriceFigures(o, r.currency) : hardwarePriceFigures(o.hardware);
    return `${o.name}: ${figures}, ${dated ? `as of ${dated}` : 'inline'}${sources ? `; ${source}` : ''}`;
  });
}

/** An API option's prices, held in the report's currency. */
export function apiPriceFigures(o: ApiOptionReport, currency: string): string {
  const p = o.price;
  const m = (n: number) => formatMoney(n, currency);
  return `${m(p.input_per_mtok)} in / ${m(p.output_per_mtok)} out per 1M tokens${p.cached_input_per_mtok === null ? '' : `, ${m(p.cached_input_per_mtok)} cached`}${p.per_request_fee ? `, ${m(p.per_request_fee)} a call` : ''}`;
}

/** The headline: the summary's sentences, in order (reports saved without one give none). */
export const headline = (summary: SummaryLine[] | undefined): string => (summary ?? []).map((l) => l.text).join(' ');

/** The largest part of an option's bill, e.g. "output 44%". */
export function biggestCost(o: CostedOptionReport): string {
  const entries = Object.entries(o.breakdown as unknown as Record<string, number>).filter(([, v]) => v > 0);
  if (entries.length === 0 || o.monthly_cost <= 0) return '-';
  const [name, value] = entries.reduce((a, b) => (b[1] > a[1] ? b : a));
  return `${name.replace('_', ' ')} ${formatShare(value / o.monthly_cost)}`;
}

/** What drives an option: tokens for an API, instances for self-hosting, seconds for serverless. */
export function driversCell(o: CostedOptionReport): string {
  switch (o.kind) {
    case 'api':
      return tokensCell(o);
    case 'serverless':
      return `${formatRate(o.billed_seconds_per_request)} s billed per request`;
    default:
      return `${formatCount(o.instances)} x ${o.hardware.offer ?? o.hardware.name}, ${formatShare(o.utilisation.peak)} busy at peak`;
  }
}

const gib = (bytes: number) => `${formatRate(bytes / 2 ** 30)} GiB`;

/** Memory and speed of the self-hosted and serverless options, one line each. */
export function deploymentLines(r: EstimateReport): string[] {
  const lines: string[] = [];
  for (const o of r.options) {
    if (o.kind === 'api') continue;
    const parts: string[] = [];
    const m = o.memory;
    if (m) {
      parts.push(
        `${gib(m.weights_bytes)} weights + ${gib(m.kv_cache_bytes)} KV cache (${formatCount(m.context_tokens)} tokens) + ${gib(m.overhead_bytes)} engine = ` +
          `${gib(m.total_bytes)} of ${gib(m.usable_bytes)} usable${m.devices > 1 ? ` on ${m.devices} devices` : ''}`,
      );
    }
    if (o.monthly_cost !== null && 'speed' in o && o.speed) {
      const s = o.speed;
      const prefill = s.prefill_tokens_per_second === null ? 'prefill unknown' : `prefill ${s.prefill_tokens_per_second_band ? banded(s.prefill_tokens_per_second_band, 'tokens/s') : `${formatRate(s.prefill_tokens_per_second)} tokens/s`}`;
      const how = s.source === 'measured' ? 'measured' : 'estimated';
      parts.push(
        o.kind === 'serverless'
          ? `${how} decode ${banded(s.single_stream_tokens_per_second_band, 'tokens/s')}, ${prefill}`
          : `${how} decode ${banded(s.single_stream_tokens_per_second_band, 'tokens/s')} for one stream, ${banded(s.decode_tokens_per_second_band, 'tokens/s')} at capacity ` +
              `(${formatCountOf(s.batch, 'stream')} at ${formatRate(s.per_sequence_tokens_per_second)} tokens/s each), ${prefill}`,
      );
      if (o.kind !== 'serverless' && o.instances_band.low !== null && o.instances_band.high !== null && (o.instances_band.low !== o.instances || o.instances_band.high !== o.instances)) {
        parts.push(`${formatCountOf(o.instances, 'instance')}, ${formatCount(o.instances_band.low)} to ${formatCount(o.instances_band.high)} with the speed at either end of its typical error`);
      }
    }
    if (o.monthly_cost !== null && o.kind === 'serverless') parts.push(`${formatRate(o.seconds_per_request)} s of run time per request`);
    if (o.monthly_cost !== null && o.latency) parts.push(latencyText(o.latency));
    if (parts.length > 0) lines.push(`${o.name}: ${parts.join('; ')}`);
  }
  return lines;
}

/** "at peak: first token in 0.42 s, a reply in 28 s (... target 60 s)", for the slowest call. */
export function latencyText(l: LatencyReport): string {
  const first = l.ttft_seconds === null ? 'first token unknown (no prefill speed)' : `first token in ${formatRate(l.ttft_seconds)} s`;
  return `at peak: ${first}, a reply in ${formatRate(l.seconds_per_reply)} s (${formatCount(l.prompt_tokens)} tokens in, ${formatCount(l.output_tokens)} out at ` +
    `${formatRate(l.per_stream_tokens_per_second)} tokens/s, ${formatCountOf(l.streams, 'stream')} an instance; target ${formatRate(l.max_seconds_per_reply)} s)`;
}

/** "X is not viable: reason; reason". */
export function notViableText(o: NotViableOption): string {
  return `${o.option} is not viable: ${o.not_viable_because.join('; ')}`;
}

/** "Left out of the chart: X is not viable: ...", one line per option an analysis leaves out. */
export function leftOut(list: NotViableOption[], where: 'chart' | 'forecast'): string[] {
  return list.map((o) => `Left out of the ${where}: ${notViableText(o)}`);
}

/** What a report says about one option: why it is not viable, and its warnings. */
export interface OptionFacts {
  name: string;
  /** Absent from break-even reports saved before it was added: then taken as viable. */
  viable?: boolean;
  not_viable_because?: string[];
  warnings?: string[];
  /** An API option's peak against its provider's rate-limit tiers: a note of its own when it needs more than tier 1. */
  rate_limit?: ApiOptionReport['rate_limit'];
}

/** What is said of an option beside it: its warnings, and its rate-limit tier when that needs planning. */
function noteLines(o: OptionFacts): string[] {
  const limits = rateLimitText(o);
  return [...(o.warnings ?? []), ...(limits ? [limits] : [])];
}

/** The options with something to say (not viable, or warned about), numbered in report order. */
export function notViableNumbers(r: { options: OptionFacts[] }): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const o of r.options) if (o.viable === false || noteLines(o).length > 0) numbers.set(o.name, numbers.size + 1);
  return numbers;
}

/** One numbered note per such option: "[1] cpu-vps is not viable: ...", then its warnings. */
export function optionNoteGroups(r: { options: OptionFacts[] }): { mark: number; option: string; lines: string[] }[] {
  const numbers = notViableNumbers(r);
  return r.options.flatMap((o) => {
    const mark = numbers.get(o.name);
    if (mark === undefined) return [];
    const warnings = noteLines(o);
    const lines = o.viable !== false ? warnings.map((w, i) => (i === 0 ? `${o.name}: ${w}` : w)) : [notViableText({ option: o.name, not_viable_because: o.not_viable_because ?? [] }), ...warnings];
    return [{ mark, option: o.name, lines }];
  });
}

export function tokensCell(o: ApiOptionReport): string {
  const t = o.tokens_per_request;
  const cached = t.cached_input > 0 ? ` +${formatTokens(t.cached_input)} cached` : '';
  const reasoning = t.reasoning > 0 ? ` +${formatTokens(t.reasoning)} reasoning` : '';
  return `${formatTokens(t.input + t.cache_write)}${cached} in / ${formatTokens(t.output)}${reasoning} out`;
}

const LIMIT_WORDS: Record<RateLimitKind, string> = { rpm: 'requests/min', tpm: 'tokens/min', itpm: 'uncached input tokens/min', input_tpm: 'input tokens/min', otpm: 'output tokens/min' };

/** One line on an API option's peak against its model's published rate-limit tiers; none without a table. */
export function rateLimitText(o: Pick<ApiOptionReport, 'rate_limit'>): string | undefined {
  const rl = o.rate_limit;
  if (!rl || rl.binding_limit === null || rl.binding_share === null) return undefined;
  // The lowest tier carries it: nothing to plan for (the JSON still has the figures).
  if (rl.min_tier !== null && rl.min_tier <= 1) return undefined;
  const peaks: Record<RateLimitKind, number> = {
    rpm: rl.peak_requests_per_minute, tpm: rl.peak_tokens_per_minute, itpm: rl.peak_input_tokens_per_minute,
    input_tpm: rl.peak_prompt_tokens_per_minute, otpm: rl.peak_output_tokens_per_minute,
  };
  const kind = rl.binding_limit;
  const peak = `peak ${formatRate(rl.peak_requests_per_minute)} requests/min${kind === 'rpm' ? '' : `, ${formatTokens(peaks[kind])} ${LIMIT_WORDS[kind]}`}`;
  const binding = `${LIMIT_WORDS[kind]} at ${formatShare(rl.binding_share)} of its limit`;
  const named = rl.min_tier_name !== null && rl.min_tier_name !== `Tier ${rl.min_tier}`;
  if (rl.min_tier !== null) return `${peak}: needs ${named ? `the ${rl.min_tier_name} rate-limit tier (tier ${rl.min_tier})` : `rate-limit Tier ${rl.min_tier}`} or higher (${binding})`;
  return `${peak}: exceeds the highest published rate-limit tier (tier ${rl.highest_tier}, ${binding}): needs a negotiated limit or ${formatCount(rl.keys_needed ?? 0)} projects/keys`;
}

/** The notes about the report as a whole; each option's own are numbered under the table (optionNoteGroups). */
export function optionNotes(r: EstimateReport): string[] {
  const lines: string[] = r.prompt_files.map((p) => `${p.path}: ${formatCount(p.tokens)} tokens counted in ${p.file} (${p.encoding}${p.estimate ? ', an estimate' : ''})`);
  return [...lines, ...r.warnings];
}

export function money(r: EstimateReport, amount: number | null): string {
  return amount === null ? '-' : formatMoney(amount, r.currency);
}

export function isCosted(o: OptionReport): o is CostedOptionReport {
  return o.monthly_cost !== null;
}
