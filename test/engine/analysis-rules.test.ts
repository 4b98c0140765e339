// The break-even, capacity and sampling rules one by one, on inputs small enough to solve by hand.
import { describe, expect, it } from 'vitest';
import { costAt, crossings } from '../../src/engine/breakeven.js';
import { sizeInstances } from '../../src/engine/capacity.js';
import { draw } from '../../src/engine/random.js';
import { firstCrossing } from '../../src/engine/simulate.js';
import type { CostScaling } from '../../src/report.js';

const linear = (fixed: number, perUnit: number): CostScaling => ({ fixed, per_unit: perUnit, per_instance: 0, instances_per_unit: 0, min_instances: 0, fixed_instances: null });
// $300 a server, one server per unit of traffic: cost(s) = 300 x ceil(s), at least one.
const servers: CostScaling = { fixed: 0, per_unit: 0, per_instance: 300, instances_per_unit: 1, min_instances: 1, fixed_instances: null };
// An API at $400 per unit of traffic: cost(s) = 400 s.
const api = linear(0, 400);

describe('crossings of a line and a step function', () => {
  it('finds the crossings between steps and those a step makes', () => {
    // On (n-1, n] the servers cost 300 n. 400 s = 300 n at s = 0.75 n, inside (n-1, n] for n <= 4.
    // n = 1: s = 0.75, servers cheaper above. At s = 1 a second server ($600 > $400) makes the API
    // cheaper: a swap by b's step. n = 2: s = 1.5, servers cheaper again; at 2 the third server
    // ($900 > $800) swaps back; n = 3: s = 2.25.
    const found = crossings(api, servers, 0.5, 2.5);
    expect(found.map((c) => [c.scale, c.cheaperAbove, c.stepOf])).toEqual([
      [0.75, 'b', null],
      [1, 'a', 'b'],
      [1.5, 'b', null],
      [2, 'a', 'b'],
      [2.25, 'b', null],
    ]);
    expect(costAt(api, 0.75)).toBeCloseTo(300, 9);
    expect(costAt(servers, 1)).toBe(300); //     one server up to and including s = 1
    expect(costAt(servers, 1.000001)).toBe(600);
  });

  it('gives simulate the same first crossing', () => {
    expect(firstCrossing(api, servers, { minScale: 0.5, maxScale: 2.5 })).toBeCloseTo(0.75, 9);
    // From 0.8 the servers are already cheaper (300 < 320): the first swap is the step at 1.
    expect(firstCrossing(api, servers, { minScale: 0.8, maxScale: 2.5 })).toBeCloseTo(1, 9);
    // Two lines: 100 + s = 2 s at s = 100, outside 0.01..50.
    expect(firstCrossing(linear(100, 1), linear(0, 2), { minScale: 0.01, maxScale: 50 })).toBeNull();
    expect(firstCrossing(linear(100, 1), linear(0, 2), { minScale: 0.01, maxScale: 500 })).toBeCloseTo(100, 9);
  });
});

describe('instances a peak needs', () => {
  it('counts streams in flight when the batch, not the throughput, binds', () => {
    // 1 request/s at peak, 10 tokens each at 1 token/s per stream: 10 s each, so 10 streams in
    // flight (Little's law); a batch of 2 needs 5 instances. Throughput: 10 / 1000 tokens/s =
    // 0.01 s busy per request, 0.01 / 0.7 -> 1 instance.
    const c = sizeInstances({ batch: 2, decodeTokensPerSecond: 1000, perSequenceTokensPerSecond: 1, prefillTokensPerSecond: null }, { peakRequestsPerSecond: 1, averageRequestsPerSecond: 0.5, promptTokensPerRequest: 100, decodeTokensPerRequest: 10 }, 0.7);
    expect(c.peakConcurrentStreams).toBeCloseTo(10, 12);
    expect(c.instances).toBe(5);
    expect(c.boundBy).toBe('concurrency');
    expect(c.peakUtilisation).toBeCloseTo(0.01 / 5, 12);
    expect(c.averageUtilisation).toBeCloseTo((0.5 * 0.01) / 5, 12);
    expect(c.instancesPerUnit).toBeCloseTo(Math.max(0.01 / 0.7, 10 / 2), 12);
  });

  it('adds prompt time, and says when one instance is simply the minimum', () => {
    // 0.1 requests/s: prompt 1,000 at 10,000 tokens/s = 0.1 s, decode 100 / 500 = 0.2 s busy;
    // 0.1 x 0.3 = 0.03 busy, well under one instance; streams 0.1 x (0.1 + 100 / 50) = 0.21.
    const c = sizeInstances({ batch: 10, decodeTokensPerSecond: 500, perSequenceTokensPerSecond: 50, prefillTokensPerSecond: 10_000 }, { peakRequestsPerSecond: 0.1, averageRequestsPerSecond: 0.05, promptTokensPerRequest: 1000, decodeTokensPerRequest: 100 }, 0.7);
    expect(c.instances).toBe(1);
    expect(c.boundBy).toBe('minimum');
    expect(c.peakUtilisation).toBeCloseTo(0.1 * (0.1 + 0.2), 12);
    expect(c.requestSeconds).toBeCloseTo(0.1 + 2, 12);
    expect(c.peakConcurrentStreams).toBeCloseTo(0.1 * 2.1, 12);
  });
});

describe('drawing from a range', () => {
  it('inverts the triangular distribution on both sides of the mode', () => {
    const t = { kind: 'triangular' as const, min: 0, mode: 2, max: 10 };
    // Left of the mode (u < (2 - 0) / 10 = 0.2): min + sqrt(u (max - min)(mode - min)) = sqrt(0.1 x 10 x 2)
    expect(draw(t, 0.1)).toBeCloseTo(Math.sqrt(2), 12);
    // Right: max - sqrt((1 - u)(max - min)(max - mode)) = 10 - sqrt(0.5 x 10 x 8)
    expect(draw(t, 0.5)).toBeCloseTo(10 - Math.sqrt(40), 12);
    expect(draw(t, 0.2)).toBeCloseTo(2, 12); // the mode at the split
    expect(draw({ kind: 'uniform', min: 400, max: 900 }, 0.25)).toBe(525);
  });
});
