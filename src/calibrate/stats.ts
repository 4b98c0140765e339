// Summary statistics of observed values. Pure.

import { quantile } from '../engine/random.js';

export { quantile };

export interface Stats {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  min: number;
  max: number;
  total: number;
}

export function summarise(values: readonly number[]): Stats {
  const sorted = [...values].sort((a, b) => a - b);
  const total = sorted.reduce((sum, v) => sum + v, 0);
  return {
    mean: sorted.length === 0 ? 0 : total / sorted.length,
    p10: quantile(sorted, 0.1),
    p50: quantile(sorted, 0.5),
    p90: quantile(sorted, 0.9),
    min: sorted[0] ?? 0,
    max: sorted[sorted.length - 1] ?? 0,
    total,
  };
}
