/** Builders of the compare view state: the host starts every comparison from these, the webview its placeholder. */
import type { CompareHeader, CompareViewState, RubricCriterion, SlotId, SlotStats, SlotView } from '../compareProtocol';

/** Default rubric, grounded in what Pairwise asks of a contribution. */
export const DEFAULT_RUBRIC: readonly RubricCriterion[] = [
  { id: 'grounded', label: 'Grounded in this repo', description: 'Refers to real files, APIs and conventions of the repository.' },
  { id: 'faithful', label: 'Faithful to the paper', description: 'Applies what the paper actually says, without inventing claims.' },
  { id: 'actionable', label: 'Actionable', description: 'A maintainer could merge or act on it with little extra work.' },
  { id: 'route', label: 'Right route', description: 'PR, issue or skip was the right call for this repo and paper.' },
];
/** Stats with every figure unknown. */
export function emptySlotStats(): SlotStats {
  return { ttftMs: null, totalMs: null, tokensIn: null, tokensOut: null, tokensCached: null, costUsd: null };
}
/** A slot before its stream starts. */
export function emptySlotView(label: string): SlotView {
  return { label, identity: null, status: { kind: 'queued' }, text: '', route: null, title: null, patch: null, stats: emptySlotStats(), checks: [] };
}
/** A fresh view state; header null means "no run attached" (placeholder). */
export function createCompareViewState(init: { header: CompareHeader | null; blind?: boolean; rubric?: readonly RubricCriterion[]; readOnly?: boolean;
  labels?: Record<SlotId, string>; maskTerms?: readonly string[] }): CompareViewState {
  return {
    version: 1, seq: 0, header: init.header,
    slots: { left: emptySlotView(init.labels?.left ?? 'A'), right: emptySlotView(init.labels?.right ?? 'B') },
    blind: init.blind ?? true, revealed: false, rubric: [...(init.rubric ?? DEFAULT_RUBRIC)],
    verdict: { draft: { verdict: null, ratings: {}, notes: '' }, saving: false, savedAt: null, error: null },
    readOnly: init.readOnly ?? false, maskTerms: [...(init.maskTerms ?? [])],
  };
}
