import * as vscode from 'vscode';
import { loadPaper } from '../core/paper/loadPaper';
import type { Paper, PaperInput, PaperLoadOptions } from '../core/paper/types';
import { log } from './log';

import { PIN_KEY as KEY, updateStatusBar } from './statusBar';

/** Where papers are cached (global storage) and which arXiv endpoints to use (settings; tests point them at a fake). */
export function paperOptions(context: vscode.ExtensionContext): PaperLoadOptions {
  const c = vscode.workspace.getConfiguration('pairwise.arxiv');
  const opts: PaperLoadOptions = { cacheDir: vscode.Uri.joinPath(context.globalStorageUri, 'papers').fsPath };
  const api = c.get<string>('apiBase', ''); const pdf = c.get<string>('pdfBase', '');
  if (api) opts.apiBase = api;
  if (pdf) opts.pdfBase = pdf;
  return opts;
}

/** The pinned paper of this workspace (as the user gave it), if any. */
export function pinnedPaper(context: vscode.ExtensionContext): { input: PaperInput; title: string } | undefined {
  return context.workspaceState.get<{ input: PaperInput; title: string }>(KEY);
}

/** Shows the pin in the status bar (click: pin another). */
export function showPinnedPaper(context: vscode.ExtensionContext): void {
  updateStatusBar(context);
}

/** Asks how to pin: arXiv id/URL, a file, or a typed brief. */
async function askPaper(): Promise<PaperInput | undefined> {
  const how = await vscode.window.showQuickPick([
    { label: '$(globe) arXiv id or URL', id: 'arxiv' }, { label: '$(file-pdf) PDF, Markdown, TeX or text file', id: 'file' }, { label: '$(edit) Type a short brief', id: 'brief' },
  ], { title: 'Pairwise: Pin Paper' });
  if (!how) return undefined;
  if (how.id === 'arxiv') return vscode.window.showInputBox({ title: 'Pairwise: arXiv id or URL', placeHolder: '2602.15763, arxiv:2602.15763v1 or https://arxiv.org/abs/…' });
  if (how.id === 'file') {
    const files = await vscode.window.showOpenDialog({ canSelectMany: false, filters: { Papers: ['pdf', 'md', 'tex', 'txt'] } });
    return files?.[0]?.fsPath;
  }
  const brief = await vscode.window.showInputBox({ title: 'Pairwise: brief', prompt: 'What should the models consider building? (a few sentences)' });
  return brief ? { brief } : undefined;
}

/** Loads a paper with progress; shows the error naming the paper. */
export async function loadPinned(context: vscode.ExtensionContext, input: PaperInput): Promise<Paper | undefined> {
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pairwise: loading the paper…' },
    () => loadPaper(input, paperOptions(context)));
  if (!r.ok) { void vscode.window.showErrorMessage(`Pairwise: ${r.error}`); log().error(`paper: ${r.error}`); return undefined; }
  for (const w of r.paper.warnings) log().warn(`paper ${r.paper.id}: ${w}`);
  log().info(`paper ${r.paper.id} loaded${r.fromCache ? ' from cache' : ''}: ${r.paper.title}`);
  return r.paper;
}

/** `Pairwise: Pin Paper`: args `{input}` (an id, path or {brief}) pins without prompts. Returns the paper's title. */
export async function pinPaper(context: vscode.ExtensionContext, args?: { input?: PaperInput }): Promise<string | undefined> {
  const input = args?.input ?? await askPaper();
  if (!input) return undefined;
  const paper = await loadPinned(context, input);
  if (!paper) return undefined;
  await context.workspaceState.update(KEY, { input, title: paper.title });
  showPinnedPaper(context);
  if (!args?.input) void vscode.window.showInformationMessage(`Pairwise: pinned "${paper.title}".`);
  return paper.title;
}
