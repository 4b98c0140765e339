// Measurement rows resolved into samples the way the CLI resolves a scenario: a quant family named
// with its bits (exl2-4.0bpw), and a CPU row's vCPUs pooled into one device as an offer's are.
import { describe, expect, it } from 'vitest';
import type { Engine, Hardware, KvCacheType, ModelArchitecture, SelfHostCatalogue, WeightQuant } from '../../src/catalogue/types.js';
import { speedSamples, type MeasurementRow } from '../../src/validation/speed-rows.js';

const dated = { source: 'https://example.com/test', asOf: '2026-11-01' };
const model: ModelArchitecture = {
  id: 'test-8b', name: 'Test 8B', params: 8e9, activeParams: 8e9, layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 8, headDim: 128, contextTokens: 131_072,
  attention: 'gqa', slidingWindowTokens: undefined, slidingLayers: undefined, kvLoraRank: undefined, qkRopeHeadDim: undefined, experts: undefined, expertsPerToken: undefined, ...dated,
};
const exl2: WeightQuant = { id: 'exl2', aliases: [], bitsPerWeight: 4, variableBits: true, ...dated };
const q8: WeightQuant = { id: 'Q8_0', aliases: [], bitsPerWeight: 8.5, ...dated };
const f16: KvCacheType = { id: 'f16', aliases: [], bytesPerElement: 2, ...dated };
const gpu: Hardware = { id: 'gpu', name: 'gpu', class: 'consumer-gpu', memoryGib: 24, memoryBandwidthGbPerSecond: 1000, fp16Tflops: 100, int8Tops: undefined, watts: 400, cores: undefined, ...dated };
const vcpu: Hardware = {
  id: 'test-vcpu', name: 'One vCPU of a test socket', class: 'cpu', family: 'x86-server', memoryGib: 0, memoryBandwidthGbPerSecond: 3.2, fp16Tflops: undefined,
  int8Tops: undefined, watts: 3, cores: 0.5, ...dated,
};
const engine: Engine = {
  id: 'llama.cpp', aliases: [], memoryOverheadGib: 0.5, reservesFraction: undefined, decodeEfficiency: {}, prefillEfficiency: {}, stepOverheadMs: {},
  cpuPrefillGflopsPerCore: undefined, applePrefillFlopsPerByte: undefined, split: 'layer', ...dated,
};
const cat: SelfHostCatalogue = { models: [model], weightQuants: [exl2, q8], kvCacheTypes: [f16], hardware: [gpu, vcpu], offers: [], engines: [engine] };

const row = (over: Partial<MeasurementRow>): MeasurementRow => ({
  kind: 'decode', model: 'test-8b', quant: 'Q8_0', kv_type: 'f16', hardware: 'gpu', engine: 'llama.cpp', gpus: 1, value: 10, unit: 'tokens/s',
  input_tokens: null, output_tokens: 128, context: 0, source: 'https://example.com/row', ...over,
});

describe('measurement rows as samples', () => {
  it('resolves a quant named with its bits through its variable-bits family, as the CLI does', () => {
    const { samples, skipped } = speedSamples([row({ quant: 'exl2-4.0bpw' })], cat);
    expect(skipped).toEqual([]);
    expect(samples).toHaveLength(1);
    // The family's entry with the bits the name gives: 4.0 bits per weight, also for the linear layers.
    expect(samples[0]!.quant).toMatchObject({ id: 'exl2-4.0bpw', bitsPerWeight: 4, linearBitsPerWeight: 4 });
  });

  it('still leaves out a name no quant or family matches', () => {
    const { samples, skipped } = speedSamples([row({ quant: 'exl9-4.0bpw' })], cat);
    expect(samples).toEqual([]);
    expect(skipped).toEqual(['test-8b exl9-4.0bpw gpu: quant not in the catalogue']);
  });

  it('pools the vCPUs a CPU row used into one device with their summed bandwidth and cores', () => {
    const { samples } = speedSamples([row({ hardware: 'test-vcpu', gpus: 96 })], cat);
    expect(samples).toHaveLength(1);
    const s = samples[0]!;
    expect(s.devices).toBe(1);
    // 96 x 3.2 GB/s = 307.2 GB/s; 96 x 0.5 cores = 48 cores; 96 x 3 W = 288 W.
    expect(s.hardware.memoryBandwidthGbPerSecond).toBeCloseTo(307.2, 9);
    expect(s.hardware.cores).toBe(48);
    expect(s.hardware.watts).toBe(288);
  });

  it('keeps a GPU row with several devices as that many devices', () => {
    const { samples } = speedSamples([row({ gpus: 2, split: 'layer' })], cat);
    expect(samples[0]!.devices).toBe(2);
    expect(samples[0]!.hardware).toBe(gpu);
  });
});
