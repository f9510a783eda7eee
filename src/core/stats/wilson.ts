import type { Rate } from './types';

/** z for a two-sided 95% interval. */
export const Z95 = 1.959963984540054;

/** Wilson score interval for `successes` of `n` (successes may be fractional, e.g. ties counted as half). */
export function wilsonInterval(successes: number, n: number, z = Z95): { lo: number; hi: number } | null {
  if (!(n > 0)) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const center = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return { lo: Math.max(0, center - half), hi: Math.min(1, center + half) };
}

/** A proportion with its Wilson interval and a small-sample flag (n below `smallBelow`). */
export function rateOf(successes: number, n: number, smallBelow = 10): Rate {
  const ci = wilsonInterval(successes, n);
  return { successes, n, p: n > 0 ? successes / n : null, lo: ci?.lo ?? null, hi: ci?.hi ?? null, smallSample: n < smallBelow };
}
