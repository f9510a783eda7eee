// Anytime-valid confidence sequences for a pair's win rate and the stop / continue decision they allow.
//
// The per-verdict score x ∈ {1, ½, 0} (win, tie or both-bad, loss) is bounded in [0, 1], hence ½-sub-Gaussian. For every
// λ, exp(λ·S_t − λ²·t/8) with S_t = Σ(x_i − p) is a nonnegative supermartingale; mixing λ over a centred normal gives the
// two-sided normal-mixture ("conjugate mixture Hoeffding") boundary of Howard, Ramdas, McAuliffe & Sekhon (2021), as
// implemented by Waudby-Smith & Ramdas' confseq (`conjmix_hoeffding_cs`). By Ville's inequality the interval
// p̂_t ± radius(t) holds for every t at once with probability ≥ 1 − α, so it may be looked at after every verdict.

/** Default error level of the sequences (95 % confidence, at all times at once). */
export const SEQUENTIAL_ALPHA = 0.05;
/** Default equivalence margin δ: |win rate − ½| < δ counts as "equivalent" (5 points). */
export const DEFAULT_EQUIVALENCE_MARGIN = 0.05;
/** Sample size at which the boundary is tuned to be tightest (the mixture width ρ is chosen for it). */
export const SEQUENTIAL_TUNED_AT = 100;
/** Estimates above this many more verdicts are reported as this number with `capped: true`. */
export const MORE_VERDICTS_CAP = 1_000_000;

/** What the sequence allows a pair to conclude now. */
export type SequentialDecision = 'a_better' | 'b_better' | 'equivalent' | 'continue';

/** Confidence sequence and decision of one pair (from the first model's side, ties as ½). */
export interface SequentialResult {
  decision: SequentialDecision;
  /** Verdicts the sequence rests on (decided comparisons, ties and both-bad included as ½). */
  n: number;
  /** First model's mean score (ties as ½), null when n = 0. */
  p: number | null;
  /** Bounds of the anytime-valid 95 % confidence sequence at the current n (0 and 1 when n = 0). */
  lo: number;
  hi: number;
  alpha: number;
  equivalenceMargin: number;
  /** For `continue`: about how many more verdicts until a decision if the observed rate held; null otherwise. */
  moreVerdicts: number | null;
  /** True when `moreVerdicts` hit the cap (the rate is so close to a boundary that no feasible study decides it). */
  capped: boolean;
  method: string;
}

/** The mixture variance ρ² minimising the unit-variance boundary at t = tunedAt (confseq's approximate optimum). */
export function mixtureRho2(tunedAt: number, alpha: number): number {
  const l = -2 * Math.log(alpha);
  return (l + Math.log(l + 1)) / tunedAt;
}

/** Radius of the two-sided normal-mixture confidence sequence for the mean of [0, 1]-bounded scores after n of them. */
export function csRadius(n: number, alpha = SEQUENTIAL_ALPHA, tunedAt = SEQUENTIAL_TUNED_AT): number {
  if (!(n > 0)) return Infinity;
  const rho2 = mixtureRho2(tunedAt, alpha);
  const v = n * rho2 + 1;
  // Unit-variance margin, scaled by σ = ½ (the sub-Gaussian constant of a variable bounded in [0, 1]).
  return 0.5 * Math.sqrt((2 * v * Math.log(Math.sqrt(v) / alpha)) / (n * n * rho2));
}

function decide(p: number, r: number, delta: number): SequentialDecision {
  const lo = p - r;
  const hi = p + r;
  if (lo > 0.5 - delta && hi < 0.5 + delta) return 'equivalent';
  if (lo > 0.5) return 'a_better';
  if (hi < 0.5) return 'b_better';
  return 'continue';
}

/** Smallest total n ≥ from at which a pair with rate p would be decided (doubling, then bisection); capped. */
function verdictsNeeded(p: number, from: number, alpha: number, delta: number, tunedAt: number): { n: number; capped: boolean } {
  const done = (n: number) => decide(p, csRadius(n, alpha, tunedAt), delta) !== 'continue';
  const cap = from + MORE_VERDICTS_CAP;
  let hi = Math.max(1, from);
  while (!done(hi)) {
    if (hi >= cap) return { n: cap, capped: true };
    hi = Math.min(cap, hi * 2);
  }
  let lo = Math.max(1, from);
  if (done(lo)) return { n: lo, capped: false };
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (done(mid)) hi = mid; else lo = mid;
  }
  return { n: hi, capped: false };
}

/** Options of the sequential analysis. */
export interface SequentialOptions { alpha?: number; equivalenceMargin?: number; tunedAt?: number }

/**
 * The confidence sequence and decision for a pair with `n` decided verdicts whose scores (1, ½, 0) sum to `score`.
 * a_better / b_better: the whole sequence interval lies above / below ½. equivalent: it lies inside ½ ± δ
 * (checked first: a difference smaller than the margin is called equivalent even when its sign is known).
 */
export function sequentialDecision(score: number, n: number, options: SequentialOptions = {}): SequentialResult {
  const alpha = options.alpha ?? SEQUENTIAL_ALPHA;
  const delta = options.equivalenceMargin ?? DEFAULT_EQUIVALENCE_MARGIN;
  const tunedAt = options.tunedAt ?? SEQUENTIAL_TUNED_AT;
  const method = `normal-mixture (Hoeffding) confidence sequence, α = ${alpha}, tuned at n = ${tunedAt}; ties and both-bad = ½`;
  if (!(n > 0)) {
    const need = verdictsNeeded(0.5, 0, alpha, delta, tunedAt);
    return { decision: 'continue', n: 0, p: null, lo: 0, hi: 1, alpha, equivalenceMargin: delta, moreVerdicts: need.n, capped: need.capped, method };
  }
  const p = score / n;
  const r = csRadius(n, alpha, tunedAt);
  const decision = decide(p, r, delta);
  let moreVerdicts: number | null = null;
  let capped = false;
  if (decision === 'continue') {
    const need = verdictsNeeded(p, n, alpha, delta, tunedAt);
    moreVerdicts = need.n - n;
    capped = need.capped;
  }
  return { decision, n, p, lo: Math.max(0, p - r), hi: Math.min(1, p + r), alpha, equivalenceMargin: delta, moreVerdicts, capped, method };
}

/** The decision in words for a pair `first vs second` ("A better (CS 55–70%)", "continue: ~140 more verdicts"). */
export function describeDecision(s: SequentialResult, models: readonly [string, string]): string {
  const cs = s.n > 0 ? ` (95% CS ${Math.round(s.lo * 100)}–${Math.round(s.hi * 100)}%)` : '';
  switch (s.decision) {
    case 'a_better': return `${models[0]} better${cs}`;
    case 'b_better': return `${models[1]} better${cs}`;
    case 'equivalent': return `equivalent within ±${Math.round(s.equivalenceMargin * 100)} points${cs}`;
    default: return `continue: ${s.capped ? 'over ' : '~'}${s.moreVerdicts ?? '?'} more verdicts${cs}`;
  }
}
