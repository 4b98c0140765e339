// Weights bytes of a quantised model, tensor group by tensor group: quantised checkpoints keep
// some tensors at higher precision, so one bits-per-weight figure per quant cannot fit models of
// every shape. Pure.
//
// - GGUF file types (Q4_K_M, ...): each tensor at the ggml type llama.cpp's rules give it (gguf-mix.ts).
// - Formats that quantise the linear layers only (AWQ, GPTQ, FP8, W8A8, bitsandbytes, EXL2/EXL3):
//   attention and FFN/expert weights at the quant's linear_bits_per_weight (scales and zero points
//   included), the output head at head_bits_per_weight (EXL2/EXL3) or 16, embeddings, norms and
//   routers at 16 bit. gpt-oss's MXFP4 quantises the routed experts only.
// - Anything else (BF16, or a model without shape fields): params x bits_per_weight / 8.

import type { ModelArchitecture, WeightQuant } from '../catalogue/types.js';
import { bitsOf, ggufTensorType, isGgufFileType, type GgmlType } from './gguf-mix.js';
import { tensorsOf, type Tensor } from './tensor-groups.js';

export type TensorGroupName = 'embeddings' | 'output' | 'attention' | 'ffn' | 'experts' | 'norms' | 'other';

export interface TensorGroupBytes {
  group: TensorGroupName;
  params: number;
  bytes: number;
}

export interface QuantWeights {
  bytes: number;
  /** bytes x 8 / params: the whole-model figure this model gets. */
  bitsPerWeight: number;
  /** How the figure was made: per tensor group, or the quant's whole-model bits per weight. */
  basis: 'tensor-groups' | 'whole-model';
  groups: TensorGroupBytes[];
}

/** 16-bit tensors of quantised checkpoints (embeddings, norms, routers; heads unless the format says). */
export const UNQUANTISED_BITS = 16;

/**
 * Weights of a model in a quantisation, tensor group by tensor group. The same pair is asked for
 * many times a run (each batch tried, each simulated sample): worked out once per pair. Models and
 * quants are plain catalogue values, never changed after loading, so the cache cannot go stale.
 */
export function quantWeights(model: ModelArchitecture, quant: WeightQuant): QuantWeights {
  let byQuant = cache.get(model);
  if (!byQuant) cache.set(model, (byQuant = new WeakMap()));
  let weights = byQuant.get(quant);
  if (!weights) byQuant.set(quant, (weights = computeQuantWeights(model, quant)));
  return weights;
}

const cache = new WeakMap<ModelArchitecture, WeakMap<WeightQuant, QuantWeights>>();

function computeQuantWeights(model: ModelArchitecture, quant: WeightQuant): QuantWeights {
  const tensors = tensorsOf(model);
  const gguf = quant.format === 'gguf' && isGgufFileType(quant.id);
  if (!tensors || (!gguf && quant.linearBitsPerWeight === undefined)) return wholeModel(model, quant);
  const bitsFor = gguf ? ggufBits(model, quant.id) : linearBits(quant);
  const sums = new Map<TensorGroupName, TensorGroupBytes>();
  for (const t of tensors) {
    const group = groupOf(t);
    const entry = sums.get(group) ?? { group, params: 0, bytes: 0 };
    entry.params += t.params;
    entry.bytes += (t.params * bitsFor(t)) / 8;
    sums.set(group, entry);
  }
  const groups = [...sums.values()];
  const bytes = groups.reduce((sum, g) => sum + g.bytes, 0);
  return { bytes, bitsPerWeight: (bytes * 8) / model.params, basis: 'tensor-groups', groups };
}

function wholeModel(model: ModelArchitecture, quant: WeightQuant): QuantWeights {
  const bytes = (model.params * quant.bitsPerWeight) / 8;
  return { bytes, bitsPerWeight: quant.bitsPerWeight, basis: 'whole-model', groups: [{ group: 'other', params: model.params, bytes }] };
}

function groupOf(t: Tensor): TensorGroupName {
  switch (t.category) {
    case 'token_embd': return 'embeddings';
    case 'output': return 'output';
    case 'norm': case 'router': return 'norms';
    case 'other': return 'other';
    case 'ffn_gate': case 'ffn_up': case 'ffn_down': return t.expert ? 'experts' : 'ffn';
    default: return 'attention';
  }
}

function ggufBits(model: ModelArchitecture, fileType: string): (t: Tensor) => number {
  const shape = {
    layers: model.layers,
    gqa: model.heads / model.kvHeads,
    experts: (model.experts ?? 0) > 1 ? model.experts! : 0,
    is70B: model.layers === 80 && (model.experts ?? 0) <= 1,
    tiedEmbeddings: model.tiedEmbeddings === true,
  };
  const cache = new Map<string, number>();
  // gpt-oss ships its experts in MXFP4; llama.cpp's conversions keep them so whatever the file type.
  const nativeExperts = model.nativeExpertFormat === 'MXFP4' ? bitsOf('MXFP4') : undefined;
  return (t) => {
    if (t.expert && nativeExperts !== undefined) return nativeExperts;
    const key = `${t.category}:${t.layer}:${t.rowLength}:${t.expert}`;
    let bits = cache.get(key);
    if (bits === undefined) {
      const type: GgmlType = ggufTensorType(fileType, t, shape);
      bits = bitsOf(type);
      cache.set(key, bits);
    }
    return bits;
  };
}

function linearBits(quant: WeightQuant): (t: Tensor) => number {
  const linear = quant.linearBitsPerWeight!;
  const expertsOnly = quant.quantises === 'experts';
  return (t) => {
    switch (t.category) {
      case 'token_embd': case 'norm': case 'router': return UNQUANTISED_BITS;
      case 'output': return quant.headBitsPerWeight ?? UNQUANTISED_BITS;
      default: return expertsOnly && !t.expert ? UNQUANTISED_BITS : linear;
    }
  };
}

/** Whether a quant sizes weights per tensor group when the model carries its shape fields. */
export function hasGroupRule(quant: WeightQuant): boolean {
  return quant.linearBitsPerWeight !== undefined || (quant.format === 'gguf' && isGgufFileType(quant.id));
}

/** Said when a model lacks the shape fields that quant needs: its whole-model figure was used instead. */
export function shapeWarning(model: ModelArchitecture, quant: WeightQuant): string {
  return `${model.id} has no vocab_size / tie_word_embeddings / intermediate_size: its weights use ${quant.id}'s whole-model ${quant.bitsPerWeight} bits a weight, ` +
    'not the bits of each tensor group (16-bit embeddings and head, higher-precision layers of GGUF mixes); add those keys from config.json';
}

/**
 * A quant family whose bits the user picks (`exl2-4.0bpw`, `exl3-3.5bpw`): the family's entry with
 * those bits for its quantised tensors. Undefined when the name has no such form or family.
 */
export function variableBitsQuant(families: WeightQuant[], name: string): WeightQuant | undefined {
  const match = /^(.+?)[-_@](\d+(?:\.\d+)?)\s*bpw$/i.exec(name.trim());
  if (!match) return undefined;
  const family = families.find((q) => q.variableBits && q.id.toLowerCase() === match[1]!.toLowerCase());
  const bits = Number(match[2]);
  if (!family || !(bits > 0 && bits <= 16)) return undefined;
  return { ...family, id: `${family.id}-${match[2]}bpw`, aliases: [], bitsPerWeight: bits, linearBitsPerWeight: bits, variableBits: false };
}
