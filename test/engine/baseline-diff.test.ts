// What changed against a baseline: inputs by key path, the line that drives a rise, totals.
import { describe, expect, it } from 'vitest';
import { changedInputs, diffTotals, drivingChanges, lineFinder } from '../../src/engine/baseline-diff.js';
import type { ScenarioDiff, ScenarioInput } from '../../src/report.js';

const LINES = new Map<string, { line: number }>([
  ['traffic', { line: 1 }],
  ['traffic.users', { line: 2 }],
  ['workload.output', { line: 6 }],
  ['options', { line: 8 }],
  ['options[0]', { line: 9 }],
  ['options[0].api', { line: 9 }],
  ['options[1]', { line: 10 }],
  ['options[1].api', { line: 10 }],
  ['budget.monthly', { line: 12 }],
]);
const lineOf = lineFinder(LINES);

const inputs = (values: Record<string, ScenarioInput['value']>): ScenarioInput[] => Object.entries(values).map(([path, value]) => ({ path, value }));

describe('changedInputs', () => {
  it('lists the values that differ, in the order of their lines, a key gone at the nearest line above', () => {
    const before = inputs({ 'traffic.users': 5000, 'traffic.growth': 0.08, 'workload.output': 600, 'budget.monthly': 500 });
    const now = inputs({ 'budget.monthly': 800, 'traffic.users': 6500, 'workload.output': 600 });
    expect(changedInputs(before, now, lineOf)).toEqual([
      { path: 'traffic.growth', old: 0.08, new: null, line: 1 },
      { path: 'traffic.users', old: 5000, new: 6500, line: 2 },
      { path: 'budget.monthly', old: 500, new: 800, line: 12 },
    ]);
  });

  it('an option added is one change; a name that follows its model is not one of its own', () => {
    const before = inputs({ 'options[0].name': 'openai/gpt-4o-mini', 'options[0].api': 'openai/gpt-4o-mini' });
    const now = inputs({ 'options[0].name': 'openai/gpt-4o', 'options[0].api': 'openai/gpt-4o', 'options[1].name': 'b', 'options[1].api': 'x/b', 'options[1].batch': true });
    expect(changedInputs(before, now, lineOf)).toEqual([
      { path: 'options[0].api', old: 'openai/gpt-4o-mini', new: 'openai/gpt-4o', line: 9 },
      { path: 'options[1]', old: null, new: 'b', line: 10 },
    ]);
    // Renamed alone, the name is the change.
    expect(changedInputs(inputs({ 'options[0].name': 'a', 'options[0].api': 'x/m' }), inputs({ 'options[0].name': 'b', 'options[0].api': 'x/m' }), lineOf)).toEqual([{ path: 'options[0].name', old: 'a', new: 'b', line: 9 }]);
  });

  it('says which prompt files a token count came from', () => {
    const before: ScenarioInput[] = [{ path: 'workload.output', value: 300 }];
    const now: ScenarioInput[] = [{ path: 'workload.output', value: 1243, file: 'prompts/out.md' }];
    expect(changedInputs(before, now, lineOf)).toEqual([{ path: 'workload.output', old: 300, new: 1243, line: 6, old_file: null, new_file: 'prompts/out.md' }]);
  });
});

describe('drivingChanges', () => {
  const before = inputs({ 'options[0].name': 'a', 'options[0].api': 'x/a', 'options[1].name': 'b', 'options[1].api': 'x/b', 'budget.monthly': 5 });
  const now = inputs({ 'options[0].name': 'a', 'options[0].api': 'x/a', 'options[1].name': 'b', 'options[1].api': 'x/b2', 'budget.monthly': 9 });
  const changes = changedInputs(before, now, lineOf);

  it("skips the budget's limits and the other options' keys; else points at the bound option", () => {
    // a is bound: its cost moved by nothing that changed (budget line 12, options[1] line 10): a's line, 9.
    const a = drivingChanges(changes, { before: 'a', now: 'a' }, before, now, lineOf);
    expect(a.line).toBe(9);
    expect(a.changes.map((c) => [c.path, c.drives])).toEqual([['options[1].api', false], ['budget.monthly', false]]);
    // b is bound: its own model changed, at line 10.
    const b = drivingChanges(changes, { before: 'b', now: 'b' }, before, now, lineOf);
    expect(b.line).toBe(10);
    expect(b.changes.map((c) => [c.path, c.drives])).toEqual([['options[1].api', true], ['budget.monthly', false]]);
    // Anything outside the options and the limits drives every option.
    const traffic = changedInputs([...before, { path: 'traffic.users', value: 1 }], [...now, { path: 'traffic.users', value: 2 }], lineOf);
    expect(drivingChanges(traffic, { before: 'a', now: 'a' }, before, now, lineOf).line).toBe(2);
  });
});

describe('diffTotals', () => {
  const diff = (status: ScenarioDiff['status'], currency: string | null, old: number | null, now: number | null) => ({ status, currency, old_monthly: old, new_monthly: now }) as ScenarioDiff;

  it('sums the bound costs by currency, new scenarios now, removed ones before, invalid ones not at all', () => {
    const totals = diffTotals([diff('changed', 'USD', 47.7, 62.01), diff('added', 'USD', null, 10), diff('removed', 'USD', 5, null), diff('invalid', 'USD', 100, 200), diff('unchanged', 'EUR', 3, 3)]);
    // USD: before 47.70 + 5 = 52.70, now 62.01 + 10 = 72.01; +19.31, 19.31 / 52.70
    expect(totals.USD!.old_monthly).toBeCloseTo(52.7, 12);
    expect(totals.USD!.new_monthly).toBeCloseTo(72.01, 12);
    expect(totals.USD!.change).toBeCloseTo(19.31, 12);
    expect(totals.USD!.change_share).toBeCloseTo(19.31 / 52.7, 12);
    expect(totals.EUR).toEqual({ old_monthly: 3, new_monthly: 3, change: 0, change_share: 0 });
    // From nothing there is no share.
    expect(diffTotals([diff('added', 'USD', null, 4)]).USD).toEqual({ old_monthly: 0, new_monthly: 4, change: 4, change_share: null });
  });
});
