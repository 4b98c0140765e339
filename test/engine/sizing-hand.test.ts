// The vram and throughput reports and the batch search of a self-hosted instance, on round
// numbers: an 8B model at 4 bits (4e9 bytes), a card with 1000 GB/s and 100 TFLOPS, an engine at
// 50% of bandwidth and 40% of compute with 1 GiB of overhead. KV cache: 2 x 32 layers x 8 heads x
// 128 dims x 2 bytes = 131,072 bytes a token.
import { describe, expect, it } from 'vitest';
import type { Engine, Hardware, KvCacheType, ModelArchitecture, WeightQuant } from '../../src/catalogue/types.js';
import { figureDeployment } from '../../src/engine/deployment.js';
import { fitOn, kvCacheBytes, maxContextFor, memoryNeed } from '../../src/engine/memory.js';
import { throughputReport, vramReport, type ModelSetup } from '../../src/engine/sizing.js';
import { estimateSpeed } from '../../src/engine/speed.js';
import type { ResolvedDeployment } from '../../src/scenario/resolve-deployment.js';

const GIB = 2 ** 30;
const dated = { source: 'https://example.com/test', asOf: '2026-11-01' };
const model8b: ModelArchitecture = {
  id: 'test-8b', name: 'Test 8B', params: 8e9, activeParams: 8e9, layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 8, headDim: 128, contextTokens: 131_072,
  attention: 'gqa', slidingWindowTokens: undefined, slidingLayers: undefined, kvLoraRank: undefined, qkRopeHeadDim: undefined, experts: undefined, expertsPerToken: undefined, ...dated,
};
const quant = (bits: number): WeightQuant => ({ id: `q${bits}`, aliases: [], bitsPerWeight: bits, ...dated });
const f16: KvCacheType = { id: 'f16', aliases: [], bytesPerElement: 2, ...dated };
const engine: Engine = {
  id: 'test-engine', aliases: [], memoryOverheadGib: 1, reservesFraction: undefined, decodeEfficiency: { 'consumer-gpu': 0.5 }, prefillEfficiency: { 'consumer-gpu': 0.4 },
  stepOverheadMs: {}, cpuPrefillGflopsPerCore: undefined, applePrefillFlopsPerByte: undefined, ...dated,
};
const card = (id: string, memoryGib: number, over: Partial<Hardware> = {}): Hardware => ({
  id, name: id, class: 'consumer-gpu', memoryGib, memoryBandwidthGbPerSecond: 1000, fp16Tflops: 100, int8Tops: undefined, watts: 400, cores: undefined, ...dated, ...over,
});
const setup = (bits = 4, e: Engine = engine): ModelSetup => ({ model: model8b, quant: quant(bits), kv: f16, engine: e });

describe('throughput: the batch from which compute binds', () => {
  it('is the first power of two whose compute time passes its memory time', () => {
    // A step at batch b: memory (4e9 + b x KV) / 5e11 s, compute 2 x 8e9 x b / 4e13 = 4e-4 b s.
    // At context 0 memory is 0.008 s whatever b: compute passes it above b = 20, so of 1, 2, 4,
    // 8, 16, 32 ... the first is 32.
    expect(0.008 / 4e-4).toBe(20);
    expect(throughputReport(setup(), card('gpu', 24), 1, 1, 0).compute_bound_from_batch).toBe(32);
    // At 1,000 tokens of context each sequence adds 131,072,000 / 5e11 = 2.62144e-4 s of
    // reads: 4e-4 b > 0.008 + 2.62144e-4 b above b = 0.008 / 1.37856e-4 = 58.03: from 64.
    expect(0.008 / (4e-4 - 131_072_000 / 5e11)).toBeCloseTo(58.03, 2);
    const r = throughputReport(setup(), card('gpu', 24), 1, 64, 1000);
    expect(r.compute_bound_from_batch).toBe(64);
    expect(r.bound).toBe('compute');
    expect(r.decode_tokens_per_second).toBeCloseTo(64 / (4e-4 * 64), 9); // 2,500 tokens/s
  });

  it('is null when the hardware has no compute figure (decode stays memory bound)', () => {
    // A CPU with neither an FP16 rating nor a core count: prefill unknown, compute never binds.
    const cpu = card('cpu', 64, { class: 'cpu', fp16Tflops: undefined, memoryBandwidthGbPerSecond: 100 });
    const r = throughputReport(setup(4, { ...engine, decodeEfficiency: { cpu: 0.5 } }), cpu, 1, 1, 0);
    expect(r.compute_bound_from_batch).toBeNull();
    expect(r.prefill_tokens_per_second).toBeNull();
    expect(r.decode_tokens_per_second).toBeCloseTo((100e9 * 0.5) / 4e9, 9); // 12.5 tokens/s
  });
});

describe('the default efficiency of an engine with no factor for the hardware class', () => {
  // Fitted for datacenter GPUs only; the card is a consumer GPU.
  const unfitted: Engine = { ...engine, decodeEfficiency: { 'datacenter-gpu': 0.9 }, prefillEfficiency: { 'datacenter-gpu': 0.6 } };

  it('assumes 50% of bandwidth for decode and 30% of compute for prompts, and says so', () => {
    const inputs = { model: model8b, bitsPerWeight: 4, kvBytesPerElement: 2, hardware: card('gpu', 24), devices: 1, engine: unfitted };
    const s = estimateSpeed(inputs, 1, 0);
    expect(s.decodeEfficiency).toBe(0.5);
    expect(s.prefillEfficiency).toBe(0.3);
    expect(s.defaultedEfficiency).toBe(true);
    expect(s.decodeTokensPerSecond).toBeCloseTo((1000e9 * 0.5) / 4e9, 9); //       125 tokens/s
    expect(s.prefillTokensPerSecond).toBeCloseTo((100e12 * 0.3) / (2 * 8e9), 6); // 1,875 tokens/s

    const r = throughputReport(setup(4, unfitted), card('gpu', 24), 1, 1, 0);
    expect(r.engine).toMatchObject({ decode_efficiency: 0.5, prefill_efficiency: 0.3, fitted: false });
    expect(r.warnings).toEqual(['test-engine has no efficiency fitted for consumer-gpu hardware: 50% of bandwidth assumed (give a measured tokens_per_second)']);
    // Compute time 2 x 8e9 x b / 3e13 passes memory time 4e9 / 5e11 above b = 15: from 16.
    expect(r.compute_bound_from_batch).toBe(16);
  });

  it('sizes a self-hosted batch with the same defaults', () => {
    const d: ResolvedDeployment = {
      model: model8b, quant: quant(4), kv: f16, engine: unfitted, notes: [],
      hardware: { name: 'gpu', spec: card('gpu', 24), devices: 1, wattsPerDevice: 400, price: { kind: 'rent', monthlyPerInstance: 300 }, offer: undefined, ...dated },
    };
    const f = figureDeployment(d, { contextTokens: 1000, minTokensPerSecond: 20, singleStream: false, measuredTokensPerSecond: undefined, measuredPrefillTokensPerSecond: undefined });
    // A stream at 20 tokens/s allows a 0.05 s step: compute 2 x 8e9 x b / (100e12 x 0.3) =
    // 5.333e-4 b s allows b <= 93.75; memory (4e9 + b x 131,072,000) / 5e11 allows b <= 160.2.
    expect(f.speed).toMatchObject({ batch: 93, bound: 'compute' });
    expect(f.speed!.decodeTokensPerSecond).toBeCloseTo(93 / ((2 * 8e9 * 93) / 3e13), 9); // 1,875
    expect(f.speed!.singleStreamTokensPerSecond).toBeCloseTo(5e11 / (4e9 + 131_072_000), 9);
    expect(f.warnings).toContain('test-engine has no efficiency fitted for consumer-gpu hardware: 50% of bandwidth assumed (give a measured tokens_per_second)');
  });
});

describe('vram: what fits where', () => {
  // F16-sized weights: 8e9 x 16 bits = 16e9 bytes (14.90 GiB); 8,192 tokens of KV cache = 1 GiB;
  // 1 GiB of engine overhead on each device.
  const need = memoryNeed(model8b, 16, 2, 8192, 1, engine);

  it('lists the cards that need the fewest devices first, then the smallest, then by id', () => {
    const cards = [card('card-1', 1), card('card-8', 8), card('card-48', 48), card('card-24b', 24), card('card-16', 16), card('card-24a', 24), card('card-0', 0)];
    const r = vramReport(setup(16), 8192, 1, cards);
    // Free for KV on n cards of m GiB: n m GiB - 16e9 - n GiB, at least the 1 GiB of KV cache:
    // 24 and 48 GiB: one card (24 - 14.90 - 1 = 8.10 GiB free); 16 GiB: one leaves 0.10 GiB,
    // two 15.10; 8 GiB: two leave -0.90, four 13.10; 1 GiB: eight leave -14.90. A card of 0 GiB
    // (no memory figure) is left out.
    expect(r.fits.map((f) => [f.hardware, f.devices])).toEqual([
      ['card-24a', 1],
      ['card-24b', 1],
      ['card-48', 1],
      ['card-16', 2],
      ['card-8', 4],
      ['card-1', null],
    ]);
    expect(r.fits[3]!.headroom_bytes).toBeCloseTo(2 * 16 * GIB - 16e9 - 2 * GIB - GIB, 0);
  });

  it('gives the figures of one card when no group of up to eight holds the model', () => {
    // On a 1 GiB card: 1 GiB - 16e9 - 1 GiB of overhead leaves -16e9 bytes: nothing fits.
    const tiny = fitOn(card('card-1', 1), model8b, need, 2, 8192, 1, engine);
    expect(tiny).toEqual({ hardware: 'card-1', devices: null, usableBytes: GIB, headroomBytes: -16e9 - GIB, maxContextTokens: 0, maxConcurrency: 0, kvCapacityTokens: 0 });

    // 1,000 sequences of 8,192 tokens need 1,000 GiB of KV cache: not even 8 x 80 GiB hold it.
    // One 80 GiB card still has 80 GiB - 16e9 - 1 GiB = 68,825,604,096 bytes for KV cache.
    const many = memoryNeed(model8b, 16, 2, 8192, 1000, engine);
    const big = fitOn(card('card-80', 80), model8b, many, 2, 8192, 1000, engine);
    const free = 80 * GIB - 16e9 - GIB;
    expect(big.devices).toBeNull();
    expect(big.usableBytes).toBe(80 * GIB);
    expect(big.headroomBytes).toBeCloseTo(free - 1000 * GIB, 0);
    expect(big.maxConcurrency).toBe(Math.floor(free / GIB)); //                  64 sequences
    expect(big.maxContextTokens).toBe(Math.floor(free / 1000 / 131_072)); //    525 tokens each
    expect(big.kvCapacityTokens).toBe(Math.floor(free / 131_072)); //           525,097 tokens
  });
});

describe('the longest context of a model whose every layer has a sliding window', () => {
  // 10 layers, all with a 1,024-token window; 2 KV heads of 64 dims at 2 bytes: 2 x 2 x 64 x 2 =
  // 512 bytes a layer and token, 5,120 bytes a token over all layers.
  const windowed: ModelArchitecture = { ...model8b, id: 'windowed', layers: 10, kvHeads: 2, headDim: 64, attention: 'sliding', slidingWindowTokens: 1024, slidingLayers: 10 };
  const atWindow = 5120 * 1024; // 5,242,880 bytes: the cache stops growing there

  it('grows with the bytes up to the window, and is unbounded past it', () => {
    expect(kvCacheBytes(windowed, 100_000, 2)).toBe(atWindow);
    expect(maxContextFor(windowed, 1_000_000, 2)).toBe(Math.floor(1_000_000 / 5120)); // 195
    expect(maxContextFor(windowed, atWindow, 2)).toBe(1024);
    // Any more and every context fits: nothing grows beyond the window.
    expect(maxContextFor(windowed, atWindow + 1, 2)).toBe(Infinity);
    expect(maxContextFor(windowed, 0, 2)).toBe(0);
  });
});

describe('the batch of a mixture-of-experts model', () => {
  // 3B parameters, 2B active: 2 experts, 1 a token. Expert parameters X: 3e9 - 2e9 = X x (1 - 1/2),
  // X = 2e9; shared 1e9. At 8 bits a batch of b reads 1e9 + 2e9 x (1 - (1/2)^b) bytes of weights
  // (the experts its tokens touched) plus b x 400 bytes of KV cache (1 layer, 1 KV head of 1
  // dim: 4 bytes a token, 100 tokens), at 100 GB/s x 50% = 5e10 B/s; no compute figure.
  const moe: ModelArchitecture = { ...model8b, id: 'moe', params: 3e9, activeParams: 2e9, layers: 1, kvHeads: 1, headDim: 1, experts: 2, expertsPerToken: 1 };
  const spec = card('slow', 16, { memoryBandwidthGbPerSecond: 100, fp16Tflops: undefined });
  const d: ResolvedDeployment = {
    model: moe, quant: quant(8), kv: f16, engine, notes: [],
    hardware: { name: 'slow', spec, devices: 1, wattsPerDevice: 400, price: { kind: 'rent', monthlyPerInstance: 100 }, offer: undefined, ...dated },
  };
  const step = (b: number) => (1e9 + 2e9 * (1 - 0.5 ** b) + b * 400) / 5e10;
  const figure = (min: number) => figureDeployment(d, { contextTokens: 100, minTokensPerSecond: min, singleStream: false, measuredTokensPerSecond: undefined, measuredPrefillTokensPerSecond: undefined });

  it('is the largest batch whose streams keep the minimum speed', () => {
    // 17 tokens/s a stream: a step of at most 1/17 = 0.05882 s. step(5) = (3e9 - 6.25e7 + 2,000)
    // / 5e10 = 0.05875 s fits; step(6) = (3e9 - 3.125e7 + 2,400) / 5e10 = 0.05938 s does not.
    expect(step(5)).toBeLessThanOrEqual(1 / 17);
    expect(step(6)).toBeGreaterThan(1 / 17);
    const f = figure(17);
    expect(f.speed).toMatchObject({ source: 'estimated', bound: 'memory', batch: 5 });
    expect(f.speed!.perSequenceTokensPerSecond).toBeCloseTo(1 / step(5), 9);
    expect(f.speed!.decodeTokensPerSecond).toBeCloseTo(5 / step(5), 9);
    expect(f.speed!.singleStreamTokensPerSecond).toBeCloseTo(1 / step(1), 9); // 2e9 bytes: 25 tokens/s
    // 19 tokens/s: 1/19 = 0.05263 s; step(2) = 0.05 s fits, step(3) = 0.055 s does not.
    expect(figure(19).speed!.batch).toBe(2);
    // step(b) <= 1/m  <=>  2e9 / 2^b - 400 b >= 3e9 - 5e10 / m. At 16.675 tokens/s the right side
    // is 3e9 - 2,998,500,750 = 1,499,250: b = 10 gives 1,953,125 - 4,000 (fits), b = 11 gives
    // 976,562.5 - 4,400 (does not): a batch of 10.
    expect(step(10)).toBeLessThanOrEqual(1 / 16.675);
    expect(step(11)).toBeGreaterThan(1 / 16.675);
    expect(figure(16.675).speed!.batch).toBe(10);
  });
});
