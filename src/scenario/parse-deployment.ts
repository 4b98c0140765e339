// The self_host and serverless options of a scenario: model, quantisation, engine, hardware and
// its price, and what is measured rather than estimated.

import { isMap, isScalar, type Node } from 'yaml';
import type { HardwareClass, ModelArchitecture } from '../catalogue/types.js';
import type { Location } from '../errors.js';
import { readApiModelRef } from './parse.js';
import type { Fields, Reader } from './reader.js';
import { MEMORY_FRACTION_KEYS, type Deployment, type HardwareRef, type InlineHardware, type MemoryFraction, type ModelArchRef, type Ownership, type SelfHostOption, type ServerlessOption } from './types.js';
import { groupDigits } from '../units.js';
import { readShape, SHAPE_KEYS } from '../catalogue/model-shape.js';

// The keys each mapping accepts; schema/scenario.schema.json is built from these (src/schema).
export const DEPLOYMENT_KEYS = ['model', 'quant', 'kv_type', 'engine', 'split', 'hardware', 'tokens_per_second', 'prefill_tokens_per_second', 'context'] as const;
export const SELF_HOST_KEYS = [...DEPLOYMENT_KEYS, ...MEMORY_FRACTION_KEYS, 'min_tokens_per_second', 'max_seconds_per_reply', 'target_utilisation', 'instances', 'owned', 'ops_hours',
  'ops_rate', 'fixed_monthly'] as const;
export const SERVERLESS_KEYS = [...DEPLOYMENT_KEYS, 'max_seconds_per_reply', 'seconds_per_request', 'cold_starts_per_day', 'cold_start_seconds'] as const;
export const INLINE_HARDWARE_KEYS = ['name', 'spec', 'class', 'memory_gib', 'memory_bandwidth_gb_s', 'fp16_tflops', 'watts', 'monthly', 'hourly', 'per_second',
  'price', 'billing_increment_seconds', 'count'] as const;
export const OWNED_KEYS = ['amortisation_months', 'electricity_per_kwh', 'pue', 'hosting_monthly', 'power_load'] as const;
export const INLINE_MODEL_KEYS = ['name', 'params', 'active_params', 'layers', 'hidden_size', 'heads', 'kv_heads', 'head_dim', 'context', 'attention',
  'sliding_window', 'sliding_layers', 'kv_lora_rank', 'qk_rope_head_dim', 'experts', 'experts_per_token', ...SHAPE_KEYS] as const;
export const FALLBACK_KEYS = ['share', 'api'] as const;
export const SPLITS = ['tensor', 'layer'] as const;
export const ATTENTION_KINDS = ['gqa', 'mla', 'sliding'] as const;
const CLASSES: readonly HardwareClass[] = ['datacenter-gpu', 'consumer-gpu', 'apple', 'cpu'];

/** Interactive streams should decode at least this fast by default (tokens/s): a quick reader's pace. */
export const DEFAULT_MIN_TOKENS_PER_SECOND = 10;
/**
 * A reply at peak (time to first token + the output at one stream's speed) should take at most
 * this long (seconds) unless the scenario says otherwise: past a minute a person waiting on it
 * has given up, and a request handler has usually timed out.
 */
export const DEFAULT_MAX_SECONDS_PER_REPLY = 60;
/** Instances are sized so that the peak keeps them this busy at most. */
export const DEFAULT_TARGET_UTILISATION = 0.7;
/** Owned hardware is written off over three years unless said otherwise. */
export const DEFAULT_AMORTISATION_MONTHS = 36;

export function readSelfHost(r: Reader, option: Fields, path: string, name: string | undefined, location: Location): SelfHostOption | undefined {
  const p = `${path}.self_host`;
  const f = r.map(option.get('self_host'), p, SELF_HOST_KEYS);
  if (!f) return undefined;
  const deployment = readDeployment(r, f, p, 'rent');
  const owned = f.has('owned') ? readOwned(r, f.get('owned')!, `${p}.owned`) : undefined;
  const opsHours = r.number(f.get('ops_hours'), `${p}.ops_hours`, 'count', { ranged: true }) ?? 0;
  const opsRate = r.number(f.get('ops_rate'), `${p}.ops_rate`, 'money', { ranged: true });
  // Only when ops_rate is absent: a refused ops_rate (negative, say) is already reported, once.
  if (opsHours > 0 && !f.has('ops_rate')) r.problem(f.get('ops_hours'), `${p}.ops_rate`, 'ops_hours needs ops_rate (money per hour of operations work)');
  let fallback: SelfHostOption['fallback'];
  const fallbackNode = option.get('fallback');
  if (fallbackNode !== undefined) {
    const fb = r.map(fallbackNode, `${path}.fallback`, FALLBACK_KEYS);
    const share = fb && r.number(r.need(fb, 'share', ' (share of requests sent to the API)'), `${path}.fallback.share`, 'share', { ranged: true });
    const api = fb && readApiModelRef(r, r.need(fb, 'api'), `${path}.fallback.api`);
    if (share !== undefined && api) fallback = { share, api };
  }
  const inline = deployment?.hardware.kind === 'inline' ? deployment.hardware.hardware : undefined;
  // A price key that is present but refused is reported at its key already: not also "needs a price".
  const written = (key: string) => hasKey(f.get('hardware'), key);
  if (inline && owned && !written('price')) r.problem(f.get('hardware'), `${p}.hardware.price`, 'owned hardware needs its purchase price (price)');
  if (inline && !owned && !f.has('owned') && !written('monthly') && !written('hourly')) {
    r.problem(f.get('hardware'), `${p}.hardware`, 'needs a price: monthly or hourly (rented), or price with owned: (bought)');
  }
  if (!deployment) return undefined;
  return {
    kind: 'self_host',
    ...deployment,
    name: name ?? `self-host ${describeDeployment(deployment)}${fallback ? ' + fallback' : ''}`,
    minTokensPerSecond: r.number(f.get('min_tokens_per_second'), `${p}.min_tokens_per_second`, 'positive', { ranged: true }) ?? DEFAULT_MIN_TOKENS_PER_SECOND,
    targetUtilisation: readTargetUtilisation(r, f.get('target_utilisation'), `${p}.target_utilisation`),
    // 0 instances serve nothing: the peak would keep them Infinity% busy.
    instances: r.number(f.get('instances'), `${p}.instances`, 'integer', { min: 1 }),
    owned,
    opsHours,
    opsRate: opsRate ?? 0,
    fixedMonthly: r.number(f.get('fixed_monthly'), `${p}.fixed_monthly`, 'money', { ranged: true }) ?? 0,
    fallback,
    location,
  };
}

/** The busiest an instance may be at peak: a share above 0 (at 0 no number of instances would do). */
function readTargetUtilisation(r: Reader, node: Node | undefined, path: string): number {
  const value = r.number(node, path, 'share', { ranged: true });
  if (value === undefined) return DEFAULT_TARGET_UTILISATION;
  if (value <= 0) {
    const written = isScalar(node) ? String(node.value) : 'a range whose mean is 0';
    r.problem(node, path, `must be greater than 0, got ${written}`, 'the busiest each instance may be at peak, e.g. 70%');
  }
  return value;
}

export function readServerless(r: Reader, option: Fields, path: string, name: string | undefined, location: Location): ServerlessOption | undefined {
  const p = `${path}.serverless`;
  const f = r.map(option.get('serverless'), p, SERVERLESS_KEYS);
  if (!f) return undefined;
  const deployment = readDeployment(r, f, p, 'serverless');
  if (deployment?.hardware.kind === 'inline' && !hasKey(f.get('hardware'), 'per_second')) {
    r.problem(f.get('hardware'), `${p}.hardware`, 'needs a per_second price');
  }
  if (!deployment) return undefined;
  return {
    kind: 'serverless',
    ...deployment,
    name: name ?? `serverless ${describeDeployment(deployment)}`,
    secondsPerRequest: r.number(f.get('seconds_per_request'), `${p}.seconds_per_request`, 'positive', { ranged: true }),
    coldStartsPerDay: r.number(f.get('cold_starts_per_day'), `${p}.cold_starts_per_day`, 'count', { ranged: true }) ?? 0,
    coldStartSeconds: r.number(f.get('cold_start_seconds'), `${p}.cold_start_seconds`, 'count', { ranged: true }),
    location,
  };
}

/** Whether a mapping node has the key, valid or not (an inline hardware's price, say): if not valid, it is reported at the key. */
function hasKey(node: Node | undefined, key: string): boolean {
  return isMap(node) && node.has(key);
}

function describeDeployment(d: Deployment): string {
  const model = d.model ? `${d.model.kind === 'catalogue' ? d.model.id : d.model.model.name}${d.quant ? ` ${d.quant}` : ''} on ` : '';
  const hardware = d.hardware.kind === 'catalogue' ? d.hardware.id : d.hardware.hardware.name;
  return `${model}${hardware}`;
}

function readDeployment(r: Reader, f: Fields, p: string, kind: 'rent' | 'serverless'): Deployment | undefined {
  const hardware = readHardware(r, r.need(f, 'hardware', kind === 'serverless' ? ': a serverless offer, or inline {name, per_second}' : ': an offer, or inline {name, monthly}'), `${p}.hardware`);
  const model = readModelArch(r, f.get('model'), `${p}.model`);
  const tokensPerSecond = r.number(f.get('tokens_per_second'), `${p}.tokens_per_second`, 'positive', { ranged: true });
  // A model or speed that is written but refused is reported at its key: not also "needs a model".
  if (!f.has('model') && !f.has('tokens_per_second') && !(kind === 'serverless' && f.has('seconds_per_request'))) {
    r.problem(f.node, `${p}.model`, kind === 'serverless'
      ? 'needs a model (to estimate speed), tokens_per_second or seconds_per_request (measured)'
      : 'needs a model (to estimate memory and speed) or a measured tokens_per_second');
  }
  if (model && !f.has('quant') && tokensPerSecond === undefined) r.problem(f.node, `${p}.quant`, 'needs the quantisation of the weights, e.g. Q4_K_M, fp8 or fp16');
  if (!hardware) return undefined;
  return {
    model,
    quant: r.string(f.get('quant'), `${p}.quant`),
    kvType: r.string(f.get('kv_type'), `${p}.kv_type`) ?? 'f16',
    kvTypeSet: f.has('kv_type'),
    engine: r.string(f.get('engine'), `${p}.engine`),
    split: r.string(f.get('split'), `${p}.split`, SPLITS) as Deployment['split'],
    memoryFraction: readMemoryFraction(r, f, p),
    hardware,
    tokensPerSecond,
    prefillTokensPerSecond: r.number(f.get('prefill_tokens_per_second'), `${p}.prefill_tokens_per_second`, 'positive', { ranged: true }),
    contextTokens: r.number(f.get('context'), `${p}.context`, 'tokens'),
    maxSecondsPerReply: r.number(f.get('max_seconds_per_reply'), `${p}.max_seconds_per_reply`, 'positive'),
  };
}

/** The engine's memory share, 0 < x <= 1, under its own key; one of them at most. */
function readMemoryFraction(r: Reader, f: Fields, p: string): MemoryFraction | undefined {
  const given = MEMORY_FRACTION_KEYS.filter((key) => f.has(key));
  if (given.length > 1) r.problem(f.get(given[1]!), `${p}.${given[1]}`, `give one memory share, not both ${given[0]} and ${given[1]}`, 'each belongs to one engine');
  const key = given[0];
  if (key === undefined) return undefined;
  const value = r.number(f.get(key), `${p}.${key}`, 'share');
  if (value === undefined) return undefined;
  if (value <= 0) {
    r.problem(f.get(key), `${p}.${key}`, `must be above 0 and at most 1, got ${value}`, 'the share of GPU memory the engine may fill, e.g. 0.9');
    return undefined;
  }
  return { key, value };
}

function readHardware(r: Reader, node: Node | undefined, path: string): HardwareRef | undefined {
  if (node === undefined) return undefined;
  const location = r.locate(node, path);
  if (isScalar(node)) {
    const id = r.string(node, path);
    return id === undefined ? undefined : { kind: 'catalogue', id, location };
  }
  const f = r.map(node, path, INLINE_HARDWARE_KEYS, 'an offer name, or inline hardware {name, monthly | hourly | price | per_second, ...}');
  if (!f) return undefined;
  const money = (key: string) => r.number(f.get(key), `${path}.${key}`, 'money', { ranged: true });
  const positive = (key: string) => r.number(f.get(key), `${path}.${key}`, 'positive', { ranged: true });
  const spec = r.string(f.get('spec'), `${path}.spec`);
  const hardware: InlineHardware = {
    name: r.string(f.get('name'), `${path}.name`) ?? spec ?? 'hardware',
    spec,
    class: r.string(f.get('class'), `${path}.class`, CLASSES) as HardwareClass | undefined,
    memoryGib: positive('memory_gib'),
    memoryBandwidthGbPerSecond: positive('memory_bandwidth_gb_s'),
    fp16Tflops: positive('fp16_tflops'),
    watts: positive('watts'),
    monthly: money('monthly'),
    hourly: money('hourly'),
    perSecond: money('per_second'),
    price: money('price'),
    billingIncrementSeconds: positive('billing_increment_seconds'),
    count: r.number(f.get('count'), `${path}.count`, 'positive') ?? 1,
  };
  return { kind: 'inline', hardware, location };
}

function readOwned(r: Reader, node: Node, path: string): Ownership | undefined {
  const f = r.map(node, path, OWNED_KEYS, 'owned: {electricity_per_kwh, amortisation_months, pue, hosting_monthly}');
  if (!f) return undefined;
  const electricity = r.number(r.need(f, 'electricity_per_kwh', ' (price of 1 kWh in the scenario currency)'), `${path}.electricity_per_kwh`, 'money', { ranged: true });
  if (electricity === undefined) return undefined;
  return {
    amortisationMonths: r.number(f.get('amortisation_months'), `${path}.amortisation_months`, 'positive', { ranged: true }) ?? DEFAULT_AMORTISATION_MONTHS,
    electricityPerKwh: electricity,
    pue: r.number(f.get('pue'), `${path}.pue`, 'positive', { ranged: true, min: 1 }) ?? 1,
    hostingMonthly: r.number(f.get('hosting_monthly'), `${path}.hosting_monthly`, 'money', { ranged: true }) ?? 0,
    powerLoad: r.number(f.get('power_load'), `${path}.power_load`, 'share', { ranged: true }),
  };
}

/** A catalogue architecture by name, or one described inline (a fine-tune the catalogue lacks). */
/** The smallest model llm-tco sizes: below it, a count was almost surely written without its unit. */
const FEWEST_PARAMS = 1e6;

/**
 * What no transformer has: a count of parameters without its unit (`params: 8.03` for 8.03B),
 * fractional layers, heads or context, more active than total parameters, more key/value heads than heads.
 */
function plausibleShape(r: Reader, f: Fields, path: string, m: { params: number; activeParams: number | undefined; layers: number; kvHeads: number; heads: number; headDim: number; context: number | undefined }): boolean {
  const before = r.problems.length;
  for (const key of ['params', 'active_params'] as const) {
    const value = key === 'params' ? m.params : m.activeParams;
    if (value !== undefined && value < FEWEST_PARAMS) r.problem(f.get(key), `${path}.${key}`, `${value} parameters is too few for a language model`, `write the unit: ${value}B for ${value} billion`);
  }
  for (const [key, value] of [['layers', m.layers], ['kv_heads', m.kvHeads], ['heads', m.heads], ['head_dim', m.headDim], ['context', m.context]] as const) {
    if (f.has(key) && value !== undefined && !Number.isInteger(value)) r.problem(f.get(key), `${path}.${key}`, `must be a whole number, got ${value}`);
  }
  const whole = (n: number) => groupDigits(Math.round(n), 0);
  if (m.activeParams !== undefined && m.activeParams > m.params) r.problem(f.get('active_params'), `${path}.active_params`, `${whole(m.activeParams)} active parameters is more than the model's ${whole(m.params)}`, 'active_params is the part a mixture of experts uses per token; params is the total');
  if (f.has('heads') && m.kvHeads > m.heads) r.problem(f.get('kv_heads'), `${path}.kv_heads`, `${m.kvHeads} key/value heads is more than the ${m.heads} attention heads`, 'each key/value head serves one or more attention heads');
  return r.problems.length === before;
}

export function readModelArch(r: Reader, node: Node | undefined, path: string): ModelArchRef | undefined {
  if (node === undefined) return undefined;
  const location = r.locate(node, path);
  if (isScalar(node)) {
    const id = r.string(node, path);
    return id === undefined ? undefined : { kind: 'catalogue', id, location };
  }
  const f = r.map(node, path, INLINE_MODEL_KEYS, 'a model name such as llama-3.1-8b, or inline {params, layers, kv_heads, head_dim}');
  if (!f) return undefined;
  const count = (key: string, required = false) => r.number(required ? r.need(f, key) : f.get(key), `${path}.${key}`, 'positive');
  const params = count('params', true);
  const layers = count('layers', true);
  const kvHeads = count('kv_heads', true);
  const headDim = count('head_dim', true);
  const attention = (r.string(f.get('attention'), `${path}.attention`, ATTENTION_KINDS) ?? 'gqa') as ModelArchitecture['attention'];
  if (params === undefined || layers === undefined || kvHeads === undefined || headDim === undefined) return undefined;
  const heads = count('heads') ?? kvHeads;
  if (!plausibleShape(r, f, path, { params, activeParams: count('active_params'), layers, kvHeads, heads, headDim, context: count('context') })) return undefined;
  const model: ModelArchitecture = {
    id: r.string(f.get('name'), `${path}.name`) ?? 'inline model',
    name: r.string(f.get('name'), `${path}.name`) ?? 'inline model',
    params,
    activeParams: count('active_params') ?? params,
    layers,
    hiddenSize: count('hidden_size') ?? heads * headDim,
    heads,
    kvHeads,
    headDim,
    contextTokens: count('context') ?? Infinity,
    attention,
    slidingWindowTokens: count('sliding_window'),
    slidingLayers: r.number(f.get('sliding_layers'), `${path}.sliding_layers`, 'integer'),
    kvLoraRank: count('kv_lora_rank'),
    qkRopeHeadDim: count('qk_rope_head_dim'),
    experts: count('experts'),
    expertsPerToken: count('experts_per_token'),
    ...readShape(r, f, path),
    source: 'scenario',
    asOf: '',
  };
  return { kind: 'inline', model, location };
}
