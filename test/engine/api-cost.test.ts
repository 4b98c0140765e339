import { describe, expect, it } from 'vitest';
import { estimateYaml, option } from './estimate-helpers.js';

// Inline prices keep the arithmetic independent of the catalogue. Costs are per 1M tokens.
const traffic = (requests: number, perSession = 1) => `traffic: {requests_per_month: ${requests}, requests_per_session: ${perSession}}`;

describe('one call', () => {
  it('bills input and output at their own rates', async () => {
    const r = await estimateYaml(`${traffic(1000)}
workload: {kind: chat, input: 3200, output: 500}
options: [{api: {name: m, input: 3, output: 15}}]`);
    // 3,200 x 3 / 1M + 500 x 15 / 1M = 0.0096 + 0.0075 = 0.0171 a request; 1,000 requests.
    const m = option(r, 'm');
    expect(m.per_request_cost).toBeCloseTo(0.0171, 12);
    expect(m.monthly_cost).toBeCloseTo(17.1, 10);
    expect(m.breakdown.input).toBeCloseTo(9.6, 10);
    expect(m.breakdown.output).toBeCloseTo(7.5, 10);
  });

  it('bills reasoning tokens at the output rate', async () => {
    const r = await estimateYaml(`${traffic(100)}
workload: {kind: chat, input: 1000, output: 200, reasoning: 800}
options: [{api: {name: m, input: 1, output: 4}}]`);
    // 1000 x 1 + 200 x 4 + 800 x 4 = 5,000 per 1M = 0.005 a request.
    expect(option(r, 'm').per_request_cost).toBeCloseTo(0.005, 12);
    expect(option(r, 'm').breakdown.reasoning).toBeCloseTo(100 * 800 * 4 / 1e6, 12);
  });

  it('chooses the long-context tier by the prompt size of the call', async () => {
    const yaml = (input: number) => `${traffic(1)}
workload: {kind: chat, input: ${input}, output: 1000}
options: [{api: {name: m, input: 3, output: 15, tiers: [{above: 200000, input: 6, output: 22.5}]}}]`;
    // exactly 200,000 is not above the threshold: 200,000 x 3 + 1,000 x 15 = 615,000 per 1M.
    expect(option(await estimateYaml(yaml(200_000)), 'm').per_request_cost).toBeCloseTo(0.615, 12);
    // 250,000 is: the whole call at the tier, 250,000 x 6 + 1,000 x 22.5 = 1,522,500 per 1M.
    const high = option(await estimateYaml(yaml(250_000)), 'm');
    expect(high.per_request_cost).toBeCloseTo(1.5225, 12);
    expect(high.calls[0]!.tier_above_tokens).toBe(200_000);
  });

  it('keeps base rates for keys a tier leaves out', async () => {
    const r = await estimateYaml(`${traffic(1)}
workload: {kind: chat, input: 300000, output: 1000}
options: [{api: {name: m, input: 3, output: 15, tiers: [{above: 200000, input: 6}]}}]`);
    // 300,000 x 6 + 1,000 x 15 (output keeps the base rate) = 1,815,000 per 1M.
    expect(option(r, 'm').per_request_cost).toBeCloseTo(1.815, 12);
  });

  it('takes the batch discount off token charges but not off per-request fees', async () => {
    const r = await estimateYaml(`${traffic(1000)}
workload: {kind: chat, input: 1000, output: 1000}
options:
  - {api: {name: m, input: 2, output: 8, batch_discount: 50%, per_request: 0.001}, batch: true}
  - {api: {name: n, input: 2, output: 8, batch_discount: 50%, per_request: 0.001}}`);
    // list: 1000 x 2 + 1000 x 8 = 10,000 per 1M = 0.01; batch halves it to 0.005; fee 0.001.
    const batched = option(r, 'm (batch)');
    expect(batched.per_request_cost).toBeCloseTo(0.005 + 0.001, 12);
    expect(batched.batch_savings).toBeCloseTo(1000 * 0.005, 10);
    expect(batched.breakdown.request_fees).toBeCloseTo(1, 10);
    expect(option(r, 'n').per_request_cost).toBeCloseTo(0.01 + 0.001, 12);
  });

  it('warns and bills list price when batch is asked of a model with no known discount', async () => {
    const r = await estimateYaml(`${traffic(10)}
workload: {kind: chat, input: 1000, output: 0}
options: [{api: {name: m, input: 2, output: 8}, batch: true}]`);
    expect(option(r, 'm (batch)').per_request_cost).toBeCloseTo(0.002, 12);
    expect(option(r, 'm (batch)').warnings).toContain('no batch discount is known for m: billed at list price');
  });
});

describe('prompt caching', () => {
  const chat = (cache: string) => `${traffic(3, 3)}
workload: {kind: chat, system_prompt: 100, input: 200, output: 300, history: full, cache_hit: 0.5}
options: [{api: {name: m, input: 1, output: 2, ${cache}}}]`;

  it('reads cache_hit x the cacheable prefix and writes what the next call reuses', async () => {
    const m = option(await estimateYaml(chat('cached_input: 0.1, cache_write: 1.25')), 'm');
    // Prompts 300, 800, 1300 with prefixes 100, 300, 800; the next call reuses 300, 800, 100.
    // call 1: reads 0.5 x 100 = 50; writes 300 - 50 = 250; uncached 0;
    //         50 x 0.1 + 250 x 1.25 + 300 x 2 = 5 + 312.5 + 600 = 917.5
    // call 2: reads 150; writes 800 - 150 = 650; uncached 0;  15 + 812.5 + 600 = 1427.5
    // call 3: reads 400; writes max(0, 100 - 400) = 0; uncached 900;  40 + 900 + 600 = 1540
    expect(m.calls.map((c) => c.cost * 1e6)).toEqual([917.5, 1427.5, 1540].map((x) => expect.closeTo(x, 9)));
    // one session (3 requests) a month: (917.5 + 1427.5 + 1540) / 1M
    expect(m.monthly_cost).toBeCloseTo(3885e-6, 15);
    expect(m.tokens_per_request.cached_input).toBeCloseTo((50 + 150 + 400) / 3, 12);
    expect(m.tokens_per_request.cache_write).toBeCloseTo((250 + 650) / 3, 12);
    expect(m.tokens_per_request.input).toBeCloseTo(900 / 3, 12);
  });

  it('has no writes where the model bills none (automatic caching)', async () => {
    const m = option(await estimateYaml(chat('cached_input: 0.1')), 'm');
    // reads 50, 150, 400; the rest at the input rate: 250, 650, 900.
    // (50 + 150 + 400) x 0.1 + (250 + 650 + 900) x 1 + 3 x 300 x 2 = 60 + 1800 + 1800 = 3660
    expect(m.monthly_cost).toBeCloseTo(3660e-6, 15);
    expect(m.breakdown.cache_write).toBe(0);
  });

  it('does nothing for a model with no cached price, and says so', async () => {
    const m = option(await estimateYaml(chat('')), 'm');
    // (300 + 800 + 1300) x 1 + 900 x 2 = 4200
    expect(m.monthly_cost).toBeCloseTo(4200e-6, 15);
    expect(m.warnings).toContain('m lists no cached-input price: cache_hit does not lower its bill');
  });

  it('lets an option override the workload cache_hit', async () => {
    const r = await estimateYaml(`${traffic(1)}
workload: {kind: chat, system_prompt: 1000, input: 0, output: 0, cache_hit: 0}
options:
  - {api: {name: a, input: 1, output: 1, cached_input: 0.1}}
  - {api: {name: b, input: 1, output: 1, cached_input: 0.1}, cache_hit: 80%}`);
    expect(option(r, 'a').per_request_cost).toBeCloseTo(1000e-6, 15);
    // 800 read at 0.1 + 200 at 1 = 280
    expect(option(r, 'b').per_request_cost).toBeCloseTo(280e-6, 15);
  });
});

describe('workloads priced end to end', () => {
  it('agent: accumulating rounds, cache reads and retries', async () => {
    const r = await estimateYaml(`${traffic(1)}
workload: {kind: agent, system_prompt: 1000, tool_schema: 500, input: 200, output: 100, reasoning: 50,
           tool_result: 400, rounds: 3, retry_rate: 10%, cache_hit: 1}
options: [{api: {name: m, input: 2, output: 8, cached_input: 0.2}}]`);
    // prompts 1700, 2200, 2700; prefixes 1500, 1700, 2200 all read (cache_hit 1).
    // round 1: 200 x 2 + 1500 x 0.2 + (100 + 50) x 8 = 400 + 300 + 1200 = 1900
    // round 2: 500 x 2 + 1700 x 0.2 + 1200 = 1000 + 340 + 1200 = 2540
    // round 3: 500 x 2 + 2200 x 0.2 + 1200 = 1000 + 440 + 1200 = 2640
    // task: 7080, retried 10%: 7788 per 1M
    expect(option(r, 'm').per_request_cost).toBeCloseTo(7788e-6, 15);
  });

  it('rag: chunks in the prompt, embeddings of queries and re-indexing in every option', async () => {
    const r = await estimateYaml(`${traffic(1000)}
workload:
  kind: rag
  system_prompt: 500
  input: 100
  output: 300
  retrieved: {chunks: 5, tokens_per_chunk: 400}
  embedding: {model: {name: emb, input: 0.02, output: 0}, query_tokens: 100, corpus_tokens: 1M, reindex_per_month: 2}
options: [{api: {name: m, input: 3, output: 15}}]`);
    // a query: (500 + 100 + 5 x 400) x 3 + 300 x 15 = 7800 + 4500 = 12,300 per 1M = 0.0123
    // embeddings: (1000 x 100 + 1M x 2) x 0.02 / 1M = 0.042 a month
    expect(r.embeddings?.monthly_cost).toBeCloseTo(0.042, 12);
    const m = option(r, 'm');
    expect(m.breakdown.embeddings).toBeCloseTo(0.042, 12);
    expect(m.monthly_cost).toBeCloseTo(1000 * 0.0123 + 0.042, 10);
  });

  it('chat with an average of 2.5 exchanges a session', async () => {
    const r = await estimateYaml(`traffic: {users: 10, sessions_per_user: 2, requests_per_session: 2.5}
workload: {kind: chat, input: 100, output: 100}
options: [{api: {name: m, input: 1, output: 1}}]`);
    // a session of 2: prompts 100 + 300, outputs 200 -> 600; of 3: 100 + 300 + 500 + 300 -> 1200.
    // Average session: 0.5 x 600 + 0.5 x 1200 = 900 per 1M; 20 sessions a month.
    const m = option(r, 'm');
    expect(m.per_session_cost).toBeCloseTo(900e-6, 15);
    expect(m.monthly_cost).toBeCloseTo(20 * 900e-6, 15);
    expect(m.per_request_cost).toBeCloseTo(900e-6 / 2.5, 15);
    expect(m.per_user_cost).toBeCloseTo((20 * 900e-6) / 10, 15);
  });
});

describe('traffic and currency', () => {
  it('multiplies users, sessions and requests, and scales the peak over a 730-hour month', async () => {
    const r = await estimateYaml(`traffic: {users: 5000, sessions_per_user: 4, requests_per_session: 5, peak_factor: 3}
workload: {kind: chat, input: 1, output: 1, history: none}
options: [{api: {name: m, input: 1, output: 1}}]`);
    expect(r.traffic.requests_per_month).toBe(100_000);
    expect(r.traffic.sessions_per_month).toBe(20_000);
    expect(r.traffic.peak_requests_per_second).toBeCloseTo((100_000 / (730 * 3600)) * 3, 15);
  });

  it('converts catalogue USD prices into the scenario currency', async () => {
    const r = await estimateYaml(`currency: CNY
${traffic(1000)}
workload: {kind: chat, input: 1000, output: 500}
options: [{api: openai/gpt-4o}, {api: {name: relay, input: 21, output: 105}}]`, { fx: ['CNY=7.2'] });
    // gpt-4o: 1000 x (1000 x 2.5 + 500 x 10) / 1M = $7.50 = 7.5 x 7.2 = ¥54
    expect(option(r, 'openai/gpt-4o').monthly_cost).toBeCloseTo(54, 10);
    // inline prices are already in CNY: 1000 x (1000 x 21 + 500 x 105) / 1M = ¥73.5
    expect(option(r, 'relay').monthly_cost).toBeCloseTo(73.5, 10);
    expect(r.prices.fx).toEqual([{ from: 'USD', to: 'CNY', rate: 7.2, source: 'command line (--fx)', as_of: '2026-11-25', age_days: 0, stale: false, used_by: ['openai/gpt-4o'] }]);
  });

  it('converts inline prices when the report currency differs from the scenario', async () => {
    const r = await estimateYaml(`currency: CNY
${traffic(1000)}
workload: {kind: chat, input: 1000, output: 500}
options: [{api: {name: relay, input: 21, output: 105}}]`, { currency: 'USD', fx: ['CNY=7'] });
    expect(option(r, 'relay').monthly_cost).toBeCloseTo(73.5 / 7, 10);
  });
});
