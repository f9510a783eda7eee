import * as vscode from 'vscode';
import { readFileAtCommit } from '../core/git/fileAtCommit';
import { uiText } from './notify';

const SCHEME = 'pairwise-patch';
const docs = new Map<string, string>();

let registration: vscode.Disposable | undefined;
/** Read-only virtual documents for the native diff editor (registered on first use); nothing is written to the workspace. */
export function registerPatchDocuments(): vscode.Disposable {
  registration ??= vscode.workspace.registerTextDocumentContentProvider(SCHEME, { provideTextDocumentContent: (uri) => docs.get(uri.toString()) ?? '' });
  return registration;
}

const strip = (p: string | undefined) => (p ?? '').replace(/^[ab]\//, '');

/** Opens VS Code's diff of `path` at `commit` vs the same file with the draft's patch applied. */
export async function openPatchDiff(root: string, commit: string, patch: string, path: string, label: string): Promise<{ opened: boolean; error?: string }> {
  registerPatchDocuments();
  const { applyPatch, parsePatch } = await import('diff');
  const file = parsePatch(patch).find((p) => strip(p.newFileName) === path || strip(p.oldFileName) === path);
  if (!file) return { opened: false, error: `The patch does not touch ${path}.` };
  const isNew = file.oldFileName === '/dev/null';
  const before = isNew ? '' : await readFileAtCommit(root, commit, path);
  const after = applyPatch(before, file, { fuzzFactor: 2 });
  if (after === false) return { opened: false, error: `The patch for ${path} does not apply to ${commit.slice(0, 8)}; see the Patch view for the raw diff.` };
  const id = `${Date.now().toString(36)}`;
  const left = vscode.Uri.from({ scheme: SCHEME, path: `/${id}/before/${path}` });
  const right = vscode.Uri.from({ scheme: SCHEME, path: `/${id}/after/${path}` });
  docs.set(left.toString(), before);
  docs.set(right.toString(), after);
  await vscode.commands.executeCommand('vscode.diff', left, right, uiText(`${path} (${commit.slice(0, 8)} ↔ ${label})`), { preview: true });
  return { opened: true };
}
