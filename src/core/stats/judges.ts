// LLM judges measured against the human verdicts: agreement (Wilson), Cohen's kappa (seeded bootstrap interval),
// position consistency, first-position wins, self-preference, the human × judge confusion matrix with its
// off-diagonal audit set, and how often the judge prefers a draft the objective checks fault.
import type { EffectiveComparison, JudgeOpinion } from '../results/foldAmends';
import { isJudgeRater, type Verdict } from '../results/schema';
import { seededRandom } from './prng';
import { quantileSorted } from './summary';
import { rateOf } from './wilson';
import type { Rate } from './types';

/** A decided verdict: the categories of the confusion matrix, in its order. */
export type Decided = Exclude<Verdict, 'pending'>;
/** Rows (human) and columns (judge) of the confusion matrix. */
export const JUDGE_CATEGORIES: readonly Decided[] = ['a', 'b', 'tie', 'both_bad'];

/** Cohen's kappa with its seeded bootstrap 95 % interval over pairs (null when undefined). */
export interface KappaInterval { value: number | null; lo: number | null; hi: number | null; rounds: number }

/** The judge's own-family win rate next to the humans' on the same pairs (ties and both-bad count ½). */
export interface SelfPreference { n: number; judgeWinRate: Rate; humanWinRate: Rate; difference: number | null }

/** How often a pick (judge or human) went to the draft an objective check faults, over pairs where exactly one is faulted. */
export interface CheckPreference { n: number; judge: Rate; human: Rate }

/** One judge against the humans. */
export interface JudgeStats {
  rater: string;
  /** Comparisons this judge answered (any outcome). */
  judged: number;
  /** Pairs with a judge verdict (consistent, or inconsistent = tie) and a decided human verdict. */
  n: number;
  outcomes: { consistent: number; inconsistent: number; unparsed: number; failed: number };
  agreement: Rate;
  kappa: KappaInterval;
  /** Of the pairs where both orders parsed, the share where they agreed. */
  positionConsistency: Rate;
  /** Of the decisive order answers (A or B), the share that picked the draft shown first. */
  firstPositionWinRate: Rate;
  /** Present when some pair has exactly one side of the judge's family. */
  selfPreference: SelfPreference | null;
  /** confusion[h][j]: pairs the human called JUDGE_CATEGORIES[h] and the judge JUDGE_CATEGORIES[j]. */
  confusion: number[][];
  /** Comparison ids behind each confusion cell (same indices). */
  confusionIds: string[][][];
  /** Off-diagonal pairs (judge and human disagree), in file order. */
  audit: string[];
  /** Preference for a draft whose patch does not apply (the other's does), and for one with unverified references (the other's has none). */
  checks: { brokenPatch: CheckPreference; inventedRefs: CheckPreference };
  /** Known judge cost over both orders, USD (null when none is known). */
  costUsd: number | null;
}

/** The judge's verdict on a pair: consistent orders give theirs, inconsistent ones count as a tie; unparsed or failed give none. */
export function judgeVerdict(op: JudgeOpinion): Decided | null {
  const j = op.judge;
  if (j.outcome === 'inconsistent') return 'tie';
  if (j.outcome !== 'consistent') return null;
  return op.verdict ?? j.orders.find((o) => o.verdict)?.verdict ?? null;
}

/** The human verdict of a comparison, when it is decided and given by a person. */
export function humanVerdict(c: EffectiveComparison): Decided | null {
  if (c.imported || isJudgeRater(c.rater) || c.verdict === 'pending') return null;
  return c.verdict;
}

/** Cohen's kappa of two code lists (0..k-1) from their counts; null when undefined (no items, or chance agreement 1). */
function kappaOfCodes(x: ArrayLike<number>, y: ArrayLike<number>, idx: ArrayLike<number> | null, k: number): number | null {
  const n = idx ? idx.length : x.length;
  if (n === 0) return null;
  const cx = new Float64Array(k), cy = new Float64Array(k);
  let agree = 0;
  for (let i = 0; i < n; i++) {
    const t = idx ? idx[i] : i;
    cx[x[t]] += 1; cy[y[t]] += 1;
    if (x[t] === y[t]) agree += 1;
  }
  let pe = 0;
  for (let c = 0; c < k; c++) pe += (cx[c] / n) * (cy[c] / n);
  return pe >= 1 ? null : (agree / n - pe) / (1 - pe);
}

/**
 * Cohen's kappa of two label lists and the 2.5 / 97.5 % percentiles (linear interpolation) of its value over `rounds`
 * resamples of the pairs with replacement (index = floor(u·n), u from the seeded mulberry32 stream; resamples whose
 * kappa is undefined are left out).
 */
export function kappaWithInterval(x: readonly string[], y: readonly string[], rounds = 1000, seed = 42): KappaInterval {
  const cats = [...new Set([...x, ...y])];
  const code = (v: string): number => cats.indexOf(v);
  const cx = Int32Array.from(x, code), cy = Int32Array.from(y, code);
  const n = x.length;
  const value = n === y.length ? kappaOfCodes(cx, cy, null, cats.length) : null;
  if (value === null || n < 2) return { value, lo: null, hi: null, rounds };
  const rand = seededRandom(seed);
  const vals: number[] = [];
  const idx = new Int32Array(n);
  for (let r = 0; r < rounds; r++) {
    for (let i = 0; i < n; i++) idx[i] = Math.floor(rand() * n);
    const v = kappaOfCodes(cx, cy, idx, cats.length);
    if (v !== null) vals.push(v);
  }
  const sorted = Float64Array.from(vals).sort();
  return { value, lo: quantileSorted(sorted, 0.025), hi: quantileSorted(sorted, 0.975), rounds };
}

const half = (v: Decided, own: 'a' | 'b'): number => (v === own ? 1 : v === 'a' || v === 'b' ? 0 : 0.5);

/** Whether a check faults a side: patch does not apply / references unverified; null when unknown. */
function faulted(summary: unknown, check: 'brokenPatch' | 'inventedRefs'): boolean | null {
  if (typeof summary !== 'object' || summary === null) return null;
  const s = summary as Record<string, unknown>;
  if (check === 'brokenPatch') return typeof s.patchApplies === 'boolean' ? !s.patchApplies : null;
  return typeof s.unverified === 'number' ? s.unverified > 0 : null;
}

class Acc {
  judged = 0; consistent = 0; inconsistent = 0; unparsed = 0; failed = 0;
  human: string[] = []; judge: string[] = [];
  first = 0; decisiveOrders = 0;
  own = { n: 0, judge: 0, human: 0 };
  checks = { brokenPatch: { n: 0, judge: 0, human: 0, humanN: 0 }, inventedRefs: { n: 0, judge: 0, human: 0, humanN: 0 } };
  confusion = JUDGE_CATEGORIES.map(() => JUDGE_CATEGORIES.map(() => 0));
  ids = JUDGE_CATEGORIES.map(() => JUDGE_CATEGORIES.map((): string[] => []));
  audit: string[] = [];
  cost = 0; costKnown = 0;
}

function addChecks(acc: Acc, c: EffectiveComparison, j: Decided, h: Decided | null): void {
  for (const check of ['brokenPatch', 'inventedRefs'] as const) {
    const fa = faulted(c.checks?.a, check), fb = faulted(c.checks?.b, check);
    if (fa === null || fb === null || fa === fb) continue;
    const bad: 'a' | 'b' = fa ? 'a' : 'b';
    const e = acc.checks[check];
    if (j === 'a' || j === 'b') { e.n += 1; if (j === bad) e.judge += 1; }
    if (h === 'a' || h === 'b') { e.humanN += 1; if (h === bad) e.human += 1; }
  }
}

function add(acc: Acc, c: EffectiveComparison, op: JudgeOpinion): void {
  const rec = op.judge;
  acc.judged += 1;
  acc[rec.outcome] += 1;
  for (const o of rec.orders) {
    if (typeof o.cost?.usd === 'number') { acc.cost += o.cost.usd; acc.costKnown += 1; }
    if (o.answer === 'A' || o.answer === 'B') { acc.decisiveOrders += 1; if (o.answer === 'A') acc.first += 1; }
  }
  const j = judgeVerdict(op);
  if (j === null) return;
  const h = humanVerdict(c);
  addChecks(acc, c, j, h);
  if (h === null) return;
  acc.human.push(h); acc.judge.push(j);
  const hi = JUDGE_CATEGORIES.indexOf(h), ji = JUDGE_CATEGORIES.indexOf(j);
  acc.confusion[hi][ji] += 1;
  acc.ids[hi][ji].push(c.id);
  if (hi !== ji) acc.audit.push(c.id);
  const fam = rec.sameFamily ?? [];
  if (fam.length === 1) { acc.own.n += 1; acc.own.judge += half(j, fam[0]); acc.own.human += half(h, fam[0]); }
}

/** Options: bootstrap rounds and seed for kappa's interval, and the small-sample threshold. */
export interface JudgeStatsOptions { rounds?: number; seed?: number; smallBelow?: number }

/** One entry per LLM judge (rater `judge:…`), sorted by rater; people are never counted here, judges never elsewhere. */
export function judgeStats(comparisons: readonly EffectiveComparison[], options: JudgeStatsOptions = {}): JudgeStats[] {
  const small = options.smallBelow ?? 10;
  const byRater = new Map<string, Acc>();
  for (const c of comparisons) {
    if (c.imported) continue;
    for (const op of c.judgeOpinions) {
      let acc = byRater.get(op.rater);
      if (!acc) { acc = new Acc(); byRater.set(op.rater, acc); }
      add(acc, c, op);
    }
  }
  return [...byRater.entries()].sort((x, y) => (x[0] < y[0] ? -1 : 1)).map(([rater, a]): JudgeStats => {
    const n = a.human.length;
    const agree = a.human.filter((h, i) => h === a.judge[i]).length;
    const both = a.consistent + a.inconsistent;
    const pref = (e: Acc['checks']['brokenPatch']): CheckPreference => ({ n: e.n, judge: rateOf(e.judge, e.n, small), human: rateOf(e.human, e.humanN, small) });
    const judgeWin = rateOf(a.own.judge, a.own.n, small), humanWin = rateOf(a.own.human, a.own.n, small);
    return {
      rater, judged: a.judged, n, outcomes: { consistent: a.consistent, inconsistent: a.inconsistent, unparsed: a.unparsed, failed: a.failed },
      agreement: rateOf(agree, n, small), kappa: kappaWithInterval(a.human, a.judge, options.rounds, options.seed),
      positionConsistency: rateOf(a.consistent, both, small), firstPositionWinRate: rateOf(a.first, a.decisiveOrders, small),
      selfPreference: a.own.n ? { n: a.own.n, judgeWinRate: judgeWin, humanWinRate: humanWin,
        difference: judgeWin.p === null || humanWin.p === null ? null : judgeWin.p - humanWin.p } : null,
      confusion: a.confusion, confusionIds: a.ids, audit: a.audit,
      checks: { brokenPatch: pref(a.checks.brokenPatch), inventedRefs: pref(a.checks.inventedRefs) },
      costUsd: a.costKnown ? a.cost : null,
    };
  });
}
