// Break-even, forecast and simulation on scenarios whose answers are known in closed form.
import { describe, expect, it } from 'vitest';
import { loadCatalogue, loadSelfHostCatalogue } from '../../src/catalogue/load.js';
import { costAt } from '../../src/engine/breakeven.js';
import { estimate } from '../../src/engine/estimate.js';
import { forecast } from '../../src/engine/forecast.js';
import { draw, mulberry32, quantile } from '../../src/engine/random.js';
import { simulate } from '../../src/engine/simulate.js';
import { parseScenario } from '../../src/scenario/parse.js';
import { resolveScenario } from '../../src/scenario/resolve.js';
import { estimateYaml, selfHosted } from './estimate-helpers.js';

// An API at 1,000 in x $1 + 500 out x $2 per 1M = $0.002 a request, 100,000 requests a month:
// $200. A server at $300 a month making 1,000 tokens/s: one carries up to 36.8x this traffic.
const base = (serverTps: number, users = '') => `traffic: {${users || 'requests_per_month: 100000'}}
workload: {kind: chat, input: 1000, output: 500, history: none}
options:
  - api: {name: api, input: 1, output: 2}
  - name: server
    self_host: {hardware: {name: box, monthly: 300}, tokens_per_second: ${serverTps}}`;

describe('break-even', () => {
  it('is where the API bill reaches the server’s: $300 at 150,000 requests', async () => {
    const r = await estimateYaml(base(1000));
    const pair = r.breakeven.find((p) => p.a === 'api' && p.b === 'server')!;
    // 300 = 200 x s  ->  s = 1.5: 150,000 requests, 150,000 x 1,500 tokens
    expect(pair.crossings).toHaveLength(1);
    expect(pair.crossings[0]!.scale).toBeCloseTo(1.5, 9);
    expect(pair.crossings[0]!.requests_per_month).toBeCloseTo(150_000, 4);
    expect(pair.crossings[0]!.tokens_per_month).toBeCloseTo(150_000 * 1500, 0);
    expect(pair.crossings[0]!.monthly_cost).toBeCloseTo(300, 9);
    expect(pair.crossings[0]!.cheaper_above).toBe('server');
    expect(pair.users).toBeNull(); // traffic given without users
  });

  it('reports users when the scenario has them', async () => {
    const r = await estimateYaml(base(1000, 'users: 10000, sessions_per_user: 2, requests_per_session: 5'));
    // 10,000 x 2 x 5 = 100,000 requests: the crossing at 1.5x is 15,000 users
    expect(r.breakeven[0]!.users).toBeCloseTo(15_000, 6);
  });

  it('finds every crossing of a step function', async () => {
    // 25 tokens/s a server, 10 tokens/s a stream: 2 streams of 10. A request busies a server
    // 500 / 25 = 20 s; the peak (100,000 / 2,628,000 s) x 20 s = 0.761 servers busy: at 70%,
    // 1.087 servers per unit of traffic. Streams: 0.0381 x (500 / 10 s) = 1.90 in flight, 0.95
    // per unit in pairs. So instances(s) = ceil(1.087 x s); cost 300 x that, against 200 x s.
    const r = await estimateYaml(base(25));
    const server = selfHosted(r, 'server');
    const k = ((100_000 / 2_628_000) * 20) / 0.7;
    expect(server.scaling.instances_per_unit).toBeCloseTo(k, 9);
    const pair = r.breakeven.find((p) => p.b === 'server')!;
    // 200 s = 300 n on (n-1)/k < s <= n/k: s = 1.5 n, inside only while 1.5 n <= n / k, i.e. never
    // for k = 1.087 > 0.667: the API stays cheaper, and the reason says why.
    expect(pair.crossings).toEqual([]);
    expect(pair.reason).toMatch(/^api is cheaper from .* and never crosses: each extra 1,000 requests cost 2\.0000 USD on it and 3\.2\d{3} on server$/);
  });

  it('matches the cost model at every scale', async () => {
    const r = await estimateYaml(base(1000));
    const server = selfHosted(r, 'server');
    expect(costAt(server.scaling, 1)).toBeCloseTo(server.monthly_cost, 9);
    expect(costAt(server.scaling, 40)).toBe(600); // 40 > 36.8: a second server
  });

  it('gives payback months for owned hardware', async () => {
    const r = await estimateYaml(`traffic: {requests_per_month: 1000000}
workload: {kind: chat, input: 1000, output: 500, history: none}
options:
  - api: {name: api, input: 1, output: 2}
  - name: owned
    self_host:
      hardware: {name: box, price: 12000, watts: 500}
      tokens_per_second: 1000
      owned: {electricity_per_kwh: 0.2, amortisation_months: 24, power_load: 100%}`);
    const pair = r.breakeven[0]!;
    // API: 1M x 0.002 = $2,000 a month. Owned: power 500 W x 730 h / 1000 x $0.2 = $73 a month.
    // Savings $1,927 a month repay $12,000 in 12000 / 1927 = 6.23 months.
    expect(pair.payback_months).toBeCloseTo(12_000 / (2000 - 73), 9);
  });
});

describe('forecast', () => {
  it('grows every option month by month and adds capacity when needed', async () => {
    const r = await estimateYaml(base(1000));
    const f = forecast(r, 0.1, 3);
    // API: 200, 220, 242 (x 1.1 a month); server: 300 while one instance carries it
    expect(f.months.map((m) => m.options.find((o) => o.name === 'api')!.monthly_cost)).toEqual([200, expect.closeTo(220, 9), expect.closeTo(242, 9)]);
    expect(f.totals.find((t) => t.option === 'api')!.cumulative_cost).toBeCloseTo(662, 9);
    expect(f.months.map((m) => m.cheapest)).toEqual(['api', 'api', 'api']);
    const long = forecast(r, 0.1, 6);
    // 200 x 1.1^(m-1) passes 300 in month 6 (1.1^5 = 1.61: $322.10)
    expect(long.cheapest_changes).toEqual([{ month: 6, from: 'api', to: 'server' }]);
  });

  it('adds a server in the month the traffic outgrows one', async () => {
    // Doubling monthly: month m carries 2^(m-1) times the traffic. One server carries 36.8x
    // (0.7 / (100,000 / 2,628,000 x 0.5 s)), so month 6 (32x) needs one and month 7 (64x) two.
    const f = forecast(await estimateYaml(base(1000)), 1.0, 7);
    expect(f.capacity_changes).toEqual([{ month: 7, option: 'server', instances_from: 1, instances_to: 2 }]);
    const server = (m: number) => f.months[m - 1]!.options.find((o) => o.name === 'server')!;
    expect([server(6).monthly_cost, server(7).monthly_cost]).toEqual([300, 600]);
    expect(f.months[6]!.requests_per_month).toBeCloseTo(100_000 * 64, 6);
    // Cumulative: 6 months x $300 + $600
    expect(f.totals.find((t) => t.option === 'server')!.cumulative_cost).toBe(6 * 300 + 600);
  });
});

describe('simulate', () => {
  const yaml = `traffic: {users: 50k..150k, sessions_per_user: 2, requests_per_session: 5}
workload: {kind: chat, input: 800..1200, output: 500, history: none}
options:
  - api: {name: api, input: 1, output: 2}
  - name: server
    self_host: {hardware: {name: box, monthly: 300}, tokens_per_second: 1000}`;

  async function run(seed: number, samples = 2000) {
    const scenario = parseScenario(yaml, { file: 't.yaml' });
    const context = { catalogue: await loadCatalogue({ providers: [] }), currency: 'USD', today: '2026-11-25', selfHost: await loadSelfHostCatalogue() };
    const resolved = resolveScenario(scenario, context);
    return simulate(scenario, resolved, { samples, seed, resolve: (s) => resolveScenario(s, context) });
  }

  it('gives the same report for the same seed, and another for another', async () => {
    expect(JSON.stringify(await run(7))).toBe(JSON.stringify(await run(7)));
    expect(JSON.stringify(await run(8))).not.toBe(JSON.stringify(await run(7)));
  });

  it('puts the P50 of symmetric ranges within 2% of the point estimate', async () => {
    const scenario = parseScenario(yaml, { file: 't.yaml' });
    const point = estimate(scenario, resolveScenario(scenario, { catalogue: await loadCatalogue({ providers: [] }), currency: 'USD', today: '2026-11-25', selfHost: await loadSelfHostCatalogue() }));
    // at the middle: 100,000 users x 10 = 1M requests x (1,000 x 1 + 500 x 2) / 1M = $2,000
    expect(point.options.find((o) => o.name === 'api')!.monthly_cost).toBeCloseTo(2000, 9);
    const r = await run(1, 10_000);
    const api = r.options.find((o) => o.name === 'api')!;
    expect(Math.abs(api.p50 / 2000 - 1)).toBeLessThan(0.02);
    expect(api.p10).toBeLessThan(api.p50);
    expect(api.p90).toBeGreaterThan(api.p50);
    expect(r.options.reduce((sum, o) => sum + o.probability_cheapest, 0)).toBeCloseTo(1, 12);
  });

  it('ranks the inputs in a tornado, with each bar worked out by hand', async () => {
    const r = await run(1, 100);
    // The server is cheapest at the middle, and one server carries every traffic in range: its
    // bill does not move, so neither bar swings.
    expect(r.tornado.option).toBe('server');
    expect(r.tornado.bars.map((b) => [b.path, b.low_monthly, b.high_monthly, b.swing]).sort()).toEqual([
      ['traffic.users', 300, 300, 0],
      ['workload.input', 300, 300, 0],
    ]);

    // With a dearer server the API is cheapest: users 50k..150k at 1,000 input tokens give
    // 50k x 10 x (1,000 x 1 + 500 x 2) / 1M = $1,000 to $3,000; input 800..1,200 at 100k users
    // gives 1M x (800 + 1,000) / 1M = $1,800 to $2,200. Users swing most.
    const dear = parseScenario(yaml.replace('monthly: 300', 'monthly: 300000'), { file: 't.yaml' });
    const context = { catalogue: await loadCatalogue({ providers: [] }), currency: 'USD', today: '2026-11-25', selfHost: await loadSelfHostCatalogue() };
    const t = simulate(dear, resolveScenario(dear, context), { samples: 10, seed: 1, resolve: (s) => resolveScenario(s, context) }).tornado;
    expect(t.option).toBe('api');
    expect(t.base_monthly).toBeCloseTo(2000, 9);
    expect(t.bars.map((b) => b.path)).toEqual(['traffic.users', 'workload.input']);
    expect(t.bars[0]).toMatchObject({ low_value: 50_000, high_value: 150_000, low_monthly: expect.closeTo(1000, 9), high_monthly: expect.closeTo(3000, 9), swing: expect.closeTo(2000, 9) });
    expect(t.bars[1]).toMatchObject({ low_value: 800, high_value: 1200, low_monthly: expect.closeTo(1800, 9), high_monthly: expect.closeTo(2200, 9), swing: expect.closeTo(400, 9) });
  });

  it('draws uniform and triangular values by their inverse CDF', () => {
    expect(draw({ kind: 'uniform', min: 10, max: 20 }, 0.25)).toBe(12.5);
    // triangular(0, 5, 10) at u = 0.5 is its median, the mode of a symmetric triangle
    expect(draw({ kind: 'triangular', min: 0, mode: 5, max: 10 }, 0.5)).toBeCloseTo(5, 12);
    const random = mulberry32(42);
    const values = Array.from({ length: 5 }, () => random());
    expect(values.every((v) => v >= 0 && v < 1)).toBe(true);
    expect(mulberry32(42)()).toBe(values[0]);
    expect(quantile([1, 2, 3, 4], 0.5)).toBe(2.5);
  });
});
