import * as vscode from 'vscode';
import { loadPaper } from '../core/paper/loadPaper';
import type { Paper, PaperInput, PaperLoadOptions } from '../core/paper/types';
import { loadPaperPool } from '../core/paper/paperPool';
import { log } from './log';

import { PIN_KEY as KEY, updateStatusBar } from './statusBar';
import { showError, showInfo, showWarning } from './notify';

/** Where papers are cached (global storage) and which arXiv endpoints to use (settings; tests point them at a fake). */
export function paperOptions(context: vscode.ExtensionContext): PaperLoadOptions {
  const c = vscode.workspace.getConfiguration('pairwise.arxiv');
  const opts: PaperLoadOptions = { cacheDir: vscode.Uri.joinPath(context.globalStorageUri, 'papers').fsPath };
  const api = c.get<string>('apiBase', ''); const pdf = c.get<string>('pdfBase', '');
  if (api) opts.apiBase = api;
  if (pdf) opts.pdfBase = pdf;
  return opts;
}

/** A pool of papers for selection mode: a folder of paper files or a list of ids/paths. */
export type PoolSource = { folder: string } | { items: string[] };
/** What is pinned: one paper (pin mode) or a pool (selection mode: each model picks its own paper). */
export type Pin = { input: PaperInput; title: string } | { pool: PoolSource; title: string };

/** The pin of this workspace (as the user gave it), if any. */
export function pinnedPaper(context: vscode.ExtensionContext): Pin | undefined {
  return context.workspaceState.get<Pin>(KEY);
}

/** Loads a pool with progress; every paper that failed is named; undefined when none loaded. */
export async function loadPinnedPool(context: vscode.ExtensionContext, pool: PoolSource): Promise<Paper[] | undefined> {
  const r = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'Pairwise: loading the paper pool…' },
    () => loadPaperPool(pool, paperOptions(context)));
  for (const e of r.errors) log().warn(`paper pool: ${e}`);
  if (r.errors.length) void showWarning(`Pairwise: ${r.errors.length} paper(s) of the pool could not be loaded: ${r.errors[0]}`);
  if (r.papers.length < 2) { void showError('Pairwise: selection mode needs a pool of at least two papers that load.'); return undefined; }
  return r.papers;
}

/** Shows the pin in the status bar (click: pin another). */
export function showPinnedPaper(context: vscode.ExtensionContext): void {
  updateStatusBar(context);
}

/** Asks for a pool: a folder of paper files, or a comma-separated list of arXiv ids / paths. */
async function askPool(): Promise<PoolSource | undefined> {
  const how = await vscode.window.showQuickPick([{ label: '$(folder) A folder of PDF/Markdown/TeX/text papers', id: 'folder' }, { label: '$(list-flat) A list of arXiv ids or paths', id: 'list' }], { title: 'Pairwise: paper pool' });
  if (how?.id === 'folder') {
    const dirs = await vscode.window.showOpenDialog({ canSelectFolders: true, canSelectFiles: false, canSelectMany: false });
    return dirs?.[0] ? { folder: dirs[0].fsPath } : undefined;
  }
  if (how?.id !== 'list') return undefined;
  const list = await vscode.window.showInputBox({ title: 'Pairwise: paper pool', placeHolder: '2602.15763, 2601.01234, ./papers/idea.md' });
  const items = (list ?? '').split(/[,\s]+/).filter(Boolean);
  return items.length ? { items } : undefined;
}

let askedForPool = false;
/** Asks how to pin: arXiv id/URL, a file, a typed brief, or a pool (sets askedForPool). */
async function askPaper(): Promise<PaperInput | undefined> {
  askedForPool = false;
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
  if (!r.ok) { void showError(`Pairwise: ${r.error}`); log().error(`paper: ${r.error}`); return undefined; }
  for (const w of r.paper.warnings) log().warn(`paper ${r.paper.id}: ${w}`);
  log().info(`paper ${r.paper.id} loaded${r.fromCache ? ' from cache' : ''}: ${r.paper.title}`);
  return r.paper;
}

/** `Pairwise: Pin Paper`: args `{input}` (an id, path or {brief}) pins without prompts. Returns the paper's title. */
export async function pinPaper(context: vscode.ExtensionContext, args?: { input?: PaperInput; pool?: PoolSource }): Promise<string | undefined> {
  const input = args?.input ?? (args?.pool ? undefined : await askPaper());
  const pool = args?.pool ?? (!input && askedForPool ? await askPool() : undefined);
  if (pool) {
    const papers = await loadPinnedPool(context, pool);
    if (!papers) return undefined;
    const title = `Pool of ${papers.length} papers (selection mode)`;
    await context.workspaceState.update(KEY, { pool, title });
    updateStatusBar(context);
    if (!args?.pool) void showInfo(`Pairwise: pinned a pool of ${papers.length} papers; each model will pick one.`);
    return title;
  }
  if (!input) return undefined;
  const paper = await loadPinned(context, input);
  if (!paper) return undefined;
  await context.workspaceState.update(KEY, { input, title: paper.title });
  showPinnedPaper(context);
  if (!args?.input) void showInfo(`Pairwise: pinned "${paper.title}".`);
  return paper.title;
}
