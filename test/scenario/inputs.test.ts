// A scenario's inputs, by the key paths a user writes: what check compares with a baseline.
import { readdirSync, readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parseScenario } from '../../src/scenario/parse.js';
import { scenarioInputs } from '../../src/scenario/inputs.js';
import { typed } from '../helpers.js';

const SCENARIOS = readdirSync(typed('scenarios')).filter((name) => /\.ya?ml$/.test(name));

describe('scenarioInputs', () => {
  it.each(SCENARIOS)('%s: every key it writes is an input at its own path (but its name and the parts of a range)', (name) => {
    const file = typed('scenarios', name);
    const scenario = parseScenario(readFileSync(file, 'utf8'), { file });
    const paths = new Set(scenarioInputs(scenario).map((i) => i.path));
    const written = [...scenario.locations.keys()];
    // The keys that hold a value: no other key below them.
    const leaves = written.filter((p) => !written.some((q) => q.startsWith(`${p}.`) || q.startsWith(`${p}[`)));
    const ranges = /\.(min|mode|max)$/;
    expect(leaves.filter((p) => p !== '' && p !== 'name' && !ranges.test(p) && !paths.has(p))).toEqual([]);
  });

  it('fills in the defaults and takes a range by its mean', () => {
    const text = [
      'traffic: {users: 10, requests_per_session: 100..300}',
      'workload: {kind: chat, input: 400, output: 600, history: {last: 3}}',
      'options:',
      '  - api: {name: m, input: 1, output: 2}',
      '  - self_host: {hardware: {name: box, monthly: 40.5}, tokens_per_second: 20}',
      'budget: {monthly: €35}',
    ].join('\n');
    const inputs = scenarioInputs(parseScenario(text, { file: 's.yaml' }));
    const value = (path: string) => inputs.find((i) => i.path === path)?.value;
    expect(value('traffic.users')).toBe(10);
    expect(value('traffic.sessions_per_user')).toBe(1); // the default
    expect(value('traffic.requests_per_session')).toBe((100 + 300) / 2); // uniform: its mean
    expect(value('traffic.requests_per_month')).toBeUndefined(); // not set
    expect(value('workload.history')).toBe('{last: 3}');
    expect(value('options[0].api.input')).toBe(1);
    expect(value('options[1].self_host.hardware.monthly')).toBe(40.5);
    expect(value('options[1].self_host.tokens_per_second')).toBe(20);
    expect(value('options[1].self_host.target_utilisation')).toBe(0.7); // the default
    expect(value('budget.monthly')).toBe('35 EUR');
  });
});
