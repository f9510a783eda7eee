import * as vscode from 'vscode';
import { resultsPathFor } from '../../core/results/resultsPath';
import { DEFAULT_RUBRIC } from '../../shared/compare/viewState';
import type { RubricCriterion } from '../../shared/compareProtocol';
import { readSettings } from '../settings';

/** The results file for this workspace per pairwise.resultsLocation. */
export function resultsFile(context: vscode.ExtensionContext, root: string | undefined): string {
  const s = readSettings();
  const r = resultsPathFor({ location: s.resultsLocation, workspaceRoot: root, globalStorage: context.globalStorageUri.fsPath, customPath: s.resultsPath });
  if ('error' in r) throw new Error(r.error);
  return r.path;
}

/** Rubric criteria from settings (names) or the defaults. */
export function rubricOf(names: string[]): RubricCriterion[] {
  if (!names.length) return [...DEFAULT_RUBRIC];
  return names.map((label) => ({ id: label.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '') || 'criterion', label }));
}
