/**
 * Reads the workspace's results file for the results commands: records, the effective comparisons (amends folded)
 * and unreadable lines, which are reported once each as a warning naming their line numbers.
 */
import * as vscode from 'vscode';
import { ResultsStore } from '../../core/results/resultsStore';
import { foldAmendsDetailed, type EffectiveComparison } from '../../core/results/foldAmends';
import { latestPerCell } from '../../core/results/latestPerCell';
import type { ReadProblem } from '../../core/results/parseRecordLine';
import type { ResultRecord } from '../../core/results/schema';
import { resultsFile } from '../compare/resultsLocation';
import { workspaceRoot } from '../settings';
import { log } from '../log';
import { showInfo, showWarning } from '../notify';

/** Everything read from the results file at one moment. */
export interface LoadedResults {
  store: ResultsStore;
  records: ResultRecord[];
  /** Comparisons with their amends applied, in file order. */
  comparisons: EffectiveComparison[];
  problems: ReadProblem[];
}

/** The results store of this workspace (per pairwise.resultsLocation); throws an actionable message when unset. */
export function openStore(context: vscode.ExtensionContext): ResultsStore {
  return new ResultsStore(resultsFile(context, workspaceRoot()));
}

/** Reads the whole results file (a missing file is empty) and warns about lines not seen before that could not be used. */
export async function loadResults(context: vscode.ExtensionContext, store: ResultsStore = openStore(context)): Promise<LoadedResults> {
  const read = await store.readAll();
  const { problems } = read;
  const records = latestPerCell(read.records); // a re-run batch cell counts once
  if (problems.length) warnProblems(store.file, problems);
  return { store, records, comparisons: foldAmendsDetailed(records).comparisons, problems };
}

const warned = new Set<string>();

/** One sentence naming the unusable lines (at most 8 listed) and where they were copied. */
export function describeProblems(file: string, problems: readonly ReadProblem[]): string {
  const shown = problems.slice(0, 8).map((p) => `line ${p.line} (${p.kind}: ${p.message.replace(/^line \d+:\s*/, '').slice(0, 80)})`);
  const more = problems.length > shown.length ? ` and ${problems.length - shown.length} more` : '';
  const lines = problems.length === 1 ? '1 line' : `${problems.length} lines`;
  return `${lines} of ${file} could not be read and ${problems.length === 1 ? 'was' : 'were'} skipped: ${shown.join('; ')}${more}. ` +
    'Torn or malformed lines are copied to results.jsonl.corrupt; fix or delete them in the file to silence this.';
}

function warnProblems(file: string, problems: readonly ReadProblem[]): void {
  const fresh = problems.filter((p) => !warned.has(`${file}:${p.offset}:${p.kind}`));
  if (!fresh.length) return;
  for (const p of fresh) warned.add(`${file}:${p.offset}:${p.kind}`);
  const text = describeProblems(file, problems);
  log().warn(text);
  void showWarning(`Pairwise: ${text}`, 'Open results file').then(async (pick) => {
    if (pick) await openResultsFile(file, problems[0]?.line);
  });
}

/** Opens the results JSONL in an editor, at a line when given. */
export async function openResultsFile(file: string, line?: number): Promise<boolean> {
  try {
    const doc = await vscode.workspace.openTextDocument(vscode.Uri.file(file));
    const pos = new vscode.Position(Math.max(0, (line ?? 1) - 1), 0);
    await vscode.window.showTextDocument(doc, { preview: false, selection: new vscode.Range(pos, pos) });
    return true;
  } catch {
    void showInfo(`Pairwise: there is no results file yet at ${file} — run "Pairwise: Compare" to record the first comparison.`);
    return false;
  }
}
