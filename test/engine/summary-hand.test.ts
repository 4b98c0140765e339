// The headline (summary) of estimate and break-even reports, every figure in it worked by hand;
// the catalogue's own doubts and every currency conversion carried into the report.

import { describe, expect, it } from 'vitest';
import { breakevenReport } from '../../src/commands/analysis.js';
import { DEFAULT_RANGE } from '../../src/engine/breakeven.js';
import { doubtsIn } from '../../src/engine/doubts.js';
import { estimateYaml, selfHosted } from './estimate-helpers.js';

// 1,000 users x 2 sessions x 5 requests = 10,000 requests a month; 1,000 tokens in, 500 out each.
const SCENARIO = `
name: headline
traffic: {users: 1000, sessions_per_user: 2, requests_per_session: 5, peak_factor: 1}
workload: {kind: chat, input: 1000, output: 500, history: none}
options:
  - api: {name: small, input: 1, output: 2}
  - api: {name: big, input: 10, output: 20}
  - name: box
    self_host: {hardware: {name: box, monthly: 100}, tokens_per_second: 1000}
  - name: slow
    self_host: {hardware: {name: slow, monthly: 10}, tokens_per_second: 5}
`;

describe('estimate summary', () => {
  it('names the cheapest viable option, the next one against it, and what cannot serve', async () => {
    const r = await estimateYaml(SCENARIO);
    // small: 1,000 x $1/1M + 500 x $2/1M = $0.001 + $0.001 = $0.002 a request; x 10,000 = $20 a month.
    // box: one instance at $100 a month: 100 / 20 = 5x small. small costs 20 x s at s times the
    // traffic, box 100 while one instance serves it (peak 5 x 10,000 / 2,628,000 s x 500 tokens =
    // 9.5 tokens/s, far under 1,000): they cross at 20 s = 100, s = 5, 5 x 1,000 = 5,000 users.
    // slow: 5 tokens/s a stream, under the minimum of 10, so not viable though it costs $10.
    expect(r.summary.map((l) => l.kind)).toEqual(['cheapest', 'runner_up', 'not_viable']);
    const [cheapest, next, out] = r.summary;
    expect(cheapest!.text).toBe('small is the cheapest way to serve this traffic: $20.00 a month ($0.002 a request).');
    expect(cheapest!.figures.monthly_cost).toBeCloseTo(20, 10);
    expect(cheapest!.figures.per_request_cost).toBeCloseTo(0.002, 12);
    expect(next!.text).toBe('box, the next cheapest, costs 5x as much ($100.00 a month), and becomes the cheaper of the two above 5,000 users.');
    expect(next!.figures.ratio).toBeCloseTo(100 / 20, 10);
    expect(next!.figures.breakeven_users).toBeCloseTo(5000, 6);
    expect(next!.figures.breakeven_requests_per_month).toBeCloseTo(50_000, 6);
    expect(out!.text).toBe('slow cannot serve this traffic: a stream decodes at 5 tokens/s, below the minimum of 10 (min_tokens_per_second).');
    expect(out!.figures.option).toBe('slow');
  });

  it('without a crossing, says how far the next option stays dearer', async () => {
    const r = await estimateYaml(SCENARIO.replace(/ {2}- name: box[\s\S]*$/, ''));
    // big: 1,000 x $10/1M + 500 x $20/1M = $0.02 a request, $200 a month = 10x small; both grow
    // with traffic alike, so they never cross up to 100 x 1,000 = 100,000 users.
    const next = r.summary[1]!;
    expect(next.text).toBe('big, the next cheapest, costs 10x as much ($200.00 a month), and stays the dearer of the two up to 100,000 users (100x this traffic).');
    expect(next.figures.ratio).toBeCloseTo(10, 10);
    expect([next.figures.breakeven_users, next.figures.range_max_users, next.figures.range_max_requests_per_month]).toEqual([null, 100_000, 1_000_000]);
  });

  it('says so when no option is viable', async () => {
    const r = await estimateYaml(SCENARIO.replace(/ {2}- api[^\n]*\n/g, '').replace(/ {2}- name: box[\s\S]*?(?= {2}- name: slow)/, ''));
    expect(r.summary.map((l) => l.kind)).toEqual(['none_viable', 'not_viable']);
    expect(r.summary[0]!.text).toBe('No option can serve this traffic, so none is recommended.');
  });
});

describe('break-even summary', () => {
  it('the cheapest at the scenario, and the first option to overtake it', async () => {
    const b = breakevenReport(await estimateYaml(SCENARIO), DEFAULT_RANGE);
    expect(b.summary.map((l) => l.text)).toEqual([
      'At 1,000 users, small is the cheapest: $20.00 a month.',
      // As above: small = 20 s, box = 100 until s = 5; $100 each there.
      'Above 5,000 users (5x today\'s traffic), box becomes cheaper than small; both cost $100.00 a month there.',
      'slow cannot serve this traffic: a stream decodes at 5 tokens/s, below the minimum of 10 (min_tokens_per_second).',
    ]);
    expect(b.summary[1]!.figures.scale).toBeCloseTo(5, 9);
    expect(b.summary[1]!.figures.monthly_cost).toBeCloseTo(100, 9);
    // Each option's warnings and viability travel with it, for the renderers to put beside it.
    const slow = b.options.find((o) => o.name === 'slow')!;
    expect([slow.viable, slow.not_viable_because[0]]).toEqual([false, 'a stream decodes at 5 tokens/s, below the minimum of 10 (min_tokens_per_second)']);
  });
});

describe('break-even summary without a crossing', () => {
  it('says how far the cheapest stays the cheapest', async () => {
    const b = breakevenReport(await estimateYaml(SCENARIO.replace(/ {2}- name: box[\s\S]*$/, '')), DEFAULT_RANGE);
    // small $20 and big $200 a month both grow with traffic alike: never cross up to 100 x 1,000 users.
    expect(b.summary[1]).toEqual({
      kind: 'no_breakeven',
      text: "No other option becomes cheaper than small up to 100,000 users (100x today's traffic).",
      figures: { option: 'small', scale: 100, users: 100_000, requests_per_month: 1_000_000 },
    });
  });
});

describe('prices disclosed', () => {
  const VPS = `
name: vps
traffic: {requests_per_month: 3000, peak_factor: 1}
workload: {kind: chat, input: 100, output: 100, history: none}
options:
  - api: {name: premium-api, input: 15, output: 75}
  - name: cpu-vps
    self_host: {hardware: hetzner/ccx33, tokens_per_second: 50}
`;

  it('a EUR offer in a USD report: the conversion listed with its rate, date, age and option', async () => {
    // --fx EUR=0.8 is 0.8 EUR per USD, so 1 EUR = 1 / 0.8 = 1.25 USD; EUR 138.49 x 1.25 = $173.1125.
    const r = await estimateYaml(VPS, { fx: ['EUR=0.8'], today: '2026-11-25' });
    expect(r.prices.fx).toEqual([{ from: 'EUR', to: 'USD', rate: 1.25, source: 'command line (--fx)', as_of: '2026-11-25', age_days: 0, stale: false, used_by: ['cpu-vps'] }]);
    const vps = selfHosted(r, 'cpu-vps');
    expect(vps.breakdown.hardware).toBeCloseTo(138.49 * 1.25, 9);
    expect(vps.hardware.listed_price).toEqual({ amount: 138.49, currency: 'EUR', per: 'month' });
  });

  it('an old catalogue rate is flagged stale', async () => {
    // pricing/fx.yaml: rates of 2026-05-08; to 2026-11-25 is 23 + 30 + 31 + 31 + 30 + 31 + 25 = 201 days.
    const r = await estimateYaml(VPS, { today: '2026-11-25' });
    const fx = r.prices.fx[0]!;
    expect([fx.from, fx.to, fx.as_of, fx.age_days, fx.stale]).toEqual(['EUR', 'USD', '2026-05-08', 201, true]);
    // 1 / 0.850268 USD per EUR.
    expect(fx.rate).toBeCloseTo(1 / 0.850268, 12);
    expect(r.warnings).toContain('the EUR->USD exchange rate is 201 days old (as of 2026-05-08): pass a current one with --fx');
  });

  it("the catalogue's own doubt reaches the option and its warnings", async () => {
    const r = await estimateYaml(VPS, { today: '2026-11-25' });
    const vps = selfHosted(r, 'cpu-vps');
    expect(vps.hardware.doubts).toEqual(['Up from about EUR 48/month in a 2025-10-21 table. Verify before use.']);
    expect(vps.warnings).toContain('hetzner/ccx33\'s catalogue entry: "Up from about EUR 48/month in a 2025-10-21 table. Verify before use."');
  });

  it('doubtsIn: the sentences that mark an estimate, a placeholder or a figure to verify', () => {
    expect(doubtsIn(['Read from the price page. The vCPU mapping is a PLACEHOLDER ESTIMATE. Fine otherwise.'])).toEqual(['The vCPU mapping is a PLACEHOLDER ESTIMATE.']);
    // A short marker sentence comes with the one before it, so that it says what to verify.
    expect(doubtsIn(['EUR 42 a month. Verify before use.'])).toEqual(['EUR 42 a month. Verify before use.']);
    expect(doubtsIn(['Listed on the provider page, 2026-11-25.'])).toEqual([]);
  });
});

describe('forecast and simulate summaries', () => {
  it('forecast: the least in all over the months, the next against it, the month the cheapest changes', async () => {
    const { forecast } = await import('../../src/engine/forecast.js');
    const r = await estimateYaml(SCENARIO);
    // 30% growth a month for 6 months: scales 1, 1.3, 1.69, 2.197, 2.8561, 3.71293 (sum 12.75603).
    // small: $20 x 12.75603 = $255.1206. box: $100 a month while one instance serves (peak 9.5
    // tokens/s x 3.71 = 35, far under 1,000): $600. big ($200 a month at scale 1) and slow (not
    // viable) are more or none. small stays under box (20 x 3.71293 = $74.26 < $100): no change.
    const f = forecast(r, 0.3, 6);
    expect(f.summary[0]).toMatchObject({ kind: 'cheapest_total', figures: { option: 'small', months: 6, growth: 0.3 } });
    expect(f.summary[0]!.figures.cumulative_cost).toBeCloseTo(255.1206, 9);
    expect(f.summary[0]!.text).toBe('Over 6 months at 30% growth a month, small costs the least in all: $255.12.');
    // 600 / 255.1206 = 2.3518...: "2.35x".
    expect(f.summary[1]).toMatchObject({ kind: 'runner_up', figures: { option: 'box', cumulative_cost: 600 } });
    expect(f.summary[1]!.figures.ratio).toBeCloseTo(600 / 255.1206, 12);
    expect(f.summary[1]!.text).toBe('box, the next, comes to $600.00 (2.35x as much).');
    expect(f.summary.find((l) => l.kind === 'cheapest_changes')).toBeUndefined();
    expect(f.summary.filter((l) => l.kind === 'not_viable').map((l) => l.figures.option)).toEqual(['slow']);

    // At 60% a month for 6 months small reaches 20 x 1.6^5 = $209.72 at month 6 and passes box's
    // $100 when 20 x 1.6^(m-1) > 100: 1.6^(m-1) > 5, m - 1 > 3.42, from month 5 (20 x 6.5536 = $131.07).
    const g = forecast(r, 0.6, 6);
    expect(g.summary.find((l) => l.kind === 'cheapest_changes')).toMatchObject({ text: 'From month 5, box is cheaper each month than small.', figures: { month: 5, from: 'small', to: 'box' } });
  });

  it('simulate: the option most often cheapest, its P10-P90, and what moves it most', async () => {
    const { simulateSummary } = await import('../../src/engine/summary.js');
    const report = {
      schema: 'llm-tco/report@1', command: 'simulate', scenario: { name: 's', source: 's.yaml' }, currency: 'USD', samples: 1000, seed: 1, inputs: [], model_error: [],
      options: [
        { name: 'a', kind: 'api', probability_cheapest: 0.25, probability_viable: 1, p10: 10, p50: 20, p90: 40, mean: 22 },
        { name: 'b', kind: 'api', probability_cheapest: 0.75, probability_viable: 1, p10: 12.5, p50: 15, p90: 30, mean: 17 },
      ],
      breakeven: [],
      tornado: { option: 'b', base_monthly: 15, bars: [
        { path: 'traffic.users', low_value: 1, high_value: 2, low_monthly: 10, high_monthly: 20, swing: 10 },
        { path: 'workload.output', low_value: 100, high_value: 900, low_monthly: 5, high_monthly: 35, swing: 30 },
      ] },
      warnings: [],
    } as const;
    const lines = simulateSummary(report as unknown as Parameters<typeof simulateSummary>[0]);
    // b is the cheapest in 750 of 1,000 samples; the widest bar is workload.output (35 - 5 = 30 > 10).
    expect(lines.map((l) => l.text)).toEqual([
      'b is the cheapest viable option in 75% of 1,000 samples; its bill is $12.50 to $30.00 a month (P10 to P90), $15.00 in the middle.',
      'workload.output moves it most: $5.00 at its low, $35.00 at its high.',
    ]);
  });
});
