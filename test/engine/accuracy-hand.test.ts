// Accuracy bands in an estimate (beside every estimated speed and the instance count, none for a
// measured speed) and in simulate (each estimated speed drawn within its band, measured ones not).
import { describe, expect, it } from 'vitest';
import { loadCatalogue, loadSelfHostCatalogue } from '../../src/catalogue/load.js';
import type { AccuracyBand } from '../../src/catalogue/types.js';
import { estimate } from '../../src/engine/estimate.js';
import { simulate } from '../../src/engine/simulate.js';
import type { ServerlessOptionReport, SelfHostOptionReport } from '../../src/report.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import type { Scenario } from '../../src/scenario/types.js';

// Bands made for the test (not catalogue data): one stream within 0.5x..2x, a batch 0.8x..1.25x.
const BANDS: AccuracyBand[] = [
  { kind: 'decode', engine: 'vllm', class: 'datacenter-gpu', measurements: 10, low: 0.5, high: 2, medianAbsError: 0.3 },
  { kind: 'aggregate', engine: 'vllm', class: 'datacenter-gpu', measurements: 7, low: 0.8, high: 1.25, medianAbsError: 0.1 },
];

async function resolved(s: Scenario) {
  const selfHost = { ...(await loadSelfHostCatalogue()), accuracy: { asOf: '2026-12-04', source: 'test', bands: BANDS } };
  return resolveScenario(s, { catalogue: await loadCatalogue({ providers: [] }), currency: 'USD', today: '2026-11-25', selfHost });
}

// 200,000 requests a month of 1,000 prompt + 200 output tokens; Llama 3.1 8B at fp16 on an H100
// (vLLM) self-hosted and serverless, and a box with a measured speed.
const yaml = `traffic: {requests_per_month: 200000, peak_factor: 3}
workload: {kind: chat, input: 1000, output: 200, history: none}
options:
  - name: gpu
    self_host: {model: llama-3.1-8b, quant: fp16, hardware: {name: h100, spec: nvidia-h100-sxm, monthly: 2000}}
  - name: fn
    serverless: {model: llama-3.1-8b, quant: fp16, hardware: {name: h100, spec: nvidia-h100-sxm, per_second: 0.001}}
  - name: measured
    self_host: {hardware: {name: box, monthly: 100}, tokens_per_second: 1000, prefill_tokens_per_second: 10000}`;

describe('bands in an estimate', () => {
  it('puts value x low and value x high beside each estimated speed, with its basis', async () => {
    const s = parseScenario(yaml, { file: 't.yaml' });
    const r = estimate(s, await resolved(s));
    const gpu = r.options.find((o) => o.name === 'gpu') as SelfHostOptionReport;
    const v = gpu.speed;
    expect(v.batch).toBeGreaterThan(1);
    // At a batch the aggregate band; one stream alone the decode band; no prefill band in the file.
    expect(v.decode_tokens_per_second_band).toEqual({ value: v.decode_tokens_per_second, low: v.decode_tokens_per_second * 0.8, high: v.decode_tokens_per_second * 1.25, basis: 'vLLM on datacenter GPUs, 7 measurements' });
    expect(v.single_stream_tokens_per_second_band).toEqual({ value: v.single_stream_tokens_per_second, low: v.single_stream_tokens_per_second * 0.5, high: v.single_stream_tokens_per_second * 2, basis: 'vLLM on datacenter GPUs, 10 measurements' });
    expect(v.prefill_tokens_per_second_band).toEqual({ value: v.prefill_tokens_per_second, low: null, high: null, basis: 'no validation data for this kind' });
    expect(gpu.instances_band.value).toBe(gpu.instances);
    expect(gpu.instances_band.low).toBeLessThanOrEqual(gpu.instances);
    expect(gpu.instances_band.high).toBeGreaterThanOrEqual(gpu.instances);
    const measured = r.options.find((o) => o.name === 'measured') as SelfHostOptionReport;
    expect(measured.speed.decode_tokens_per_second_band).toEqual({ value: 1000, low: null, high: null, basis: 'measured' });
    expect(measured.speed.prefill_tokens_per_second_band).toEqual({ value: 10000, low: null, high: null, basis: 'measured' });
    expect(measured.instances_band.basis).toBe('measured');
  });

  it('scales estimated decode speeds by a simulated factor, never measured ones', async () => {
    const s = parseScenario(yaml, { file: 't.yaml' });
    const bound = await resolved(s);
    const base = estimate(s, bound);
    const scaled = estimate(s, bound, { speedFactors: [1, 2, 2] });
    const fn = (r: typeof base) => r.options.find((o) => o.name === 'fn') as ServerlessOptionReport;
    // A call: 1,000 / prefill + 200 / (2 x one stream's speed); prefill is not scaled.
    const sp = fn(base).speed!;
    expect(fn(scaled).seconds_per_request).toBeCloseTo(1000 / sp.prefill_tokens_per_second! + 200 / (2 * sp.single_stream_tokens_per_second), 9);
    const measured = (r: typeof base) => r.options.find((o) => o.name === 'measured') as SelfHostOptionReport;
    expect(measured(scaled).speed.decode_tokens_per_second).toBe(1000);
  });
});

describe('simulate draws estimated speeds within their band', () => {
  it('lists the model error it draws, and keeps each sample within the band', async () => {
    // No ranges: every spread comes from the speed draws. Serverless: one stream, 0.5x..2x.
    const s = parseScenario(yaml, { file: 't.yaml' });
    const bound = await resolved(s);
    const report = simulate(s, bound, { samples: 400, seed: 7, resolve: () => bound });
    expect(report.model_error).toEqual([
      { option: 'gpu', kind: 'aggregate', distribution: { kind: 'log-uniform', min: 0.8, max: 1.25 }, basis: 'vLLM on datacenter GPUs, 7 measurements' },
      { option: 'fn', kind: 'decode', distribution: { kind: 'log-uniform', min: 0.5, max: 2 }, basis: 'vLLM on datacenter GPUs, 10 measurements' },
    ]);
    expect(report.warnings).not.toContain('the scenario has no ranges (400..900 or {min, mode, max}): every sample is the same');
    // The serverless bill is requests x seconds x rate, seconds = prefill + 200 / (factor x speed):
    // between the bill at 2x and at 0.5x, and spread over most of it.
    const base = estimate(s, bound).options.find((o) => o.name === 'fn') as ServerlessOptionReport;
    const sp = base.speed!;
    const bill = (f: number) => 200_000 * (1000 / sp.prefill_tokens_per_second! + 200 / (f * sp.single_stream_tokens_per_second)) * 0.001;
    const fn = report.options.find((o) => o.name === 'fn')!;
    expect(fn.p10).toBeGreaterThanOrEqual(bill(2) - 1e-6);
    expect(fn.p90).toBeLessThanOrEqual(bill(0.5) + 1e-6);
    // Log-uniform on [0.5, 2]: the median factor is 1, so the median bill is near the estimate.
    expect(fn.p50 / base.monthly_cost).toBeGreaterThan(0.85);
    expect(fn.p50 / base.monthly_cost).toBeLessThan(1.15);
    expect(fn.p90 - fn.p10).toBeGreaterThan(0.3 * base.monthly_cost);
    // The measured box is never drawn: every sample costs the same.
    const measured = report.options.find((o) => o.name === 'measured')!;
    expect(measured.p10).toBe(measured.p90);
    // Same seed, same report.
    expect(simulate(s, bound, { samples: 400, seed: 7, resolve: () => bound })).toEqual(report);
  });
});
