import { isAbsolute, join, resolve } from 'node:path';

/** Where the results file lives: in the workspace, in the extension's global storage, or a custom path. */
export interface ResultsLocation {
  location: 'workspace' | 'global' | 'custom';
  workspaceRoot?: string;
  globalStorage?: string;
  customPath?: string;
}

/** Resolved results path, or a message saying which setting is missing. */
export type ResultsPathResult = { ok: true; path: string } | { ok: false; error: string };

/** Default file name inside a folder. */
export const DEFAULT_RESULTS_RELATIVE = join('.pairwise', 'results.jsonl');

/** Resolves the results file: `<root>/.pairwise/results.jsonl` by default; custom paths are used as given. */
export function resultsPathFor(loc: ResultsLocation): ResultsPathResult {
  if (loc.location === 'custom') {
    const p = loc.customPath?.trim();
    if (!p) return { ok: false, error: 'pairwise.resultsLocation is "custom" but pairwise.resultsPath is empty: set a file path.' };
    if (!isAbsolute(p) && !loc.workspaceRoot) return { ok: false, error: `pairwise.resultsPath "${p}" is relative and no folder is open: use an absolute path.` };
    const abs = isAbsolute(p) ? p : resolve(loc.workspaceRoot as string, p);
    return { ok: true, path: abs.endsWith('/') || abs.endsWith('\\') ? join(abs, 'results.jsonl') : abs };
  }
  if (loc.location === 'global') {
    if (!loc.globalStorage) return { ok: false, error: 'No global storage folder is available for results.' };
    return { ok: true, path: join(loc.globalStorage, DEFAULT_RESULTS_RELATIVE) };
  }
  if (!loc.workspaceRoot) {
    return { ok: false, error: 'No folder is open: open a folder or set pairwise.resultsLocation to "global".' };
  }
  return { ok: true, path: join(loc.workspaceRoot, DEFAULT_RESULTS_RELATIVE) };
}
