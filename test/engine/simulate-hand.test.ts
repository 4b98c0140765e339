// How simulate and the tornado set an option's numbers (withValue), and the mean and percentiles
// simulate reports, on scenarios small enough to follow every sample by hand.
import { describe, expect, it } from 'vitest';
import { loadCatalogue, loadSelfHostCatalogue } from '../../src/catalogue/load.js';
import { estimate } from '../../src/engine/estimate.js';
import { mulberry32 } from '../../src/engine/random.js';
import { simulate } from '../../src/engine/simulate.js';
import { withValue } from '../../src/engine/uncertain.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import type { Scenario } from '../../src/scenario/types.js';

async function context() {
  return { catalogue: await loadCatalogue({ providers: [] }), currency: 'USD', today: '2026-11-25', selfHost: await loadSelfHostCatalogue() };
}

/** Each option's monthly cost for a scenario, bound again to its (possibly changed) hardware. */
async function bills(s: Scenario): Promise<Record<string, number | null>> {
  const r = estimate(s, resolveScenario(s, await context()), { breakeven: false });
  return Object.fromEntries(r.options.map((o) => [o.name, o.monthly_cost]));
}

describe('setting an option’s number by its key path', () => {
  // 100,000 requests a month of 400 system + 600 input tokens and 500 output.
  const yaml = `traffic: {requests_per_month: 100000}
workload: {kind: chat, system_prompt: 400, input: 600, output: 500, history: none}
options:
  - api: {name: api, input: 1, output: 2, cached_input: 0.5}
  - name: server
    self_host: {hardware: {name: box, monthly: 300}, tokens_per_second: 1000, ops_hours: 2, ops_rate: 50}
    fallback: {share: 20%, api: {name: big, input: 3, output: 15}}
  - name: owned
    self_host:
      hardware: {name: owned-box, price: 12000, watts: 500}
      tokens_per_second: 1000
      owned: {electricity_per_kwh: 0.2, power_load: 50%}
  - name: sls
    serverless: {hardware: {name: gpu, per_second: 0.001, billing_increment_seconds: 4}, seconds_per_request: 4, cold_starts_per_day: 10, cold_start_seconds: 10}`;
  const scenario = () => parseScenario(yaml, { file: 't.yaml' });
  // Fallback API: (1,000 x $3 + 500 x $15) / 1M = $0.0105 a request.
  const fallback = (share: number) => share * 100_000 * 0.0105;
  // One owned box: $12,000 over the default 36 months; 500 W x 730 h / 1000 = 365 kWh at full power.
  const kwh = (500 * 730) / 1000;
  // Cold starts: a day x 730 / 24 days a month x seconds billed (in steps of 4 s) x rate.
  const cold = (perDay: number, seconds: number, rate: number) => perDay * (730 / 24) * seconds * rate;

  it('prices the scenario as written', async () => {
    expect(await bills(scenario())).toEqual({
      api: expect.closeTo(100_000 * (1000 * 1 + 500 * 2) / 1e6, 9), //               $200, nothing cached
      server: expect.closeTo(300 + 2 * 50 + fallback(0.2), 9), //                      $610
      owned: expect.closeTo(12_000 / 36 + kwh * 0.2 * 0.5, 9), //                      $369.83
      sls: expect.closeTo(100_000 * 4 * 0.001 + cold(10, 12, 0.001), 9), //             $403.65
    });
  });

  it('sets an API option’s cache_hit and a hybrid’s fallback share', async () => {
    const s = scenario();
    // Half of the 400-token system prompt read from the cache at $0.50 instead of $1.
    const cached = await bills(withValue(s, 'options[0].cache_hit', 0.5));
    expect(cached.api).toBeCloseTo(100_000 * (800 * 1 + 200 * 0.5 + 500 * 2) / 1e6, 9); // $190
    // Half the requests to the API; the one server still carries the rest.
    expect((await bills(withValue(s, 'options[1].fallback.share', 0.5))).server).toBeCloseTo(300 + 100 + fallback(0.5), 9);
    // The scenario it was given is left as it was.
    expect(await bills(s)).toMatchObject({ api: expect.closeTo(200, 9), server: expect.closeTo(610, 9) });
  });

  it('sets deployment numbers of self-hosted and serverless options', async () => {
    const s = scenario();
    expect((await bills(withValue(s, 'options[1].self_host.ops_hours', 4))).server).toBeCloseTo(300 + 4 * 50 + fallback(0.2), 9);
    expect((await bills(withValue(s, 'options[1].self_host.ops_rate', 80))).server).toBeCloseTo(300 + 2 * 80 + fallback(0.2), 9);
    expect((await bills(withValue(s, 'options[1].self_host.fixed_monthly', 45))).server).toBeCloseTo(610 + 45, 9);
    // 6 s a request is billed as 8; 30 s of cold start as 32.
    expect((await bills(withValue(s, 'options[3].serverless.seconds_per_request', 6))).sls).toBeCloseTo(100_000 * 8 * 0.001 + cold(10, 12, 0.001), 9);
    expect((await bills(withValue(s, 'options[3].serverless.cold_starts_per_day', 15))).sls).toBeCloseTo(400 + cold(15, 12, 0.001), 9);
    expect((await bills(withValue(s, 'options[3].serverless.cold_start_seconds', 30))).sls).toBeCloseTo(400 + cold(10, 32, 0.001), 9);
  });

  it('sets the price of inline hardware', async () => {
    const s = scenario();
    expect((await bills(withValue(s, 'options[1].self_host.hardware.monthly', 450))).server).toBeCloseTo(450 + 100 + fallback(0.2), 9);
    expect((await bills(withValue(s, 'options[2].self_host.hardware.price', 18_000))).owned).toBeCloseTo(18_000 / 36 + kwh * 0.2 * 0.5, 9);
    expect((await bills(withValue(s, 'options[3].serverless.hardware.per_second', 0.002))).sls).toBeCloseTo(100_000 * 4 * 0.002 + cold(10, 12, 0.002), 9);
  });

  it('sets every figure of owned hardware', async () => {
    const s = scenario();
    const owned = async (path: string, value: number) => (await bills(withValue(s, `options[2].self_host.owned.${path}`, value))).owned;
    expect(await owned('amortisation_months', 24)).toBeCloseTo(12_000 / 24 + kwh * 0.2 * 0.5, 9);
    expect(await owned('electricity_per_kwh', 0.4)).toBeCloseTo(12_000 / 36 + kwh * 0.4 * 0.5, 9);
    expect(await owned('pue', 1.5)).toBeCloseTo(12_000 / 36 + kwh * 0.2 * 1.5 * 0.5, 9);
    expect(await owned('hosting_monthly', 10)).toBeCloseTo(12_000 / 36 + kwh * 0.2 * 0.5 + 10, 9);
    expect(await owned('power_load', 1)).toBeCloseTo(12_000 / 36 + kwh * 0.2, 9);
  });

  it('sets the embedding figures of a RAG workload', async () => {
    // 100,000 queries of 50 tokens, and a 10M-token corpus embedded twice a month, at $0.02 per 1M.
    const rag = parseScenario(`traffic: {requests_per_month: 100000}
workload:
  kind: rag
  input: 50
  output: 100
  retrieved: {chunks: 2, tokens_per_chunk: 100}
  embedding: {model: {name: emb, input: 0.02, output: 0.02}, corpus_tokens: 10M, reindex_per_month: 2}
options:
  - api: {name: api, input: 1, output: 2}`, { file: 't.yaml' });
    const embeddings = async (path: string, value: number) => {
      const s = withValue(rag, `workload.embedding.${path}`, value);
      return estimate(s, resolveScenario(s, await context()), { breakeven: false }).embeddings!.monthly_cost;
    };
    expect(await embeddings('query_tokens', 80)).toBeCloseTo((100_000 * 80 + 10e6 * 2) * 0.02 / 1e6, 12);
    expect(await embeddings('corpus_tokens', 30e6)).toBeCloseTo((100_000 * 50 + 30e6 * 2) * 0.02 / 1e6, 12);
    expect(await embeddings('reindex_per_month', 5)).toBeCloseTo((100_000 * 50 + 10e6 * 5) * 0.02 / 1e6, 12);
  });

  it('refuses a path that names no number of that option', () => {
    const s = scenario();
    expect(() => withValue(s, 'options[0].self_host.ops_hours', 1)).toThrow('withValue: no setter for options[0].self_host.ops_hours');
    expect(() => withValue(s, 'options[1].self_host.owned.pue', 1.2)).toThrow('withValue: no setter for options[1].self_host.owned.pue'); // rented
    expect(() => withValue(s, 'options[9].cache_hit', 0.5)).toThrow('withValue: no option 9');
  });

  it('lets the tornado and the samples swing a hardware price', async () => {
    // The server's rent as a range, $200..$400, and the API at ten times its price ($2,000): the
    // server, $300 + $100 ops + $210 fallback = $610 at the middle, is the cheapest.
    const ranged = yaml.replace('monthly: 300', 'monthly: 200..400').replace('input: 1, output: 2, cached_input: 0.5', 'input: 10, output: 20').replace(/ {2}- name: owned[\s\S]*$/, '');
    const s = parseScenario(ranged, { file: 't.yaml' });
    const ctx = await context();
    const r = simulate(s, resolveScenario(s, ctx), { samples: 3, seed: 1, resolve: (x) => resolveScenario(x, ctx) });
    expect(r.tornado.option).toBe('server');
    expect(r.tornado.base_monthly).toBeCloseTo(610, 9);
    // Its bill moves $1 for each $1 of rent: $510 at $200, $710 at $400.
    expect(r.tornado.bars).toEqual([{ path: 'options[1].self_host.hardware.monthly', low_value: 200, high_value: 400, low_monthly: expect.closeTo(510, 9), high_monthly: expect.closeTo(710, 9), swing: expect.closeTo(200, 9) }]);
    // Each sample binds the drawn rent: the mean is that of the three rents drawn, + $310.
    const random = mulberry32(1);
    const rents = [random(), random(), random()].map((u) => 200 + u * 200);
    expect(r.options.find((o) => o.name === 'server')!.mean).toBeCloseTo((rents[0]! + rents[1]! + rents[2]!) / 3 + 100 + fallback(0.2), 9);
  });
});

describe('simulate: mean and percentiles', () => {
  // 100,000 users x 2 sessions x 5 requests = 1M requests; input 800..1,200 (uniform), output 500.
  // The API costs 1M x (input x $1 + 500 x $2) / 1M = input + $1,000 a month. One $300 server
  // carries every sample (0.5 s a request at 1,000 tokens/s: 1M / 2,628,000 x 0.5 = 0.19 busy).
  const yaml = `traffic: {users: 100000, sessions_per_user: 2, requests_per_session: 5}
workload: {kind: chat, input: 800..1200, output: 500, history: none}
options:
  - api: {name: api, input: 1, output: 2}
  - name: server
    self_host: {hardware: {name: box, monthly: 300}, tokens_per_second: 1000}`;

  it('reports the mean and interpolated P10/P50/P90 of the samples, and of the break-even users', async () => {
    const s = parseScenario(yaml, { file: 't.yaml' });
    const ctx = await context();
    const r = simulate(s, resolveScenario(s, ctx), { samples: 5, seed: 3, resolve: (x) => resolveScenario(x, ctx) });

    // The five draws of seed 3, one per sample (a single uncertain input), turned into inputs.
    const random = mulberry32(3);
    const inputs = Array.from({ length: 5 }, () => 800 + random() * 400);
    const api = inputs.map((input) => input + 1000);
    // 5 sorted values: P10 sits 0.4 of the way from the 1st to the 2nd ((5 - 1) x 0.1 = 0.4),
    // P50 on the 3rd, P90 0.6 of the way from the 4th to the 5th.
    const pct = (values: number[]) => {
      const v = [...values].sort((a, b) => a - b);
      return { p10: v[0]! + 0.4 * (v[1]! - v[0]!), p50: v[2]!, p90: v[3]! + 0.6 * (v[4]! - v[3]!), mean: (v[0]! + v[1]! + v[2]! + v[3]! + v[4]!) / 5 };
    };
    const apiStats = pct(api);
    const o = r.options.find((x) => x.name === 'api')!;
    expect(o.p10).toBeCloseTo(apiStats.p10, 9);
    expect(o.p50).toBeCloseTo(apiStats.p50, 9);
    expect(o.p90).toBeCloseTo(apiStats.p90, 9);
    expect(o.mean).toBeCloseTo(apiStats.mean, 9);
    expect(o.probability_cheapest).toBe(0); // $1,800..$2,200 against $300
    expect(r.options.find((x) => x.name === 'server')).toMatchObject({ p10: 300, p50: 300, p90: 300, mean: 300, probability_cheapest: 1 });

    // The API reaches the server's $300 at scale 300 / (input + 1,000), i.e. at
    // 100,000 x 300 / (input + 1,000) users: 13,636 to 16,667.
    const users = inputs.map((input) => (100_000 * 300) / (input + 1000));
    const b = r.breakeven.find((p) => p.a === 'api' && p.b === 'server')!;
    expect(b.probability_never).toBe(0);
    const usersStats = pct(users);
    expect(b.users!.p10).toBeCloseTo(usersStats.p10, 6);
    expect(b.users!.p50).toBeCloseTo(usersStats.p50, 6);
    expect(b.users!.p90).toBeCloseTo(usersStats.p90, 6);
    expect(b.users!.mean).toBeCloseTo(usersStats.mean, 6);
  });

  it('gives every percentile the one value when a range has no width', async () => {
    // input 1000..1000: each sample costs $2,000 and crosses $300 at 100,000 x 300 / 2,000 = 15,000 users.
    const s = parseScenario(yaml.replace('800..1200', '{min: 1000, mode: 1000, max: 1000}'), { file: 't.yaml' });
    const ctx = await context();
    const r = simulate(s, resolveScenario(s, ctx), { samples: 4, seed: 9, resolve: (x) => resolveScenario(x, ctx) });
    const o = r.options.find((x) => x.name === 'api')!;
    expect([o.p10, o.p50, o.p90, o.mean].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([2000, 2000, 2000, 2000]);
    const u = r.breakeven[0]!.users!;
    expect([u.p10, u.p50, u.p90, u.mean].map((v) => Math.round(v * 1e6) / 1e6)).toEqual([15_000, 15_000, 15_000, 15_000]);
  });
});
