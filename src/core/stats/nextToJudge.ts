// What to judge next: orders a queue of comparisons (pending verdicts, or batch cells still to run) so that each
// verdict shrinks the interval that decides the ranking — the top pair of the leaderboard — first.
//
// Rule (documented in the README). From the verdicts so far:
// 1. Fit Bradley–Terry (ties ½, ridge 0.01) with its Fisher-information covariance. The two best-rated models are the
//    top pair. A model's relevance t_m is 1 for those two; for any other model it is the two-sided normal p-value of
//    "m is behind the second-ranked model", 2·Φ(−z) with z = (θ₂ − θ_m) / sd(θ₂ − θ_m). A model with no verdict yet
//    has a huge sd, so t ≈ 1: unknown models are explored.
// 2. A pair's priority is h_p × t_i × t_j, where h_p = 1.96·√(p̃(1−p̃)/(n_p + 1)) is (about) the 95 % half-width of
//    its win rate after n_p verdicts, p̃ = (score + 1) / (n_p + 2).
// 3. Greedy: take the next comparison (in queue order) of the pair with the highest priority, count it as one more
//    verdict at the same rate (its outcome is not known yet), recompute that pair's priority, repeat.
// Within a pair the queue keeps its own order, so which comparisons of a pair get a human verdict never depends on
// their content (prediction-powered estimates rely on that). Ties in priority go to the pair with fewer verdicts,
// then to the pair that appears first in the queue.
import type { EffectiveComparison } from '../results/foldAmends';
import { modelKey } from '../results/schema';
import type { Battle } from './bradleyTerry';
import { battlesOf } from './headToHead';
import { fitWithFisher } from './ppiBradleyTerry';
import { Z95 } from './wilson';

/** Standard normal CDF (Abramowitz & Stegun 7.1.26 for erf; absolute error < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const erf = 1 - (((((1.061405429 * t - 1.453152027) * t) + 1.421413741) * t - 0.284496736) * t + 0.254829592) * t * Math.exp(-z * z);
  return x >= 0 ? 0.5 * (1 + erf) : 0.5 * (1 - erf);
}

/** Per-model relevance to the top rank (1 for the two best-rated models) and the top pair itself. */
export interface Relevance { relevance: Map<string, number>; topPair: [string, string] | null }

const pairKey = (a: string, b: string): string => (a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`);

/** Each model's relevance to the top pair, from decided battles; `models` adds models that have no battle yet. */
export function topRelevance(battles: readonly Battle[], models: Iterable<string> = []): Relevance {
  const names = [...new Set([...models, ...battles.flatMap((b) => [b.a, b.b])])].sort();
  const idx = new Map(names.map((m, i) => [m, i]));
  const k = names.length;
  if (k < 2) return { relevance: new Map(names.map((m) => [m, 1])), topPair: null };
  const sums = new Map<string, { i: number; j: number; s: number; n: number }>();
  for (const b of battles) {
    if (b.a === b.b) continue;
    const [i, j, y] = b.a < b.b ? [idx.get(b.a) as number, idx.get(b.b) as number, b.y] : [idx.get(b.b) as number, idx.get(b.a) as number, 1 - b.y];
    const key = `${i},${j}`;
    const e = sums.get(key) ?? { i, j, s: 0, n: 0 };
    e.s += y; e.n += 1;
    sums.set(key, e);
  }
  const list = [...sums.values()];
  const { theta, cov } = fitWithFisher(k, Int32Array.from(list, (e) => e.i), Int32Array.from(list, (e) => e.j),
    Float64Array.from(list, (e) => e.s / e.n), Float64Array.from(list, (e) => e.n));
  const order = names.map((_, m) => m).sort((x, y) => theta[y] - theta[x] || x - y);
  const second = order[1];
  const relevance = new Map<string, number>();
  for (const m of order) {
    if (m === order[0] || m === second) { relevance.set(names[m], 1); continue; }
    const sd = Math.sqrt(Math.max(1e-12, cov[m][m] + cov[second][second] - 2 * cov[m][second]));
    relevance.set(names[m], Math.min(1, 2 * normalCdf(-(theta[second] - theta[m]) / sd)));
  }
  return { relevance, topPair: [names[order[0]], names[second]] };
}

/** How to read one queued item's two models (order does not matter). */
export type PairOf<T> = (item: T) => readonly [string, string];

/**
 * The queue in the order to judge it (see the rule above). `decided` are the verdicts known so far (battles between
 * model identities); self-matches in the queue go last, in queue order.
 */
export function orderToJudge<T>(items: readonly T[], pairOf: PairOf<T>, decided: readonly Battle[]): T[] {
  const groups = new Map<string, { models: readonly [string, string]; queue: T[]; first: number }>();
  const last: T[] = [];
  items.forEach((item, i) => {
    const m = pairOf(item);
    if (m[0] === m[1]) { last.push(item); return; }
    const key = pairKey(m[0], m[1]);
    const g = groups.get(key);
    if (g) g.queue.push(item); else groups.set(key, { models: m, queue: [item], first: i });
  });
  if (groups.size === 0) return last;
  const { relevance } = topRelevance(decided, [...groups.values()].flatMap((g) => [...g.models]));
  const stats = new Map<string, { s: number; n: number }>();
  for (const b of decided) {
    if (b.a === b.b) continue;
    const key = pairKey(b.a, b.b);
    const e = stats.get(key) ?? { s: 0, n: 0 };
    e.s += b.a < b.b ? b.y : 1 - b.y; // the share of the alphabetically first model: p̃(1 − p̃) is symmetric anyway
    e.n += 1;
    stats.set(key, e);
  }
  const lanes = [...groups.entries()].map(([key, g]) => {
    const st = stats.get(key) ?? { s: 0, n: 0 };
    const pt = (st.s + 1) / (st.n + 2);
    return { queue: g.queue, at: 0, n: st.n, first: g.first, weight: Z95 * Math.sqrt(pt * (1 - pt)) * (relevance.get(g.models[0]) ?? 1) * (relevance.get(g.models[1]) ?? 1) };
  });
  const priority = (l: (typeof lanes)[number]) => l.weight / Math.sqrt(l.n + 1);
  const out: T[] = [];
  for (let left = items.length - last.length; left > 0; left--) {
    let best: (typeof lanes)[number] | undefined;
    for (const l of lanes) {
      if (l.at >= l.queue.length) continue;
      if (!best || priority(l) > priority(best) || (priority(l) === priority(best) && (l.n < best.n || (l.n === best.n && l.first < best.first)))) best = l;
    }
    if (!best) break;
    out.push(best.queue[best.at]);
    best.at += 1;
    best.n += 1;
  }
  return [...out, ...last];
}

/** Pending comparisons in the order to judge them: oldest first within a pair, pairs by the rule above, informed by every decided verdict in `all`. */
export function orderPending(pending: readonly EffectiveComparison[], all: readonly EffectiveComparison[]): EffectiveComparison[] {
  const byTime = [...pending].sort((x, y) => (x.time < y.time ? -1 : x.time > y.time ? 1 : 0));
  return orderToJudge(byTime, (c) => [modelKey(c.sides.a), modelKey(c.sides.b)], battlesOf(all));
}
