// A small seeded generator and the two distributions of scenario ranges. Same seed, same numbers,
// on every platform (32-bit integer arithmetic only).

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

/** The q-quantile of sorted values, interpolating between neighbours. */
export function quantile(sorted: ArrayLike<number>, q: number): number {
  if (sorted.length === 0) return NaN;
  const at = (sorted.length - 1) * q;
  const lo = Math.floor(at);
  const hi = Math.ceil(at);
  return sorted[lo]! + (sorted[hi]! - sorted[lo]!) * (at - lo);
}
