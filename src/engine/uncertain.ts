// Setting a scenario's number by its key path (traffic.users, workload.output,
// options[2].self_host.tokens_per_second ...): how ranges are sampled. Pure: returns a copy.

import type { Scenario } from '../scenario/types.js';

type Setter = (s: Scenario, value: number) => Scenario;

// Copy, then set: a computed key inside an object spread is several times slower, and this runs per sample.
const traffic = (field: keyof Scenario['traffic']): Setter => (s, v) => {
  const copy = { ...s.traffic };
  (copy as Record<string, unknown>)[field] = v;
  return { ...s, traffic: copy };
};
const workload = (field: string): Setter => (s, v) => {
  const copy = { ...s.workload };
  (copy as Record<string, unknown>)[field] = v;
  return { ...s, workload: copy };
};

const SETTERS: Record<string, Setter> = {
  'traffic.users': traffic('users'),
  'traffic.sessions_per_user': traffic('sessionsPerUser'),
  'traffic.requests_per_session': traffic('requestsPerSession'),
  'traffic.requests_per_month': traffic('requestsPerMonth'),
  'traffic.peak_factor': traffic('peakFactor'),
  'traffic.growth': traffic('growth'),
  'workload.system_prompt': workload('systemPromptTokens'),
  'workload.input': workload('inputTokens'),
  'workload.output': workload('outputTokens'),
  'workload.reasoning': workload('reasoningTokens'),
  'workload.cache_hit': workload('cacheHit'),
  'workload.retrieved.chunks': workload('chunks'),
  'workload.retrieved.tokens_per_chunk': workload('tokensPerChunk'),
  'workload.rounds': workload('rounds'),
  'workload.tool_schema': workload('toolSchemaTokens'),
  'workload.tool_result': workload('toolResultTokens'),
  'workload.input_per_round': workload('inputPerRound'),
  'workload.context_limit': workload('contextLimit'),
  'workload.retry_rate': workload('retryRate'),
};

const EMBEDDING: Record<string, string> = { query_tokens: 'queryTokens', corpus_tokens: 'corpusTokens', reindex_per_month: 'reindexPerMonth' };
const DEPLOYMENT: Record<string, string> = {
  tokens_per_second: 'tokensPerSecond', prefill_tokens_per_second: 'prefillTokensPerSecond', min_tokens_per_second: 'minTokensPerSecond',
  target_utilisation: 'targetUtilisation', ops_hours: 'opsHours', ops_rate: 'opsRate', fixed_monthly: 'fixedMonthly',
  seconds_per_request: 'secondsPerRequest', cold_starts_per_day: 'coldStartsPerDay', cold_start_seconds: 'coldStartSeconds',
};
const HARDWARE: Record<string, string> = { monthly: 'monthly', hourly: 'hourly', per_second: 'perSecond', price: 'price' };
const OWNED: Record<string, string> = { amortisation_months: 'amortisationMonths', electricity_per_kwh: 'electricityPerKwh', pue: 'pue', hosting_monthly: 'hostingMonthly', power_load: 'powerLoad' };

/** Whether a range on this path changes what an option runs on (its deployment must be resolved again). */
export function touchesDeployment(path: string): boolean {
  return /^options\[\d+\]\.(self_host|serverless)\.(hardware|owned)\./.test(path);
}

export function withValue(s: Scenario, path: string, value: number): Scenario {
  const direct = SETTERS[path];
  if (direct) return direct(s, value);
  const emb = /^workload\.embedding\.(\w+)$/.exec(path);
  if (emb && s.workload.kind === 'rag' && s.workload.embedding && EMBEDDING[emb[1]!]) {
    return { ...s, workload: { ...s.workload, embedding: { ...s.workload.embedding, [EMBEDDING[emb[1]!]!]: value } } };
  }
  const option = /^options\[(\d+)\]\.(.+)$/.exec(path);
  if (option) {
    const i = Number(option[1]);
    const rest = option[2]!;
    const options = [...s.options];
    const o = options[i];
    if (!o) throw new Error(`withValue: no option ${i}`);
    let m: RegExpExecArray | null;
    if (rest === 'cache_hit' && o.kind === 'api') options[i] = { ...o, cacheHit: value };
    else if (rest === 'fallback.share' && o.kind === 'self_host' && o.fallback) options[i] = { ...o, fallback: { ...o.fallback, share: value } };
    else if ((m = /^(?:self_host|serverless)\.(\w+)$/.exec(rest)) && o.kind !== 'api' && DEPLOYMENT[m[1]!]) options[i] = { ...o, [DEPLOYMENT[m[1]!]!]: value } as typeof o;
    else if ((m = /^(?:self_host|serverless)\.hardware\.(\w+)$/.exec(rest)) && o.kind !== 'api' && o.hardware.kind === 'inline' && HARDWARE[m[1]!]) {
      options[i] = { ...o, hardware: { ...o.hardware, hardware: { ...o.hardware.hardware, [HARDWARE[m[1]!]!]: value } } } as typeof o;
    } else if ((m = /^self_host\.owned\.(\w+)$/.exec(rest)) && o.kind === 'self_host' && o.owned && OWNED[m[1]!]) {
      options[i] = { ...o, owned: { ...o.owned, [OWNED[m[1]!]!]: value } };
    } else throw new Error(`withValue: no setter for ${path}`);
    return { ...s, options };
  }
  throw new Error(`withValue: no setter for ${path}`);
}
