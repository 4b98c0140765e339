// Memory validation samples: rows in, predicted against measured out, worked by hand on a small
// catalogue; then the project's goals on the published rows (memory*.yaml).
import { readFileSync } from 'node:fs';
import { parse } from 'yaml';
import { describe, expect, it } from 'vitest';
import { loadSelfHostCatalogue } from '../../src/catalogue/load.js';
import type { SelfHostCatalogue } from '../../src/catalogue/selfhost-file.js';
import type { Engine, Hardware, KvCacheType, ModelArchitecture, WeightQuant } from '../../src/catalogue/types.js';
import { memoryValidationSamples, type MemoryRow } from '../../src/validation/memory.js';

const GIB = 2 ** 30;
const dated = { source: 'https://example.com/test', asOf: '2026-12-04' };
const none = { slidingWindowTokens: undefined, slidingLayers: undefined, kvLoraRank: undefined, qkRopeHeadDim: undefined, experts: undefined, expertsPerToken: undefined };
// A round model without shape fields: 8e9 parameters, 131,072 bytes of f16 KV a token.
const model: ModelArchitecture = { id: 'm8', name: 'M8', params: 8e9, activeParams: 8e9, layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 8, headDim: 128,
  contextTokens: 131072, attention: 'gqa', ...none, ...dated };
const q4: WeightQuant = { id: 'q4', aliases: [], bitsPerWeight: 4, ...dated };
const f16: KvCacheType = { id: 'f16', aliases: [], bytesPerElement: 2, ...dated };
const base = { aliases: [], decodeEfficiency: {}, prefillEfficiency: {}, stepOverheadMs: {}, cpuPrefillGflopsPerCore: undefined, applePrefillFlopsPerByte: undefined, ...dated };
const vllm: Engine = { ...base, id: 'vllm', memoryOverheadGib: 2, reservesFraction: 0.9, memoryFractionKey: 'gpu_memory_utilization', memoryFractionOf: 'total' };
const llamaCpp: Engine = { ...base, id: 'llama.cpp', memoryOverheadGib: 0.5, reservesFraction: undefined };
const card: Hardware = { id: 'card', name: 'Card', class: 'datacenter-gpu', memoryGib: 80, usableMemoryGib: 79, memoryBandwidthGbPerSecond: 2000, fp16Tflops: 300,
  int8Tops: undefined, watts: 400, cores: undefined, ...dated };
const catalogue: SelfHostCatalogue = { models: [model], weightQuants: [q4], kvCacheTypes: [f16], hardware: [card], offers: [], engines: [vllm, llamaCpp] };
const row = (over: Partial<MemoryRow>): MemoryRow => ({ model: 'm8', quant: 'q4', kind: 'file_size', value: 4, unit: 'GB', ...over });

describe('memory validation samples', () => {
  it('compare file sizes and loaded weights (per GPU) with params x bits / 8', () => {
    const [file, loaded] = memoryValidationSamples([row({}), row({ kind: 'weights_loaded', value: 1.8, unit: 'GiB', engine: 'vllm', gpus: 2 })], catalogue);
    expect(file).toMatchObject({ kind: 'weights', engine: null, hardwareClass: null, predicted: 4e9, measured: 4e9 });
    // 8e9 x 4 / 8 = 4e9 bytes over 2 GPUs; 1.8 GiB measured
    expect(loaded).toMatchObject({ kind: 'weights', engine: 'vllm', predicted: 2e9, measured: 1.8 * GIB });
  });

  it('compare total memory of an on-demand engine with weights + the context’s KV cache + its buffers', () => {
    const [total] = memoryValidationSamples([row({ kind: 'total_memory', value: 5.2, unit: 'GiB', engine: 'llama.cpp', hardware: 'card', context: 8192 })], catalogue);
    // 4e9 + 131,072 x 8,192 (1 GiB) + 0.5 GiB
    expect(total).toMatchObject({ kind: 'total_memory', hardwareClass: 'datacenter-gpu', predicted: 4e9 + GIB + 0.5 * GIB, measured: 5.2 * GIB });
  });

  it('compare KV capacity: the engine’s share of the usable memory less weights and its buffers', () => {
    const rows = [
      row({ kind: 'kv_cache_tokens', value: 400000, unit: 'tokens', engine: 'vllm', hardware: 'card', gpus: 1 }),
      row({ kind: 'kv_cache_memory', value: 30, unit: 'GiB', engine: 'vllm', hardware: 'card', note: 'vllm serve --tensor-parallel-size 2 --gpu-memory-utilization 0.5' }),
    ];
    const [tokens, perGpu] = memoryValidationSamples(rows, catalogue);
    // one device: 79 GiB x 0.9 - 4e9 - 2 GiB (the flat overhead: no memory model) = 64.6 GiB, / 131,072 bytes a token
    const free = 79 * GIB * 0.9 - 4e9 - 2 * GIB;
    expect(tokens).toMatchObject({ kind: 'kv_capacity', predicted: Math.floor(free / 131072), measured: 400000 });
    // two devices at 0.5, read from the note: 79 GiB x 0.5 - 2e9 - 2 GiB each
    expect(perGpu).toMatchObject({ kind: 'kv_capacity', predicted: 79 * GIB * 0.5 - 2e9 - 2 * GIB, measured: 30 * GIB });
  });

  it('leaves out rules of thumb and models or quants the catalogue lacks', () => {
    const rows = [
      row({ kind: 'total_memory', engine: 'llama.cpp', note: "TheBloke's stated estimate, NOT a measurement" }),
      row({ model: 'unknown' }),
      row({ quant: 'unknown' }),
      row({ kind: 'engine_memory', engine: 'vllm', hardware: 'card' }),
    ];
    expect(memoryValidationSamples(rows, catalogue)).toEqual([]);
  });
});

describe('against the published rows (memory.yaml, memory-weights.yaml, memory-engines.yaml)', () => {
  const rows = ['memory.yaml', 'memory-weights.yaml', 'memory-engines.yaml']
    .flatMap((f) => parse(readFileSync(new URL(`../fixtures/measurements/${f}`, import.meta.url), 'utf8')) as MemoryRow[]);
  const within = (samples: { predicted: number; measured: number }[], tolerance: number) =>
    samples.filter((s) => Math.abs(s.predicted / s.measured - 1) <= tolerance).length / samples.length;

  it('has 60 new rows beside memory.yaml', () => {
    const fresh = ['memory-weights.yaml', 'memory-engines.yaml'].flatMap((f) => parse(readFileSync(new URL(`../fixtures/measurements/${f}`, import.meta.url), 'utf8')) as MemoryRow[]);
    expect(fresh.length).toBeGreaterThanOrEqual(60);
    for (const r of fresh) expect(r.source).toMatch(/^https:\/\//);
  });

  it('KV capacity is within 10% on at least 70% of the rows (the misses: vLLM before 0.17, V0 profiles of a whole max-model-len)', async () => {
    const samples = memoryValidationSamples(rows, await loadSelfHostCatalogue()).filter((s) => s.kind === 'kv_capacity');
    expect(samples.length).toBeGreaterThanOrEqual(25);
    expect(within(samples, 0.1)).toBeGreaterThanOrEqual(0.7);
  });

  it('total memory is within 10% on at least 90% of the rows (the misses: a 1B model at ubatch 128, a process peak of unstated scope)', async () => {
    const samples = memoryValidationSamples(rows, await loadSelfHostCatalogue()).filter((s) => s.kind === 'total_memory');
    expect(samples.length).toBeGreaterThanOrEqual(20);
    expect(within(samples, 0.1)).toBeGreaterThanOrEqual(0.9);
  });

  it('weights are within 5% on at least 95% of the rows', async () => {
    const samples = memoryValidationSamples(rows, await loadSelfHostCatalogue()).filter((s) => s.kind === 'weights');
    expect(samples.length).toBeGreaterThanOrEqual(90);
    expect(within(samples, 0.05)).toBeGreaterThanOrEqual(0.95);
  });
});
