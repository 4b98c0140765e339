// JSON Schemas (draft-07) of scenario files and catalogue files, for editors (yaml-language-server)
// and for other tools. Built from the key lists the parsers read mappings with, so that the two
// cannot drift: each object below is typed Record<key of the parser's list, schema>, so a key
// added to a parser list and missing here (or here and not there) does not compile, and
// test/schema.test.ts asks the parsers themselves which keys they accept at every place.
// The schema says what may be written; the parser still checks what only it can (cross-key rules,
// names in the catalogue, ranges such as min <= mode <= max). Pure: no I/O.

import { HARDWARE_FAMILIES } from '../catalogue/types.js';
import { SHAPE_KEYS } from '../catalogue/model-shape.js';
import * as pricing from '../catalogue/pricing-file.js';
import * as apiRules from '../catalogue/api-rules-file.js';
import * as selfhost from '../catalogue/selfhost-file.js';
import {
  ATTENTION_KINDS, DEPLOYMENT_KEYS, FALLBACK_KEYS, INLINE_HARDWARE_KEYS, INLINE_MODEL_KEYS, OWNED_KEYS, SELF_HOST_KEYS, SERVERLESS_KEYS, SPLITS,
} from '../scenario/parse-deployment.js';
import {
  ALL_WORKLOAD_KEYS, BUDGET_KEYS, EMBEDDING_KEYS, HISTORY_KEYS, HISTORY_WORDS, INLINE_API_KEYS, KIND_KEYS, OPTION_KEYS, OPTION_KINDS, RETRIEVED_KEYS, TIER_KEYS, TOP_KEYS,
  TRAFFIC_KEYS, WORKLOAD_KINDS,
} from '../scenario/parse.js';
import { PROMPT_FILE_KEYS, RANGE_KEYS, type NumberKind } from '../scenario/reader.js';
import { MEMORY_FRACTION_KEYS, SERVICE_TIERS } from '../scenario/types.js';

export type Schema = { [key: string]: unknown };

/** The files in schema/ of the package. */
export const SCHEMA_FILES = { scenario: 'scenario.schema.json', catalogue: 'catalogue.schema.json' } as const;

// ---- the forms a value may take (src/scenario/reader.ts) ----

// parseNumberText: 1000, 1_000, 1,000, .5, 1e6, each with an optional k / M / B / G suffix.
const DIGITS = '[+-]?(?:[0-9][0-9_,]*\\.?[0-9]*|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?';
const SUFFIX = '[kKmMbBgG]';
const numberText = (percent: boolean) => `\\s*${DIGITS}\\s*(?:${SUFFIX}${percent ? '|%' : ''})?\\s*`;
const PERCENT_KINDS: ReadonlySet<NumberKind> = new Set(['share', 'growth']);

const WORDS: Record<NumberKind, string> = {
  count: 'a count of at least 0 (12k and 1.5M are read too)',
  traffic: 'a number above 0 (12k and 1.5M are read too)',
  tokens: 'a number of tokens of at least 0 (12k is read too)',
  share: 'a share from 0 to 1, or a percentage such as 8%',
  growth: 'a monthly growth above -100%, such as 8% or -5%',
  money: 'an amount of at least 0',
  positive: 'a number above 0',
  integer: 'a whole number of at least 0',
};

/** A number of a kind, as a YAML number or as text the parser reads (12k, 8%). */
function plain(kind: NumberKind): Schema {
  const bounds: Schema =
    kind === 'share' ? { minimum: 0, maximum: 1 }
    : kind === 'growth' ? { exclusiveMinimum: -1 }
    : kind === 'positive' || kind === 'traffic' ? { exclusiveMinimum: 0 }
    : { minimum: 0 };
  return { description: WORDS[kind], anyOf: [{ type: kind === 'integer' ? 'integer' : 'number', ...bounds }, { type: 'string', pattern: `^${numberText(PERCENT_KINDS.has(kind))}$` }] };
}

/**
 * A number, or a range: low..high (two dots: the parser refuses 400...900), or {min, mode, max}
 * (mode optional). The mean is used; simulate samples it.
 */
function rangedDefinition(kind: NumberKind): Schema {
  const end = numberText(PERCENT_KINDS.has(kind));
  const one = ref(kind);
  return {
    description: `${WORDS[kind]}; or a range low..high (400..900) or {min, mode, max}`,
    anyOf: [one, { type: 'string', pattern: `^(?!.*\\.\\.\\.)${end}\\.\\.${end}$` }, object(RANGE_KEYS, { min: one, mode: one, max: one }, ['min', 'max'])],
  };
}

const KINDS: readonly NumberKind[] = ['count', 'traffic', 'tokens', 'share', 'growth', 'money', 'positive', 'integer'];
const ref = (name: string): Schema => ({ $ref: `#/definitions/${name}` });
/** A reference with its own description (draft-07 ignores keywords beside $ref, so it goes through allOf). */
const described = (name: string, description?: string): Schema => (description ? { description, allOf: [ref(name)] } : ref(name));

/** The number forms, each defined once in the schema's definitions. */
function numberDefinitions(): Schema {
  const out: Schema = {};
  for (const kind of KINDS) out[kind] = plain(kind);
  for (const kind of KINDS) out[`${kind}_or_range`] = rangedDefinition(kind);
  const file = object(PROMPT_FILE_KEYS, { file: { type: 'string', description: 'a prompt file, relative to the scenario file' } }, ['file']);
  out.tokens_or_file = { description: `${WORDS.tokens}; or a range low..high or {min, mode, max}; or a prompt file {file: path}, whose tokens are counted`, anyOf: [ref('tokens_or_range'), file] };
  return out;
}

/** A plain number of a kind. */
export const num = (kind: NumberKind, description?: string): Schema => described(kind, description);
/**
 * A budget limit: an amount, or an amount with its currency ($40, 40 USD, €35, EUR 35), as
 * src/scenario/money.ts reads it.
 */
const budgetMoney: Schema = {
  description: 'an amount above 0, or one with its currency: $40, 40 USD, €35, EUR 35',
  anyOf: [ref('money'), { type: 'string', pattern: '^\\s*([$€£]\\s*[0-9][^\\s]*|[0-9][^\\s$€£]*\\s*[$€£]|[0-9][^\\sA-Za-z]*\\s+[A-Za-z]{3}|[A-Za-z]{3}\\s+[0-9][^\\s]*)\\s*$' }],
};

/** A number of a kind or a range of them. */
const ranged = (kind: NumberKind, description?: string): Schema => described(`${kind}_or_range`, description);
/** Tokens: a number, a range, or the tokens of a prompt file {file: path} (counted when read). */
const tokens = (description: string): Schema => described('tokens_or_file', description);

/** Text; a YAML number is taken as its text too (name: 2024). */
const text = (description?: string): Schema => ({ ...(description ? { description } : {}), type: ['string', 'number'] });
const oneOf = (values: readonly string[], description?: string): Schema => ({ ...(description ? { description } : {}), enum: [...values] });
const bool = (description?: string): Schema => ({ ...(description ? { description } : {}), type: 'boolean' });
const date = (description = 'the date the figure was read, YYYY-MM-DD'): Schema => ({ description, type: 'string', pattern: '^[0-9]{4}-[0-9]{2}-[0-9]{2}$' });
const url = (description = 'the URL the figure was read from'): Schema => ({ description, type: 'string', pattern: '^https?://' });
const list = (items: Schema, description?: string): Schema => ({ ...(description ? { description } : {}), type: 'array', items });

/** A mapping of exactly the parser's keys: one schema per key of the list, no other key allowed. */
export function object<K extends string>(keys: readonly K[], properties: { [P in K]: Schema }, required: readonly K[] = [], description?: string): Schema {
  const ordered = Object.fromEntries(keys.map((k) => [k, properties[k]]));
  return { ...(description ? { description } : {}), type: 'object', properties: ordered, ...(required.length ? { required: [...required] } : {}), additionalProperties: false };
}

/** A mapping whose keys are names (providers, currency codes, hardware classes). */
const mapOf = (values: Schema, description?: string, propertyNames?: Schema): Schema => ({
  ...(description ? { description } : {}), type: 'object', ...(propertyNames ? { propertyNames } : {}), additionalProperties: values,
});

// ---- scenario files (src/scenario/parse.ts, parse-deployment.ts) ----

const HARDWARE_CLASSES = selfhost.HARDWARE_CLASSES;

const tierPrice = (what: string) => num('money', `${what}, per 1M tokens, above the tier's prompt size`);
const INLINE_API_PROPS = {
  name: text('the model name shown in reports'),
  input: num('money', 'price per 1M input tokens'),
  output: num('money', 'price per 1M output tokens'),
  cached_input: num('money', 'price per 1M cached input tokens'),
  cache_write: num('money', 'price per 1M tokens written to the cache'),
  per_request: num('money', 'a fee per request'),
  batch_discount: num('share', 'the discount of the batch API, a share'),
  context_window: num('positive', 'the most tokens a request may hold'),
  tiers: list(object(TIER_KEYS, {
    above: num('tokens', 'prompt tokens above which this tier applies'),
    input: tierPrice('input'), output: tierPrice('output'), cached_input: tierPrice('cached input'), cache_write: tierPrice('cache write'),
  }, ['above']), 'prices for long prompts'),
} satisfies { [P in (typeof INLINE_API_KEYS)[number]]: Schema };

const apiModel = (description: string): Schema => ({
  description,
  anyOf: [{ type: 'string', description: 'a catalogue model id, e.g. openai/gpt-4o-mini' }, object(INLINE_API_KEYS, INLINE_API_PROPS, ['name', 'input', 'output'], 'an inline model')],
});

const count = num('positive');
const SHAPE_PROPS = {
  vocab_size: count, tie_word_embeddings: bool(), intermediate_size: count, moe_intermediate_size: count,
  shared_expert_intermediate_size: num('integer'), dense_layers: num('integer'), native_expert_format: oneOf(['MXFP4']),
} satisfies { [P in (typeof SHAPE_KEYS)[number]]: Schema };

const ARCH_PROPS = {
  params: num('positive', 'parameters, e.g. 8B'), active_params: num('positive', 'parameters used per token (mixture of experts)'), layers: count,
  hidden_size: count, heads: count, kv_heads: count, head_dim: count, context: num('positive', 'the context length in tokens'),
  attention: oneOf(ATTENTION_KINDS), sliding_window: count, sliding_layers: num('integer'), kv_lora_rank: count, qk_rope_head_dim: count, experts: count,
  experts_per_token: count, ...SHAPE_PROPS,
};

const inlineModel = object(INLINE_MODEL_KEYS, { name: text(), ...ARCH_PROPS }, ['params', 'layers', 'kv_heads', 'head_dim'], 'an inline model architecture');

const rangedMoney = (d?: string) => ranged('money', d);
const inlineHardware = object(INLINE_HARDWARE_KEYS, {
  name: text(), spec: text('a hardware id of the catalogue whose figures this one starts from'), class: oneOf(HARDWARE_CLASSES),
  memory_gib: ranged('positive'), memory_bandwidth_gb_s: ranged('positive'), fp16_tflops: ranged('positive'), watts: ranged('positive'),
  monthly: rangedMoney('rent per month'), hourly: rangedMoney('rent per hour'), per_second: rangedMoney('serverless price per second'),
  price: rangedMoney('purchase price (with owned:)'), billing_increment_seconds: ranged('positive'), count: num('positive', 'devices in one instance'),
}, [], 'inline hardware');

const DEPLOYMENT_PROPS = {
  model: { description: 'the model architecture', anyOf: [{ type: 'string', description: 'a catalogue model, e.g. llama-3.1-8b' }, inlineModel] },
  quant: text('the weight quantisation, e.g. fp8 or q4_k_m'), kv_type: text('the KV cache type, e.g. f16 or fp8'), engine: text('the serving engine, e.g. vllm'),
  split: oneOf(SPLITS), hardware: { description: 'an offer id, or inline hardware', anyOf: [{ type: 'string' }, inlineHardware] },
  tokens_per_second: ranged('positive', 'a measured decode speed of one stream, tokens/s'), prefill_tokens_per_second: ranged('positive', 'a measured prefill speed, tokens/s'),
  context: num('tokens', 'the context the engine is started with'),
} satisfies { [P in (typeof DEPLOYMENT_KEYS)[number]]: Schema };

const MEMORY_SHARE = num('share', "the share of GPU memory the engine may fill (one engine's flag)");
const selfHost = object(SELF_HOST_KEYS, {
  ...DEPLOYMENT_PROPS,
  ...(Object.fromEntries(MEMORY_FRACTION_KEYS.map((k) => [k, MEMORY_SHARE])) as Record<(typeof MEMORY_FRACTION_KEYS)[number], Schema>),
  min_tokens_per_second: ranged('positive', 'the slowest acceptable decode speed per stream'),
  max_seconds_per_reply: num('positive', 'the longest acceptable reply at peak, seconds'),
  target_utilisation: ranged('share', 'how busy the peak may keep the instances'),
  instances: num('integer', 'a fixed number of instances (at least 1)'),
  owned: object(OWNED_KEYS, {
    amortisation_months: ranged('positive'), electricity_per_kwh: rangedMoney('price of 1 kWh'), pue: ranged('positive', 'power usage effectiveness, at least 1'),
    hosting_monthly: rangedMoney(), power_load: ranged('share'),
  }, ['electricity_per_kwh'], 'bought hardware'),
  ops_hours: ranged('count', 'hours of operations work a month'), ops_rate: rangedMoney('money per hour of operations work'),
  fixed_monthly: rangedMoney('other fixed costs a month'),
}, ['hardware'], 'a self-hosted deployment');

const serverless = object(SERVERLESS_KEYS, {
  ...DEPLOYMENT_PROPS,
  max_seconds_per_reply: num('positive', 'the longest acceptable reply, seconds'), seconds_per_request: ranged('positive', 'measured billed seconds per request'),
  cold_starts_per_day: ranged('count'), cold_start_seconds: ranged('count'),
}, ['hardware'], 'a serverless GPU deployment');

const option = object(OPTION_KEYS, {
  api: apiModel('a per-token API model'), self_host: selfHost, serverless, name: text('the name shown in reports'),
  batch: bool('use the batch API (api options)'), service_tier: oneOf(SERVICE_TIERS, 'a synchronous service tier other than standard (api options)'), cache_hit: ranged('share', 'share of the prompt read from the cache (api options)'),
  fallback: object(FALLBACK_KEYS, { share: ranged('share', 'share of requests sent to the API'), api: apiModel('the API model') }, ['share', 'api'], 'a hybrid: part of the requests to an API (self_host options)'),
}, [], 'one way of serving the feature: exactly one of api, self_host or serverless');
// The rules across keys that readOption enforces.
option.oneOf = OPTION_KINDS.map((kind) => ({ required: [kind] }));
option.allOf = [
  { if: { required: ['batch'] }, then: { required: ['api'] } },
  { if: { required: ['service_tier'] }, then: { required: ['api'], not: { required: ['batch'] } } },
  { if: { required: ['cache_hit'] }, then: { required: ['api'] } },
  { if: { required: ['fallback'] }, then: { required: ['self_host'] } },
];

const workload = object(ALL_WORKLOAD_KEYS, {
  kind: oneOf(WORKLOAD_KINDS),
  system_prompt: tokens('tokens of the system prompt'), input: tokens('tokens of the user input per request'), output: tokens('tokens of a reply'),
  reasoning: tokens('reasoning tokens per reply'), cache_hit: ranged('share', 'share of the prompt read from the cache'),
  history: { description: 'chat: how much of the conversation each request resends', anyOf: [oneOf(HISTORY_WORDS), object(HISTORY_KEYS, { last: num('integer', 'the last N exchanges') }, ['last'])] },
  retrieved: object(RETRIEVED_KEYS, { chunks: ranged('count'), tokens_per_chunk: ranged('tokens') }, ['chunks', 'tokens_per_chunk'], 'rag: chunks added to each prompt'),
  embedding: object(EMBEDDING_KEYS, {
    model: apiModel('the embedding model'), query_tokens: ranged('tokens'), corpus_tokens: ranged('tokens'), reindex_per_month: ranged('count'),
  }, ['model'], 'rag: embedding the queries and the corpus'),
  rounds: ranged('positive', 'agent: model calls per task'), tool_schema: ranged('tokens'), tool_result: ranged('tokens'), input_per_round: ranged('tokens'),
  context_limit: ranged('positive'), retry_rate: ranged('share'),
}, ['kind'], 'what one request sends and receives; chat keys, rag keys and agent keys each belong to their kind');
// readWorkload: a kind's own keys only with that kind, and the keys each kind needs.
const NEEDED: Record<(typeof WORKLOAD_KINDS)[number], string[]> = { chat: ['input', 'output'], rag: ['input', 'output', 'retrieved'], agent: ['rounds', 'output'] };
workload.allOf = WORKLOAD_KINDS.map((kind) => ({
  if: { properties: { kind: { const: kind } }, required: ['kind'] },
  then: { required: NEEDED[kind], propertyNames: { not: { enum: WORKLOAD_KINDS.filter((k) => k !== kind).flatMap((k) => [...KIND_KEYS[k]]) } } },
}));

export function scenarioSchema(): Schema {
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'llm-tco scenario',
    definitions: numberDefinitions(),
    ...object(TOP_KEYS, {
      name: text(), description: text(), currency: { description: 'a three-letter currency code, e.g. USD', type: 'string', pattern: '^[A-Za-z]{3}$' },
      max_seconds_per_reply: num('positive', 'the longest acceptable reply at peak, seconds'),
      traffic: {
        ...object(TRAFFIC_KEYS, {
          users: ranged('traffic', 'monthly active users'), sessions_per_user: ranged('traffic'), requests_per_session: ranged('positive'),
          requests_per_month: ranged('traffic'), peak_factor: ranged('positive', 'peak over average traffic, at least 1'), growth: ranged('growth'),
        }),
        // readTraffic: users or requests_per_month, not both; sessions_per_user only with users.
        oneOf: [{ required: ['users'], not: { required: ['requests_per_month'] } }, { required: ['requests_per_month'], not: { anyOf: [{ required: ['users'] }, { required: ['sessions_per_user'] }] } }],
      },
      workload,
      options: list(option, 'the ways of serving the feature to compare'),
      budget: {
        ...object(BUDGET_KEYS, {
          monthly: budgetMoney, per_request: budgetMoney, per_session: budgetMoney, per_user: budgetMoney,
          max_tier: { type: 'integer', minimum: 1, description: 'the highest rate-limit tier the API option may need at peak (1 = the lowest paid tier)' },
          option: text("the option the budget applies to, or 'cheapest'"), warn_at: num('share', 'warn from this share of the budget'),
        }),
        // readBudget: at least one limit.
        anyOf: [{ required: ['monthly'] }, { required: ['per_request'] }, { required: ['per_session'] }, { required: ['per_user'] }],
      },
    }, ['traffic', 'workload', 'options']),
  };
}

// ---- catalogue files (src/catalogue/pricing-file.ts, selfhost-file.ts) ----

const SOURCED_PROPS = { source: url(), as_of: date(), note: text() } satisfies { [P in (typeof selfhost.SOURCED)[number]]: Schema };
const SOURCED_REQUIRED = ['source', 'as_of'] as const;
const aliases = list({ type: ['string', 'number'] }, 'other names');
const FACTOR_KEYS = [...HARDWARE_CLASSES, ...HARDWARE_FAMILIES];
const factors = (kind: 'share' | 'money', description: string): Schema =>
  object(FACTOR_KEYS, Object.fromEntries(FACTOR_KEYS.map((k) => [k, num(kind)])) as Record<(typeof FACTOR_KEYS)[number], Schema>, [], `${description}, by hardware class or family`);

export function catalogueSchema(): Schema {
  const money = num('money');
  const positive = num('positive');
  return {
    $schema: 'http://json-schema.org/draft-07/schema#',
    title: 'llm-tco catalogue file (pricing/*.yaml, --pricing)',
    definitions: numberDefinitions(),
    ...object(pricing.TOP_KEYS, {
      models: list(object(pricing.MODEL_KEYS, { ...INLINE_API_PROPS, id: text('provider/model'), currency: text(), ...SOURCED_PROPS }, ['id', 'name', 'input', 'output', ...SOURCED_REQUIRED]), 'per-token API models'),
      providers: mapOf(object(pricing.PROVIDER_KEYS, { discount: num('share', 'the batch discount'), ...SOURCED_PROPS }, ['discount', ...SOURCED_REQUIRED]), 'batch discounts by provider'),
      base: oneOf(['USD'], 'rates are per 1 USD'), source: url(), as_of: date(), note: text(),
      rates: mapOf({ anyOf: [positive, object(pricing.RATE_KEYS, { rate: positive, ...SOURCED_PROPS }, ['rate', ...SOURCED_REQUIRED])] }, 'units of a currency per 1 USD', { pattern: '^[A-Z]{3}$' }),
      package: text('the npm package a snapshot comes from'), version: text('its version'),
      prompt_cache: list(object(apiRules.PROMPT_CACHE_KEYS, {
        models: list(text('a provider id or a provider/model id'), 'what the rule applies to'),
        min_tokens: num('integer', 'a shorter prefix is not cached'), step_tokens: num('integer', 'above the minimum, cached in whole steps of this many tokens'), ...SOURCED_PROPS,
      }, ['models', 'min_tokens', ...SOURCED_REQUIRED]), 'prompt-cache minimums'),
      rate_limits: list(object(apiRules.RATE_LIMIT_KEYS, {
        models: list(text('a provider/model id'), 'models sharing these limits'),
        tiers: list(object(apiRules.RATE_TIER_KEYS, {
          tier: num('integer', 'place in the ladder, 1 = the lowest paid tier'), name: text('the provider\'s name for the tier'),
          rpm: positive, tpm: positive, itpm: positive, input_tpm: positive, otpm: positive,
        }, ['tier']), 'lowest tier first'),
        ...SOURCED_PROPS,
      }, ['models', 'tiers', ...SOURCED_REQUIRED]), 'published rate-limit tiers per model'),
      service_tiers: list(object(apiRules.SERVICE_TIER_KEYS, {
        models: list(text('a provider id or a provider/model id'), 'what the price applies to'),
        tier: oneOf(apiRules.SERVICE_TIER_NAMES), discount: num('share', 'a share off the standard token prices'),
        input: money, output: money, cached_input: money, cache_write: money, ...SOURCED_PROPS,
      }, ['models', 'tier', ...SOURCED_REQUIRED]), 'prices of service tiers other than standard (flex, priority)'),
      architectures: list(object(selfhost.MODEL_KEYS, { id: text(), name: text(), ...ARCH_PROPS, ...SOURCED_PROPS },
        ['id', 'params', 'layers', 'hidden_size', 'heads', 'kv_heads', 'head_dim', 'context', 'attention', ...SOURCED_REQUIRED]), 'model architectures'),
      weights: list(object(selfhost.WEIGHT_KEYS, {
        id: text(), bits_per_weight: positive, format: text(), aliases, linear_bits_per_weight: positive, head_bits_per_weight: positive,
        quantises: oneOf(['linear', 'experts']), variable_bits: bool(), ...SOURCED_PROPS,
      }, ['id', 'bits_per_weight', ...SOURCED_REQUIRED]), 'weight quantisations'),
      kv_cache: list(object(selfhost.KV_KEYS, { id: text(), bytes_per_element: positive, aliases, ...SOURCED_PROPS }, ['id', 'bytes_per_element', ...SOURCED_REQUIRED]), 'KV cache types'),
      hardware: list(object(selfhost.HARDWARE_KEYS, {
        id: text(), name: text(), class: oneOf(selfhost.HARDWARE_CLASSES), family: oneOf(HARDWARE_FAMILIES), memory_gib: money, usable_memory_gib: positive,
        memory_bandwidth_gb_s: positive, fp16_tflops: positive, fp8_tflops: positive, fp4_tflops: positive, int8_tops: positive, interconnect_gb_s: positive, watts: positive, cores: positive, ...SOURCED_PROPS,
      }, ['id', 'class', 'memory_gib', 'memory_bandwidth_gb_s', ...SOURCED_REQUIRED]), 'devices'),
      offers: list(object(selfhost.OFFER_KEYS, {
        id: text(), name: text(), kind: oneOf(selfhost.OFFER_KINDS), hardware: text('a hardware id'), count: positive, memory_gib: positive, monthly: money, hourly: money,
        per_second: money, billing_increment_seconds: positive, cold_start_seconds: money, price: money, currency: text(), ...SOURCED_PROPS,
      }, ['id', 'kind', 'hardware', ...SOURCED_REQUIRED]), 'ways to rent or buy hardware'),
      engines: list(object(selfhost.ENGINE_KEYS, {
        id: text(), aliases, memory_overhead_gib: money, reserves_fraction: num('share'), memory_fraction_key: oneOf(MEMORY_FRACTION_KEYS),
        memory_fraction_of: oneOf(['total', 'free']), fp8_kv_with_fp8_weights: bool(),
        memory_model: object(selfhost.MEMORY_MODEL_KEYS, Object.fromEntries(selfhost.MEMORY_MODEL_KEYS.map((k) => [k, money])) as Record<(typeof selfhost.MEMORY_MODEL_KEYS)[number], Schema>, selfhost.MEMORY_MODEL_KEYS),
        decode_efficiency: factors('share', 'share of the memory-bound decode speed reached'), prefill_efficiency: factors('share', 'share of peak FLOPs reached in prefill'),
        step_overhead_ms: factors('money', 'fixed time per step, ms'), step_overhead_ms_per_sequence: factors('money', 'time per step and sequence, ms'),
        tensor_parallel_step_ms: factors('money', 'time per step for tensor-parallel communication, ms'),
        moe_tensor_parallel_step_ms: factors('money', 'time per step for tensor-parallel communication of mixture-of-experts models, ms'), moe_decode_efficiency: factors('share', 'decode efficiency of mixture-of-experts models'),
        quantised_prefill_factor: factors('money', 'prompt rate of weight-only quantised formats relative to 16-bit weights'),
        moe_prefill_efficiency: factors('share', 'share of the prompt rate a mixture-of-experts model keeps'),
        split: oneOf(SPLITS), cpu_prefill_gflops_per_core: { anyOf: [positive, factors('money', 'GFLOPS a core achieves on prompts')] },
        apple_prefill_flops_per_byte: { anyOf: [positive, factors('money', 'FLOPs per byte/s of bandwidth achieved on prompts')] }, ...SOURCED_PROPS,
      }, ['id', ...SOURCED_REQUIRED]), 'serving engines'),
    }),
  };
}

/** Every schema file, by name, as written to schema/. */
export function schemaFiles(): Record<string, Schema> {
  return { [SCHEMA_FILES.scenario]: scenarioSchema(), [SCHEMA_FILES.catalogue]: catalogueSchema() };
}

/** The text of a schema file: two-space JSON and a final newline. */
export const schemaText = (schema: Schema): string => `${JSON.stringify(schema, null, 2)}\n`;
