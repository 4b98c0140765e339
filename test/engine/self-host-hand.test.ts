// Owned hardware (power, cost scaling) and a fixed instance count, on measured speeds so that
// every figure is a few lines of hand arithmetic.
import { describe, expect, it } from 'vitest';
import { costAt } from '../../src/engine/breakeven.js';
import { estimateYaml, selfHosted } from './estimate-helpers.js';

// 5M requests a month of 1,000 prompt + 500 output tokens, peak twice the average. A server
// decodes 1,000 tokens/s in all (100 streams of 10 tokens/s) and reads prompts at 10,000
// tokens/s: a request busies it 1,000 / 10,000 + 500 / 1,000 = 0.6 s.
const traffic = `traffic: {requests_per_month: 5000000, peak_factor: 2}
workload: {kind: chat, input: 1000, output: 500, history: none}
options:`;
const average = 5_000_000 / (730 * 3600); // requests/s over a 730-hour month
const peakBusy = 2 * average * 0.6; //        2.283 servers' worth of work at peak
const averageBusy = average * 0.6; //         1.142 on average
// 2.283 / 70% target = 3.26 -> 4 servers (streams: 2 x 1.90 requests/s x 50.1 s = 190.5, in
// batches of 100: 2, so throughput binds).
const sizedInstances = 4;
const instancesPerUnit = peakBusy / 0.7;

const owned = (powerLoad: string) => `${traffic}
  - name: owned
    self_host:
      hardware: {name: box, price: 12000, watts: 500}
      tokens_per_second: 1000
      prefill_tokens_per_second: 10000
      owned: {electricity_per_kwh: 0.2, amortisation_months: 24, pue: 1.25, hosting_monthly: 25${powerLoad}}
      ops_hours: 2
      ops_rate: 50`;
// One box at full power for a month: 500 W x 730 h / 1000 = 365 kWh x $0.20 x PUE 1.25.
const fullPowerMonthly = ((500 * 730) / 1000) * 0.2 * 1.25; // $91.25

describe('owned hardware', () => {
  it('draws power in proportion to the average busy time when power_load is unset', async () => {
    const o = selfHosted(await estimateYaml(owned('')), 'owned');
    expect(o.instances).toBe(sizedInstances);
    expect(o.utilisation.average).toBeCloseTo(averageBusy / 4, 12);
    // The four boxes are busy 1.142 box-months between them: power for that, not for four.
    const power = fullPowerMonthly * averageBusy; // $104.17
    expect(o.breakdown).toEqual({
      hardware: (12_000 / 24) * 4,
      power: expect.closeTo(power, 9),
      hosting: 25 * 4,
      ops: 2 * 50,
      fixed: 0,
      fallback_api: 0,
      embeddings: 0,
    });
    expect(o.monthly_cost).toBeCloseTo(2000 + power + 100 + 100, 9);
    expect(o.purchase).toBe(12_000 * 4);
  });

  it('draws power_load of rated power on every instance when it is set', async () => {
    const o = selfHosted(await estimateYaml(owned(', power_load: 30%')), 'owned');
    // 30% of $91.25 on each of 4 boxes, whatever the traffic.
    expect(o.breakdown.power).toBeCloseTo(fullPowerMonthly * 0.3 * 4, 9); // $109.50
    expect(o.monthly_cost).toBeCloseTo(2000 + 109.5 + 100 + 100, 9);
  });

  it('puts amortisation and hosting per instance, and power per instance or per unit of traffic', async () => {
    // power_load unset: power follows traffic, so it scales per unit; each instance costs its
    // amortisation and hosting.
    const following = selfHosted(await estimateYaml(owned('')), 'owned');
    const power = fullPowerMonthly * averageBusy;
    expect(following.scaling).toEqual({
      fixed: 100, //                      ops: 2 h x $50
      per_unit: expect.closeTo(power, 9),
      per_instance: 12_000 / 24 + 25, //  $525
      instances_per_unit: expect.closeTo(instancesPerUnit, 12),
      min_instances: 1,
      fixed_instances: null,
    });
    // Twice the traffic: twice the power, ceil(2 x 3.26) = 7 boxes.
    expect(costAt(following.scaling, 1)).toBeCloseTo(following.monthly_cost, 9);
    expect(costAt(following.scaling, 2)).toBeCloseTo(100 + 2 * power + 7 * 525, 9);

    // power_load set: each instance draws its share whatever the traffic.
    const set = selfHosted(await estimateYaml(owned(', power_load: 30%')), 'owned');
    expect(set.scaling.per_unit).toBe(0);
    expect(set.scaling.per_instance).toBeCloseTo(12_000 / 24 + 25 + fullPowerMonthly * 0.3, 12); // $552.375
    expect(costAt(set.scaling, 2)).toBeCloseTo(100 + 7 * (500 + 25 + 27.375), 9);
  });

  it('adds the API share of a hybrid to what grows per unit of traffic', async () => {
    const o = selfHosted(await estimateYaml(`${owned('')}
    fallback: {share: 20%, api: {name: big, input: 2, output: 8}}`), 'owned');
    // API: (1,000 x 2 + 500 x 8) / 1M = $0.006 a request, for 20% of 5M requests: $6,000.
    const api = 0.2 * 5_000_000 * 0.006;
    // The servers carry 80%: busy 0.8 x 1.142 on average; 0.8 x 2.283 / 0.7 = 2.61 -> 3 boxes.
    const power = fullPowerMonthly * 0.8 * averageBusy;
    expect(o.instances).toBe(3);
    expect(o.breakdown.fallback_api).toBeCloseTo(api, 6);
    expect(o.scaling.per_unit).toBeCloseTo(power + api, 6);
    expect(o.scaling.per_instance).toBe(525);
    expect(o.monthly_cost).toBeCloseTo(3 * 500 + 3 * 25 + 100 + power + api, 6);
  });
});

describe('a fixed number of instances', () => {
  const rented = (instances: number) => `${traffic}
  - name: fixed
    self_host:
      hardware: {name: box, monthly: 300}
      tokens_per_second: 1000
      prefill_tokens_per_second: 10000
      instances: ${instances}`;

  it('runs that many whatever the traffic needs', async () => {
    const o = selfHosted(await estimateYaml(rented(8)), 'fixed');
    expect(o.instances).toBe(8); // sizing alone would give 4
    expect(o.bound_by).toBe('fixed');
    expect(o.monthly_cost).toBe(8 * 300);
    expect(o.utilisation.peak).toBeCloseTo(peakBusy / 8, 12);
    expect(o.utilisation.average).toBeCloseTo(averageBusy / 8, 12);
    expect(o.warnings).toEqual([]);
    // The count does not follow traffic: at 10x it is still 8 x $300.
    expect(o.scaling.fixed_instances).toBe(8);
    expect(costAt(o.scaling, 10)).toBe(2400);
  });

  it('warns when the peak needs more than the instances set', async () => {
    const o = selfHosted(await estimateYaml(rented(2)), 'fixed');
    expect(o.instances).toBe(2);
    expect(o.monthly_cost).toBe(600);
    // 2.283 servers' worth of work on 2: 114% busy; at least ceil(2.283) = 3 are needed.
    expect(o.utilisation.peak).toBeCloseTo(peakBusy / 2, 12);
    expect(Math.round((peakBusy / 2) * 100)).toBe(114);
    expect(o.warnings).toEqual(['2 instance(s) are 114% busy at peak: the peak needs at least 3']);
  });

  it('buys that many when the hardware is owned', async () => {
    const o = selfHosted(await estimateYaml(owned('').replace('ops_hours: 2', 'instances: 6\n      ops_hours: 2')), 'owned');
    expect(o.instances).toBe(6);
    expect(o.purchase).toBe(6 * 12_000);
    // Power follows the work, not the count: still 1.142 box-months.
    expect(o.breakdown.power).toBeCloseTo(fullPowerMonthly * averageBusy, 9);
    expect(o.monthly_cost).toBeCloseTo(6 * 500 + 6 * 25 + 100 + fullPowerMonthly * averageBusy, 9);
  });
});
