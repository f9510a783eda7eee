/** `Pairwise: Open Results`: pick a past comparison and see it again, read-only, in the compare panel. */
import * as vscode from 'vscode';
import type { CompareViewState } from '../../shared/compareProtocol';
import type { Result } from '../../shared/messenger';
import type { EffectiveComparison } from '../../core/results/foldAmends';
import { modelKey } from '../../core/results/schema';
import type { ResultsStore } from '../../core/results/resultsStore';
import { ComparePanel } from '../panels/comparePanel';
import { openPatchDiff } from '../patchDiff';
import { readSettings, workspaceRoot } from '../settings';
import { rubricOf } from '../compare/resultsLocation';
import { sideOf, type SlotMap } from '../../shared/compare/slots';
import { log } from '../log';
import { loadDrafts, pastViewState, type StoredDraft } from './pastComparison';
import { loadResults, openResultsFile } from './resultsSource';
import { uiText } from '../notify';

/** Arguments for automation: open this comparison id without asking. */
export interface OpenResultsArgs { id?: string }

const VERDICT_TEXT: Record<string, string> = { tie: 'tie', both_bad: 'both bad', pending: 'verdict pending' };

/** Whether names must stay hidden: a blind comparison nobody has judged yet. */
export function namesHidden(c: EffectiveComparison): boolean {
  return c.blind && c.verdict === 'pending';
}

/** The quick-pick line of a comparison: when, where, which paper, which models (or "A vs B" while blind) and the verdict. */
export function describeComparison(c: EffectiveComparison): { label: string; description: string; detail: string } {
  const when = new Date(c.time).toLocaleString();
  const models = namesHidden(c) ? 'A vs B (blind until judged)' : `${modelKey(c.sides.a)} vs ${modelKey(c.sides.b)}`;
  const verdict = c.verdict === 'a' || c.verdict === 'b' ? `${modelKey(c.sides[c.verdict])} won` : VERDICT_TEXT[c.verdict] ?? c.verdict;
  const icon = c.verdict === 'pending' ? '$(circle-large-outline)' : '$(pass)';
  return { label: `${icon} ${when} · ${uiText(c.repo.name)}`, description: uiText(c.paper?.title ?? c.paper?.id ?? '(no paper)'), detail: uiText(`${models} — ${verdict}${c.imported ? ' (imported)' : ''}`) };
}

/** Shows one comparison read-only; patches open in a diff editor against the recorded commit when this repo has it. */
export async function showPastComparison(extensionUri: vscode.Uri, store: Pick<ResultsStore, 'readBlob'>, c: EffectiveComparison): Promise<CompareViewState> {
  const drafts = await loadDrafts(store, c);
  const map: SlotMap = { swapped: c.swapped };
  const reveal = !namesHidden(c);
  const state = pastViewState(c, drafts, { map, readOnly: true, blind: c.blind, reveal, showVerdict: true, rubric: rubricOf(readSettings().rubric) });
  const panel = ComparePanel.createOrShow(extensionUri, { log: (l) => log().info(l) });
  panel.show({ kind: 'past', state, handlers: readOnlyHandlers(c, drafts, map), map });
  return panel.viewState;
}

const rejected = <T>(message: string): Result<T> => ({ ok: false, error: { code: 'rejected', message } });

function readOnlyHandlers(c: EffectiveComparison, drafts: Record<'a' | 'b', StoredDraft>, map: SlotMap) {
  const readOnly = 'This is a past comparison (read-only).';
  return {
    saveVerdict: async () => rejected<{ savedAt: number }>(readOnly),
    cancel: async () => rejected<{ accepted: boolean }>(readOnly),
    retrySide: async () => rejected<{ accepted: boolean }>(readOnly),
    openPatchDiff: async ({ slot, path }: { slot: 'left' | 'right'; path: string }): Promise<Result<{ opened: boolean }>> => {
      const patch = drafts[sideOf(slot, map)].parsed?.patch;
      const root = workspaceRoot();
      if (!patch || !root || !c.repo.commit) return rejected('This draft has no patch, or the comparison recorded no commit to diff against.');
      const r = await openPatchDiff(root, c.repo.commit, patch, path, 'draft');
      return r.opened ? { ok: true, value: { opened: true } } : rejected(r.error ?? 'Could not open the diff.');
    },
  };
}

type Pick2 = vscode.QuickPickItem & { id?: string; openFile?: boolean };

/** `Pairwise: Open Results`: newest first; returns the panel state shown (undefined when cancelled or nothing to show). */
export async function openResults(context: vscode.ExtensionContext, args?: OpenResultsArgs): Promise<CompareViewState | undefined> {
  const { store, comparisons } = await loadResults(context);
  let chosen: EffectiveComparison | undefined;
  if (args?.id) {
    chosen = comparisons.find((c) => c.id === args.id);
    if (!chosen) throw new Error(`no comparison with id ${args.id} in ${store.file}.`);
  } else {
    const newest = [...comparisons].sort((x, y) => (x.time < y.time ? 1 : x.time > y.time ? -1 : 0));
    const items: Pick2[] = [
      { label: '$(go-to-file) Open results file', description: store.file, openFile: true },
      ...(newest.length ? [{ label: 'Comparisons', kind: vscode.QuickPickItemKind.Separator } as Pick2] : []),
      ...newest.map((c) => ({ ...describeComparison(c), id: c.id })),
    ];
    const pick = await vscode.window.showQuickPick(items, { title: `Pairwise: past comparisons (${comparisons.length})`, matchOnDescription: true, matchOnDetail: true,
      placeHolder: comparisons.length ? 'Pick a comparison to view it read-only' : 'No comparisons recorded yet' });
    if (!pick) return undefined;
    if (pick.openFile) { await openResultsFile(store.file); return undefined; }
    chosen = comparisons.find((c) => c.id === pick.id);
    if (!chosen) return undefined;
  }
  return showPastComparison(context.extensionUri, store, chosen);
}
