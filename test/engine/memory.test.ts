import { describe, expect, it } from 'vitest';
import type { Engine, Hardware, ModelArchitecture } from '../../src/catalogue/types.js';
import { fitOn, kvCacheBytes, maxContextFor, memoryNeed, weightsBytes } from '../../src/engine/memory.js';
import { estimateSpeed, weightBytesPerStep } from '../../src/engine/speed.js';

const GIB = 2 ** 30;
const base = { hiddenSize: 4096, heads: 32, contextTokens: 131072, slidingWindowTokens: undefined, slidingLayers: undefined, kvLoraRank: undefined,
  qkRopeHeadDim: undefined, experts: undefined, expertsPerToken: undefined, source: 'test', asOf: '2026-11-25' };
const llama8b: ModelArchitecture = { ...base, id: 'llama-3.1-8b', name: 'Llama 3.1 8B', params: 8.03e9, activeParams: 8.03e9, layers: 32, kvHeads: 8, headDim: 128, attention: 'gqa' };
const engine = (overheadGib: number, reserves?: number, decode = 0.5, prefill = 0.4): Engine => ({
  id: 'e', aliases: [], memoryOverheadGib: overheadGib, reservesFraction: reserves, decodeEfficiency: { 'consumer-gpu': decode, 'datacenter-gpu': decode },
  prefillEfficiency: { 'consumer-gpu': prefill, 'datacenter-gpu': prefill }, stepOverheadMs: {}, cpuPrefillGflopsPerCore: undefined, applePrefillFlopsPerByte: undefined, source: 'test', asOf: '2026-11-25',
});
const card = (memoryGib: number, bandwidth = 1000, tflops = 100): Hardware => ({
  id: `card-${memoryGib}`, name: 'card', class: 'consumer-gpu', memoryGib, memoryBandwidthGbPerSecond: bandwidth, fp16Tflops: tflops, int8Tops: undefined,
  watts: 400, cores: undefined, source: 'test', asOf: '2026-11-25',
});

describe('memory', () => {
  it('Llama 3.1 8B holds exactly 1 GiB of f16 KV cache at 8,192 tokens', () => {
    // 2 (K and V) x 32 layers x 8 KV heads x 128 dims x 2 bytes x 8,192 tokens = 2^30
    expect(kvCacheBytes(llama8b, 8192, 2)).toBe(GIB);
    // q8_0 stores 34 bytes per 32 values: 1.0625 bytes an element instead of 2
    expect(kvCacheBytes(llama8b, 8192, 1.0625)).toBe((1.0625 / 2) * GIB);
  });

  it('weights are params x bits per weight / 8', () => {
    expect(weightsBytes(llama8b, 4.5)).toBe((8.03e9 * 4.5) / 8);
  });

  it('MLA caches one compressed latent per layer and token, with no factor 2', () => {
    const deepseek: ModelArchitecture = { ...llama8b, id: 'deepseek-v3', params: 671e9, activeParams: 37e9, layers: 61, attention: 'mla', kvLoraRank: 512, qkRopeHeadDim: 64 };
    // 61 layers x (512 + 64) x 2 bytes = 70,272 bytes a token
    expect(kvCacheBytes(deepseek, 1, 2)).toBe(70_272);
    expect(kvCacheBytes(deepseek, 32_768, 2)).toBe(70_272 * 32_768);
  });

  it('sliding-window layers stop growing at their window', () => {
    // Gemma 2 9B's shape: 42 layers, 21 of them with a 4,096-token window; 8 KV heads of 256.
    const gemma: ModelArchitecture = { ...llama8b, id: 'gemma-2-9b', layers: 42, kvHeads: 8, headDim: 256, attention: 'sliding', slidingWindowTokens: 4096, slidingLayers: 21 };
    const perLayerToken = 2 * 8 * 256 * 2; // 8,192 bytes
    expect(kvCacheBytes(gemma, 2048, 2)).toBe(42 * 2048 * perLayerToken);
    expect(kvCacheBytes(gemma, 8192, 2)).toBe((21 * 8192 + 21 * 4096) * perLayerToken);
    // and the inverse gives the context back
    expect(maxContextFor(gemma, (21 * 8192 + 21 * 4096) * perLayerToken, 2)).toBe(8192);
    expect(maxContextFor(gemma, 42 * 2048 * perLayerToken, 2)).toBe(2048);
  });

  it('finds the smallest tensor-parallel group, headroom, longest context and concurrency', () => {
    const e = engine(0.5);
    const need = memoryNeed(llama8b, 16, 2, 8192, 1, e); // F16 weights: 16.06e9 bytes
    expect(need.totalBytes).toBe(8.03e9 * 2 + GIB + 0.5 * GIB);
    const on24 = fitOn(card(24), llama8b, need, 2, 8192, 1, e);
    // one 24 GiB card: free for KV = 24 GiB - 16.06e9 - 0.5 GiB = 9,179,869,184 bytes
    const free = 24 * GIB - 16.06e9 - 0.5 * GIB;
    expect(on24.devices).toBe(1);
    expect(on24.headroomBytes).toBeCloseTo(free - GIB, 3);
    expect(on24.maxContextTokens).toBe(Math.floor(free / 131_072)); // 131,072 bytes a token
    expect(on24.maxConcurrency).toBe(Math.floor(free / GIB));
    // an 80 GiB card would hold floor((80 GiB - 16.06e9 - 0.5 GiB) / 131,072) = 528,735 tokens of
    // KV cache for one sequence, but Llama 3.1 8B reads at most its 131,072-token window
    const on80 = fitOn(card(80), llama8b, need, 2, 8192, 1, e);
    expect(Math.floor((80 * GIB - 16.06e9 - 0.5 * GIB) / 131_072)).toBe(528_735);
    expect(on80.maxContextTokens).toBe(131_072);
    expect(on80.kvCapacityTokens).toBe(528_735);
    // a 16 GiB card needs two: 2 x 16 GiB - 16.06e9 - 2 x 0.5 GiB >= 1 GiB
    expect(fitOn(card(16), llama8b, need, 2, 8192, 1, e).devices).toBe(2);
    // vLLM reserves 90% of each card up front: its KV capacity in tokens
    const vllm = engine(0, 0.9);
    const fit = fitOn(card(24), llama8b, memoryNeed(llama8b, 16, 2, 8192, 1, vllm), 2, 8192, 1, vllm);
    expect(fit.kvCapacityTokens).toBe(Math.floor((24 * GIB * 0.9 - 16.06e9) / 131_072));
  });
});

describe('speed', () => {
  it('decode reads the weights once a step for the whole batch plus each sequence’s KV cache', () => {
    const inputs = { model: llama8b, bitsPerWeight: 4.5, kvBytesPerElement: 2, hardware: card(24, 1000, 100), devices: 1, engine: engine(0) };
    // batch 1, context 0: 8.03e9 x 4.5 / 8 = 4.516875e9 bytes at 1000 GB/s x 50% = 5e11 B/s
    expect(estimateSpeed(inputs, 1, 0).decodeTokensPerSecond).toBeCloseTo(5e11 / 4.516875e9, 9);
    // batch 8 at 4,096 tokens: + 8 x 131,072 x 4,096 bytes of KV cache
    const bytes = 4.516875e9 + 8 * 131_072 * 4096;
    const b8 = estimateSpeed(inputs, 8, 4096);
    expect(b8.perSequenceTokensPerSecond).toBeCloseTo(5e11 / bytes, 9);
    expect(b8.decodeTokensPerSecond).toBeCloseTo((8 * 5e11) / bytes, 9);
    expect(b8.bound).toBe('memory');
    // compute binds once 2 x 8.03e9 x batch FLOPs at 100 TFLOPS x 40% outlast the memory time
    const b256 = estimateSpeed(inputs, 256, 0);
    expect(b256.bound).toBe('compute');
    expect(b256.decodeTokensPerSecond).toBeCloseTo(4e13 / (2 * 8.03e9), 6);
    // prefill: 100 TFLOPS x 40% / (2 x 8.03e9 FLOPs a token)
    expect(b8.prefillTokensPerSecond).toBeCloseTo(4e13 / (2 * 8.03e9), 6);
  });

  it('a MoE batch reads more experts the larger it is', () => {
    // Qwen3-30B-A3B's shape: 30.5B total, 3.3B active, 128 experts, 8 a token.
    const moe: ModelArchitecture = { ...llama8b, params: 30.5e9, activeParams: 3.3e9, experts: 128, expertsPerToken: 8 };
    // expert params X: 30.5 - 3.3 = X x (1 - 8/128) -> X = 27.2e9 / 0.9375; shared = 30.5e9 - X
    const experts = 27.2e9 / 0.9375;
    const shared = 30.5e9 - experts;
    expect(weightBytesPerStep(moe, 8, 1)).toBeCloseTo(3.3e9, 0); // one token: its active parameters
    expect(weightBytesPerStep(moe, 8, 4)).toBeCloseTo(shared + experts * (1 - (1 - 1 / 16) ** 4), 0);
    expect(weightBytesPerStep(moe, 8, 1000)).toBeCloseTo(30.5e9, -3); // every expert
  });
});
