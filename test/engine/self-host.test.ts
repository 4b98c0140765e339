// Self-hosted, serverless and hybrid options end to end, on the round-number hardware of
// test/fixtures/pricing/test-hardware.yaml: an 8B model at 4 bits (4e9 bytes of weights), a GPU
// with 24 GiB, 1000 GB/s and 100 TFLOPS, an engine at 50% of bandwidth, 40% of compute, 1 GiB
// overhead. KV cache: 2 x 32 layers x 8 heads x 128 dims x 2 bytes = 131,072 bytes a token.
import { describe, expect, it } from 'vitest';
import { estimateYaml, selfHosted, serverless, TEST_HARDWARE } from './estimate-helpers.js';

const GIB = 2 ** 30;
const scenario = (requests: number, options: string) => `traffic: {requests_per_month: ${requests}, peak_factor: 2}
workload: {kind: chat, input: 900, output: 100, history: none}
options:
${options}`;
const gpu = `  - name: gpu
    self_host: {model: test-8b, quant: test-4bit, engine: test-engine, hardware: test/gpu-monthly}`;

describe('a rented GPU server', () => {
  it('holds the weights, KV cache and overhead, and runs the largest batch at 10 tokens/s a stream', async () => {
    const r = await estimateYaml(scenario(1_000_000, gpu), { pricing: [TEST_HARDWARE] });
    const o = selfHosted(r, 'gpu');
    // context: 900 + 100 = 1,000 tokens -> KV 131,072,000 bytes a sequence.
    expect(o.memory).toMatchObject({ weights_bytes: 4e9, kv_cache_bytes: 131_072_000, overhead_bytes: GIB, context_tokens: 1000, usable_bytes: 24 * GIB });
    // (24 GiB - 4e9 - 1 GiB) / 131,072,000 = 157.9 -> 157 sequences fit.
    expect(o.memory!.max_sequences).toBe(157);
    // prefill: a 900-token prompt costs 2 x 8e9 + 2 x 32 layers x 32 heads x 128 x 900
    // = 16,235,929,600 FLOPs a token: 4e13 / that = 2,463.67 tokens/s, 0.3653084 s a prompt.
    const prefill = 4e13 / 16_235_929_600;
    expect(o.speed.prefill_tokens_per_second).toBeCloseTo(prefill, 9);
    // Under load each stream waits through the others' prompts: 0.3653084 s over its 99 later
    // tokens = 0.003689984 s a token per other stream. At batch b a step takes
    // max((4e9 + b x 131,072,000) / 5e11, 2 x 8e9 x b / 4e13) and a stream sees
    // step + (b - 1) x 0.003689984. b = 24: step 0.014291456 (memory), a stream 1 / 0.099161 =
    // 10.08 tokens/s; b = 25: 1 / (0.0145536 + 24 x 0.003689984) = 9.70, below 10.
    const interference = 900 / prefill / 99;
    expect(o.speed).toMatchObject({ source: 'estimated', bound: 'memory', batch: 24 });
    expect(o.speed.decode_tokens_per_second).toBeCloseTo(24 / 0.014291456, 9);
    expect(o.speed.per_sequence_tokens_per_second).toBeCloseTo(1 / (0.014291456 + 23 * interference), 9);
    // one stream alone: (4e9 + 131,072,000) / 5e11 = 0.008262144 s a token
    expect(o.speed.single_stream_tokens_per_second).toBeCloseTo(1 / 0.008262144, 9);
  });

  it('holds the batch down to keep each stream above min_tokens_per_second', async () => {
    const floor = `  - name: gpu
    self_host: {model: test-8b, quant: test-4bit, engine: test-engine, hardware: test/gpu-monthly, min_tokens_per_second: 19.9}`;
    const o = selfHosted(await estimateYaml(scenario(1_000_000, floor), { pricing: [TEST_HARDWARE] }), 'gpu');
    // A stream at batch b sees max(0.008 + 2.62144e-4 b, 4e-4 b) + (b - 1) x 0.003689984 s a token.
    // 19.9 tokens/s needs <= 1 / 19.9 = 0.0502513 s: memory allows b <= (0.0502513 - 0.008 +
    // 0.003689984) / (2.62144e-4 + 0.003689984) = 11.6, compute b <= 13.2, so 11.
    expect(o.speed).toMatchObject({ bound: 'memory', batch: 11 });
    const step = 0.008 + 11 * 2.62144e-4; // 0.010883584 s
    expect(o.speed.per_sequence_tokens_per_second).toBeCloseTo(1 / (step + 10 * 0.003689984), 6); // 20.93
    expect(o.speed.decode_tokens_per_second).toBeCloseTo(11 / step, 9); //                                1,010.7
  });

  it('needs one instance for 1M requests a month and five for 10M', async () => {
    // peak = requests / 2,628,000 s x 2; each request busies an instance for its prompt,
    // 0.3653084 s, and its 100 tokens at 24 / 0.014291456 = 1,679.3 tokens/s: 0.4248561 s.
    const busy = 900 / (4e13 / 16_235_929_600) + 100 / (24 / 0.014291456);
    const small = selfHosted(await estimateYaml(scenario(1_000_000, gpu), { pricing: [TEST_HARDWARE] }), 'gpu');
    const peakSmall = (1_000_000 / 2_628_000) * 2;
    expect(small.instances).toBe(1); // 0.323 busy < 0.7
    expect(small.utilisation.peak).toBeCloseTo(peakSmall * busy, 12);
    expect(small.utilisation.average).toBeCloseTo((peakSmall / 2) * busy, 12);
    expect(small.monthly_cost).toBe(300);
    expect(small.per_request_cost).toBeCloseTo(300 / 1_000_000, 15);

    const big = selfHosted(await estimateYaml(scenario(10_000_000, gpu), { pricing: [TEST_HARDWARE] }), 'gpu');
    // busy at peak 7.61 x 0.4248561 = 3.233 instances; at 70% at most: 3.233 / 0.7 = 4.62 -> 5.
    expect(big.instances).toBe(5);
    expect(big.bound_by).toBe('throughput');
    expect(big.utilisation.peak).toBeCloseTo((10 * peakSmall * busy) / 5, 12);
    expect(big.monthly_cost).toBe(1500);
  });

  it('sizes with a measured speed: seed 000’s $40.50 CPU VPS at 20K users takes 20 servers', async () => {
    const r = await estimateYaml(`traffic: {users: 20000, sessions_per_user: 4, requests_per_session: 5, peak_factor: 3}
workload: {kind: chat, input: 400, output: 600, history: none}
options:
  - name: vps
    self_host: {hardware: {name: cpu-vps, monthly: 40.5}, tokens_per_second: 20}`);
    const o = selfHosted(r, 'vps');
    // 400,000 requests x 600 tokens / 2,628,000 s x 3 = 273.97 tokens/s at peak; a server makes
    // 20 (2 streams at 10 tokens/s): 13.7 servers busy; at 70% at most: 19.57 -> 20.
    expect(o.instances).toBe(20);
    expect(o.monthly_cost).toBeCloseTo(20 * 40.5, 9);
    expect(o.speed).toMatchObject({ source: 'measured', batch: 2, per_sequence_tokens_per_second: 10 });
    expect(o.utilisation.peak).toBeCloseTo(((400_000 / 2_628_000) * 3 * 600) / 20 / 20, 12);
  });

  it('says why an option that does not fit is not costed', async () => {
    const r = await estimateYaml(scenario(1000, `  - name: too-big
    self_host: {model: test-8b, quant: test-4bit, engine: test-engine, hardware: test/gpu-monthly, context: 200k}`), { pricing: [TEST_HARDWARE] });
    const o = r.options.find((x) => x.name === 'too-big')!;
    // 4e9 + 131,072 x 200,000 + 1 GiB = 31,288,141,824 bytes = 29.1 GiB > 24 GiB
    expect(o.monthly_cost).toBeNull();
    expect(o.monthly_cost === null && o.reason).toBe('test-8b test-4bit at 200000 tokens of context needs 29.1 GiB; Test GPU offers 24.0 GiB usable');
  });
});

describe('owned hardware', () => {
  it('amortises the price and adds power, hosting, ops and fixed costs', async () => {
    const r = await estimateYaml(scenario(1_000_000, `  - name: owned
    self_host:
      model: test-8b
      quant: test-4bit
      engine: test-engine
      hardware: {spec: test-gpu, price: 2000}
      owned: {electricity_per_kwh: 0.3, amortisation_months: 24, pue: 1.5, hosting_monthly: 50, power_load: 50%}
      ops_hours: 4
      ops_rate: 100
      fixed_monthly: 25`), { pricing: [TEST_HARDWARE] });
    const o = selfHosted(r, 'owned');
    // 2000 / 24 months; 400 W x 730 h x 0.5 / 1000 = 146 kWh x 0.3 x PUE 1.5; 4 h x 100
    expect(o.breakdown).toEqual({ hardware: 2000 / 24, power: expect.closeTo(146 * 0.3 * 1.5, 9), hosting: 50, ops: 400, fixed: 25, fallback_api: 0, embeddings: 0 });
    expect(o.monthly_cost).toBeCloseTo(2000 / 24 + 65.7 + 50 + 400 + 25, 9);
  });
});

describe('hybrid', () => {
  it('sends a share of requests to an API and sizes the servers for the rest', async () => {
    const r = await estimateYaml(scenario(10_000_000, `  - name: hybrid
    self_host: {model: test-8b, quant: test-4bit, engine: test-engine, hardware: test/gpu-monthly}
    fallback: {share: 25%, api: {name: big, input: 3, output: 15}}`), { pricing: [TEST_HARDWARE] });
    const o = selfHosted(r, 'hybrid');
    expect(o.kind).toBe('hybrid');
    // API: (900 x 3 + 100 x 15) / 1M = 0.0042 a request, for a quarter of 10M requests
    expect(o.breakdown.fallback_api).toBeCloseTo(0.25 * 10_000_000 * 0.0042, 6);
    // servers: 75% of the peak: 0.75 x 7.61 x 0.4248561 (as above) = 2.425 busy / 0.7 = 3.46 -> 4
    expect(o.instances).toBe(4);
    expect(o.monthly_cost).toBeCloseTo(4 * 300 + 10_500, 6);
  });
});

describe('serverless', () => {
  it('bills each call’s run time rounded up, plus cold starts', async () => {
    const r = await estimateYaml(scenario(1_000_000, `  - name: sls
    serverless: {model: test-8b, quant: test-4bit, engine: test-engine, hardware: test/gpu-serverless, cold_starts_per_day: 10}`), { pricing: [TEST_HARDWARE] });
    const o = serverless(r, 'sls');
    // prefill 900 / (4e13 / 16,235,929,600) = 0.365308416 s; decode one stream 100 x 0.008262144 = 0.8262144 s
    expect(o.seconds_per_request).toBeCloseTo(900 / (4e13 / 16_235_929_600) + 0.8262144, 12);
    expect(o.billed_seconds_per_request).toBe(2); // rounded up to whole seconds
    // 1M x 2 s x $0.001; cold starts: 10 a day x 730/24 days x 20 s x $0.001
    expect(o.breakdown.compute).toBeCloseTo(2000, 9);
    expect(o.breakdown.cold_starts).toBeCloseTo(10 * (730 / 24) * 20 * 0.001, 12);
  });

  it('takes a measured seconds_per_request', async () => {
    const r = await estimateYaml(scenario(1000, `  - name: sls
    serverless: {hardware: {name: a100, per_second: 0.00115, billing_increment_seconds: 0.1}, seconds_per_request: 3.04}`));
    // 3.04 s is 31 increments of 0.1 s: 3.1 s billed x $0.00115 x 1,000 requests
    const o = serverless(r, 'sls');
    expect(o.billed_seconds_per_request).toBeCloseTo(3.1, 12);
    expect(o.monthly_cost).toBeCloseTo(1000 * 3.1 * 0.00115, 12);
  });
});
