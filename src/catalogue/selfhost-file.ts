// Reads the self-hosting catalogue files (models, quants, hardware, offers, engines) with
// positions for every problem. Pure: text in, data out, UserError on any problem.

import { isMap, type Node } from 'yaml';
import { didYouMean, sortProblems, UserError } from '../errors.js';
import { parseYamlStrict } from '../scenario/parse.js';
import { refuseScenario } from './pricing-file.js';
import { Reader, type Fields } from '../scenario/reader.js';
import { MEMORY_FRACTION_KEYS } from '../scenario/types.js';
import { readShape, SHAPE_KEYS } from './model-shape.js';
import type {
  AttentionKind,
  ClassFactors,
  Engine,
  EngineMemoryModel,
  Hardware,
  HardwareClass,
  HardwareFamily,
  Layer,
  ModelArchitecture,
  Offer,
  OfferKind,
  SelfHostCatalogue,
  WeightQuant,
} from './types.js';
import { HARDWARE_FAMILIES } from './types.js';
export { HARDWARE_FAMILIES };

export type { SelfHostCatalogue };

export const EMPTY_SELF_HOST: SelfHostCatalogue = { models: [], weightQuants: [], kvCacheTypes: [], hardware: [], offers: [], engines: [] };

export const HARDWARE_CLASSES: readonly HardwareClass[] = ['datacenter-gpu', 'consumer-gpu', 'apple', 'cpu'];
// The keys each mapping accepts; schema/catalogue.schema.json is built from these (src/schema).
export const ATTENTION: readonly AttentionKind[] = ['gqa', 'mla', 'sliding'];
export const OFFER_KINDS: readonly OfferKind[] = ['rent', 'serverless', 'purchase'];
export const SOURCED = ['source', 'as_of', 'note'] as const;
export const MEMORY_MODEL_KEYS = ['fixed_gib', 'tensor_parallel_gib', 'profile_tokens', 'profile_tokens_small_device', 'activation_hidden_multiple',
  'activation_ffn_multiple', 'activation_expert_multiple', 'sampler_sequences', 'sampler_sequences_small_device', 'sampler_bytes_per_logit'] as const;

export const MODEL_KEYS = ['id', 'name', 'params', 'active_params', 'layers', 'hidden_size', 'heads', 'kv_heads', 'head_dim', 'context', 'attention',
  'sliding_window', 'sliding_layers', 'kv_lora_rank', 'qk_rope_head_dim', 'experts', 'experts_per_token', ...SHAPE_KEYS, ...SOURCED] as const;
export const WEIGHT_KEYS = ['id', 'bits_per_weight', 'format', 'aliases', 'linear_bits_per_weight', 'head_bits_per_weight', 'quantises', 'variable_bits', ...SOURCED] as const;
export const KV_KEYS = ['id', 'bytes_per_element', 'aliases', ...SOURCED] as const;
export const HARDWARE_KEYS = ['id', 'name', 'class', 'family', 'memory_gib', 'usable_memory_gib', 'memory_bandwidth_gb_s', 'fp16_tflops', 'fp8_tflops', 'fp4_tflops', 'int8_tops', 'interconnect_gb_s',
  'watts', 'cores', ...SOURCED] as const;
export const OFFER_KEYS = ['id', 'name', 'kind', 'hardware', 'count', 'memory_gib', 'monthly', 'hourly', 'per_second', 'billing_increment_seconds',
  'cold_start_seconds', 'price', 'currency', ...SOURCED] as const;
export const ENGINE_KEYS = ['id', 'aliases', 'memory_overhead_gib', 'reserves_fraction', 'memory_fraction_key', 'memory_fraction_of', 'fp8_kv_with_fp8_weights',
  'memory_model', 'decode_efficiency', 'prefill_efficiency', 'step_overhead_ms', 'step_overhead_ms_per_sequence', 'tensor_parallel_step_ms', 'moe_tensor_parallel_step_ms',
  'moe_decode_efficiency', 'quantised_prefill_factor', 'moe_prefill_efficiency', 'split', 'cpu_prefill_gflops_per_core', 'apple_prefill_flops_per_byte', ...SOURCED] as const;

/** Parses one self-hosting catalogue file; any of its sections may be present. */
export function parseSelfHostFile(text: string, file: string, layer: Layer = 'pricing', knownHardware: ReadonlySet<string> = new Set()): SelfHostCatalogue {
  const { doc, lineCounter } = parseYamlStrict(text, file);
  const r = new Reader(file, lineCounter);
  refuseScenario(r, doc.contents);
    // The API sections of the same file are read by pricing-file.ts.
  const top = r.map(doc.contents as Node, '', ['architectures', 'weights', 'kv_cache', 'hardware', 'offers', 'engines',
    'models', 'providers', 'base', 'source', 'as_of', 'rates', 'note', 'package', 'version', 'prompt_cache', 'rate_limits', 'service_tiers']);
  if (!top) throw new UserError(r.problems);
  const each = <T>(key: string, read: (f: Fields, path: string) => T | undefined): T[] => {
    if (!top.has(key)) return [];
    const out: T[] = [];
    const ids = new Set<string>();
    (r.list(top.get(key), key) ?? []).forEach((node, i) => {
      const path = `${key}[${i}]`;
      const keys = { architectures: MODEL_KEYS, weights: WEIGHT_KEYS, kv_cache: KV_KEYS, hardware: HARDWARE_KEYS, offers: OFFER_KEYS, engines: ENGINE_KEYS }[key]!;
      const f = r.map(node, path, keys);
      if (!f) return;
      const id = r.string(r.need(f, 'id'), `${path}.id`);
      if (id !== undefined && ids.has(id)) r.problem(f.get('id'), `${path}.id`, `'${id}' is listed twice`);
      if (id !== undefined) ids.add(id);
      const value = read(f, path);
      if (value !== undefined) out.push({ ...value, layer });
    });
    return out;
  };
  const hardware = each('hardware', (f, p) => readHardware(r, f, p));
  // Offers may name hardware of this file or of the layers below it.
  const hardwareIds = new Set([...knownHardware, ...hardware.map((h) => h.id)]);
  const result: SelfHostCatalogue = {
    models: each('architectures', (f, p) => readModel(r, f, p)),
    weightQuants: each('weights', (f, p) => readWeightQuant(r, f, p)),
    kvCacheTypes: each('kv_cache', (f, p) => {
      const bytes = r.number(r.need(f, 'bytes_per_element'), `${p}.bytes_per_element`, 'positive');
      const meta = readSourced(r, f, p);
      const id = r.string(f.get('id'), `${p}.id`);
      return bytes !== undefined && meta && id ? { id, aliases: readAliases(r, f, p), bytesPerElement: bytes, ...meta } : undefined;
    }),
    hardware,
    offers: each('offers', (f, p) => readOffer(r, f, p, hardwareIds)),
    engines: each('engines', (f, p) => readEngine(r, f, p)),
  };
  if (r.problems.length > 0) throw new UserError(sortProblems(r.problems));
  return result;
}

function readSourced(r: Reader, f: Fields, path: string): { source: string; asOf: string } | undefined {
  const source = r.string(r.need(f, 'source', ' (the URL the figure was read from)'), `${path}.source`);
  const asOfNode = r.need(f, 'as_of', ' (the date the figure was read, YYYY-MM-DD)');
  const asOf = asOfNode === undefined ? undefined : r.date(asOfNode, `${path}.as_of`);
  r.string(f.get('note'), `${path}.note`);
  if (source !== undefined && !/^https?:\/\//.test(source)) r.problem(f.get('source'), `${path}.source`, `must be a URL, got '${source}'`);
  return source !== undefined && asOf !== undefined ? { source, asOf } : undefined;
}


function readModel(r: Reader, f: Fields, p: string): ModelArchitecture | undefined {
  const count = (key: string, required = true) => r.number(required ? r.need(f, key) : f.get(key), `${p}.${key}`, 'positive');
  const id = r.string(f.get('id'), `${p}.id`);
  const name = r.string(f.get('name'), `${p}.name`);
  const params = count('params');
  const activeParams = count('active_params', false);
  const layers = count('layers');
  const hiddenSize = count('hidden_size');
  const heads = count('heads');
  const kvHeads = count('kv_heads');
  const headDim = count('head_dim');
  const context = count('context');
  const attention = r.string(r.need(f, 'attention'), `${p}.attention`, ATTENTION) as AttentionKind | undefined;
  const slidingWindow = count('sliding_window', false);
  const slidingLayers = r.number(f.get('sliding_layers'), `${p}.sliding_layers`, 'integer');
  const kvLoraRank = count('kv_lora_rank', false);
  const qkRopeHeadDim = count('qk_rope_head_dim', false);
  const experts = count('experts', false);
  const expertsPerToken = count('experts_per_token', false);
  if (attention === 'sliding' && (slidingWindow === undefined || slidingLayers === undefined)) {
    r.problem(f.node, `${p}.attention`, 'sliding attention needs sliding_window and sliding_layers');
  }
  if (attention === 'mla' && (kvLoraRank === undefined || qkRopeHeadDim === undefined)) {
    r.problem(f.node, `${p}.attention`, 'mla attention needs kv_lora_rank and qk_rope_head_dim');
  }
  if (activeParams !== undefined && params !== undefined && activeParams > params) {
    r.problem(f.get('active_params'), `${p}.active_params`, 'cannot exceed params');
  }
  if (slidingLayers !== undefined && layers !== undefined && slidingLayers > layers) {
    r.problem(f.get('sliding_layers'), `${p}.sliding_layers`, 'cannot exceed layers');
  }
  const shape = readShape(r, f, p);
  const meta = readSourced(r, f, p);
  if (!id || params === undefined || layers === undefined || hiddenSize === undefined || heads === undefined || kvHeads === undefined ||
    headDim === undefined || context === undefined || !attention || !meta) return undefined;
  return {
    id, name: name ?? id, params, activeParams: activeParams ?? params, layers, hiddenSize, heads, kvHeads, headDim, contextTokens: context, attention,
    slidingWindowTokens: slidingWindow, slidingLayers, kvLoraRank, qkRopeHeadDim, experts, expertsPerToken, ...shape, ...meta,
  };
}

function readWeightQuant(r: Reader, f: Fields, p: string): WeightQuant | undefined {
  const bits = r.number(r.need(f, 'bits_per_weight'), `${p}.bits_per_weight`, 'positive');
  const format = r.string(f.get('format'), `${p}.format`);
  const linear = r.number(f.get('linear_bits_per_weight'), `${p}.linear_bits_per_weight`, 'positive');
  const head = r.number(f.get('head_bits_per_weight'), `${p}.head_bits_per_weight`, 'positive');
  const quantises = r.string(f.get('quantises'), `${p}.quantises`, ['linear', 'experts']) as WeightQuant['quantises'];
  const variableBits = r.boolean(f.get('variable_bits'), `${p}.variable_bits`);
  const meta = readSourced(r, f, p);
  const id = r.string(f.get('id'), `${p}.id`);
  if (bits === undefined || !meta || !id) return undefined;
  return {
    id, aliases: readAliases(r, f, p), bitsPerWeight: bits, format, linearBitsPerWeight: linear, headBitsPerWeight: head,
    quantises, variableBits, ...meta,
  };
}

function readHardware(r: Reader, f: Fields, p: string): Hardware | undefined {
  const id = r.string(f.get('id'), `${p}.id`);
  const name = r.string(f.get('name'), `${p}.name`);
  const cls = r.string(r.need(f, 'class'), `${p}.class`, HARDWARE_CLASSES) as HardwareClass | undefined;
  const family = r.string(f.get('family'), `${p}.family`, HARDWARE_FAMILIES) as HardwareFamily | undefined;
  // 0 for a vCPU's share of a server: its offer states the RAM.
  const memoryGib = r.number(r.need(f, 'memory_gib'), `${p}.memory_gib`, 'money');
  const bandwidth = r.number(r.need(f, 'memory_bandwidth_gb_s'), `${p}.memory_bandwidth_gb_s`, 'positive');
  const opt = (key: string) => r.number(f.get(key), `${p}.${key}`, 'positive');
  if (bandwidth !== undefined && bandwidth > 100_000) r.problem(f.get('memory_bandwidth_gb_s'), `${p}.memory_bandwidth_gb_s`, `${bandwidth} GB/s is more than any device has`, 'is it in MB/s? give GB/s');
  const meta = readSourced(r, f, p);
  if (!id || !cls || memoryGib === undefined || bandwidth === undefined || !meta) return undefined;
  return {
    id, name: name ?? id, class: cls, family, memoryGib, memoryBandwidthGbPerSecond: bandwidth,
    usableMemoryGib: r.number(f.get('usable_memory_gib'), `${p}.usable_memory_gib`, 'positive'),
    fp16Tflops: opt('fp16_tflops'), fp8Tflops: opt('fp8_tflops'), fp4Tflops: opt('fp4_tflops'), int8Tops: opt('int8_tops'),
    interconnectGbPerSecond: opt('interconnect_gb_s'), watts: opt('watts'), cores: opt('cores'), ...meta,
  };
}

function readOffer(r: Reader, f: Fields, p: string, hardwareIds: ReadonlySet<string>): Offer | undefined {
  const id = r.string(f.get('id'), `${p}.id`);
  const kind = r.string(r.need(f, 'kind'), `${p}.kind`, OFFER_KINDS) as OfferKind | undefined;
  const hardware = r.string(r.need(f, 'hardware'), `${p}.hardware`);
  if (hardware !== undefined && hardwareIds.size > 0 && !hardwareIds.has(hardware)) {
    r.problem(f.get('hardware'), `${p}.hardware`, `no hardware is named '${hardware}'`, didYouMean(hardware, hardwareIds) ?? 'add it to a hardware: section');
  }
  const money = (key: string) => r.number(f.get(key), `${p}.${key}`, 'money');
  const offer = {
    monthly: money('monthly'), hourly: money('hourly'), perSecond: money('per_second'), price: money('price'),
  };
  if (kind === 'rent' && offer.monthly === undefined && offer.hourly === undefined) r.problem(f.node, `${p}.monthly`, 'a rent offer needs monthly or hourly');
  if (kind === 'serverless' && offer.perSecond === undefined) r.problem(f.node, `${p}.per_second`, 'a serverless offer needs per_second');
  if (kind === 'purchase' && offer.price === undefined) r.problem(f.node, `${p}.price`, 'a purchase offer needs price');
  const currency = (r.string(f.get('currency'), `${p}.currency`) ?? 'USD').toUpperCase();
  const note = r.string(f.get('note'), `${p}.note`);
  const meta = readSourced(r, f, p);
  if (!id || !kind || !hardware || !meta) return undefined;
  return {
    id, name: r.string(f.get('name'), `${p}.name`) ?? id, kind, hardware,
    count: r.number(f.get('count'), `${p}.count`, 'positive') ?? 1,
    memoryGib: r.number(f.get('memory_gib'), `${p}.memory_gib`, 'positive'),
    ...offer,
    billingIncrementSeconds: r.number(f.get('billing_increment_seconds'), `${p}.billing_increment_seconds`, 'positive'),
    coldStartSeconds: r.number(f.get('cold_start_seconds'), `${p}.cold_start_seconds`, 'money'),
    currency, ...meta, notes: note ? [note] : [],
  };
}

function readFactors(r: Reader, node: Node | undefined, path: string, kind: 'share' | 'money' = 'share'): ClassFactors {
  if (node === undefined) return {};
  const keys = [...HARDWARE_CLASSES, ...HARDWARE_FAMILIES];
  const f = r.map(node, path, keys);
  const out: ClassFactors = {};
  for (const cls of keys) {
    const value = f && r.number(f.get(cls), `${path}.${cls}`, kind);
    if (value !== undefined && value !== null) out[cls] = value;
  }
  return out;
}

/** A prompt rate: one number for the class, or a mapping by class and family (`{cpu: 90, x86-desktop: 120}`). */
function readRate(r: Reader, node: Node | undefined, path: string): number | ClassFactors | undefined {
  if (node === undefined) return undefined;
  if (isMap(node)) return readFactors(r, node, path, 'money');
  return r.number(node, path, 'positive');
}

function readAliases(r: Reader, f: Fields, p: string): string[] {
  const node = f.get('aliases');
  if (node === undefined) return [];
  return (r.list(node, `${p}.aliases`) ?? []).map((n, i) => r.string(n, `${p}.aliases[${i}]`)).filter((a): a is string => a !== undefined);
}

function readEngine(r: Reader, f: Fields, p: string): Engine | undefined {
  const id = r.string(f.get('id'), `${p}.id`);
  const aliases = readAliases(r, f, p);
  // Engines that reserve memory up front take their buffers out of that share: 0 is a fair default.
  const overhead = r.number(f.get('memory_overhead_gib'), `${p}.memory_overhead_gib`, 'money') ?? 0;
  const meta = readSourced(r, f, p);
  if (!id || !meta) return undefined;
  return {
    id, aliases, memoryOverheadGib: overhead,
    reservesFraction: r.number(f.get('reserves_fraction'), `${p}.reserves_fraction`, 'share'),
    memoryFractionKey: r.string(f.get('memory_fraction_key'), `${p}.memory_fraction_key`, MEMORY_FRACTION_KEYS),
    memoryFractionOf: r.string(f.get('memory_fraction_of'), `${p}.memory_fraction_of`, ['total', 'free']) as Engine['memoryFractionOf'],
    fp8KvWithFp8Weights: r.boolean(f.get('fp8_kv_with_fp8_weights'), `${p}.fp8_kv_with_fp8_weights`),
    memoryModel: readMemoryModel(r, f.get('memory_model'), `${p}.memory_model`),
    decodeEfficiency: readFactors(r, f.get('decode_efficiency'), `${p}.decode_efficiency`),
    prefillEfficiency: readFactors(r, f.get('prefill_efficiency'), `${p}.prefill_efficiency`),
    stepOverheadMs: readFactors(r, f.get('step_overhead_ms'), `${p}.step_overhead_ms`, 'money'),
    stepOverheadMsPerSequence: readFactors(r, f.get('step_overhead_ms_per_sequence'), `${p}.step_overhead_ms_per_sequence`, 'money'),
    tensorParallelStepMs: readFactors(r, f.get('tensor_parallel_step_ms'), `${p}.tensor_parallel_step_ms`, 'money'),
    moeTensorParallelStepMs: readFactors(r, f.get('moe_tensor_parallel_step_ms'), `${p}.moe_tensor_parallel_step_ms`, 'money'),
    moeDecodeEfficiency: readFactors(r, f.get('moe_decode_efficiency'), `${p}.moe_decode_efficiency`),
    quantisedPrefillFactor: readFactors(r, f.get('quantised_prefill_factor'), `${p}.quantised_prefill_factor`, 'money'),
    moePrefillEfficiency: readFactors(r, f.get('moe_prefill_efficiency'), `${p}.moe_prefill_efficiency`),
    split: r.string(f.get('split'), `${p}.split`, ['tensor', 'layer']) as 'tensor' | 'layer' | undefined,
    cpuPrefillGflopsPerCore: readRate(r, f.get('cpu_prefill_gflops_per_core'), `${p}.cpu_prefill_gflops_per_core`),
    applePrefillFlopsPerByte: readRate(r, f.get('apple_prefill_flops_per_byte'), `${p}.apple_prefill_flops_per_byte`),
    ...meta,
  };
}

function readMemoryModel(r: Reader, node: Node | undefined, path: string): EngineMemoryModel | undefined {
  if (node === undefined) return undefined;
  const f = r.map(node, path, MEMORY_MODEL_KEYS);
  if (!f) return undefined;
  const read = (key: (typeof MEMORY_MODEL_KEYS)[number]) => r.number(r.need(f, key), `${path}.${key}`, 'money');
  const values = MEMORY_MODEL_KEYS.map(read);
  if (values.some((v) => v === undefined)) return undefined;
  const [fixedGib, tensorParallelGib, profileTokens, profileTokensSmallDevice, activationHiddenMultiple, activationFfnMultiple, activationExpertMultiple,
    samplerSequences, samplerSequencesSmallDevice, samplerBytesPerLogit] = values as number[];
  return {
    fixedGib: fixedGib!, tensorParallelGib: tensorParallelGib!, profileTokens: profileTokens!, profileTokensSmallDevice: profileTokensSmallDevice!,
    activationHiddenMultiple: activationHiddenMultiple!, activationFfnMultiple: activationFfnMultiple!, activationExpertMultiple: activationExpertMultiple!, samplerSequences: samplerSequences!,
    samplerSequencesSmallDevice: samplerSequencesSmallDevice!, samplerBytesPerLogit: samplerBytesPerLogit!,
  };
}

/** Later parts replace earlier entries of the same id, list by list. */
export function mergeSelfHost(base: SelfHostCatalogue, ...parts: SelfHostCatalogue[]): SelfHostCatalogue {
  const merge = <T extends { id: string }>(a: T[], b: T[]) => {
    const ids = new Set(b.map((x) => x.id));
    return [...a.filter((x) => !ids.has(x.id)), ...b];
  };
  return parts.reduce(
    (acc, p) => ({
      models: merge(acc.models, p.models),
      weightQuants: merge(acc.weightQuants, p.weightQuants),
      kvCacheTypes: merge(acc.kvCacheTypes, p.kvCacheTypes),
      hardware: merge(acc.hardware, p.hardware),
      offers: merge(acc.offers, p.offers),
      engines: merge(acc.engines, p.engines),
      ...(p.accuracy ?? acc.accuracy ? { accuracy: p.accuracy ?? acc.accuracy } : {}),
    }),
    base,
  );
}

/** Every offer names hardware the catalogue has. */
export function checkReferences(catalogue: SelfHostCatalogue, file: string): SelfHostCatalogue {
  const hardware = new Set(catalogue.hardware.map((h) => h.id));
  const missing = catalogue.offers.filter((o) => !hardware.has(o.hardware));
  if (missing.length > 0) {
    throw new UserError(missing.map((o) => ({ location: { file }, path: `offers.${o.id}.hardware`, message: `names hardware '${o.hardware}', which hardware.yaml does not list` })));
  }
  return catalogue;
}
