// Prediction-powered inference (Angelopoulos, Bates, Fannjiang, Jordan & Zrnic 2023) with power tuning
// (PPI++: Angelopoulos, Duchi & Zrnic 2023) for a pair's win rate, combining a judge's labels on many comparisons
// with human verdicts on some of them.
//
// Labelled set: the n comparisons with a human verdict Y (1, ½, 0) and the judge's label f on the same comparison.
// Unlabelled set: the N comparisons the judge labelled and no human judged yet. For λ ∈ [0, 1]
//   θ̂_λ = λ·mean_N(f) + mean_n(Y − λ·f),     Var̂(θ̂_λ) = λ²·s²_N(f)/N + s²_n(Y − λ·f)/n
// is unbiased for the human win rate whatever the judge's quality, provided the humans' comparisons are a random
// subset of the pair's comparisons. λ is the minimiser of the plug-in variance, λ* = (c/n) / (s²_N(f)/N + s²_n(f)/n)
// with c = cov_n(Y, f), clipped to [0, 1] (PPI++'s Cov(Y,f) / ((1 + n/N)·Var f) when both sets' label variance is the
// same). Because the variance is a convex quadratic in λ and λ = 0 is allowed, the combined interval is never wider
// than the human-only one: a judge unrelated to (or contrary to) the humans gets λ ≈ 0.
import { Z95 } from './wilson';

/** Below this many human verdicts on a pair, λ is held at 0 (the rectifier's variance cannot be estimated reliably). */
export const PPI_MIN_LABELLED = 10;

/** A mean with its standard error and normal-approximation 95 % interval (clipped to [0, 1]). */
export interface PpiEstimate { estimate: number; se: number; lo: number; hi: number }

/** Human-only and prediction-powered estimates of one mean. */
export interface PpiMean {
  /** Human verdicts (the labelled set). */
  n: number;
  /** Judge-only labels (comparisons no human judged yet). */
  N: number;
  /** Power-tuning weight on the judge (0 = human-only). */
  lambda: number;
  humanOnly: PpiEstimate | null;
  combined: PpiEstimate | null;
  /** n × Var(human-only) / Var(combined): how many human verdicts the combination is worth; null when undefined. */
  effectiveHuman: number | null;
  /** Share of the labelled comparisons where the judge's label equals the human's. */
  agreement: number | null;
}

function mean(x: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) s += x[i];
  return s / x.length;
}

/** Sample covariance (denominator m − 1) of two equally long series; 0 below two points. */
function cov(x: ArrayLike<number>, y: ArrayLike<number>): number {
  const m = x.length;
  if (m < 2) return 0;
  const mx = mean(x);
  const my = mean(y);
  let s = 0;
  for (let i = 0; i < m; i++) s += (x[i] - mx) * (y[i] - my);
  return s / (m - 1);
}

const clip01 = (v: number): number => Math.min(1, Math.max(0, v));

function interval(estimate: number, se: number): PpiEstimate {
  return { estimate, se, lo: clip01(estimate - Z95 * se), hi: clip01(estimate + Z95 * se) };
}

/** The λ minimising the plug-in variance of θ̂_λ, clipped to [0, 1] (0 when the judge's labels do not vary). */
export function tunedLambda(y: ArrayLike<number>, fl: ArrayLike<number>, fu: ArrayLike<number>): number {
  const n = y.length;
  const N = fu.length;
  if (n < 2 || N < 2) return 0;
  const a = cov(fu, fu) / N + cov(fl, fl) / n;
  if (!(a > 0)) return 0;
  return clip01(cov(y, fl) / n / a);
}

/**
 * Human-only and PPI++ estimates of a mean score: `y` the human scores, `fl` the judge's labels on the same
 * comparisons, `fu` the judge's labels on comparisons without a human verdict. Below `minLabelled` human verdicts
 * (or with fewer than two judge-only labels) λ = 0 and the combined estimate is the human-only one.
 */
export function ppiMean(y: ArrayLike<number>, fl: ArrayLike<number>, fu: ArrayLike<number>, minLabelled = PPI_MIN_LABELLED): PpiMean {
  const n = y.length;
  const N = fu.length;
  if (fl.length !== n) throw new Error(`ppiMean: ${n} human scores but ${fl.length} judge labels on them`);
  let agree = 0;
  for (let i = 0; i < n; i++) if (y[i] === fl[i]) agree += 1;
  const agreement = n > 0 ? agree / n : null;
  if (n === 0) return { n, N, lambda: 0, humanOnly: null, combined: null, effectiveHuman: null, agreement };
  const vy = cov(y, y);
  const humanOnly = interval(mean(y), Math.sqrt(vy / n));
  const lambda = n >= minLabelled ? tunedLambda(y, fl, fu) : 0;
  if (lambda === 0) return { n, N, lambda, humanOnly, combined: humanOnly, effectiveHuman: n, agreement };
  const rect = Float64Array.from({ length: n }, (_, i) => y[i] - lambda * fl[i]);
  const variance = (lambda * lambda * cov(fu, fu)) / N + cov(rect, rect) / n;
  const combined = interval(lambda * mean(fu) + mean(rect), Math.sqrt(variance));
  const effectiveHuman = variance > 0 ? vy / variance : null; // n × (vy / n) / variance
  return { n, N, lambda, humanOnly, combined, effectiveHuman, agreement };
}
