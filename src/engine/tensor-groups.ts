// A model's parameters split into the tensor groups quantisers treat differently: token
// embeddings, output head, attention (q, k, v, output), FFN (gate, up, down; routed and shared
// experts), router, norms. Computed from config.json's shape; pure.

import type { ModelArchitecture } from '../catalogue/types.js';

export type TensorCategory =
  | 'token_embd'
  | 'output'
  | 'attn_q'
  | 'attn_k'
  | 'attn_v'
  | 'attn_output'
  /** MLA's low-rank projections (DeepSeek): quantised as the default type. */
  | 'attn_other'
  | 'ffn_gate'
  | 'ffn_up'
  | 'ffn_down'
  /** 1-D tensors and expert routers: never quantised. */
  | 'norm'
  | 'router'
  /** Parameters the shape does not account for (biases, vision towers): the default type. */
  | 'other';

export interface Tensor {
  category: TensorCategory;
  /** Layer index; -1 for tensors outside the layers. */
  layer: number;
  params: number;
  /** Length of a row (ggml ne[0]: the input width): block quants need it to divide by their block. */
  rowLength: number;
  /** Routed experts (a 3-D tensor of every expert of the layer). */
  expert: boolean;
}

/** The fields a split needs; a model without them has no tensor groups. */
export function hasShape(model: ModelArchitecture): boolean {
  const moe = (model.experts ?? 0) > 1;
  return model.vocabSize !== undefined && model.tiedEmbeddings !== undefined && model.intermediateSize !== undefined &&
    (!moe || model.moeIntermediateSize !== undefined);
}

/**
 * Every weight tensor of the model, layer by layer, from its shape:
 * - embeddings vocab x hidden; an output head of the same size unless tied;
 * - attention q: hidden x heads x head_dim, k and v: hidden x kv_heads x head_dim, output: heads x head_dim x hidden
 *   (MLA: whatever the parameter count leaves after every other group, spread over the layers);
 * - FFN gate, up, down: hidden x width each (experts: experts x hidden x expert width, plus shared experts
 *   and a hidden x experts router); the first `denseLayers` layers of a MoE are dense;
 * - norms: 2 x hidden a layer plus the final one;
 * - `other`: params minus the above (biases; a vision tower counted in params), if positive; if
 *   negative, the layers' tensors are scaled down so that the whole is params.
 * Undefined when the model lacks the shape fields.
 */
export function tensorsOf(model: ModelArchitecture): Tensor[] | undefined {
  if (!hasShape(model)) return undefined;
  const hidden = model.hiddenSize;
  const vocab = model.vocabSize!;
  const experts = model.experts ?? 0;
  const moe = experts > 1;
  const tensors: Tensor[] = [];
  const add = (category: TensorCategory, layer: number, params: number, rowLength: number, expert = false) => {
    if (params > 0) tensors.push({ category, layer, params, rowLength, expert });
  };
  add('token_embd', -1, vocab * hidden, hidden);
  if (!model.tiedEmbeddings) add('output', -1, vocab * hidden, hidden);
  add('norm', -1, hidden, hidden);
  const attentionWidth = model.heads * model.headDim;
  const kvWidth = model.kvHeads * model.headDim;
  const denseLayers = moe ? Math.min(model.layers, model.denseLayers ?? 0) : model.layers;
  for (let layer = 0; layer < model.layers; layer++) {
    if (model.attention !== 'mla') {
      add('attn_q', layer, hidden * attentionWidth, hidden);
      add('attn_k', layer, hidden * kvWidth, hidden);
      add('attn_v', layer, hidden * kvWidth, hidden);
      add('attn_output', layer, attentionWidth * hidden, attentionWidth);
    }
    if (layer < denseLayers) {
      const width = model.intermediateSize!;
      add('ffn_gate', layer, hidden * width, hidden);
      add('ffn_up', layer, hidden * width, hidden);
      add('ffn_down', layer, width * hidden, width);
    } else {
      const width = model.moeIntermediateSize!;
      add('ffn_gate', layer, experts * hidden * width, hidden, true);
      add('ffn_up', layer, experts * hidden * width, hidden, true);
      add('ffn_down', layer, experts * width * hidden, width, true);
      const shared = model.sharedExpertIntermediateSize ?? 0;
      add('ffn_gate', layer, hidden * shared, hidden);
      add('ffn_up', layer, hidden * shared, hidden);
      add('ffn_down', layer, shared * hidden, shared);
      add('router', layer, hidden * experts, hidden);
    }
    add('norm', layer, 2 * hidden, hidden);
  }
  const counted = tensors.reduce((sum, t) => sum + t.params, 0);
  const rest = model.params - counted;
  if (rest < 0 && model.attention !== 'mla') {
    // The shape counts more than params (params rounded, "8.03B"; or a layer count overridden
    // without params): scale the layers' tensors so that the whole is params, embeddings kept.
    const outside = tensors.filter((t) => t.layer < 0).reduce((sum, t) => sum + t.params, 0);
    const factor = Math.max(0, model.params - outside) / (counted - outside);
    return tensors.map((t) => (t.layer < 0 ? t : { ...t, params: t.params * factor }));
  }
  if (model.attention === 'mla') {
    // The low-rank q/kv projections' sizes are not in the catalogue: what the count leaves, a layer each.
    for (let layer = 0; layer < model.layers; layer++) add('attn_other', layer, Math.max(0, rest) / model.layers, hidden);
  } else add('other', -1, Math.max(0, rest), hidden);
  return tensors;
}

/** Parameters the shape accounts for (everything but `other`), to check a catalogue entry against its count. */
export function shapeParams(model: ModelArchitecture): number | undefined {
  return tensorsOf(model)?.filter((t) => t.category !== 'other').reduce((sum, t) => sum + t.params, 0);
}
