// Weights per tensor group, worked by hand: llama.cpp's Q4_K_M mix on Llama 3.1 8B and Mixtral,
// AWQ's 16-bit embeddings and head, gpt-oss's MXFP4 experts, EXL2 bits chosen by name.
import { describe, expect, it } from 'vitest';
import type { ModelArchitecture, WeightQuant } from '../../src/catalogue/types.js';
import { bitsOf, ggufTensorType, useMoreBits } from '../../src/engine/gguf-mix.js';
import { quantWeights, variableBitsQuant } from '../../src/engine/quant-weights.js';
import { tensorsOf } from '../../src/engine/tensor-groups.js';

const dated = { source: 'https://example.com/test', asOf: '2026-12-04' };
const none = { slidingWindowTokens: undefined, slidingLayers: undefined, kvLoraRank: undefined, qkRopeHeadDim: undefined, experts: undefined, expertsPerToken: undefined };
// Llama 3.1 8B from its config.json; params is the exact count the shape gives, 8,030,261,248.
const llama8b: ModelArchitecture = {
  id: 'llama-3.1-8b', name: 'Llama 3.1 8B', params: 8_030_261_248, activeParams: 8_030_261_248, layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 8, headDim: 128,
  contextTokens: 131072, attention: 'gqa', ...none, vocabSize: 128256, tiedEmbeddings: false, intermediateSize: 14336, ...dated,
};
const gguf = (id: string): WeightQuant => ({ id, aliases: [], bitsPerWeight: 4.8944, format: 'gguf', ...dated });
const q = (over: Partial<WeightQuant>): WeightQuant => ({ id: 'x', aliases: [], bitsPerWeight: 4, format: 'safetensors', ...dated, ...over });

describe('tensor groups', () => {
  it('split Llama 3.1 8B into exactly its parameter count', () => {
    // embeddings 128,256 x 4,096 = 525,336,576, and as many again for the untied output head;
    // a layer: q 4096 x 4096 + k, v 4096 x 1024 each + o 4096 x 4096 = 41,943,040 attention,
    // 3 x 4096 x 14336 = 176,160,768 FFN, 2 x 4096 norms; 32 layers; a final 4,096 norm.
    const perLayer = 41_943_040 + 176_160_768 + 8192;
    expect(2 * 525_336_576 + 32 * perLayer + 4096).toBe(8_030_261_248);
    const total = tensorsOf(llama8b)!.reduce((sum, t) => sum + t.params, 0);
    expect(total).toBe(8_030_261_248);
  });

  it('scale the layers down when params is rounded below the shape (8.03B), embeddings kept', () => {
    const rounded = { ...llama8b, params: 8.03e9 };
    const tensors = tensorsOf(rounded)!;
    expect(tensors.reduce((sum, t) => sum + t.params, 0)).toBeCloseTo(8.03e9, 0);
    expect(tensors.find((t) => t.category === 'token_embd')!.params).toBe(525_336_576);
  });

  it('have none without the shape fields: the quant’s whole-model figure applies', () => {
    const bare = { ...llama8b, vocabSize: undefined };
    expect(tensorsOf(bare)).toBeUndefined();
    const w = quantWeights(bare, gguf('Q4_K_M'));
    expect(w.basis).toBe('whole-model');
    expect(w.bytes).toBe((8_030_261_248 * 4.8944) / 8);
  });
});

describe('llama.cpp mixes (src/llama-quant.cpp)', () => {
  it('use_more_bits picks half of 32 layers: the first and last 4 and every third between', () => {
    const more = Array.from({ length: 32 }, (_, i) => i).filter((i) => useMoreBits(i, 32));
    expect(more).toEqual([0, 1, 2, 3, 6, 9, 12, 15, 18, 21, 24, 27, 28, 29, 30, 31]);
  });

  it('Q4_K_M on Llama 3.1 8B: 4.8944 bits a weight, as llama.cpp’s own table says', () => {
    // ggml block sizes: Q4_K 144 bytes / 256 = 4.5 bits, Q6_K 210 / 256 = 6.5625, F32 32.
    expect([bitsOf('Q4_K'), bitsOf('Q6_K'), bitsOf('F32')]).toEqual([4.5, 6.5625, 32]);
    const embd = 525_336_576 * 4.5; //            token_embd: the file type's Q4_K
    const output = 525_336_576 * 6.5625; //       output: Q6_K
    const qko = 32 * (16_777_216 + 4_194_304 + 16_777_216) * 4.5;
    const v = 16 * 4_194_304 * 6.5625 + 16 * 4_194_304 * 4.5; // attn_v: Q6_K on the 16 use_more_bits layers
    const gateUp = 32 * 2 * 58_720_256 * 4.5;
    const down = 16 * 58_720_256 * 6.5625 + 16 * 58_720_256 * 4.5; // ffn_down likewise
    const norms = (32 * 8192 + 4096) * 32;
    const bytes = (embd + output + qko + v + gateUp + down + norms) / 8;
    const w = quantWeights(llama8b, gguf('Q4_K_M'));
    expect(w.basis).toBe('tensor-groups');
    expect(w.bytes).toBe(bytes);
    expect(w.bitsPerWeight).toBeCloseTo(4.8944, 4); // tools/quantize/README.md: Q4_K_M 4.8944 bits/weight on Llama-3.1-8B
    expect(w.groups.find((g) => g.group === 'output')!.bytes).toBe(output / 8);
  });

  it('Mixtral (8 experts) at Q4_K_M: attn_v and attn_k in Q8_0, attn_output in Q5_K, the output head Q6_K', () => {
    const shape = { layers: 32, gqa: 4, experts: 8, is70B: false, tiedEmbeddings: false };
    const t = (category: 'attn_v' | 'attn_k' | 'attn_output' | 'attn_q' | 'output', layer = 5) => ggufTensorType('Q4_K_M', { category, layer, params: 1, rowLength: 4096, expert: false }, shape);
    expect([t('attn_v'), t('attn_k'), t('attn_output'), t('attn_q'), t('output', -1)]).toEqual(['Q8_0', 'Q8_0', 'Q5_K', 'Q4_K', 'Q6_K']);
  });

  it('a 70B dense model gets Q5_K for attn_v where the mix says Q4_K or Q3_K', () => {
    const shape = { layers: 80, gqa: 8, experts: 0, is70B: true, tiedEmbeddings: false };
    const v = (ftype: string, layer: number) => ggufTensorType(ftype, { category: 'attn_v', layer, params: 1, rowLength: 8192, expert: false }, shape);
    // layer 5 of 80 is not a use_more_bits layer (80/8 = 10 > 5 ... it is: 5 < 10), layer 11 is not ((11 - 10) % 3 = 1)
    expect([v('Q4_K_M', 11), v('Q3_K_S', 11), v('Q4_K_M', 5)]).toEqual(['Q5_K', 'Q5_K', 'Q6_K']);
  });

  it('ties: a model without an output head quantises its embeddings as the head (Q6_K)', () => {
    const shape = { layers: 16, gqa: 4, experts: 0, is70B: false, tiedEmbeddings: true };
    expect(ggufTensorType('Q4_K_M', { category: 'token_embd', layer: -1, params: 1, rowLength: 2048, expert: false }, shape)).toBe('Q6_K');
  });

  it('a row that 256 does not divide (1,056 = 33 x 32) falls back to a 32-weight type (Q4_K -> Q5_0), norms stay F32', () => {
    const shape = { layers: 4, gqa: 1, experts: 0, is70B: false, tiedEmbeddings: false };
    expect(ggufTensorType('Q4_K_S', { category: 'ffn_down', layer: 3, params: 1, rowLength: 1056, expert: false }, shape)).toBe('Q5_0');
    expect(ggufTensorType('Q4_K_S', { category: 'norm', layer: 3, params: 1, rowLength: 4096, expert: false }, shape)).toBe('F32');
  });
});

describe('linear-only formats', () => {
  // Qwen2.5-7B: vocabulary 152,064 x hidden 3,584, untied. The shape counts 2 x 544,997,376
  // embeddings + 28 x (29,360,128 attention + 203,685,888 FFN + 7,168 norms) + 3,584 = 7,615,491,072;
  // its q/k/v biases add 28 x (3,584 + 512 + 512) = 129,024: 7,615,620,096 parameters.
  const qwen7b: ModelArchitecture = {
    ...llama8b, id: 'qwen2.5-7b', params: 7_615_620_096, activeParams: 7_615_620_096, layers: 28, hiddenSize: 3584, heads: 28, kvHeads: 4, headDim: 128,
    vocabSize: 152064, tiedEmbeddings: false, intermediateSize: 18944,
  };

  it('AWQ int4 keeps embeddings and head in 16 bits: 5.57e9 bytes where 4.156 bits across would say 3.95e9', () => {
    const awq = q({ id: 'awq-int4', bitsPerWeight: 4.156, linearBitsPerWeight: 4.15625 });
    const tensors = tensorsOf(qwen7b)!;
    const embedding = 152_064 * 3584; // 544,997,376 each for embeddings and head
    const norms = tensors.filter((t) => t.category === 'norm').reduce((s, t) => s + t.params, 0); // (28 x 2 + 1) x 3584
    expect(norms).toBe(57 * 3584);
    const linear = 7_615_620_096 - 2 * embedding - norms; // attention, FFN and the biases the shape does not count
    const bytes = (2 * embedding * 16 + norms * 16 + linear * 4.15625) / 8;
    const w = quantWeights(qwen7b, awq);
    expect(w.bytes).toBeCloseTo(bytes, 0);
    expect(w.bytes / 1e9).toBeCloseTo(5.571, 3); // the published AWQ files: 4.48 + 1.09 = 5.57 GB
    expect((7_615_620_096 * 4.156) / 8 / 1e9).toBeCloseTo(3.956, 3);
  });

  it('MXFP4 on gpt-oss quantises the routed experts only', () => {
    // gpt-oss-20b: 24 layers of 32 experts, each 3 x 2880 x 2880, in MXFP4 (17 bytes / 32 = 4.25 bits).
    const gpt: ModelArchitecture = {
      ...llama8b, id: 'gpt-oss-20b', params: 20.91e9, activeParams: 3.6e9, layers: 24, hiddenSize: 2880, heads: 64, kvHeads: 8, headDim: 64,
      experts: 32, expertsPerToken: 4, vocabSize: 201088, tiedEmbeddings: false, intermediateSize: 2880, moeIntermediateSize: 2880,
    };
    const mx = q({ id: 'MXFP4', bitsPerWeight: 4.25, linearBitsPerWeight: 4.25, quantises: 'experts' });
    const experts = 24 * 32 * 3 * 2880 * 2880;
    const bytes = (experts * 4.25 + (20.91e9 - experts) * 16) / 8;
    expect(quantWeights(gpt, mx).bytes).toBeCloseTo(bytes, 0);
    expect(bytes / 1e9).toBeCloseTo(13.75, 2); // the safetensors files: 4.79 + 4.8 + 4.17 = 13.76 GB
  });

  it('exl2-4.0bpw: 4.0 bits for the layers, about 6.3 for the head, 16 for embeddings', () => {
    const family = q({ id: 'exl2', bitsPerWeight: 4, variableBits: true, headBitsPerWeight: 6.3 });
    const exl2 = variableBitsQuant([family], 'exl2-4.0bpw')!;
    expect(exl2).toMatchObject({ id: 'exl2-4.0bpw', bitsPerWeight: 4, linearBitsPerWeight: 4, headBitsPerWeight: 6.3 });
    expect(variableBitsQuant([family], 'exl2-17bpw')).toBeUndefined();
    expect(variableBitsQuant([family], 'awq-4.0bpw')).toBeUndefined();
    const w = quantWeights(llama8b, exl2);
    const bytes = (525_336_576 * 16 + 525_336_576 * 6.3 + (32 * 8192 + 4096) * 16 + 32 * (41_943_040 + 176_160_768) * 4) / 8;
    expect(w.bytes).toBeCloseTo(bytes, 0);
  });
});
