import { describe, expect, it } from 'vitest';
import { parseNumberText } from '../../src/scenario/reader.js';
import { parseScenario } from '../../src/scenario/parse.js';

describe('numbers in scenarios', () => {
  it('reads suffixes, percentages and separators', () => {
    expect(parseNumberText('12k')).toBe(12_000);
    expect(parseNumberText('1.5M')).toBe(1_500_000);
    expect(parseNumberText('2B')).toBe(2_000_000_000);
    expect(parseNumberText('8%')).toBeCloseTo(0.08, 15);
    expect(parseNumberText('1,000')).toBe(1000);
    expect(parseNumberText('lots')).toBeUndefined();
  });

  it('takes the mean of a range and remembers it for uncertainty analysis', () => {
    const s = parseScenario(
      `traffic: {users: 400..900, sessions_per_user: {min: 1, mode: 2, max: 6}}
workload: {kind: chat, input: 1k, output: 500, cache_hit: 20%}
options: [{api: {name: m, input: 1, output: 1}}]`,
      { file: 't.yaml' },
    );
    expect(s.traffic.users).toBe(650); // (400 + 900) / 2
    expect(s.traffic.sessionsPerUser).toBe(3); // (1 + 2 + 6) / 3
    expect(s.workload.inputTokens).toBe(1000);
    expect(s.workload.cacheHit).toBeCloseTo(0.2, 15);
    expect(s.uncertain).toEqual([
      { path: 'traffic.users', distribution: { kind: 'uniform', min: 400, max: 900 } },
      { path: 'traffic.sessions_per_user', distribution: { kind: 'triangular', min: 1, mode: 2, max: 6 } },
    ]);
  });
});
