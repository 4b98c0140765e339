// Sentences every human-readable format shares (table, markdown): what the numbers rest on.
// Words only; every figure comes from the report.

import type { ApiOptionReport, CostedOptionReport, EstimateReport, LatencyReport, NotViableOption, OptionReport, RateLimitKind } from '../report.js';
import { banded, formatCount, formatCountOf, formatFactor, formatMoney, formatRate, formatShare, formatTokens } from './numbers.js';

export function trafficLine(r: EstimateReport): string {
  const t = r.traffic;
  const who =
    t.users !== null
      ? `${formatCount(t.users)} users x ${formatCount(t.sessions_per_user ?? 0)} sessions x ${formatCount(t.requests_per_session)} requests`
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
  const fx = p.fx.map((f) => `1 ${f.from} = ${formatRate(f.rate)} ${f.to} (${f.as_of})`).join(', ');
  return fx ? `${age}; ${fx}` : age;
}

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

/** The options that are not viable, numbered in report order: [option name, note number]. */
export function notViableNumbers(r: EstimateReport): Map<string, number> {
  const numbers = new Map<string, number>();
  for (const o of r.options) if (!o.viable) numbers.set(o.name, numbers.size + 1);
  return numbers;
}

/** The numbered notes under an estimate's table (with none viable, the report's warnings say so). */
export function viabilityNotes(r: EstimateReport): string[] {
  const numbers = notViableNumbers(r);
  return r.options.filter((o) => !o.viable).map((o) => `[${numbers.get(o.name)}] ${notViableText({ option: o.name, not_viable_because: o.not_viable_because })}`);
}

export function tokensCell(o: ApiOptionReport): string {
  const t = o.tokens_per_request;
  const cached = t.cached_input > 0 ? ` +${formatTokens(t.cached_input)} cached` : '';
  const reasoning = t.reasoning > 0 ? ` +${formatTokens(t.reasoning)} reasoning` : '';
  return `${formatTokens(t.input + t.cache_write)}${cached} in / ${formatTokens(t.output)}${reasoning} out`;
}

const LIMIT_WORDS: Record<RateLimitKind, string> = { rpm: 'requests/min', tpm: 'tokens/min', itpm: 'uncached input tokens/min', input_tpm: 'input tokens/min', otpm: 'output tokens/min' };

/** One line on an API option's peak against its model's published rate-limit tiers; none without a table. */
export function rateLimitText(o: ApiOptionReport): string | undefined {
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

export function optionNotes(r: EstimateReport): string[] {
  const lines: string[] = r.prompt_files.map((p) => `${p.path}: ${formatCount(p.tokens)} tokens counted in ${p.file} (${p.encoding}${p.estimate ? ', an estimate' : ''})`);
  for (const o of r.options) {
    // An option that is not costed is not viable either: its reason is in the viability notes.
    if (o.monthly_cost === null) continue;
    for (const w of o.warnings) lines.push(`${o.name}: ${w}`);
    const limits = o.kind === 'api' ? rateLimitText(o) : undefined;
    if (limits) lines.push(`${o.name}: ${limits}`);
  }
  return [...lines, ...r.warnings];
}

export function money(r: EstimateReport, amount: number | null): string {
  return amount === null ? '-' : formatMoney(amount, r.currency);
}

export function isCosted(o: OptionReport): o is CostedOptionReport {
  return o.monthly_cost !== null;
}
