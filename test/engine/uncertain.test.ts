// Setters made once from a scenario's paths, then applied to every sample: each sample is a copy
// that earlier setters already changed, and every change must survive the next.
import { describe, expect, it } from 'vitest';
import { setterFor, withValue } from '../../src/engine/uncertain.js';
import { parseScenario } from '../../src/scenario/parse.js';
import type { SelfHostOption } from '../../src/scenario/types.js';

const scenario = () =>
  parseScenario(
    `traffic: {requests_per_month: 1000}
workload: {kind: chat, input: 100, output: 100}
options:
  - api: {name: api, input: 1, output: 2}
  - name: server
    self_host: {hardware: {name: box, monthly: 300}, tokens_per_second: 1000, ops_hours: 2, ops_rate: 50}`,
    { file: 't.yaml' },
  );

describe('setters made once', () => {
  it('apply to the sample they are given, keeping what other setters changed in the same option', () => {
    const s = scenario();
    const paths = ['options[1].self_host.ops_hours', 'options[1].self_host.ops_rate', 'options[1].self_host.hardware.monthly', 'options[0].cache_hit'];
    const setters = paths.map((p) => setterFor(s, p));
    const sample = setters.reduce((x, set, i) => set(x, 10 + i), s);
    const server = sample.options[1] as SelfHostOption;
    expect([server.opsHours, server.opsRate, server.hardware.kind === 'inline' && server.hardware.hardware.monthly]).toEqual([10, 11, 12]);
    expect(sample.options[0]).toMatchObject({ kind: 'api', cacheHit: 13 });
    // The scenario they were made from is left as it was.
    expect(s.options[1]).toMatchObject({ opsHours: 2, opsRate: 50 });
  });

  it('give what withValue gives, and refuse the same paths', () => {
    const s = scenario();
    expect(setterFor(s, 'options[1].self_host.ops_hours')(s, 7)).toEqual(withValue(s, 'options[1].self_host.ops_hours', 7));
    expect(setterFor(s, 'traffic.requests_per_month')(s, 7)).toEqual(withValue(s, 'traffic.requests_per_month', 7));
    expect(() => setterFor(s, 'options[1].self_host.owned.pue')).toThrow('withValue: no setter for options[1].self_host.owned.pue');
    expect(() => setterFor(s, 'options[2].cache_hit')).toThrow('withValue: no option 2');
  });
});
