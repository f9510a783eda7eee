// LLM judges measured against the human verdicts: agreement (Wilson), Cohen's kappa (seeded bootstrap interval),
// position consistency, first-position wins, self-preference, the human × judge confusion matrix with its
// off-diagonal audit set, and how often the judge prefers a draft the objective checks fault.
import type { EffectiveComparison, JudgeOpinion } from '../results/foldAmends';
import { isJudgeRater, type Verdict } from '../results/schema';
import { seededRandom } from './prng';
import { sampleMultinomial } from './binomial';
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
  /** Comparison ids behind each off-diagonal confusion cell (same indices; diagonal cells stay empty). */
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

/** Cohen's kappa of a k×k contingency table (flat, row-major: rows = first rater); null when undefined (no items, or chance agreement 1). */
export function kappaOfTable(cells: ArrayLike<number>, k: number): number | null {
  let n = 0, agree = 0, pe = 0;
  for (let i = 0; i < k * k; i++) n += cells[i];
  if (n === 0) return null;
  for (let c = 0; c < k; c++) {
    let row = 0, col = 0;
    for (let j = 0; j < k; j++) { row += cells[c * k + j]; col += cells[j * k + c]; }
    agree += cells[c * k + c];
    pe += (row / n) * (col / n);
  }
  return pe >= 1 ? null : (agree / n - pe) / (1 - pe);
}

/**
 * Cohen's kappa of a contingency table and the 2.5 / 97.5 % percentiles (linear interpolation) of its value over
 * `rounds` bootstrap resamples of the pairs. Resampling n pairs with replacement is drawing the table's cells from a
 * multinomial with the observed shares, so each round costs the same whatever n (seeded mulberry32 stream; resamples
 * whose kappa is undefined are left out).
 */
export function kappaWithInterval(cells: ArrayLike<number>, k: number, rounds = 1000, seed = 42): KappaInterval {
  const value = kappaOfTable(cells, k);
  let n = 0;
  for (let i = 0; i < k * k; i++) n += cells[i];
  if (value === null || n < 2) return { value, lo: null, hi: null, rounds };
  const rand = seededRandom(seed);
  const vals: number[] = [];
  const sample = new Float64Array(k * k);
  for (let r = 0; r < rounds; r++) {
    sampleMultinomial(cells, rand, sample);
    const v = kappaOfTable(sample, k);
    if (v !== null) vals.push(v);
  }
  const sorted = Float64Array.from(vals).sort();
  return { value, lo: quantileSorted(sorted, 0.025), hi: quantileSorted(sorted, 0.975), rounds };
}

/** kappaWithInterval of two label lists (their categories in first-seen order). */
export function kappaOfLabels(x: readonly string[], y: readonly string[], rounds = 1000, seed = 42): KappaInterval {
  const cats = [...new Set([...x, ...y])];
  const k = cats.length;
  const cells = new Float64Array(k * k);
  if (x.length === y.length) for (let i = 0; i < x.length; i++) cells[cats.indexOf(x[i]) * k + cats.indexOf(y[i])] += 1;
  return kappaWithInterval(cells, k, rounds, seed);
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
  const hi = JUDGE_CATEGORIES.indexOf(h), ji = JUDGE_CATEGORIES.indexOf(j);
  acc.confusion[hi][ji] += 1;
  if (hi !== ji) { acc.ids[hi][ji].push(c.id); acc.audit.push(c.id); }
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
    const flat = a.confusion.flat();
    const n = flat.reduce((x, y) => x + y, 0);
    const agree = a.confusion.reduce((x, row, i) => x + row[i], 0);
    const both = a.consistent + a.inconsistent;
    const pref = (e: Acc['checks']['brokenPatch']): CheckPreference => ({ n: e.n, judge: rateOf(e.judge, e.n, small), human: rateOf(e.human, e.humanN, small) });
    const judgeWin = rateOf(a.own.judge, a.own.n, small), humanWin = rateOf(a.own.human, a.own.n, small);
    return {
      rater, judged: a.judged, n, outcomes: { consistent: a.consistent, inconsistent: a.inconsistent, unparsed: a.unparsed, failed: a.failed },
      agreement: rateOf(agree, n, small), kappa: kappaWithInterval(flat, JUDGE_CATEGORIES.length, options.rounds, options.seed),
      positionConsistency: rateOf(a.consistent, both, small), firstPositionWinRate: rateOf(a.first, a.decisiveOrders, small),
      selfPreference: a.own.n ? { n: a.own.n, judgeWinRate: judgeWin, humanWinRate: humanWin,
        difference: judgeWin.p === null || humanWin.p === null ? null : judgeWin.p - humanWin.p } : null,
      confusion: a.confusion, confusionIds: a.ids, audit: a.audit,
      checks: { brokenPatch: pref(a.checks.brokenPatch), inventedRefs: pref(a.checks.inventedRefs) },
      costUsd: a.costKnown ? a.cost : null,
    };
  });
}
