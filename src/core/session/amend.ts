/** The one builder of verdict amends: a live comparison's verdict, a later judgment and an LLM judge's answer write the same shape. */
import { SCHEMA_VERSION, type AmendRecord, type JudgeRecord, type Verdict } from '../results/schema';

/** A verdict in model terms ('a' is the model in sides.a), as the shells hand it over. */
export interface VerdictInput {
  verdict: Exclude<Verdict, 'pending'>;
  ratings?: Record<string, { a?: number; b?: number }>;
  notes?: string;
  rater?: string;
  timeToVerdictMs?: number;
  /** The slot layout the verdict was given in, when judged later (it can differ from the comparison's own). */
  swapped?: boolean;
}

/** An LLM judge's answer: both orders in `judge`; `verdict` is absent when neither order gave one (unparsed / failed). */
export interface JudgeVerdictInput extends Omit<VerdictInput, 'verdict' | 'rater'> {
  verdict?: Exclude<Verdict, 'pending'>;
  /** `judge:<preset>:<model>`. */
  rater: string;
  judge: JudgeRecord;
}

/** Builds the amend that records a verdict (or a judge's answer) for comparison `target`; empty ratings and blank notes are left out. */
export function buildAmend(target: string, v: VerdictInput | JudgeVerdictInput, at: { id: string; now: Date }): AmendRecord {
  const amend: AmendRecord = { schema: SCHEMA_VERSION, type: 'amend', id: at.id, target, time: at.now.toISOString() };
  if (v.verdict !== undefined) amend.verdict = v.verdict;
  const ratings = Object.fromEntries(Object.entries(v.ratings ?? {}).filter(([, r]) => Object.keys(r).length > 0));
  if (Object.keys(ratings).length) amend.ratings = ratings;
  if (v.notes?.trim()) amend.notes = v.notes;
  if (v.rater) amend.rater = v.rater;
  if (v.timeToVerdictMs !== undefined) amend.timeToVerdictMs = Math.max(0, Math.round(v.timeToVerdictMs));
  if (v.swapped !== undefined) amend.swapped = v.swapped;
  if ('judge' in v) amend.judge = v.judge;
  return amend;
}
