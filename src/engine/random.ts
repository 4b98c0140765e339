// A small seeded generator, the two distributions of scenario ranges and the quantile of a sample.
// Same seed, same numbers, on every platform (32-bit integer arithmetic only).

import type { Distribution } from '../scenario/types.js';

/** Mulberry32: a 32-bit generator, good enough for Monte Carlo and fully reproducible. */
export function mulberry32(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** A draw from `d` for a uniform u in [0, 1): inverse of the distribution's CDF. */
export function draw(d: Distribution, u: number): number {
  if (d.kind === 'uniform') return d.min + u * (d.max - d.min);
  const { min, mode, max } = d;
  if (max === min) return min;
  const split = (mode - min) / (max - min);
  return u < split ? min + Math.sqrt(u * (max - min) * (mode - min)) : max - Math.sqrt((1 - u) * (max - min) * (max - mode));
}

/**
 * The p-th quantile (0..1) of sorted values, interpolated linearly between the two nearest ranks:
 * position (n - 1) x p, counted from 0 (Hyndman & Fan type 7; numpy's and Excel PERCENTILE.INC's
 * default). 0 for no values. Simulation percentiles and calibration statistics both use it.
 */
export function quantile(sorted: ArrayLike<number>, p: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (position - low) * (sorted[high]! - sorted[low]!);
}
