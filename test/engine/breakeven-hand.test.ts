// Payback months and the break-even chart's cost curves, against hand arithmetic.
import { describe, expect, it } from 'vitest';
import { costCurves } from '../../src/engine/breakeven.js';
import type { CostedOptionReport } from '../../src/report.js';
import { estimateYaml } from './estimate-helpers.js';

describe('payback months', () => {
  // An API at 500,000 input tokens x $1 + 250,000 output x $1 per 1M = $0.75 a request, 400
  // requests a month: $300. An owned box bought for $12,000 over 24 months ($500 a month), drawing
  // no power (power_load 0), with `fixed_monthly` as its only running cost. Its replies of 250,000
  // tokens take hours: the latency target is lifted so that it stays a choice.
  const owned = (fixedMonthly: number) => `max_seconds_per_reply: 1M
traffic: {requests_per_month: 400}
workload: {kind: chat, input: 500000, output: 250000, history: none}
options:
  - api: {name: api, input: 1, output: 1}
  - api: {name: dear-api, input: 2, output: 2}
  - name: owned
    self_host:
      hardware: {name: box, price: 12000}
      tokens_per_second: 1000
      owned: {electricity_per_kwh: 0.2, amortisation_months: 24, power_load: 0}
      fixed_monthly: ${fixedMonthly}`;
  const pair = (r: Awaited<ReturnType<typeof estimateYaml>>, a: string, b: string) => r.breakeven.find((p) => (p.a === a && p.b === b) || (p.a === b && p.b === a))!;

  it('is purchase / monthly savings when owning saves money', async () => {
    const r = await estimateYaml(owned(100));
    // Running cost $100 against the API's $300: $200 saved a month repays $12,000 in 60 months.
    expect(pair(r, 'api', 'owned').payback_months).toBeCloseTo(12_000 / (300 - 100), 9);
  });

  it('is null when the owned option saves nothing: running costs equal to or above the API bill', async () => {
    const r = await estimateYaml(owned(300));
    expect(r.options.find((o) => o.name === 'api')!.monthly_cost).toBe(0.75 * 400); // $300
    expect(r.options.find((o) => o.name === 'owned')!.monthly_cost).toBe(12_000 / 24 + 300); // $800
    // Running $300 = the API's $300: savings 0, so no payback (not Infinity).
    expect(pair(r, 'api', 'owned').payback_months).toBeNull();
    // Against an API twice as dear ($600 a month) the same box saves $300 a month: 40 months.
    expect(pair(r, 'dear-api', 'owned').payback_months).toBeCloseTo(12_000 / (600 - 300), 9);

    const worse = await estimateYaml(owned(450));
    // Running $450 against $300: it loses $150 a month, and never pays back (not -80 months).
    expect(pair(worse, 'api', 'owned').payback_months).toBeNull();
    // Two APIs own nothing: no payback either way.
    expect(pair(worse, 'api', 'dear-api').payback_months).toBeNull();
  });
});

describe('cost curves for the break-even chart', () => {
  // An API at 1,000 in x $1 + 500 out x $2 per 1M = $0.002 a request, 100,000 requests a month:
  // $200 at scale 1. A $300 server making 1,000 tokens/s: a request busies it 500 / 1,000 = 0.5 s;
  // the peak (peak_factor 1) is 100,000 / 2,628,000 requests/s, so at a 70% target it needs
  // k = (100,000 / 2,628,000 x 0.5) / 0.7 = 0.02718 instances per unit of traffic: one up to
  // scale 1/k = 36.79, two up to 2/k = 73.58, three beyond.
  const yaml = `traffic: {requests_per_month: 100000}
workload: {kind: chat, input: 1000, output: 500, history: none}
options:
  - api: {name: api, input: 1, output: 2}
  - name: server
    self_host: {hardware: {name: box, monthly: 300}, tokens_per_second: 1000}`;
  const k = ((100_000 / 2_628_000) * 0.5) / 0.7;

  it('samples each option on a log grid, with both sides of every instance step', async () => {
    const r = await estimateYaml(yaml);
    const costed = r.options.filter((o): o is CostedOptionReport => o.monthly_cost !== null);
    // Two grid intervals from 1x to 100x: scales 1, 100^(1/2) = 10 and 100.
    const curves = costCurves(r, costed, { minScale: 1, maxScale: 100 }, 2);
    const api = curves.find((c) => c.option === 'api')!;
    expect(api.kind).toBe('api');
    expect(api.points.map((p) => [p.scale, p.requests_per_month, p.monthly_cost, p.instances, p.users])).toEqual([
      [1, expect.closeTo(100_000, 6), expect.closeTo(200, 9), null, null],
      [expect.closeTo(10, 12), expect.closeTo(1_000_000, 6), expect.closeTo(2000, 9), null, null],
      [expect.closeTo(100, 12), expect.closeTo(10_000_000, 4), expect.closeTo(20_000, 6), null, null],
    ]);

    const server = curves.find((c) => c.option === 'server')!;
    // The grid, plus each step at n / k drawn as two points at one scale: the cost up to the step
    // (n servers) and just past it (n + 1), so the chart draws a vertical step, not a ramp.
    const at = (p: { scale: number; monthly_cost: number; instances: number | null }) => [p.scale, p.monthly_cost, p.instances];
    expect(server.points.map(at)).toEqual([
      [1, 300, 1],
      [expect.closeTo(10, 12), 300, 1],
      [expect.closeTo(1 / k, 3), 300, 1],
      [expect.closeTo(1 / k, 3), 600, 2],
      [expect.closeTo(2 / k, 3), 600, 2],
      [expect.closeTo(2 / k, 3), 900, 3],
      [expect.closeTo(100, 12), 900, 3], // ceil(100 k) = ceil(2.72) = 3 servers
    ]);
    expect(server.points[2]!.requests_per_month).toBeCloseTo((100_000 / k), 0);
  });

  it('gives users at each point when the scenario counts users', async () => {
    // 2,000 users x 5 sessions x 10 requests = the same 100,000 requests.
    const r = await estimateYaml(yaml.replace('requests_per_month: 100000', 'users: 2000, sessions_per_user: 5, requests_per_session: 10'));
    const costed = r.options.filter((o): o is CostedOptionReport => o.monthly_cost !== null);
    const api = costCurves(r, costed, { minScale: 0.5, maxScale: 2 }, 2).find((c) => c.option === 'api')!;
    // scales 0.5, 1, 2: 1,000, 2,000 and 4,000 users; $100, $200, $400
    expect(api.points.map((p) => [p.users, p.monthly_cost])).toEqual([
      [expect.closeTo(1000, 9), expect.closeTo(100, 9)],
      [expect.closeTo(2000, 9), expect.closeTo(200, 9)],
      [expect.closeTo(4000, 9), expect.closeTo(400, 9)],
    ]);
  });
});
