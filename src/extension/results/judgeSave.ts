/** Saving a verdict given while judging a pending comparison: screen terms → model terms → one amend line (pure: no vscode). */
import type { Ratings, ScreenVerdict } from '../../shared/compareProtocol';
import { newRecordId } from '../../core/results/recordId';
import type { AmendRecord } from '../../core/results/schema';
import { buildAmend } from '../../core/session/amend';
import type { AppendResult } from '../../core/results/resultsStore';
import { toModelRatings, toModelVerdict, type SlotMap } from '../../shared/compare/slots';

/** The amend written for a judged comparison; `swapped` records the slot layout it was judged in (sides.b on the left). */
export type JudgeAmend = AmendRecord & { swapped: boolean };

/** What judgeSave needs: where to append, what was judged and how it was shown. */
export interface JudgeSaveInput {
  store: { tryAppend(r: AmendRecord): Promise<AppendResult> };
  /** id of the comparison judged. */
  target: string;
  submission: { verdict: ScreenVerdict; ratings: Ratings; notes: string };
  map: SlotMap;
  rater?: string;
  /** When the comparison was shown (ms epoch): timeToVerdictMs runs from here to `now`. */
  shownAt: number;
  now?: Date;
}

/** Maps the verdict and ratings to model sides and appends the amend (core's one builder); returns it, or an actionable error. */
export async function judgeSave(input: JudgeSaveInput): Promise<{ ok: true; amend: JudgeAmend } | { ok: false; error: string }> {
  const now = input.now ?? new Date();
  const amend = buildAmend(input.target, {
    verdict: toModelVerdict(input.submission.verdict, input.map), ratings: toModelRatings(input.submission.ratings, input.map),
    notes: input.submission.notes, rater: input.rater, timeToVerdictMs: now.getTime() - input.shownAt, swapped: input.map.swapped,
  }, { id: newRecordId(now), now }) as JudgeAmend;
  const r = await input.store.tryAppend(amend);
  return r.ok ? { ok: true, amend } : { ok: false, error: r.error };
}
