// diffScenario's --max-increase rule, on reports cut down to what it reads.
import { describe, expect, it } from 'vitest';
import { diffScenario } from '../../src/engine/budget.js';
import type { EstimateReport } from '../../src/report.js';

const report = (monthly: number) => ({ options: [{ name: 'm', kind: 'api', monthly_cost: monthly }] }) as unknown as EstimateReport;

describe('--max-increase against a baseline', () => {
  it('fails a rise past the share, and passes one within it', () => {
    // $100 -> $125 is +25%: over 10%, within 30%
    const over = diffScenario('s.yaml', report(125), report(100), 'cheapest', 0.1);
    expect([over.change, over.change_share, over.over_max_increase]).toEqual([25, 25 / 100, true]);
    expect(diffScenario('s.yaml', report(125), report(100), 'cheapest', 0.3).over_max_increase).toBe(false);
  });

  it('fails any rise from $0, which has no share to compare', () => {
    // $0 -> $500: the share is undefined (500 / 0), and the rise is past any limit
    const fromZero = diffScenario('s.yaml', report(500), report(0), 'cheapest', 0.1);
    expect([fromZero.change, fromZero.change_share, fromZero.over_max_increase]).toEqual([500, null, true]);
    // $0 -> $0 is no rise
    expect(diffScenario('s.yaml', report(0), report(0), 'cheapest', 0.1).over_max_increase).toBe(false);
  });

  it('passes a fall', () => {
    expect(diffScenario('s.yaml', report(80), report(100), 'cheapest', 0).over_max_increase).toBe(false);
  });
});
