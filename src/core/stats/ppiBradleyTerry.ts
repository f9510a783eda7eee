// Bradley–Terry scores from per-pair prediction-powered estimates (a minimum-distance fit, documented in the README).
//
// The Bradley–Terry MLE depends on the data only through each pair's mean score and count: it solves
// Σ_p w_p·(μ̂_p − σ(θ_i − θ_j))·(e_i − e_j) = 0 with μ̂_p the pair's mean and w_p its number of verdicts. We solve the
// same equation with μ̂_p the pair's PPI++ estimate and w_p its effective human verdicts (n_p × Var human-only /
// Var combined). With λ = 0 on every pair this is exactly the human-only MLE. Because the pairs' estimates use
// disjoint data they are independent, and θ̂ is a smooth function of them, so the delta method gives its covariance;
// we use the model-based form (Fisher information Σ_p w_p·σ_p(1−σ_p)·(e_i−e_j)(e_i−e_j)ᵀ), which is conservative when
// ties shrink the scores' variance below σ(1−σ). Unlike a pooled PPI M-estimator, this stays unbiased when humans
// label some pairs more than others (as "what to judge next" makes them do): each pair is rectified on its own.
import { BT_OFFSET, BT_SCALE, fitLogitRatings } from './bradleyTerry';
import type { PpiMean } from './ppi';
import { invert } from './styleControl';
import { Z95 } from './wilson';

/** A score on the Elo-like scale with its Wald 95 % bounds. */
export interface PpiScore { score: number; lo: number; hi: number }

/** One model's human-only and combined Bradley–Terry scores. */
export interface PpiBtEntry { model: string; humanOnly: PpiScore; combined: PpiScore }

/** Human-only and combined Bradley–Terry leaderboards over the pairs with human verdicts. */
export interface PpiBradleyTerry {
  entries: PpiBtEntry[];
  /** Human verdicts in the fit. */
  n: number;
  /** Σ n_p × (sum of human-only score variances) / (sum of combined score variances); null with no model. */
  effectiveHuman: number | null;
  method: string;
}

/** A pair's models (sorted; scores from the first model's side) and its PPI estimates. */
export interface PpiPairInput { models: [string, string]; mean: PpiMean }

const RIDGE = 0.01;

interface Fit { theta: Float64Array; variance: Float64Array }

/**
 * Logit ratings fitted to per-pair mean scores `mu` with weights `w` (ridge 0.01), and their model-based covariance:
 * the inverse of ridge·I + Σ_p w_p·σ_p(1−σ_p)·(e_i − e_j)(e_i − e_j)ᵀ.
 */
export function fitWithFisher(k: number, pi: Int32Array, pj: Int32Array, mu: Float64Array, w: Float64Array): { theta: Float64Array; cov: Float64Array[] } {
  const S = Float64Array.from(mu, (m, p) => m * w[p]);
  const theta = fitLogitRatings(k, pi, pj, S, w, RIDGE);
  const H = Array.from({ length: k }, () => new Float64Array(k));
  for (let m = 0; m < k; m++) H[m][m] = RIDGE;
  for (let p = 0; p < pi.length; p++) {
    const i = pi[p], j = pj[p];
    const s = 1 / (1 + Math.exp(theta[j] - theta[i]));
    const v = w[p] * s * (1 - s);
    H[i][i] += v; H[j][j] += v; H[i][j] -= v; H[j][i] -= v;
  }
  return { theta, cov: invert(H) };
}

function fitScores(k: number, pi: Int32Array, pj: Int32Array, mu: Float64Array, w: Float64Array): Fit {
  const { theta, cov } = fitWithFisher(k, pi, pj, mu, w);
  // Variance of θ_m − mean θ (scores are centred).
  let all = 0;
  const row = new Float64Array(k);
  for (let m = 0; m < k; m++) for (let c = 0; c < k; c++) { row[m] += cov[m][c]; all += cov[m][c]; }
  const variance = Float64Array.from({ length: k }, (_, m) => Math.max(0, cov[m][m] - (2 / k) * row[m] + all / (k * k)));
  return { theta, variance };
}

function scoresOf(f: Fit, m: number): PpiScore {
  let mean = 0;
  for (const t of f.theta) mean += t / f.theta.length;
  const score = BT_OFFSET + BT_SCALE * (f.theta[m] - mean);
  const h = Z95 * BT_SCALE * Math.sqrt(f.variance[m]);
  return { score, lo: score - h, hi: score + h };
}

const clip01 = (v: number): number => Math.min(1, Math.max(0, v));

/** Human-only and combined Bradley–Terry scores from each pair's PPI estimates (pairs without human verdicts are left out). */
export function ppiBradleyTerry(pairs: readonly PpiPairInput[]): PpiBradleyTerry {
  const method = 'Bradley–Terry fitted to each pair\'s estimate weighted by its (effective) human verdicts (ties = ½, ridge 0.01); Wald 95% intervals from the delta method (model-based)';
  const used = pairs.filter((p) => p.mean.humanOnly && p.mean.combined && p.models[0] !== p.models[1]);
  const models = [...new Set(used.flatMap((p) => p.models))].sort();
  const idx = new Map(models.map((m, i) => [m, i]));
  const k = models.length;
  const n = used.reduce((s, p) => s + p.mean.n, 0);
  if (k === 0) return { entries: [], n, effectiveHuman: null, method };
  const pi = Int32Array.from(used, (p) => idx.get(p.models[0]) as number);
  const pj = Int32Array.from(used, (p) => idx.get(p.models[1]) as number);
  const human = fitScores(k, pi, pj, Float64Array.from(used, (p) => p.mean.humanOnly?.estimate ?? 0.5), Float64Array.from(used, (p) => p.mean.n));
  const combined = fitScores(k, pi, pj, Float64Array.from(used, (p) => clip01(p.mean.combined?.estimate ?? 0.5)),
    Float64Array.from(used, (p) => Math.max(p.mean.n, p.mean.effectiveHuman ?? p.mean.n)));
  let vh = 0, vc = 0;
  for (let m = 0; m < k; m++) { vh += human.variance[m]; vc += combined.variance[m]; }
  const entries = models.map((model, m) => ({ model, humanOnly: scoresOf(human, m), combined: scoresOf(combined, m) }))
    .sort((a, b) => b.combined.score - a.combined.score || (a.model < b.model ? -1 : 1));
  return { entries, n, effectiveHuman: vc > 0 ? (n * vh) / vc : null, method };
}
