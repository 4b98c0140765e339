// Viability: the latency of a reply at peak, and the rules that make an option no choice (too
// slow per stream, a reply slower than the target, not costed); the cheapest is always viable.
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBudget } from '../../src/engine/budget.js';
import { forecast } from '../../src/engine/forecast.js';
import { latencyAtPeak } from '../../src/engine/latency.js';
import { notViableBecause } from '../../src/engine/viability.js';
import { estimateYaml, option, selfHosted, serverless } from './estimate-helpers.js';

describe('latency at peak (pure)', () => {
  const calls = [
    { promptTokens: 1000, outputTokens: 200, reasoningTokens: 0 },
    { promptTokens: 3000, outputTokens: 100, reasoningTokens: 50 },
  ];

  it('is prompt / prefill to the first token, plus output / per-stream speed, for the slowest call', () => {
    // Call 1: 1,000 / 2,000 = 0.5 s, + 200 / 25 = 8 s: 8.5 s. Call 2: 3,000 / 2,000 = 1.5 s,
    // + (100 + 50) / 25 = 6 s: 7.5 s. The first is the slower reply.
    expect(latencyAtPeak(calls, 2000, 25)).toEqual({ ttftSeconds: 0.5, secondsPerReply: 8.5, promptTokens: 1000, decodeTokens: 200 });
    // Prefill 200 tokens/s: call 1 is 5 + 8 = 13 s, call 2 is 15 + 6 = 21 s: the second.
    expect(latencyAtPeak(calls, 200, 25)).toEqual({ ttftSeconds: 15, secondsPerReply: 21, promptTokens: 3000, decodeTokens: 150 });
  });

  it('has no time to first token without a prefill speed, and counts the decode alone', () => {
    expect(latencyAtPeak(calls, null, 25)).toEqual({ ttftSeconds: null, secondsPerReply: 8, promptTokens: 1000, decodeTokens: 200 });
  });
});

describe('viability rules (pure)', () => {
  const latency = { ttftSeconds: 2, secondsPerReply: 2 + 500 / 8, promptTokens: 1000, decodeTokens: 500 };

  it('names each failed rule: below the per-stream minimum, over the latency target', () => {
    // 8 tokens/s < 10; 2 + 500 / 8 = 64.5 s > 60.
    expect(notViableBecause({ perStreamTokensPerSecond: 8, minTokensPerSecond: 10, latency, replyTokensPerSecond: 8, maxSecondsPerReply: 60 })).toEqual([
      'a stream decodes at 8 tokens/s, below the minimum of 10 (min_tokens_per_second)',
      'a reply at peak takes 64.5 s (2 s to the first token + 500 tokens at 8 tokens/s), over the target of 60 s (max_seconds_per_reply)',
    ]);
  });

  it('passes at the limits themselves, and without a floor (serverless)', () => {
    expect(notViableBecause({ perStreamTokensPerSecond: 10, minTokensPerSecond: 10, latency: { ...latency, secondsPerReply: 60 }, replyTokensPerSecond: 10, maxSecondsPerReply: 60 })).toEqual([]);
    expect(notViableBecause({ perStreamTokensPerSecond: 1, minTokensPerSecond: null, latency: null, replyTokensPerSecond: 1, maxSecondsPerReply: 60 })).toEqual([]);
  });
});

// Measured speeds: a server decoding 1,000 tokens/s in all, prompts at 10,000 tokens/s. At the
// default minimum of 10 tokens/s a stream it is sized for 1,000 / 10 = 100 streams of 10 tokens/s:
// a request then takes 1,000 / 10,000 + 500 / 10 = 50.1 s. 100,000 requests a month arrive at
// 100,000 / 2,628,000 = 0.03805 a second: 0.03805 x 50.1 = 1.91 streams at peak on one server, so
// it decodes 2 at once, each at 1,000 / 2 = 500 tokens/s. A reply of 1,000 prompt + 500 output
// tokens: first token 1,000 / 10,000 = 0.1 s, the reply 0.1 + 500 / 500 = 1.1 s.
const scenario = (top = '', extra = '') => `${top}
traffic: {requests_per_month: 100000}
workload: {kind: chat, input: 1000, output: 500, history: none}
options:
  - api: {name: api, input: 10, output: 30}
  - name: box
    self_host:
      hardware: {name: box, monthly: 100}
      tokens_per_second: 1000
      prefill_tokens_per_second: 10000${extra}`;

describe('viability in an estimate', () => {
  it('gives self-hosted options their time to first token and seconds per reply at peak', async () => {
    const r = await estimateYaml(scenario());
    const box = selfHosted(r, 'box');
    expect(box.load.peak_concurrent_streams).toBeCloseTo((100_000 / 2_628_000) * 50.1, 12);
    expect(box.latency).toEqual({ ttft_seconds: 0.1, seconds_per_reply: 0.1 + 500 / 500, at: 'peak', prompt_tokens: 1000, output_tokens: 500, streams: 2, per_stream_tokens_per_second: 500, max_seconds_per_reply: 60 });
    expect([box.viable, box.not_viable_because]).toEqual([true, []]);
    // The box ($100) is cheaper than the API (100,000 x (1,000 x $10 + 500 x $30) / 1M = $2,500).
    expect(option(r, 'api').monthly_cost).toBeCloseTo(2500, 9);
    expect(r.cheapest).toBe('box');
    expect(r.breakeven[0]!.viable).toBe(true);
  });

  it('is not viable past the scenario latency target, and the API becomes the cheapest', async () => {
    const r = await estimateYaml(scenario('max_seconds_per_reply: 1'));
    const box = selfHosted(r, 'box');
    expect(box.viable).toBe(false);
    expect(box.not_viable_because).toEqual(['a reply at peak takes 1.1 s (0.1 s to the first token + 500 tokens at 500 tokens/s), over the target of 1 s (max_seconds_per_reply)']);
    // Still listed first by cost, but not the cheapest: only a viable option is.
    expect(r.options[0]!.name).toBe('box');
    expect(r.cheapest).toBe('api');
    const pair = r.breakeven[0]!;
    expect([pair.viable, pair.users, pair.crossings, pair.payback_months]).toEqual([false, null, [], null]);
    expect(pair.reason).toBe(`box is not viable: ${box.not_viable_because[0]} (no break-even to act on)`);
  });

  it('takes an option\'s own target over the scenario\'s', async () => {
    const r = await estimateYaml(scenario('max_seconds_per_reply: 1', '\n      max_seconds_per_reply: 2'));
    expect(selfHosted(r, 'box').latency.max_seconds_per_reply).toBe(2);
    expect(selfHosted(r, 'box').viable).toBe(true);
  });

  it('is not viable when a stream cannot reach min_tokens_per_second', async () => {
    // A measured 8 tokens/s in all: one stream of 8 tokens/s, under 10; the reply 0.1 + 500 / 8 = 62.6 s.
    // (A request busies a server 62.6 s: 0.03805 x 62.6 = 2.38 at peak / 70% -> 4 servers, under one stream each.)
    const r = await estimateYaml(scenario().replace('tokens_per_second: 1000', 'tokens_per_second: 8'));
    const box = selfHosted(r, 'box');
    expect(box.speed.per_sequence_tokens_per_second).toBe(8);
    expect(box.instances).toBe(4);
    expect([box.latency.streams, box.latency.per_stream_tokens_per_second]).toEqual([1, 8]);
    expect(box.latency.seconds_per_reply).toBeCloseTo(0.1 + 500 / 8, 12);
    expect(box.not_viable_because).toEqual([
      'a stream decodes at 8 tokens/s, below the minimum of 10 (min_tokens_per_second)',
      'a reply at peak takes 62.6 s (0.1 s to the first token + 500 tokens at 8 tokens/s), over the target of 60 s (max_seconds_per_reply)',
    ]);
  });

  it('gives serverless options their latency at one stream, and holds them to the target', async () => {
    // 20 tokens/s alone, prompts at 5,000 tokens/s: 1,000 / 5,000 = 0.2 s, + 500 / 20 = 25 s.
    const yaml = (target: number) => `max_seconds_per_reply: ${target}
traffic: {requests_per_month: 1000}
workload: {kind: chat, input: 1000, output: 500, history: none}
options:
  - name: fn
    serverless: {hardware: {name: gpu, per_second: 0.001}, tokens_per_second: 20, prefill_tokens_per_second: 5000}`;
    const ok = serverless(await estimateYaml(yaml(30)), 'fn');
    expect(ok.latency).toEqual({ ttft_seconds: 0.2, seconds_per_reply: 25.2, at: 'peak', prompt_tokens: 1000, output_tokens: 500, streams: 1, per_stream_tokens_per_second: 20, max_seconds_per_reply: 30 });
    expect(ok.viable).toBe(true);
    const late = await estimateYaml(yaml(20));
    // No viable option: a budget on the cheapest has nothing to bind, and says why.
    const verdict = checkBudget('s.yaml', late, { limits: { monthly: { amount: 100, location: { file: 's.yaml' } } }, option: 'cheapest', warnAt: 0.8 });
    expect([verdict.status, verdict.option, verdict.problems[0]!.message]).toEqual(['invalid', null, "no option is viable (see each option's not_viable_because)"]);
    expect(serverless(late, 'fn').not_viable_because).toEqual(['a reply at peak takes 25.2 s (0.2 s to the first token + 500 tokens at 20 tokens/s), over the target of 20 s (max_seconds_per_reply)']);
    expect(late.cheapest).toBeNull();
    expect(late.warnings).toContain('no option is viable, so none is the cheapest: see why beside each option');
  });

  it('times an estimated reply at the streams an instance holds at peak, not at its full batch', async () => {
    // 1,000 requests a month: far under one stream at peak, so a reply decodes alone, at the
    // single-stream estimate, though the instance is sized for a batch of streams at 10 tokens/s.
    const r = await estimateYaml(`traffic: {requests_per_month: 1000}
workload: {kind: chat, input: 1000, output: 500, history: none}
options:
  - name: gpu
    self_host: {model: llama-3.1-8b, quant: fp16, hardware: {name: h100, spec: nvidia-h100-sxm, monthly: 2000}}`);
    const gpu = selfHosted(r, 'gpu');
    expect(gpu.speed.batch).toBeGreaterThan(1);
    expect(gpu.latency.streams).toBe(1);
    expect(gpu.latency.per_stream_tokens_per_second).toBe(gpu.speed.single_stream_tokens_per_second);
    expect(gpu.latency.seconds_per_reply).toBeCloseTo(1000 / gpu.speed.prefill_tokens_per_second! + 500 / gpu.speed.single_stream_tokens_per_second, 9);
  });

  it('makes an option that cannot be costed not viable, with its reason', async () => {
    const r = await estimateYaml(`traffic: {requests_per_month: 1000}
workload: {kind: chat, input: 1000, output: 500, history: none}
options:
  - api: {name: api, input: 1, output: 1}
  - name: tiny
    self_host: {model: llama-3.1-70b, quant: fp16, hardware: {name: tiny, spec: nvidia-rtx-4090, monthly: 10}}`);
    const tiny = r.options.find((o) => o.name === 'tiny')!;
    expect(tiny.monthly_cost).toBeNull();
    expect(tiny.viable).toBe(false);
    expect(tiny.not_viable_because).toEqual([(tiny as { reason: string }).reason]);
    expect(r.cheapest).toBe('api');
  });
});

describe('a CPU VPS that decodes below the minimum (test/fixtures/viability/cpu-vps.yaml)', () => {
  const yaml = readFileSync(new URL('../fixtures/viability/cpu-vps.yaml', import.meta.url), 'utf8');

  it('is cheaper than the API, but not viable and not the cheapest; the budget binds the API', async () => {
    const r = await estimateYaml(yaml);
    const vps = selfHosted(r, 'cpu-vps');
    const api = option(r, 'premium-api');
    // The API: 3,000 x (2,000 x $15 + 500 x $75) / 1M = 3,000 x $0.0675 = $202.50.
    expect(api.monthly_cost).toBeCloseTo(202.5, 9);
    // One CCX33 (EUR 138.49 a month) is the cheaper bill...
    expect(vps.instances).toBe(1);
    expect(vps.monthly_cost).toBeLessThan(api.monthly_cost);
    expect(r.options[0]!.name).toBe('cpu-vps');
    // ... but its one stream decodes below 10 tokens/s, and a reply takes longer than a minute.
    expect(vps.speed.per_sequence_tokens_per_second).toBeLessThan(10);
    expect(vps.viable).toBe(false);
    expect(vps.not_viable_because[0]).toMatch(/^a stream decodes at [\d.]+ tokens\/s, below the minimum of 10 \(min_tokens_per_second\)$/);
    // The reply: 2,000 prompt tokens at the prefill speed, then 500 tokens at the stream's speed.
    const s = vps.speed;
    expect(vps.latency.ttft_seconds).toBeCloseTo(2000 / s.prefill_tokens_per_second!, 9);
    expect([vps.latency.streams, vps.latency.per_stream_tokens_per_second]).toEqual([1, s.per_sequence_tokens_per_second]);
    expect(vps.latency.seconds_per_reply).toBeCloseTo(2000 / s.prefill_tokens_per_second! + 500 / s.per_sequence_tokens_per_second, 9);
    expect(vps.latency.seconds_per_reply).toBeGreaterThan(60);
    expect(vps.not_viable_because[1]).toMatch(/over the target of 60 s \(max_seconds_per_reply\)$/);
    expect(r.cheapest).toBe('premium-api');

    // The budget binds the cheapest viable option: the API's $202.50, within $400.
    const verdict = checkBudget('cpu-vps.yaml', r, { limits: { monthly: { amount: 400, location: { file: 'cpu-vps.yaml' } } }, option: 'cheapest', warnAt: 0.9 });
    expect([verdict.option, verdict.monthly_cost, verdict.status]).toEqual(['premium-api', api.monthly_cost, 'ok']);

    // A forecast plans on viable options only, and lists the VPS as left out.
    const f = forecast(r, 0.1, 3);
    expect(f.months.map((m) => m.options.map((o) => o.name))).toEqual([['premium-api'], ['premium-api'], ['premium-api']]);
    expect(f.not_viable).toEqual([{ option: 'cpu-vps', not_viable_because: vps.not_viable_because }]);
  });
});

describe('max_seconds_per_reply in a scenario', () => {
  it('defaults to 60 s, and must be a positive number, at its line, in the file or per option', async () => {
    const { parseScenario } = await import('../../src/scenario/parse.js');
    const { UserError } = await import('../../src/errors.js');
    expect(parseScenario(scenario(), { file: 's.yaml' }).maxSecondsPerReply).toBe(60);
    const problems = (yaml: string) => {
      try {
        parseScenario(yaml, { file: 's.yaml' });
      } catch (e) {
        if (e instanceof UserError) return e.problems.map((p) => `${p.location.line}:${p.location.col} ${p.path}: ${p.message}`);
      }
      return [];
    };
    expect(problems(scenario('max_seconds_per_reply: 0'))).toEqual(['1:24 max_seconds_per_reply: must be greater than 0, got 0']);
    expect(problems(scenario('', '\n      max_seconds_per_reply: fast'))[0]).toMatch(/^11:\d+ options\[1\]\.self_host\.max_seconds_per_reply: /);
  });
});
