// Every bundled scenario loads and estimates: they are the examples users copy first.

import { readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runCli, typed } from './helpers.js';

const SCENARIOS = readdirSync(typed('scenarios'))
  .filter((name) => /\.ya?ml$/.test(name))
  .sort();

describe('scenarios/', () => {
  it('has scenarios to test', () => {
    expect(SCENARIOS.length).toBeGreaterThan(0);
  });

  it.each(SCENARIOS)('%s estimates, every option with a cost', async (name) => {
    const run = await runCli(['estimate', typed('scenarios', name), '--format', 'json']);
    expect(run.stderr).toBe('');
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { options: { name: string; monthly_cost: number; breakdown?: Record<string, number> }[]; cheapest: string };
    expect(report.options.length).toBeGreaterThan(0);
    for (const option of report.options) {
      // A missing price must never turn into a silent zero, nor an impossible figure into NaN.
      expect(Number.isFinite(option.monthly_cost), option.name).toBe(true);
      expect(option.monthly_cost, option.name).toBeGreaterThan(0);
      // The engine adds the parts up field by field (it is the simulation's inner loop): a part
      // added to the breakdown but not to the sum shows here.
      if (option.breakdown) {
        const parts = Object.values(option.breakdown).reduce((a, b) => a + b, 0);
        expect(option.monthly_cost, option.name).toBeCloseTo(parts, 6);
      }
    }
    expect(report.options.map((o) => o.name)).toContain(report.cheapest);
  });
});
