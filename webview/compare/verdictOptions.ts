/** Which verdict buttons are offered, with labels, keys and tooltips, given the two slots' outcome. Pure. */
import type { CompareViewState, ScreenVerdict, VerdictSubmission } from '../../src/shared/compareProtocol';
import { votingOpen } from '../../src/shared/compare/reducer';

/** One verdict button. */
export interface VerdictChoice { verdict: ScreenVerdict; key: '1' | '2' | '3' | '4'; label: string; tooltip: string; enabled: boolean }

/** The four choices; a failed side turns "X better" into "Y only usable" and disables tie. */
export function verdictChoices(state: CompareViewState): VerdictChoice[] {
  const open = votingOpen(state) && !state.readOnly && state.verdict.savedAt === null;
  const l = state.slots.left, r = state.slots.right;
  const lFailed = l.status.kind === 'failed', rFailed = r.status.kind === 'failed';
  const better = (self: typeof l, otherFailed: boolean, selfFailed: boolean): { label: string; tooltip: string; enabled: boolean } => otherFailed
    ? { label: `${self.label} only usable`, tooltip: `The other side failed; ${self.label} produced something worth acting on.`, enabled: !selfFailed }
    : { label: `${self.label} better`, tooltip: `${self.label}'s draft is the one you would rather send.`, enabled: !selfFailed };
  const left = better(l, rFailed, lFailed), right = better(r, lFailed, rFailed);
  return [
    { verdict: 'left', key: '1', ...left, enabled: open && left.enabled },
    { verdict: 'right', key: '2', ...right, enabled: open && right.enabled },
    { verdict: 'tie', key: '3', label: 'Tie', enabled: open && !lFailed && !rFailed,
      tooltip: 'Both drafts are usable and about equally good: either could be sent.' },
    { verdict: 'both_bad', key: '4', label: 'Both bad', enabled: open,
      tooltip: 'Neither draft is worth sending (wrong, ungrounded, unfaithful to the paper, or the wrong route).' },
  ];
}

/** Why saving is not possible yet, or null when the draft can be submitted. */
export function saveBlocker(state: CompareViewState): string | null {
  if (!state.header) return 'No comparison is open.';
  if (state.readOnly) return 'This is a past comparison (read-only).';
  if (state.verdict.savedAt !== null) return 'The verdict is saved.';
  if (!votingOpen(state)) return 'Voting opens when both sides have finished or failed.';
  const v = state.verdict.draft.verdict;
  if (v === null) return 'Choose a verdict first (keys 1–4).';
  if (!verdictChoices(state).some((c) => c.verdict === v && c.enabled)) return 'That verdict is not available for this outcome.';
  if (state.verdict.saving) return 'Saving…';
  return null;
}

/** The request body for 'verdict/save', or null when blocked. */
export function buildSubmission(state: CompareViewState): VerdictSubmission | null {
  if (saveBlocker(state) !== null || !state.header || state.verdict.draft.verdict === null) return null;
  const d = state.verdict.draft;
  return { runId: state.header.runId, verdict: d.verdict as ScreenVerdict, ratings: d.ratings, notes: d.notes.trim() };
}
