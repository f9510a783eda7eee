import { isJudgeRater, type AmendRecord, type ComparisonRecord, type JudgeRecord, type ResultRecord, type Verdict } from './schema';

/** A verdict given by a rater other than the comparison's own rater (used for inter-rater agreement). */
export interface SecondOpinion { rater: string; verdict: Verdict; time: string; amendId: string }

/** An LLM judge's latest answer on a comparison; `verdict` is absent when neither order gave one (unparsed/failed). */
export interface JudgeOpinion { rater: string; verdict?: Exclude<Verdict, 'pending'>; time: string; amendId: string; judge: JudgeRecord }

/** A comparison as it stands after its amends: latest verdict/ratings/notes of its own rater applied. */
export interface EffectiveComparison extends ComparisonRecord {
  /** How many amends by the comparison's own rater were applied. */
  amendCount: number;
  /** Time of the last applied amend. */
  amendedAt?: string;
  /** Latest verdict of each other rater, when someone else judged the same comparison. */
  secondOpinions: SecondOpinion[];
  /** Latest answer of each LLM judge (rater `judge:…`); judges never change the verdict and are not second opinions. */
  judgeOpinions: JudgeOpinion[];
}

/** The effective view, plus amends whose target comparison is not in the records. */
export interface FoldResult { comparisons: EffectiveComparison[]; orphans: AmendRecord[] }

/** True when an amend is by the comparison's own rater (or either rater is unnamed). */
function sameRater(c: ComparisonRecord, a: AmendRecord): boolean {
  if (isJudgeRater(a.rater) !== isJudgeRater(c.rater)) return false;
  return a.rater === undefined || c.rater === undefined || a.rater === c.rater;
}

/** The opinion lists of a comparison that has none yet; shared and frozen, replaced (never pushed to) when one arrives. */
export const NO_OPINIONS: never[] = Object.freeze([]) as unknown as never[];

/** An amend with its position among the amends (file order breaks time ties). */
export interface OrderedAmend { a: AmendRecord; order: number }

/**
 * Applies amends to their comparisons in time order (file order breaks ties) and returns those whose target is not
 * in `byId`. An amend by the comparison's own rater changes the effective verdict; an amend by another named rater is
 * kept as a second opinion; a judge's amend is kept as a judge opinion.
 */
export function applyAmends(byId: ReadonlyMap<string, EffectiveComparison>, amends: OrderedAmend[]): AmendRecord[] {
  amends.sort((x, y) => (x.a.time < y.a.time ? -1 : x.a.time > y.a.time ? 1 : x.order - y.order));
  const orphans: AmendRecord[] = [];
  for (const { a } of amends) {
    const c = byId.get(a.target);
    if (!c) { orphans.push(a); continue; }
    if (isJudgeRater(a.rater) && a.judge !== undefined) { addJudge(c, a, a.judge); continue; }
    // A `judge:` rater without its judge record (hand-written, another tool) is no person: never a second opinion.
    if (isJudgeRater(a.rater) && !isJudgeRater(c.rater)) continue;
    if (sameRater(c, a)) {
      if (a.verdict !== undefined) c.verdict = a.verdict;
      if (a.ratings !== undefined) c.ratings = { ...c.ratings, ...a.ratings };
      if (a.notes !== undefined) c.notes = a.notes;
      if (a.timeToVerdictMs !== undefined) c.timeToVerdictMs = a.timeToVerdictMs;
      if (a.verdict !== undefined && a.swapped !== undefined) c.swapped = a.swapped; // judged later, in this layout (position bias)
      if (a.verdict !== undefined && a.blind !== undefined) c.blind = a.blind;
      if (a.rater !== undefined && c.rater === undefined) c.rater = a.rater;
      c.amendCount += 1;
      c.amendedAt = a.time;
    } else if (a.verdict !== undefined && a.rater !== undefined) {
      const op: SecondOpinion = { rater: a.rater, verdict: a.verdict, time: a.time, amendId: a.id };
      c.secondOpinions = upsert(c.secondOpinions, op);
    }
  }
  return orphans;
}

/** The list with `op` in place of the same rater's earlier entry, else appended (a new array: lists may be shared). */
function upsert<T extends { rater: string }>(list: T[], op: T): T[] {
  const prev = list.findIndex((o) => o.rater === op.rater);
  return prev >= 0 ? list.map((o, i) => (i === prev ? op : o)) : [...list, op];
}

/**
 * Applies amends in time order (file order breaks ties). An amend by the comparison's own rater changes the
 * effective verdict; an amend by another named rater is kept as a second opinion and changes nothing else.
 * Duplicate ids keep their first record.
 */
export function foldAmendsDetailed(records: Iterable<ResultRecord>): FoldResult {
  const byId = new Map<string, EffectiveComparison>();
  const amends: OrderedAmend[] = [];
  const seen = new Set<string>();
  let order = 0;
  for (const r of records) {
    if (seen.has(r.id)) continue;
    seen.add(r.id);
    if (r.type === 'comparison') byId.set(r.id, { ...r, amendCount: 0, secondOpinions: [], judgeOpinions: [] });
    else amends.push({ a: r, order: order++ });
  }
  const orphans = applyAmends(byId, amends);
  return { comparisons: [...byId.values()], orphans };
}

function addJudge(c: EffectiveComparison, a: AmendRecord, judge: JudgeRecord): void {
  const op: JudgeOpinion = { rater: a.rater ?? '', time: a.time, amendId: a.id, judge };
  if (a.verdict !== undefined && a.verdict !== 'pending') op.verdict = a.verdict;
  c.judgeOpinions = upsert(c.judgeOpinions, op);
}

/** The effective view of every comparison after applying amends. */
export function foldAmends(records: Iterable<ResultRecord>): EffectiveComparison[] {
  return foldAmendsDetailed(records).comparisons;
}
