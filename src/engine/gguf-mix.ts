// llama.cpp's per-tensor types for a GGUF file type (Q4_K_M and friends): which ggml type each
// tensor gets, by its role, its layer and the model's shape. Pure.
//
// Follows llama_tensor_get_type / llama_tensor_get_type_impl and llama_ftype_get_default_type in
// src/llama-quant.cpp of ggml-org/llama.cpp (commit 007dbbf3fd17eefe9b47fee45f48f7ba5e62b714,
// https://github.com/ggml-org/llama.cpp/blob/007dbbf3fd17eefe9b47fee45f48f7ba5e62b714/src/llama-quant.cpp).
// Assumed: no --tensor-type/--output-tensor-type overrides, an importance matrix for the IQ types
// and none for the others, and a non-Falcon architecture.

import type { Tensor } from './tensor-groups.js';

export type GgmlType =
  | 'F32' | 'F16' | 'BF16' | 'Q8_0' | 'Q4_0' | 'Q4_1' | 'Q5_0' | 'Q5_1'
  | 'Q2_K' | 'Q3_K' | 'Q4_K' | 'Q5_K' | 'Q6_K'
  | 'IQ1_S' | 'IQ1_M' | 'IQ2_XXS' | 'IQ2_XS' | 'IQ2_S' | 'IQ3_XXS' | 'IQ3_S' | 'IQ4_NL' | 'IQ4_XS' | 'MXFP4';

/**
 * Bytes per block / weights per block of each ggml type (ggml/src/ggml-common.h block structs):
 * Q4_K 144 B per 256 = 4.5 bits, Q6_K 210/256 = 6.5625, Q8_0 34/32 = 8.5, and so on.
 */
export const GGML_TYPES: Record<GgmlType, { bytes: number; block: number }> = {
  F32: { bytes: 4, block: 1 },
  F16: { bytes: 2, block: 1 },
  BF16: { bytes: 2, block: 1 },
  Q8_0: { bytes: 34, block: 32 },
  Q4_0: { bytes: 18, block: 32 },
  Q4_1: { bytes: 20, block: 32 },
  Q5_0: { bytes: 22, block: 32 },
  Q5_1: { bytes: 24, block: 32 },
  Q2_K: { bytes: 84, block: 256 },
  Q3_K: { bytes: 110, block: 256 },
  Q4_K: { bytes: 144, block: 256 },
  Q5_K: { bytes: 176, block: 256 },
  Q6_K: { bytes: 210, block: 256 },
  IQ1_S: { bytes: 50, block: 256 },
  IQ1_M: { bytes: 56, block: 256 },
  IQ2_XXS: { bytes: 66, block: 256 },
  IQ2_XS: { bytes: 74, block: 256 },
  IQ2_S: { bytes: 82, block: 256 },
  IQ3_XXS: { bytes: 98, block: 256 },
  IQ3_S: { bytes: 110, block: 256 },
  IQ4_NL: { bytes: 18, block: 32 },
  IQ4_XS: { bytes: 136, block: 256 },
  MXFP4: { bytes: 17, block: 32 },
};

export const bitsOf = (type: GgmlType): number => (GGML_TYPES[type].bytes * 8) / GGML_TYPES[type].block;

/** The default tensor type of each file type (llama_ftype_get_default_type). */
const DEFAULT_TYPE: Record<string, GgmlType> = {
  Q4_0: 'Q4_0', Q4_1: 'Q4_1', Q5_0: 'Q5_0', Q5_1: 'Q5_1', Q8_0: 'Q8_0', F16: 'F16', BF16: 'BF16', F32: 'F32',
  MXFP4_MOE: 'MXFP4',
  Q2_K_S: 'Q2_K', Q2_K: 'Q2_K', IQ3_XS: 'IQ3_S', Q3_K_S: 'Q3_K', Q3_K_M: 'Q3_K', Q3_K_L: 'Q3_K',
  Q4_K_S: 'Q4_K', Q4_K_M: 'Q4_K', Q5_K_S: 'Q5_K', Q5_K_M: 'Q5_K', Q6_K: 'Q6_K',
  IQ2_XXS: 'IQ2_XXS', IQ2_XS: 'IQ2_XS', IQ2_S: 'IQ2_XS', IQ2_M: 'IQ2_S', IQ3_XXS: 'IQ3_XXS', IQ1_S: 'IQ1_S', IQ1_M: 'IQ1_M',
  IQ4_NL: 'IQ4_NL', IQ4_XS: 'IQ4_XS', IQ3_S: 'IQ3_S', IQ3_M: 'IQ3_S',
};

/** The GGUF file types whose mix is known, by their llama.cpp names (upper case). */
export function isGgufFileType(name: string): boolean {
  return name.toUpperCase() in DEFAULT_TYPE;
}

export interface MixShape {
  layers: number;
  /** heads / kv_heads (llama.cpp's n_gqa). */
  gqa: number;
  /** Routed experts (llama.cpp's n_expert; 0 for a dense model). */
  experts: number;
  /** llama.cpp's LLM_TYPE_70B: an 80-layer dense model. */
  is70B: boolean;
  tiedEmbeddings: boolean;
}

/** llama.cpp's use_more_bits: the first and last eighth of the layers, and every third between. */
export function useMoreBits(layer: number, layers: number): boolean {
  const eighth = Math.trunc(layers / 8);
  return layer < eighth || layer >= Math.trunc((7 * layers) / 8) || (layer - eighth) % 3 === 2;
}

const IQ_LOW = new Set(['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M']);

/** The ggml type llama.cpp gives `tensor` in a file of type `fileType` (e.g. 'Q4_K_M'). */
export function ggufTensorType(fileType: string, tensor: Tensor, shape: MixShape): GgmlType {
  const ftype = fileType.toUpperCase();
  const base = DEFAULT_TYPE[ftype];
  if (base === undefined) throw new Error(`no GGUF mix for ${fileType}`);
  // Norms, routers and other 1-D tensors stay F32 (tensor_allows_quantization).
  if (tensor.category === 'norm' || tensor.category === 'router') return 'F32';
  if (base === 'F16' || base === 'BF16' || base === 'F32') return base;
  const type = chosenType(ftype, base, tensor, shape);
  return fallback(type, tensor.rowLength);
}

function chosenType(ftype: string, base: GgmlType, t: Tensor, s: MixShape): GgmlType {
  const { category, layer } = t;
  const n = s.layers;
  if (category === 'output' || (s.tiedEmbeddings && category === 'token_embd')) {
    if (ftype === 'MXFP4_MOE') return 'Q8_0';
    if (t.rowLength % GGML_TYPES[base].block !== 0) return 'Q8_0';
    if (['IQ2_XXS', 'IQ2_XS', 'IQ3_XXS', 'IQ1_S', 'IQ2_S', 'IQ2_M', 'IQ1_M'].includes(ftype)) return 'Q5_K';
    return base === 'Q8_0' ? base : 'Q6_K';
  }
  if (ftype === 'MXFP4_MOE') return t.expert ? 'MXFP4' : 'Q8_0';
  if (category === 'token_embd') {
    if (['IQ2_XXS', 'IQ2_XS', 'IQ1_S', 'IQ1_M'].includes(ftype)) return 'Q2_K';
    if (['IQ2_S', 'IQ2_M', 'IQ3_XXS'].includes(ftype)) return 'IQ3_S';
    return base;
  }
  if (IQ_LOW.has(ftype)) {
    const iq2sm = ftype === 'IQ2_S' || ftype === 'IQ2_M';
    if (category === 'attn_v') return s.gqa >= 4 || s.experts >= 4 ? 'Q4_K' : iq2sm ? 'IQ3_S' : 'Q2_K';
    if (s.experts === 8 && category === 'attn_k') return 'Q4_K';
    if (category === 'ffn_down') return layer < Math.trunc(n / 8) ? (iq2sm ? 'IQ3_S' : 'Q2_K') : base;
    if (category === 'attn_output') {
      if (s.experts === 8) return 'Q5_K';
      if (ftype === 'IQ1_S' || ftype === 'IQ1_M') return 'IQ2_XXS';
      if (iq2sm) return 'IQ3_S';
    }
    return base;
  }
  if (category === 'attn_v') {
    // Every layer has one attn_v: llama.cpp's running count i_attention_wv is the layer index.
    let type = base;
    if (ftype === 'Q2_K') type = s.gqa >= 4 ? 'Q4_K' : 'Q3_K';
    else if (ftype === 'Q2_K_S' && s.gqa >= 4) type = 'Q4_K';
    else if (ftype === 'IQ3_XXS') type = s.gqa >= 4 ? 'Q4_K' : 'IQ3_XXS';
    else if ((ftype === 'IQ3_XS' || ftype === 'IQ3_S') && s.gqa >= 4) type = 'Q4_K';
    else if (ftype === 'IQ3_M') type = 'Q4_K';
    else if (ftype === 'Q3_K_M') type = layer < 2 ? 'Q5_K' : 'Q4_K';
    else if (ftype === 'Q3_K_L') type = 'Q5_K';
    else if ((ftype === 'IQ4_NL' || ftype === 'IQ4_XS') && s.gqa >= 4) type = 'Q5_K';
    else if ((ftype === 'Q4_K_M' || ftype === 'Q5_K_M') && useMoreBits(layer, n)) type = 'Q6_K';
    else if (ftype === 'Q4_K_S' && layer < 4) type = 'Q5_K';
    if (s.is70B && (type === 'Q3_K' || type === 'Q4_K')) type = 'Q5_K';
    if (s.experts === 8) type = 'Q8_0';
    return type;
  }
  if (category === 'attn_k') {
    if (s.experts === 8) return 'Q8_0';
    if (ftype === 'IQ3_XS') return 'IQ3_XXS';
    if (ftype === 'IQ3_XXS') return 'IQ2_S';
    return base;
  }
  if (category === 'attn_q') {
    if (ftype === 'IQ3_XS') return 'IQ3_XXS';
    if (ftype === 'IQ3_XXS') return 'IQ2_S';
    return base;
  }
  if (category === 'ffn_down') {
    const eighth = Math.trunc(n / 8);
    if (ftype === 'Q2_K') return 'Q3_K';
    if (ftype === 'Q2_K_S') return layer < eighth ? 'Q4_K' : base;
    if (ftype === 'Q3_K_M') return layer < Math.trunc(n / 16) ? 'Q5_K' : 'Q4_K';
    if (ftype === 'IQ3_M' && (layer < eighth || (s.experts === 8 && useMoreBits(layer, n)))) return 'Q4_K';
    if (ftype === 'Q3_K_L') return 'Q5_K';
    if (ftype === 'Q4_K_M') return useMoreBits(layer, n) ? 'Q6_K' : base;
    if (ftype === 'Q5_K_M' && useMoreBits(layer, n)) return 'Q6_K';
    if (ftype === 'Q4_K_S' && layer < eighth) return 'Q5_K';
    return base;
  }
  if (category === 'attn_output') {
    if (s.experts === 8) {
      return ['Q2_K', 'IQ3_XS', 'IQ3_XXS', 'Q3_K_S', 'Q3_K_M', 'IQ4_NL', 'Q4_K_S', 'Q4_K_M', 'IQ3_S', 'IQ3_M', 'IQ4_XS'].includes(ftype) ? 'Q5_K' : base;
    }
    if (ftype === 'Q2_K') return 'Q3_K';
    if (ftype === 'IQ3_XXS') return 'IQ3_S';
    if (ftype === 'Q3_K_M' || ftype === 'IQ3_M') return 'Q4_K';
    if (ftype === 'Q3_K_L') return 'Q5_K';
    return base;
  }
  if ((category === 'ffn_gate' || category === 'ffn_up') && ftype === 'IQ3_XS' && layer >= Math.trunc(n / 8) && layer < Math.trunc((7 * n) / 8)) return 'IQ3_XXS';
  return base;
}

/** tensor_type_fallback: a row that a 256-weight block does not divide takes a 32-weight type. */
function fallback(type: GgmlType, rowLength: number): GgmlType {
  if (rowLength % GGML_TYPES[type].block === 0) return type;
  const next: Partial<Record<GgmlType, GgmlType>> = {
    IQ1_S: 'IQ4_NL', IQ1_M: 'IQ4_NL', IQ2_XXS: 'IQ4_NL', IQ2_XS: 'IQ4_NL', IQ2_S: 'IQ4_NL', IQ3_XXS: 'IQ4_NL', IQ3_S: 'IQ4_NL', IQ4_XS: 'IQ4_NL',
    Q2_K: 'Q4_0', Q3_K: 'Q4_0', Q4_K: 'Q5_0', Q5_K: 'Q5_1', Q6_K: 'Q8_0',
  };
  const to = next[type] ?? 'F16';
  return rowLength % GGML_TYPES[to].block === 0 ? to : 'F16';
}
