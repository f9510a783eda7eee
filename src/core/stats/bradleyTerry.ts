import { BattleTally, tallyBattles } from './battleTally';
import { sampleMultinomial } from './binomial';
import { seededRandom } from './prng';
import { quantileSorted } from './summary';
import type { Leaderboard, LeaderboardEntry } from './types';

/** One decided battle: model a vs model b; y is a's score (1 win, 0.5 tie or both-bad, 0 loss; any other value counts as a tie). */
export interface Battle { a: string; b: string; y: number }

/** Fitting options. */
export interface BtOptions {
  /** Bootstrap resamples for the intervals (0 = none). */
  rounds?: number;
  seed?: number;
  /** Ridge penalty on logit-scale ratings; keeps a perfect record finite. */
  ridge?: number;
  smallBelow?: number;
}

/** Elo-like display scale used by Chatbot Arena: 400 points per factor 10 in odds, centred on 1000. */
export const BT_SCALE = 400 / Math.LN10;
/** Centre of the scale. */
export const BT_OFFSET = 1000;

/** Unordered pairs i < j (indices into the name-sorted models) with the counts of i's wins, ties and losses. */
interface Compact { models: string[]; pairI: Int32Array; pairJ: Int32Array; wins: Float64Array; ties: Float64Array; losses: Float64Array }

function compact(t: BattleTally): Compact {
  const models = [...new Set([...t.a, ...t.b])].sort();
  const idx = new Map(models.map((m, i) => [m, i]));
  const pairKey = new Map<number, number>();
  const pi: number[] = [], pj: number[] = [], w: number[] = [], d: number[] = [], l: number[] = [];
  for (let s = 0; s < t.size; s++) {
    let i = idx.get(t.a[s]) as number;
    let j = idx.get(t.b[s]) as number;
    let win = t.wins[s], loss = t.losses[s];
    if (i > j) { [i, j] = [j, i]; [win, loss] = [loss, win]; }
    const key = i * models.length + j;
    let p = pairKey.get(key);
    if (p === undefined) { p = pi.length; pairKey.set(key, p); pi.push(i); pj.push(j); w.push(0); d.push(0); l.push(0); }
    w[p] += win; d[p] += t.ties[s]; l[p] += loss;
  }
  return { models, pairI: Int32Array.from(pi), pairJ: Int32Array.from(pj), wins: Float64Array.from(w), ties: Float64Array.from(d), losses: Float64Array.from(l) };
}

/** Solves A x = b in place (Gaussian elimination with partial pivoting; A is small and positive definite). */
function solve(A: Float64Array[], b: Float64Array): Float64Array {
  const n = b.length;
  for (let c = 0; c < n; c++) {
    let piv = c;
    for (let r = c + 1; r < n; r++) if (Math.abs(A[r][c]) > Math.abs(A[piv][c])) piv = r;
    [A[c], A[piv]] = [A[piv], A[c]];
    [b[c], b[piv]] = [b[piv], b[c]];
    for (let r = c + 1; r < n; r++) {
      const f = A[r][c] / A[c][c];
      if (f === 0) continue;
      for (let k = c; k < n; k++) A[r][k] -= f * A[c][k];
      b[r] -= f * b[c];
    }
  }
  const x = new Float64Array(n);
  for (let r = n - 1; r >= 0; r--) {
    let s = b[r];
    for (let k = r + 1; k < n; k++) s -= A[r][k] * x[k];
    x[r] = s / A[r][r];
  }
  return x;
}

/**
 * Maximum-likelihood Bradley–Terry ratings (logistic model, ties as half a win, as arena-rank / Chatbot Arena)
 * by Newton's method on per-pair sums S (a's score) and N (battles), with a small ridge. Returns logit ratings.
 */
export function fitLogitRatings(k: number, pairI: Int32Array, pairJ: Int32Array, S: Float64Array, N: Float64Array, ridge: number, start?: Float64Array): Float64Array {
  const theta = start ? Float64Array.from(start) : new Float64Array(k);
  for (let iter = 0; iter < 100; iter++) {
    const g = new Float64Array(k);
    const H = Array.from({ length: k }, () => new Float64Array(k));
    for (let m = 0; m < k; m++) { g[m] = -ridge * theta[m]; H[m][m] = ridge; }
    for (let p = 0; p < pairI.length; p++) {
      if (N[p] === 0) continue;
      const i = pairI[p];
      const j = pairJ[p];
      const prob = 1 / (1 + Math.exp(theta[j] - theta[i]));
      const r = S[p] - N[p] * prob;
      g[i] += r; g[j] -= r;
      const w = N[p] * prob * (1 - prob);
      H[i][i] += w; H[j][j] += w; H[i][j] -= w; H[j][i] -= w;
    }
    const step = solve(H, g);
    let maxStep = 0;
    for (let m = 0; m < k; m++) { theta[m] += step[m]; maxStep = Math.max(maxStep, Math.abs(step[m])); }
    if (maxStep < 1e-10) break;
  }
  return theta;
}

/** Seed of the bootstrap when none is given (`pairwise report --seed`). */
export const DEFAULT_BOOTSTRAP_SEED = 42;

/**
 * Bradley–Terry leaderboard with seeded bootstrap 95% intervals (battles resampled with replacement). The fit and each
 * resample depend on battles only through per-pair counts of wins, ties and losses, so a resample of the n battles is
 * drawn as one multinomial over those (pair, outcome) counts — the same distribution as n uniform battle draws, at a
 * cost that does not grow with n (test/unit/core/stats/btBootstrap.test.ts checks the intervals against the per-battle
 * resampling).
 */
export function bradleyTerryLeaderboard(battles: readonly Battle[] | BattleTally, options: BtOptions = {}): Leaderboard {
  const rounds = options.rounds ?? 200;
  const seed = options.seed ?? DEFAULT_BOOTSTRAP_SEED;
  const ridge = options.ridge ?? 0.01;
  const smallBelow = options.smallBelow ?? 10;
  const method = `Bradley–Terry MLE (logistic, ties = ½, ridge ${ridge}), ${rounds} seeded bootstrap resamples (seed ${seed}), 2.5–97.5% percentiles`;
  const c = compact(battles instanceof BattleTally ? battles : tallyBattles(battles));
  const k = c.models.length;
  if (k === 0) return { entries: [], battles: 0, bootstrapRounds: rounds, seed, method };
  const P = c.pairI.length;
  const S = new Float64Array(P);
  const N = new Float64Array(P);
  let n = 0;
  for (let p = 0; p < P; p++) { S[p] = c.wins[p] + 0.5 * c.ties[p]; N[p] = c.wins[p] + c.ties[p] + c.losses[p]; n += N[p]; }
  const theta = fitLogitRatings(k, c.pairI, c.pairJ, S, N, ridge);
  const games = new Float64Array(k);
  for (let p = 0; p < P; p++) { games[c.pairI[p]] += N[p]; games[c.pairJ[p]] += N[p]; }

  // Kinds of battle: (pair p, outcome) at 3p (win), 3p + 1 (tie), 3p + 2 (loss).
  const counts = new Float64Array(3 * P);
  for (let p = 0; p < P; p++) { counts[3 * p] = c.wins[p]; counts[3 * p + 1] = c.ties[p]; counts[3 * p + 2] = c.losses[p]; }
  const drawn = new Float64Array(3 * P);
  const samples = Array.from({ length: k }, () => new Float64Array(rounds));
  const rand = seededRandom(seed);
  for (let r = 0; r < rounds; r++) {
    sampleMultinomial(counts, rand, drawn);
    for (let p = 0; p < P; p++) {
      S[p] = drawn[3 * p] + 0.5 * drawn[3 * p + 1];
      N[p] = drawn[3 * p] + drawn[3 * p + 1] + drawn[3 * p + 2];
    }
    const t = fitLogitRatings(k, c.pairI, c.pairJ, S, N, ridge, theta);
    for (let m = 0; m < k; m++) samples[m][r] = BT_OFFSET + BT_SCALE * t[m];
  }
  const entries: LeaderboardEntry[] = c.models.map((model, m) => {
    const sorted = samples[m].sort();
    const score = BT_OFFSET + BT_SCALE * theta[m];
    return { model, score, lo: quantileSorted(sorted, 0.025) ?? score, hi: quantileSorted(sorted, 0.975) ?? score, rank: 0, rankLower: 0,
      battles: games[m], smallSample: games[m] < smallBelow };
  });
  entries.sort((x, y) => y.score - x.score || (x.model < y.model ? -1 : 1));
  entries.forEach((e, i) => {
    e.rank = i + 1;
    e.rankLower = 1 + entries.filter((o) => o.lo > e.hi).length;
  });
  return { entries, battles: n, bootstrapRounds: rounds, seed, method };
}
