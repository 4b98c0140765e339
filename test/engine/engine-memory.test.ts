// The engine's own memory per device and the share of a device it fills, worked by hand.
import { describe, expect, it } from 'vitest';
import type { Engine, EngineMemoryModel, Hardware, ModelArchitecture } from '../../src/catalogue/types.js';
import { deviceBytes, engineMemory, ffnWidth, reservedBytes } from '../../src/engine/engine-memory.js';

const GIB = 2 ** 30;
const dated = { source: 'https://example.com/test', asOf: '2026-12-04' };
const none = { slidingWindowTokens: undefined, slidingLayers: undefined, kvLoraRank: undefined, qkRopeHeadDim: undefined, experts: undefined, expertsPerToken: undefined };
const llama8b: ModelArchitecture = {
  id: 'llama-3.1-8b', name: 'Llama 3.1 8B', params: 8.03e9, activeParams: 8.03e9, layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 8, headDim: 128,
  contextTokens: 131072, attention: 'gqa', ...none, vocabSize: 128256, tiedEmbeddings: false, intermediateSize: 14336, ...dated,
};
const vllmModel: EngineMemoryModel = {
  fixedGib: 1, tensorParallelGib: 1.8, profileTokens: 8192, profileTokensSmallDevice: 2048, activationHiddenMultiple: 6, activationFfnMultiple: 2,
  activationExpertMultiple: 7, samplerSequences: 1024, samplerSequencesSmallDevice: 256, samplerBytesPerLogit: 12,
};
const engine = (over: Partial<Engine> = {}): Engine => ({
  id: 'vllm', aliases: [], memoryOverheadGib: 2.5, reservesFraction: 0.9, memoryFractionKey: 'gpu_memory_utilization', memoryFractionOf: 'total',
  memoryModel: vllmModel, decodeEfficiency: {}, prefillEfficiency: {}, stepOverheadMs: {}, cpuPrefillGflopsPerCore: undefined, applePrefillFlopsPerByte: undefined, ...dated, ...over,
});
const card = (memoryGib: number, usableMemoryGib?: number): Hardware => ({
  id: `card-${memoryGib}`, name: 'card', class: 'datacenter-gpu', memoryGib, usableMemoryGib, memoryBandwidthGbPerSecond: 3350, fp16Tflops: 989, int8Tops: undefined,
  watts: 700, cores: undefined, ...dated,
});

describe('engine memory', () => {
  it('vLLM, Llama 3.1 8B on one 80 GB card: 1 GiB + the larger of the 8,192-token pass and 1,024 sequences of logits', () => {
    const m = engineMemory(llama8b, engine(), 1, card(80, 79.22));
    // 8,192 tokens x 2 bytes x (6 x 4,096 + 2 x 14,336) = 872,415,232 bytes
    expect(m.activationBytes).toBe(8192 * 2 * (6 * 4096 + 2 * 14336));
    expect(m.activationBytes).toBe(872_415_232);
    // 1,024 x 128,256 x 12 bytes = 1,576,009,728 bytes
    expect(m.samplerBytes).toBe(1_576_009_728);
    expect(m.tensorParallelBytes).toBe(0);
    // The forward pass's intermediates are freed before the sampler runs: the peak is the larger, 1,576,009,728.
    expect(m.overheadBytes).toBe(GIB + 1_576_009_728);
    expect(m.basis).toBe('fitted');
  });

  it('the peak is the forward pass when it outgrows the sampler', () => {
    // 12 bytes x 1,024 x 32,000 = 393,216,000 bytes of logits, under the 872,415,232-byte pass.
    const m = engineMemory({ ...llama8b, vocabSize: 32000 }, engine(), 1, card(80, 79.22));
    expect(m.samplerBytes).toBe(393_216_000);
    expect(m.overheadBytes).toBe(GIB + 872_415_232);
  });

  it('with the catalogue figures (0.25 GiB, 1.85 GiB at TP 2+, 15.2 bytes a logit) Llama 3.1 8B on an H100 comes to what vLLM 0.19 printed', () => {
    const v19 = engine({ memoryModel: { ...vllmModel, fixedGib: 0.25, tensorParallelGib: 1.85, activationExpertMultiple: 9, samplerBytesPerLogit: 15.2 } });
    const m = engineMemory(llama8b, v19, 1, card(80, 79.19));
    // sampler: 1,024 x 128,256 x 15.2 = 1,996,278,988.8 bytes = 1.859 GiB (the printed peak: 1.89 GiB)
    expect(m.samplerBytes).toBeCloseTo(1_996_278_988.8, 1);
    expect(m.samplerBytes / GIB).toBeCloseTo(1.859, 3);
    // the forward pass, 872,415,232 bytes, is the smaller
    expect(m.overheadBytes).toBeCloseTo(0.25 * GIB + 1_996_278_988.8, 1); // 2.11 GiB; printed 0.25 + 1.89 = 2.14
    // at TP 2: + 1.85 GiB of all-reduce buffers; the sampler holds the whole vocabulary on each GPU
    const tp2 = engineMemory(llama8b, v19, 2, card(80, 79.19));
    expect(tp2.samplerBytes).toBe(m.samplerBytes);
    expect(tp2.overheadBytes / GIB).toBeCloseTo(0.25 + 1.85 + 1.859, 3); // printed 2.07 + 1.89 = 3.96
    // KV cache left at gpu_memory_utilization 0.95: 79.19 x 0.95 - 14.99 (weights printed) - 2.109 = 58.13 GiB; printed 58.11
    expect(79.19 * 0.95 - 14.99 - m.overheadBytes / GIB).toBeCloseTo(58.13, 2);
  });

  it('at TP 2 each device holds half the FFN activations and the all-reduce buffers', () => {
    const m = engineMemory(llama8b, engine(), 2, card(80, 79.22));
    expect(m.activationBytes).toBe(8192 * 2 * (6 * 4096 + (2 * 14336) / 2));
    expect(m.tensorParallelBytes).toBe(1.8 * GIB);
  });

  it('below 70 GiB vLLM profiles 2,048 tokens and 256 sequences', () => {
    const m = engineMemory(llama8b, engine(), 1, card(24, 23.64));
    expect(m.activationBytes).toBe(2048 * 2 * (6 * 4096 + 2 * 14336));
    expect(m.samplerBytes).toBe(256 * 128256 * 12);
  });

  it('a MoE passes experts-per-token x expert width, and the fused-expert buffers', () => {
    // Qwen3-235B-A22B: hidden 4,096, 8 of 128 experts of width 1,536 a token.
    const moe = { ...llama8b, hiddenSize: 4096, experts: 128, expertsPerToken: 8, moeIntermediateSize: 1536, intermediateSize: 12288, vocabSize: 151936 };
    expect(ffnWidth(moe)).toBe(8 * 1536);
    const m = engineMemory(moe, engine(), 4, card(80, 79.22));
    expect(m.activationBytes).toBe(8192 * 2 * (6 * 4096 + (2 * 12288) / 4 + 7 * 8 * 4096));
    // 1 + 1.8 GiB + the larger of 4.26e9 activations and 1,024 x 151,936 x 12 = 1.87e9 sampler = 6.77 GiB
    expect(m.overheadBytes / GIB).toBeCloseTo((1 + 1.8) + (8192 * 2 * (24576 + 6144 + 229376)) / GIB, 9);
    expect(8192 * 2 * (24576 + 6144 + 229376)).toBeGreaterThan(1024 * 151936 * 12);
  });

  it('falls back to the flat memory_overhead_gib without a memory model or model shape', () => {
    expect(engineMemory(llama8b, engine({ memoryModel: undefined }), 1, card(80)).overheadBytes).toBe(2.5 * GIB);
    expect(engineMemory({ ...llama8b, vocabSize: undefined }, engine(), 1, card(80)).basis).toBe('flat');
  });
});

describe('the share of a device an engine fills', () => {
  it('is the runtime’s usable figure, not the marketed size: 79.22 GiB on an 80 GB H100', () => {
    expect(deviceBytes(card(80, 79.22))).toBe(79.22 * GIB);
    expect(deviceBytes(card(80))).toBe(80 * GIB);
  });

  it('vLLM and SGLang take a share of all of it; a setting replaces the default', () => {
    expect(reservedBytes(100, engine(), undefined, 40)).toBe(90);
    expect(reservedBytes(100, engine(), 0.5, 40)).toBe(50);
  });

  it('TensorRT-LLM takes a share of what is free after weights and its buffers', () => {
    const trt = engine({ id: 'tensorrt-llm', memoryFractionKey: 'kv_cache_free_gpu_mem_fraction', memoryFractionOf: 'free' });
    // 40 taken + 0.9 x (100 - 40) = 94
    expect(reservedBytes(100, trt, undefined, 40)).toBe(94);
  });

  it('an engine that allocates on demand may fill the whole device', () => {
    expect(reservedBytes(100, engine({ reservesFraction: undefined }), undefined, 40)).toBe(100);
  });
});
