// A scenario's inputs as a flat list of YAML key paths and values, as it is costed: defaults
// filled in, prompt files counted in tokens, ranges by their mean. Two versions of a scenario are
// compared on these (check against a baseline), so a change of wording that costs the same is no
// change, and a default or a prompt file that moved is one. Pure.

import type { ScenarioInput } from '../report.js';
import type { ApiModelRef, HardwareRef, ModelArchRef, OptionSpec, Scenario, Workload } from './types.js';

/** Field names whose YAML key is not their snake_case spelling. */
const YAML_KEY: Record<string, string> = {
  systemPromptTokens: 'system_prompt',
  inputTokens: 'input',
  outputTokens: 'output',
  reasoningTokens: 'reasoning',
  toolSchemaTokens: 'tool_schema',
  toolResultTokens: 'tool_result',
  contextTokens: 'context',
  slidingWindowTokens: 'sliding_window',
  tiedEmbeddings: 'tie_word_embeddings',
  memoryBandwidthGbPerSecond: 'memory_bandwidth_gb_s',
  inputPerMtok: 'input',
  outputPerMtok: 'output',
  cachedInputPerMtok: 'cached_input',
  cacheWritePerMtok: 'cache_write',
  perRequestFee: 'per_request',
  aboveTokens: 'above',
};

/** Bookkeeping, not inputs: where a value was written, which catalogue layer, its dates. */
const NOT_INPUTS = new Set(['location', 'layer', 'source', 'asOf', 'kvTypeSet']);

type Value = ScenarioInput['value'];

/** Every input of the scenario, in the order of the format (traffic, workload, options, budget). */
export function scenarioInputs(scenario: Scenario): ScenarioInput[] {
  const out: ScenarioInput[] = [];
  const put = (path: string, value: Value | undefined) => {
    if (value !== undefined) out.push({ path, value });
  };
  /** The plain fields of an object, each at its YAML key under `path`. */
  const fields = (value: object, path: string, skip: readonly string[] = []) => {
    for (const [field, v] of Object.entries(value) as [string, unknown][]) {
      if (v === undefined || v === null || NOT_INPUTS.has(field) || skip.includes(field)) continue;
      const at = `${path}.${YAML_KEY[field] ?? snake(field)}`;
      if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') put(at, v);
      else if (Array.isArray(v)) v.forEach((item: unknown, i) => (typeof item === 'object' && item !== null ? fields(item, `${at}[${i}]`) : put(`${at}[${i}]`, item as Value)));
      else if (typeof v === 'object') fields(v, at);
    }
  };
  const apiModel = (ref: ApiModelRef, path: string) => (ref.kind === 'catalogue' ? put(path, ref.id) : fields(ref.model, path));
  const archModel = (ref: ModelArchRef | undefined, path: string) => (ref === undefined ? undefined : ref.kind === 'catalogue' ? put(path, ref.id) : fields(ref.model, path, ['id']));
  const hardware = (ref: HardwareRef, path: string) => (ref.kind === 'catalogue' ? put(path, ref.id) : fields(ref.hardware, path));

  put('currency', scenario.currency);
  put('max_seconds_per_reply', scenario.maxSecondsPerReply);
  fields(scenario.traffic, 'traffic');
  workloadInputs(scenario.workload, put, fields, apiModel);
  scenario.options.forEach((option, i) => optionInputs(option, `options[${i}]`, put, fields, apiModel, archModel, hardware));
  const b = scenario.budget;
  if (b) {
    const amount = (key: 'monthly' | 'per_request' | 'per_session' | 'per_user', value: number | undefined) => {
      const currency = b.currencies?.[key];
      put(`budget.${key}`, value === undefined || currency === undefined ? value : `${value} ${currency}`);
    };
    amount('monthly', b.monthly);
    amount('per_request', b.perRequest);
    amount('per_session', b.perSession);
    amount('per_user', b.perUser);
    put('budget.option', b.option);
    put('budget.warn_at', b.warnAt);
  }
  // A token count read from a prompt file says which file.
  for (const p of scenario.promptFiles ?? []) {
    const input = out.find((i) => i.path === p.path);
    if (input) input.file = p.file;
  }
  return out;
}

type Put = (path: string, value: Value | undefined) => void;
type Fields = (value: object, path: string, skip?: readonly string[]) => void;

function workloadInputs(w: Workload, put: Put, fields: Fields, apiModel: (ref: ApiModelRef, path: string) => void): void {
  put('workload.kind', w.kind);
  if (w.kind === 'chat') {
    fields(w, 'workload', ['kind', 'history']);
    put('workload.history', w.history.kind === 'last' ? `{last: ${w.history.exchanges}}` : w.history.kind);
  } else if (w.kind === 'rag') {
    fields(w, 'workload', ['kind', 'chunks', 'tokensPerChunk', 'embedding']);
    put('workload.retrieved.chunks', w.chunks);
    put('workload.retrieved.tokens_per_chunk', w.tokensPerChunk);
    if (w.embedding) {
      apiModel(w.embedding.model, 'workload.embedding.model');
      fields(w.embedding, 'workload.embedding', ['model']);
    }
  } else {
    fields(w, 'workload', ['kind']);
  }
}

function optionInputs(
  option: OptionSpec,
  path: string,
  put: Put,
  fields: Fields,
  apiModel: (ref: ApiModelRef, path: string) => void,
  archModel: (ref: ModelArchRef | undefined, path: string) => void,
  hardware: (ref: HardwareRef, path: string) => void,
): void {
  // The option's name pairs its costs before and after; the changes name it only when nothing else in it changed.
  put(`${path}.name`, option.name);
  if (option.kind === 'api') {
    apiModel(option.model, `${path}.api`);
    put(`${path}.batch`, option.batch);
    put(`${path}.cache_hit`, option.cacheHit);
    return;
  }
  const p = `${path}.${option.kind}`;
  archModel(option.model, `${p}.model`);
  hardware(option.hardware, `${p}.hardware`);
  if (option.memoryFraction) put(`${p}.${option.memoryFraction.key}`, option.memoryFraction.value);
  if (option.kind === 'self_host' && option.fallback) {
    put(`${path}.fallback.share`, option.fallback.share);
    apiModel(option.fallback.api, `${path}.fallback.api`);
  }
  fields(option, p, ['kind', 'name', 'model', 'hardware', 'memoryFraction', 'fallback']);
}

/** `tokensPerSecond` -> `tokens_per_second`; `fp16Tflops` -> `fp16_tflops`. */
function snake(field: string): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}
