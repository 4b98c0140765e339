// Summary statistics of observed values. Pure.

export interface Stats {
  mean: number;
  p10: number;
  p50: number;
  p90: number;
  min: number;
  max: number;
  total: number;
}

/**
 * The p-th quantile (0..1) of sorted values, interpolated linearly between the two nearest ranks:
 * position (n - 1) x p, counted from 0 (Hyndman & Fan type 7; numpy's and Excel PERCENTILE.INC's
 * default). 0 for no values.
 */
export function quantile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  const position = (sorted.length - 1) * p;
  const low = Math.floor(position);
  const high = Math.min(low + 1, sorted.length - 1);
  return sorted[low]! + (position - low) * (sorted[high]! - sorted[low]!);
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
