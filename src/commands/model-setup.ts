// Flags that name a self-hosted model setup (model, quantisation, KV cache type, engine) for the
// vram and throughput commands, validated by the same rules as a scenario's self_host.model.

import { Document, type Node } from 'yaml';
import { loadSelfHostCatalogue } from '../catalogue/load.js';
import { parseSelfHostFile, type SelfHostCatalogue } from '../catalogue/selfhost-file.js';
import { instanceOf } from '../catalogue/instance.js';
import type { Engine, Hardware, ModelArchitecture } from '../catalogue/types.js';
import { variableBitsQuant } from '../engine/quant-weights.js';
import { MEMORY_FRACTION_FLAGS } from '../scenario/flag-names.js';
import { engineKvDefault } from '../scenario/resolve-deployment.js';
import type { ModelSetup } from '../engine/sizing.js';
import { didYouMeanOf, suggest, UserError, type Problem } from '../errors.js';
import { formatCount } from '../formats/numbers.js';
import { readModelArch } from '../scenario/parse-deployment.js';
import { Reader } from '../scenario/reader.js';
import { readText } from '../text-file.js';
import { INLINE_MODEL_FLAGS } from './model-flags.js';

export interface ModelFlags {
  model?: string;
  modelFile?: string;
  params?: string;
  activeParams?: string;
  layers?: string;
  heads?: string;
  kvHeads?: string;
  headDim?: string;
  attention?: string;
  slidingWindow?: string;
  slidingLayers?: string;
  kvLoraRank?: string;
  qkRopeHeadDim?: string;
  experts?: string;
  expertsPerToken?: string;
  contextWindow?: string;
  vocabSize?: string;
  tieWordEmbeddings?: string;
  intermediateSize?: string;
  moeIntermediateSize?: string;
  quant?: string;
  kvType?: string;
  engine?: string;
  gpuMemoryUtilization?: string;
  memFractionStatic?: string;
  kvCacheFreeGpuMemFraction?: string;
  pricing?: string[];
}

const COMMAND_LINE = 'command line';

export interface LoadedSetup {
  setup: ModelSetup;
  catalogue: SelfHostCatalogue;
}

export async function loadModelSetup(flags: ModelFlags, defaultEngine: (catalogue: SelfHostCatalogue) => string): Promise<LoadedSetup> {
  const catalogue = await loadSelfHostCatalogue(flags.pricing ?? []);
  const problems: Problem[] = [];
  const at = (flag: string, message: string, hint?: string) => problems.push({ location: { file: COMMAND_LINE, flag }, path: flag, message, ...(hint ? { hint } : {}) });
  const model = modelFromFlags(flags, catalogue, problems);
  if (flags.quant === undefined) at('--quant', 'is required: the weights’ quantisation, e.g. Q4_K_M, fp8 or F16');
  const quant = flags.quant === undefined ? undefined : byName(catalogue.weightQuants, flags.quant) ?? variableBitsQuant(catalogue.weightQuants, flags.quant);
  if (flags.quant !== undefined && !quant) at('--quant', `unknown quantisation '${flags.quant}'`, hintFor(flags.quant, catalogue.weightQuants.map((q) => q.id)));
  const kvName = flags.kvType ?? 'f16';
  let kv = byName(catalogue.kvCacheTypes, kvName);
  if (!kv) at('--kv-type', `unknown KV cache type '${kvName}'`, hintFor(kvName, catalogue.kvCacheTypes.map((k) => k.id)));
  const engineName = flags.engine ?? defaultEngine(catalogue);
  const engine = byName(catalogue.engines, engineName);
  if (!engine) at('--engine', `unknown engine '${engineName}'`, hintFor(engineName, catalogue.engines.flatMap((e) => [e.id, ...e.aliases])));
  const memoryFraction = engine ? memoryFractionFlag(flags, engine, catalogue.engines, problems) : undefined;
  const notes: string[] = [];
  const engineKv = engine && quant ? engineKvDefault(engine, quant, flags.kvType !== undefined, catalogue.kvCacheTypes) : undefined;
  if (engineKv) {
    kv = engineKv;
    notes.push(`KV cache ${engineKv.id}: ${engine!.id}'s default with ${quant!.id} weights (give --kv-type to change)`);
  }
  if (problems.length > 0 || !model || !quant || !kv || !engine) throw new UserError(problems);
  return { setup: { model, quant, kv, engine, memoryFraction, notes, accuracy: catalogue.accuracy?.bands ?? [] }, catalogue };
}

/** --gpu-memory-utilization and friends: 0 < x <= 1, and only with the engine that reads it. */
function memoryFractionFlag(flags: ModelFlags, engine: Engine, engines: Engine[], problems: Problem[]): number | undefined {
  const given = MEMORY_FRACTION_FLAGS.filter((spec) => flags[spec.key] !== undefined);
  let value: number | undefined;
  for (const spec of given) {
    const flag = spec.flag.split(' ')[0]!;
    const at = (message: string, hint?: string) => problems.push({ location: { file: COMMAND_LINE, flag }, path: flag, message, ...(hint ? { hint } : {}) });
    const written = flags[spec.key]!;
    const number = /%$/.test(written.trim()) ? Number(written.trim().slice(0, -1)) / 100 : Number(written);
    if (!Number.isFinite(number) || number <= 0 || number > 1) {
      at(`must be a share above 0 and at most 1, got '${written}'`, 'e.g. 0.9 or 90%');
      continue;
    }
    if (engine.memoryFractionKey !== spec.scenarioKey) {
      const owner = engines.find((e) => e.memoryFractionKey === spec.scenarioKey);
      const right = MEMORY_FRACTION_FLAGS.find((f) => f.scenarioKey === engine.memoryFractionKey);
      at(`is ${owner ? `${owner.id}'s` : "another engine's"} setting, and the engine here is ${engine.id}`,
        right ? `${engine.id}'s is ${right.flag.split(' ')[0]}` : `${engine.id} reserves no share of memory up front: leave it out`);
      continue;
    }
    value = number;
  }
  return value;
}

/**
 * The model: a catalogue one (--model), one from --model-file, or one described by flags alone.
 * Architecture flags given with a catalogue or file model override just those fields of it
 * (`--model llama-3.1-8b --layers 40`), and the result is checked as an inline model is.
 */
function modelFromFlags(flags: ModelFlags, catalogue: SelfHostCatalogue, problems: Problem[]): ModelArchitecture | undefined {
  const at = (flag: string, message: string, hint?: string) => problems.push({ location: { file: COMMAND_LINE, flag }, path: flag, message, ...(hint ? { hint } : {}) });
  const inline = INLINE_MODEL_FLAGS.filter(([, key]) => flags[key] !== undefined);
  let base: ModelArchitecture | undefined;
  if (flags.modelFile !== undefined) {
    const file = parseSelfHostFile(readText(flags.modelFile), flags.modelFile);
    base = flags.model === undefined ? file.models[0] : file.models.find((m) => m.id === flags.model);
    if (!base) throw UserError.plain(flags.modelFile, flags.model === undefined ? 'has no architectures: entry' : `has no architecture '${flags.model}'`);
  } else if (flags.model !== undefined) {
    base = catalogue.models.find((m) => m.id === flags.model);
    // With architecture flags, an unknown --model is the name of a model the flags describe.
    if (!base && inline.length === 0) at('--model', `unknown model '${flags.model}'`, hintFor(flags.model, catalogue.models.map((m) => m.id)));
  } else if (inline.length === 0) {
    at('--model', 'is required: a model such as llama-3.1-8b, or --params, --layers, --kv-heads and --head-dim for one the catalogue lacks');
  }
  if (inline.length === 0) return base;

  const value: Record<string, string | number | boolean> = base ? inlineKeys(base) : {};
  // A dense model's active parameters are its parameters: they follow a new --params.
  if (base && base.activeParams === base.params && flags.activeParams === undefined) delete value.active_params;
  // true/false as a YAML boolean; anything else stays text and is refused as one.
  for (const [, key, yamlKey] of inline) value[yamlKey] = /^(true|false)$/.test(flags[key]!) ? flags[key] === 'true' : flags[key]!;
  const changed = inline.map(([flag, key]) => `${flag.split(' ')[0]} ${flags[key]}`).join(' ');
  if (base) value.name = `${base.id} (${changed})`;
  else if (flags.model !== undefined) value.name = flags.model;
  const labels = new Map<string, string>(INLINE_MODEL_FLAGS.map(([flag, , yamlKey]) => [`model.${yamlKey}`, flag.split(' ')[0]!]));
  const reader = new Reader(COMMAND_LINE, undefined, (path) => labels.get(path));
  const doc = new Document({ model: value });
  const node = (doc.contents as { items: { value: Node }[] }).items[0]!.value;
  const ref = readModelArch(reader, node, 'model');
  problems.push(...reader.problems);
  if (ref?.kind !== 'inline') return undefined;
  // Still the catalogue's figures, bar the flags: its source and date stand.
  return base ? { ...ref.model, source: base.source, asOf: base.asOf, ...(base.layer ? { layer: base.layer } : {}) } : ref.model;
}

/** A catalogue architecture as the keys of an inline one, for flags to override. */
function inlineKeys(m: ModelArchitecture): Record<string, string | number | boolean> {
  const keys: Record<string, string | number | undefined> = {
    params: m.params,
    active_params: m.activeParams,
    layers: m.layers,
    hidden_size: m.hiddenSize,
    heads: m.heads,
    kv_heads: m.kvHeads,
    head_dim: m.headDim,
    context: Number.isFinite(m.contextTokens) ? m.contextTokens : undefined,
    attention: m.attention,
    sliding_window: m.slidingWindowTokens,
    sliding_layers: m.slidingLayers,
    kv_lora_rank: m.kvLoraRank,
    qk_rope_head_dim: m.qkRopeHeadDim,
    experts: m.experts,
    experts_per_token: m.expertsPerToken,
    vocab_size: m.vocabSize,
    intermediate_size: m.intermediateSize,
    moe_intermediate_size: m.moeIntermediateSize,
    shared_expert_intermediate_size: m.sharedExpertIntermediateSize,
    dense_layers: m.denseLayers,
    native_expert_format: m.nativeExpertFormat,
  };
  const tied: Record<string, boolean> = m.tiedEmbeddings === undefined ? {} : { tie_word_embeddings: m.tiedEmbeddings };
  return { ...Object.fromEntries(Object.entries(keys).filter((entry): entry is [string, string | number] => entry[1] !== undefined)), ...tied };
}

/**
 * A --context the model can hold: past its window it attends to nothing more, so memory and speed
 * figures for it would describe no real run. A model run with a longer window (RoPE scaling)
 * says so with --context-window.
 */
export function checkContext(model: ModelArchitecture, contextTokens: number, written: string): void {
  if (contextTokens <= model.contextTokens) return;
  const window = model.contextTokens;
  throw UserError.at({ file: COMMAND_LINE, flag: '--context' }, '--context', `${written} tokens is beyond ${model.id}'s context window of ${formatCount(window)} tokens`,
    `give at most ${formatCount(window)}, or --context-window N for a model run with a longer window`);
}

/** Exact name or alias, ignoring case (Q4_K_M and q4_k_m are one quantisation). */
export function byName<T extends { id: string; aliases?: string[] }>(list: T[], name: string): T | undefined {
  const lower = name.toLowerCase();
  return list.find((x) => x.id.toLowerCase() === lower) ?? list.find((x) => (x.aliases ?? []).some((a) => a.toLowerCase() === lower));
}

export function hintFor(name: string, candidates: string[]): string {
  const close = suggest(name, candidates);
  return didYouMeanOf(close) ?? `known: ${candidates.slice(0, 10).join(', ')}${candidates.length > 10 ? ', ...' : ''}`;
}

/** `2x NAME` (or `2 × NAME`) on the command line: the count and the name; undefined without a count. */
export function countedName(text: string): { count: number; name: string } | undefined {
  const counted = /^(\d+)\s*[x×]\s+(\S.*)$/i.exec(text.trim());
  return counted ? { count: Number(counted[1]), name: counted[2]!.trim() } : undefined;
}

/**
 * A hardware id, `4x HARDWARE` (that many devices serving one instance: GPUs split the model, a
 * CPU's vCPUs pool), or an offer id (its hardware and device count).
 */
export function findHardware(catalogue: SelfHostCatalogue, written: string, flag: string): { hardware: Hardware; devices: number } {
  const counted = countedName(written);
  const name = counted?.name ?? written;
  const hardware = byName(catalogue.hardware, name);
  if (hardware && counted) {
    if (counted.count < 1) throw UserError.at({ file: COMMAND_LINE, flag }, flag, `a count of ${counted.count} runs nothing`, `e.g. '2x ${hardware.id}'`);
    return instanceOf(hardware, counted.count, undefined);
  }
  const countedOffer = counted && catalogue.offers.find((o) => o.id === name);
  if (countedOffer) {
    throw UserError.at({ file: COMMAND_LINE, flag }, flag, `'${written}': an offer has its own number of devices`, `name an offer of that many, or its hardware: '${counted.count}x ${countedOffer.hardware}'`);
  }
  if (hardware) return { hardware, devices: 1 };
  const offer = catalogue.offers.find((o) => o.id === name);
  const offered = offer && catalogue.hardware.find((h) => h.id === offer.hardware);
  if (offer && offered) return instanceOf(offered, offer.count, offer.memoryGib);
  throw new UserError([{ location: { file: COMMAND_LINE, flag }, path: flag, message: `unknown hardware '${name}'`, hint: hintFor(name, [...catalogue.hardware.map((h) => h.id), ...catalogue.offers.map((o) => o.id)]) }]);
}
