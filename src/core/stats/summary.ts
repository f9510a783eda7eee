import type { Summary } from './types';

/** Linear-interpolation quantile (type 7, as numpy's default) of an ascending-sorted array. */
export function quantileSorted(sorted: ArrayLike<number>, q: number): number | null {
  const n = sorted.length;
  if (n === 0) return null;
  const h = (n - 1) * q;
  const lo = Math.floor(h);
  const hi = Math.min(n - 1, lo + 1);
  return sorted[lo] + (h - lo) * (sorted[hi] - sorted[lo]);
}

/** Total, min, quartiles and max of a list of values. */
export function summarize(values: readonly number[]): Summary {
  const sorted = Float64Array.from(values).sort();
  let total = 0;
  for (const v of values) total += v;
  return {
    n: sorted.length, total,
    min: sorted.length ? sorted[0] : null, p25: quantileSorted(sorted, 0.25), median: quantileSorted(sorted, 0.5),
    p75: quantileSorted(sorted, 0.75), max: sorted.length ? sorted[sorted.length - 1] : null,
  };
}
