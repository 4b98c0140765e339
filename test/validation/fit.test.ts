// The fit behind `npm run validate`: measurements made up from known factors are fitted back to
// those factors, and the cross-validation predicts each row from a fit without it.
import { describe, expect, it } from 'vitest';
import type { Engine, Hardware, ModelArchitecture, WeightQuant } from '../../src/catalogue/types.js';
import { crossValidate, fitAll, fitGroup, predictAll, STARTING, unfitted } from '../../src/validation/fit.js';
import { predictSample, type SpeedSample } from '../../src/validation/speed-rows.js';

const dated = { source: 'https://example.com/test', asOf: '2026-11-01' };
const model: ModelArchitecture = {
  id: 'test-8b', name: 'Test 8B', params: 8e9, activeParams: 8e9, layers: 32, hiddenSize: 4096, heads: 32, kvHeads: 8, headDim: 128, contextTokens: 131_072,
  attention: 'gqa', slidingWindowTokens: undefined, slidingLayers: undefined, kvLoraRank: undefined, qkRopeHeadDim: undefined, experts: undefined, expertsPerToken: undefined, ...dated,
};
const quant: WeightQuant = { id: 'q4', aliases: [], bitsPerWeight: 4, ...dated };
const gpu: Hardware = { id: 'gpu', name: 'gpu', class: 'datacenter-gpu', memoryGib: 80, memoryBandwidthGbPerSecond: 2000, fp16Tflops: 400, int8Tops: undefined, watts: 400, cores: undefined, ...dated };
const engine: Engine = {
  id: 'test-engine', aliases: [], memoryOverheadGib: 1, reservesFraction: undefined, decodeEfficiency: {}, prefillEfficiency: {}, stepOverheadMs: {},
  cpuPrefillGflopsPerCore: undefined, applePrefillFlopsPerByte: undefined, ...dated,
};
// The truth the made-up measurements come from.
const truth: Engine = {
  ...engine, decodeEfficiency: { 'datacenter-gpu': 0.7 }, stepOverheadMs: { 'datacenter-gpu': 2 }, stepOverheadMsPerSequence: { 'datacenter-gpu': 0.05 },
  prefillEfficiency: { 'datacenter-gpu': 0.5 },
};

function sample(kind: SpeedSample['kind'], concurrency: number, promptTokens: number, outputTokens: number, context?: number): SpeedSample {
  const s: SpeedSample = {
    kind, engine: 'test-engine', hardware: gpu, model, quant, kvBytesPerElement: 2, devices: 1, split: undefined, concurrency, requestRate: undefined, saturated: false,
    numPrompts: undefined, promptTokens, outputTokens, contextTokens: context ?? (kind === 'decode' || kind === 'prefill' ? 0 : promptTokens), decodeOnly: kind === 'decode' || kind === 'prefill',
    totalFactor: 1, measured: 1, fit: true, superseded: false, row: { model: 'test-8b', quant: 'q4', hardware: 'gpu', engine: 'test-engine', source: `https://example.com/${kind}/${concurrency}/${promptTokens}` },
  };
  return { ...s, measured: predictSample(s, truth) };
}

const samples = [
  ...[0, 1000, 4000, 8000].map((context) => sample('decode', 1, 0, 128, context)),
  ...[512, 2048, 8192].map((p) => sample('prefill', 1, p, 0)),
  ...[4, 16, 64, 128, 256].map((c) => sample('aggregate', c, 1024, 512)),
  ...[8, 32].map((c) => sample('ttft', c, 2048, 256)),
];

describe('the fit', () => {
  it('finds the factors measurements were made from, to the grid', () => {
    const f = fitGroup(samples, engine, 'datacenter-gpu', STARTING);
    // Grids: efficiency in steps of 0.02, overhead 0.2 ms, prefill share 0.02; the time per
    // sequence on a geometric grid (about 10% apart).
    expect(f.decodeEfficiency).toBeCloseTo(0.7, 5);
    expect(f.stepOverheadMs).toBeCloseTo(2, 5);
    expect(Math.abs(f.prefill - 0.5)).toBeLessThanOrEqual(0.01 + 1e-9); // 0.49 or 0.51: the grid's nearest
    expect(Math.abs(f.stepOverheadMsPerSequence / 0.05 - 1)).toBeLessThan(0.1);
  });

  it('starts from no fitted factors, whatever the catalogue holds', () => {
    const stale: Engine = { ...truth, decodeEfficiency: { 'datacenter-gpu': 0.1, hopper: 0.2 } };
    expect(unfitted(stale).decodeEfficiency).toEqual({});
    const fromStale = fitAll(samples, new Map([['test-engine', stale]]));
    const fromClean = fitAll(samples, new Map([['test-engine', engine]]));
    expect(fromStale.factors).toEqual(fromClean.factors);
  });

  it('predicts the made-up rows closely, in sample and across folds', () => {
    // Grid steps and a coordinate search leave small errors; nothing like the 25-35% goals.
    const engines = new Map([['test-engine', engine]]);
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
    const inSample = predictAll(samples, fitAll(samples, engines), engines);
    expect(inSample).toHaveLength(samples.length);
    expect(median(inSample.map((p) => Math.abs(p.error)))).toBeLessThan(0.02);
    for (const p of inSample) expect(Math.abs(p.error)).toBeLessThan(0.05);
    const folds = crossValidate(samples, engines);
    expect(folds).toHaveLength(samples.length);
    for (const p of folds) expect(Math.abs(p.error)).toBeLessThan(0.1);
  });
});

describe('a family whose prompt rate differs from its class, with rows spread over engines', () => {
  // Apple GPUs: the prompt rate is FLOPs per byte/s of bandwidth. Two engines whose truth is 20 on
  // the class and 3 x 20 = 60 on a new family: engine A has rows on both, engine B on the class
  // only, so B has no family rows of its own (fewer than the 4 a family fit needs).
  const family = (id: string, fam: Hardware['family']): Hardware => ({ id, name: id, class: 'apple', family: fam, memoryGib: 64, memoryBandwidthGbPerSecond: 400, fp16Tflops: undefined, int8Tops: undefined, watts: undefined, cores: undefined, ...dated });
  const old = family('chip-old', 'apple-m1');
  const fresh = family('chip-new', 'apple-m5');
  const truthOf = (id: string): Engine => ({ ...engine, id, applePrefillFlopsPerByte: { apple: 20, 'apple-m5': 60 }, decodeEfficiency: { apple: 0.8 }, stepOverheadMs: { apple: 1 } });
  const prefillRow = (engineId: string, hw: Hardware, prompt: number): SpeedSample => {
    const s: SpeedSample = {
      kind: 'prefill', engine: engineId, hardware: hw, model, quant, kvBytesPerElement: 2, devices: 1, split: undefined, concurrency: 1, requestRate: undefined, saturated: false,
      numPrompts: undefined, promptTokens: prompt, outputTokens: 0, contextTokens: 0, decodeOnly: true, totalFactor: 1, measured: 1, fit: true, superseded: false,
      row: { model: 'test-8b', quant: 'q4', hardware: hw.id, engine: engineId, source: `https://example.com/${engineId}/${hw.id}/${prompt}` },
    };
    return { ...s, measured: predictSample(s, truthOf(engineId)) };
  };
  const rows = [
    ...[256, 512, 1024, 2048].flatMap((p) => [prefillRow('a', old, p), prefillRow('b', old, p)]),
    ...[512, 1024, 2048].map((p) => prefillRow('a', fresh, p)),
  ];
  const engines = new Map([['a', { ...engine, id: 'a' }], ['b', { ...engine, id: 'b' }]]);

  it('gives the engine without rows of its own the class rate x the multiplier the family rows show', () => {
    const fit = fitAll(rows, engines);
    // A's three family rows are too few for its own family figure (4), so the pooled fit sets it too.
    const a = fit.families.get('a|apple|apple-m5')?.prefill;
    const b = fit.families.get('b|apple|apple-m5')?.prefill;
    expect(fit.factors.get('b|apple')!.prefill).toBeCloseTo(20, 0);
    // the multiplier's grid is about 6% a step: within that of 3 x 20 = 60
    expect(Math.abs(b! / 60 - 1)).toBeLessThan(0.06);
    expect(Math.abs(a! / 60 - 1)).toBeLessThan(0.06);
    // and B's rows on the new chip, had it any, come out near the truth
    const predicted = predictAll([prefillRow('b', fresh, 1024)], fit, engines)[0]!;
    expect(Math.abs(predicted.error)).toBeLessThan(0.06);
  });
});
