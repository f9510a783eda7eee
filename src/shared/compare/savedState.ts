/**
 * What the compare webview stores with `vscode.setState` (and what the panel serializer receives after a
 * window reload), with a guard because that blob comes back from outside our control.
 */
import type { CompareViewState, SlotView } from '../compareProtocol';

/** The compare views (body tabs), in tab order: the one list the tab bar and the saved-state guard read. */
export const COMPARE_TABS = [
  { id: 'rendered', label: 'Rendered', icon: 'preview', needsPatch: false },
  { id: 'raw', label: 'Raw', icon: 'file-code', needsPatch: false },
  { id: 'diff', label: 'Diff', icon: 'diff', needsPatch: false },
  { id: 'patch', label: 'Patch', icon: 'git-pull-request', needsPatch: true },
] as const;
/** Which body view is shown. */
export type CompareTab = (typeof COMPARE_TABS)[number]['id'];
/** Whether a value names a compare view. */
export function isCompareTab(v: unknown): v is CompareTab {
  return COMPARE_TABS.some((t) => t.id === v);
}
/** Local UI choices that survive hide/show and reloads. */
export interface CompareUiState { tab: CompareTab; diffLayout: 'split' | 'inline' }
/** The whole persisted blob. */
export interface PersistedCompareState { view: CompareViewState; ui: CompareUiState }

/** UI defaults. */
export const DEFAULT_UI: CompareUiState = { tab: 'rendered', diffLayout: 'split' };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const STATUS_KINDS = ['queued', 'waiting', 'streaming', 'retrying', 'done', 'truncated', 'failed'];

function isSlotView(v: unknown): v is SlotView {
  return isObj(v) && typeof v.label === 'string' && typeof v.text === 'string' && isObj(v.status)
    && STATUS_KINDS.includes(String(v.status.kind)) && isObj(v.stats) && Array.isArray(v.checks)
    && (v.identity === null || isObj(v.identity)) && (v.patch === null || typeof v.patch === 'string');
}

/** Whether a value looks like a CompareViewState of the current version. */
export function isCompareViewState(v: unknown): v is CompareViewState {
  if (!isObj(v) || v.version !== 1 || !Number.isSafeInteger(v.seq) || !isObj(v.slots)) return false;
  if (!(v.header === null || (isObj(v.header) && typeof v.header.runId === 'string'))) return false;
  return isSlotView(v.slots.left) && isSlotView(v.slots.right) && typeof v.blind === 'boolean' && typeof v.revealed === 'boolean'
    && Array.isArray(v.rubric) && isObj(v.verdict) && isObj(v.verdict.draft) && typeof v.readOnly === 'boolean'
    && (v.maskTerms === undefined || (Array.isArray(v.maskTerms) && v.maskTerms.every((t) => typeof t === 'string')));
}

/** Reads a persisted blob; anything unrecognised yields null (start empty rather than crash). */
export function parsePersistedState(v: unknown): PersistedCompareState | null {
  if (!isObj(v) || !isCompareViewState(v.view)) return null;
  const ui = isObj(v.ui) ? v.ui : {};
  const tab = isCompareTab(ui.tab) ? ui.tab : DEFAULT_UI.tab;
  const diffLayout = ui.diffLayout === 'inline' ? 'inline' : 'split';
  return { view: v.view, ui: { tab, diffLayout } };
}
