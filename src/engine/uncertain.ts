// Setting a scenario's number by its key path (traffic.users, workload.output,
// options[2].self_host.tokens_per_second ...): how ranges are sampled. Pure: returns a copy.

import type { ApiOption, HardwareRef, OptionSpec, RagWorkload, Scenario, SelfHostOption, ServerlessOption } from '../scenario/types.js';

export type Setter = (s: Scenario, value: number) => Scenario;

const traffic = (field: keyof Scenario['traffic']): Setter => (s, v) => ({ ...s, traffic: assign({ ...s.traffic }, field, v) });
const workload = (field: string): Setter => (s, v) => ({ ...s, workload: assign({ ...s.workload }, field, v) });

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
  return setterFor(s, path)(s, value);
}

/**
 * The setter of one path, looked up once for the scenario's shape (which option kinds, inline or
 * catalogue hardware, owned or rented): simulate resolves every range's path before its loop and
 * calls the setter per sample, on the sample, which has the same shape. Throws for a path that
 * names no number of this scenario.
 */
export function setterFor(s: Scenario, path: string): Setter {
  const direct = SETTERS[path];
  if (direct) return direct;
  const emb = /^workload\.embedding\.(\w+)$/.exec(path);
  if (emb && s.workload.kind === 'rag' && s.workload.embedding && EMBEDDING[emb[1]!]) return embedding(EMBEDDING[emb[1]!]!);
  const option = /^options\[(\d+)\]\.(.+)$/.exec(path);
  if (option) {
    const i = Number(option[1]);
    const rest = option[2]!;
    const o = s.options[i];
    if (!o) throw new Error(`withValue: no option ${i}`);
    let m: RegExpExecArray | null;
    if (rest === 'cache_hit' && o.kind === 'api') return inOption<ApiOption>(i, (o, v) => ({ ...o, cacheHit: v }));
    if (rest === 'fallback.share' && o.kind === 'self_host' && o.fallback) return inOption<SelfHostOption>(i, (o, v) => ({ ...o, fallback: { ...o.fallback!, share: v } }));
    if ((m = /^(?:self_host|serverless)\.(\w+)$/.exec(rest)) && o.kind !== 'api' && DEPLOYMENT[m[1]!]) {
      const field = DEPLOYMENT[m[1]!]!;
      return inOption<DeployedOption>(i, (o, v) => assign({ ...o }, field, v));
    }
    if ((m = /^(?:self_host|serverless)\.hardware\.(\w+)$/.exec(rest)) && o.kind !== 'api' && o.hardware.kind === 'inline' && HARDWARE[m[1]!]) {
      const field = HARDWARE[m[1]!]!;
      return inOption<DeployedOption & { hardware: InlineHardwareRef }>(i, (o, v) => ({ ...o, hardware: { ...o.hardware, hardware: assign({ ...o.hardware.hardware }, field, v) } }));
    }
    if ((m = /^self_host\.owned\.(\w+)$/.exec(rest)) && o.kind === 'self_host' && o.owned && OWNED[m[1]!]) {
      const field = OWNED[m[1]!]!;
      return inOption<SelfHostOption>(i, (o, v) => ({ ...o, owned: assign({ ...o.owned! }, field, v) }));
    }
  }
  throw new Error(`withValue: no setter for ${path}`);
}

type DeployedOption = SelfHostOption | ServerlessOption;
type InlineHardwareRef = Extract<HardwareRef, { kind: 'inline' }>;

/** Sets `field` of a fresh copy: a computed key inside an object spread is several times slower, and this runs per sample. */
function assign<T extends object>(copy: T, field: string, value: number): T {
  (copy as Record<string, unknown>)[field] = value;
  return copy;
}

const embedding = (field: string): Setter => (s, v) => {
  const w = s.workload as RagWorkload;
  return { ...s, workload: { ...w, embedding: assign({ ...w.embedding! }, field, v) } };
};

/** Option i of the scenario it is given, changed by `set` (the option's kind was checked when the setter was made). */
const inOption = <O extends OptionSpec>(i: number, set: (o: O, value: number) => O): Setter => (s, v) => {
  const options = [...s.options];
  options[i] = set(options[i] as O, v);
  return { ...s, options };
};
