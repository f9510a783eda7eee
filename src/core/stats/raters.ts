// Agreement across several raters (Fleiss' kappa, Krippendorff's alpha, nominal verdicts) with seeded bootstrap
// intervals over comparisons, and each rater's habits: how often they call ties and both-bad, how generous their rubric
// ratings are next to everyone's, and how often the left slot wins with them.
import type { EffectiveComparison } from '../results/foldAmends';
import type { Verdict } from '../results/schema';
import { seededRandom } from './prng';
import { quantileSorted } from './summary';
import { rateOf } from './wilson';
import type { Rate } from './types';

const CATS: readonly Verdict[] = ['a', 'b', 'tie', 'both_bad'];

/** Fleiss' kappa from per-item category counts (items may have different numbers of raters; items with < 2 are skipped). */
export function fleissKappa(counts: readonly (readonly number[])[]): number | null {
  let pSum = 0, items = 0, total = 0;
  const colTotals = new Float64Array(counts[0]?.length ?? 0);
  for (const row of counts) {
    const n = row.reduce((s, v) => s + v, 0);
    if (n < 2) continue;
    let agree = 0;
    row.forEach((v, j) => { agree += v * (v - 1); colTotals[j] += v; });
    pSum += agree / (n * (n - 1));
    items += 1;
    total += n;
  }
  if (items === 0) return null;
  const pBar = pSum / items;
  let pe = 0;
  for (const c of colTotals) pe += (c / total) ** 2;
  return pe >= 1 ? null : (pBar - pe) / (1 - pe);
}

/** Krippendorff's alpha for nominal data from per-item category counts (coincidence-matrix form; items with < 2 values skipped). */
export function krippendorffAlpha(counts: readonly (readonly number[])[]): number | null {
  const k = counts[0]?.length ?? 0;
  const nc = new Float64Array(k);
  let disagreeObserved = 0;
  for (const row of counts) {
    const m = row.reduce((s, v) => s + v, 0);
    if (m < 2) continue;
    // o_ck over c ≠ k adds n_c·n_k / (m − 1); the diagonal adds n_c(n_c − 1) / (m − 1).
    let same = 0;
    row.forEach((v, j) => { nc[j] += v; same += v * (v - 1); });
    disagreeObserved += (m * (m - 1) - same) / (m - 1);
  }
  let n = 0;
  for (const v of nc) n += v;
  if (n < 2) return null;
  let sumSq = 0;
  for (const v of nc) sumSq += v * v;
  const disagreeExpected = (n * n - sumSq) / (n - 1);
  return disagreeExpected === 0 ? null : 1 - disagreeObserved / disagreeExpected;
}

/** A statistic with its seeded bootstrap 95 % interval over items. */
export interface Agreement { value: number | null; lo: number | null; hi: number | null }

/** Each rater's habits. */
export interface RaterRow {
  rater: string;
  verdicts: number;
  tieShare: Rate;
  bothBadShare: Rate;
  /** Mean rubric rating this rater gave minus the mean over all raters' ratings; null without ratings. */
  leniency: number | null;
  meanRating: number | null;
  ratings: number;
  /** How often the left slot won with this rater (own verdicts, decisive only). */
  leftWinRate: Rate;
}

/** Agreement over comparisons judged by several raters, and one row per rater. */
export interface RaterStats { items: number; raters: number; fleissKappa: Agreement; krippendorffAlpha: Agreement; bootstrapRounds: number; perRater: RaterRow[] }

function bootstrap(counts: readonly number[][], f: (c: readonly number[][]) => number | null, rounds: number, seed: number): Agreement {
  const value = f(counts);
  if (value === null || counts.length < 2) return { value, lo: null, hi: null };
  const rand = seededRandom(seed);
  const vals: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const sample = Array.from({ length: counts.length }, () => counts[Math.floor(rand() * counts.length)]);
    const v = f(sample);
    if (v !== null) vals.push(v);
  }
  const sorted = Float64Array.from(vals).sort();
  return { value, lo: quantileSorted(sorted, 0.025), hi: quantileSorted(sorted, 0.975) };
}

/** Fleiss' kappa and Krippendorff's alpha across raters (own verdict + second opinions) and each rater's habits. */
export function raterStats(comparisons: readonly EffectiveComparison[], options: { rounds?: number; seed?: number; smallBelow?: number } = {}): RaterStats {
  const rounds = options.rounds ?? 1000;
  const seed = options.seed ?? 42;
  const small = options.smallBelow ?? 10;
  const counts: number[][] = [];
  const names = new Set<string>();
  const acc = new Map<string, { verdicts: number; ties: number; bothBad: number; ratingSum: number; ratings: number; left: number; decisive: number }>();
  const get = (r: string) => {
    let a = acc.get(r);
    if (!a) { a = { verdicts: 0, ties: 0, bothBad: 0, ratingSum: 0, ratings: 0, left: 0, decisive: 0 }; acc.set(r, a); }
    return a;
  };
  let allRatingSum = 0, allRatings = 0;
  for (const c of comparisons) {
    if (c.imported) continue;
    const own = c.rater ?? '(unnamed)';
    const votes = [{ rater: own, verdict: c.verdict }, ...c.secondOpinions].filter((v) => CATS.includes(v.verdict));
    for (const v of votes) {
      const a = get(v.rater);
      a.verdicts += 1;
      if (v.verdict === 'tie') a.ties += 1;
      if (v.verdict === 'both_bad') a.bothBad += 1;
    }
    if (CATS.includes(c.verdict) && c.verdict !== 'tie' && c.verdict !== 'both_bad') {
      const a = get(own);
      a.decisive += 1;
      if (c.verdict === (c.swapped ? 'b' : 'a')) a.left += 1;
    }
    for (const r of Object.values(c.ratings ?? {})) {
      for (const x of [r.a, r.b]) {
        if (typeof x !== 'number' || !Number.isFinite(x)) continue;
        const a = get(own);
        a.ratingSum += x; a.ratings += 1; allRatingSum += x; allRatings += 1;
      }
    }
    const distinct = new Set(votes.map((v) => v.rater));
    if (distinct.size >= 2) {
      for (const v of votes) names.add(v.rater);
      counts.push(CATS.map((k) => votes.filter((v) => v.verdict === k).length));
    }
  }
  const overall = allRatings ? allRatingSum / allRatings : null;
  const perRater = [...acc.entries()].map(([rater, a]): RaterRow => {
    const mean = a.ratings ? a.ratingSum / a.ratings : null;
    return { rater, verdicts: a.verdicts, tieShare: rateOf(a.ties, a.verdicts, small), bothBadShare: rateOf(a.bothBad, a.verdicts, small),
      meanRating: mean, ratings: a.ratings, leniency: mean === null || overall === null ? null : mean - overall, leftWinRate: rateOf(a.left, a.decisive, small) };
  }).sort((x, y) => (x.rater < y.rater ? -1 : 1));
  return { items: counts.length, raters: names.size, fleissKappa: bootstrap(counts, fleissKappa, rounds, seed),
    krippendorffAlpha: bootstrap(counts, krippendorffAlpha, rounds, seed + 1), bootstrapRounds: rounds, perRater };
}
