/** `Pairwise: Export`: writes the results as CSV, JSONL, a Markdown report, LMArena battles or LLM Comparator JSON. */
import * as vscode from 'vscode';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import { isJudgeRater, type ResultRecord } from '../../core/results/schema';
import type { ResultsStore } from '../../core/results/resultsStore';
import { EXPORT_FORMAT_NAMES, emptyExportError, exportFormat, isExportFormat, type ExportFormat } from '../../core/export/formats';
import { workspaceRoot } from '../settings';
import { log } from '../log';
import { loadResults } from './resultsSource';
import { showInfo, showWarning } from '../notify';

export type { ExportFormat };
export { isExportFormat };
/** Arguments for automation: format, output path (relative paths resolve against the workspace), and whether arena exports include LLM judges. */
export interface ExportArgs { format?: ExportFormat; out?: string; judges?: boolean }
/** What was written. */
export interface ExportOutcome { format: ExportFormat; path: string; count: number }

/** The exported text and how many items it holds, or why there is nothing to write (core's format table). */
export async function renderExport(format: ExportFormat, records: readonly ResultRecord[], store: Pick<ResultsStore, 'readBlob' | 'file'>, judges = false):
  Promise<{ ok: true; text: string; count: number } | { ok: false; error: string }> {
  const r = await exportFormat(format).render({ records, sourcePath: store.file, judges,
    readDraft: async (id, hash) => { const b = await store.readBlob(id, hash); return b.ok ? b.text : null; } });
  if (!r.ok) return r;
  const empty = emptyExportError(format, r, store.file);
  return empty ? { ok: false, error: empty } : { ok: true, text: r.text, count: r.count.written };
}

async function writeAtomically(path: string, text: string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${randomBytes(6).toString('hex')}.tmp`;
  await writeFile(tmp, text, 'utf8');
  await rename(tmp, path);
}

function explainWrite(path: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'EACCES' || err.code === 'EPERM' || err.code === 'EROFS') return `no permission to write ${path} — choose a folder you can write to.`;
  if (err.code === 'ENOSPC') return `the disk is full while writing ${path} — free some space and export again.`;
  if (err.code === 'EISDIR') return `${path} is a folder — choose a file name.`;
  return `could not write ${path}: ${err.message ?? String(e)}`;
}

async function askFormat(): Promise<ExportFormat | undefined> {
  const pick = await vscode.window.showQuickPick(
    EXPORT_FORMAT_NAMES.map((f) => ({ label: exportFormat(f).label, detail: exportFormat(f).detail, format: f })),
    { title: 'Pairwise: export results as…', matchOnDetail: true });
  return pick?.format;
}

/** For a format that can include LLM judges, when the file has some: people only, or judges too (undefined = cancelled). */
async function askJudges(format: ExportFormat, records: readonly ResultRecord[]): Promise<boolean | undefined> {
  if (!(exportFormat(format).options as readonly string[]).includes('judges') || !records.some((r) => r.type === 'amend' && isJudgeRater(r.rater))) return false;
  const pick = await vscode.window.showQuickPick([{ label: 'People only', judges: false }, { label: 'People and LLM judges', detail: 'Each judge verdict as a battle of its own, the judge named', judges: true }],
    { title: `Export ${exportFormat(format).label}: whose verdicts?` });
  return pick?.judges;
}

/** `Pairwise: Export`: asks for the format and file (unless given), writes it and says where; returns what was written. */
export async function exportResults(context: vscode.ExtensionContext, args?: ExportArgs): Promise<ExportOutcome | undefined> {
  if (args?.format !== undefined && !isExportFormat(args.format)) throw new Error(`unknown export format "${String(args.format)}"; use one of ${EXPORT_FORMAT_NAMES.join(', ')}.`);
  const { store, records } = await loadResults(context);
  if (!records.length) {
    const pick = await showWarning(`Pairwise: nothing to export — ${store.file} has no comparisons yet. Run "Pairwise: Compare" first.`, 'Compare');
    if (pick) await vscode.commands.executeCommand('pairwise.compare');
    return undefined;
  }
  const format = args?.format ?? await askFormat();
  if (!format) return undefined;
  const info = exportFormat(format);
  const judges = args?.judges ?? (args?.format ? false : await askJudges(format, records)); // automation that names a format is never asked
  if (judges === undefined) return undefined;
  let out = args?.out ? resolve(workspaceRoot() ?? dirname(store.file), args.out) : undefined;
  if (!out) {
    const uri = await vscode.window.showSaveDialog({ title: `Export ${info.label}`, defaultUri: vscode.Uri.file(join(dirname(store.file), info.file)), filters: { [info.label]: [...info.extensions] }, saveLabel: 'Export' });
    if (!uri) return undefined;
    out = uri.fsPath;
  }
  if (resolve(out) === resolve(store.file)) throw new Error('that is the results file itself — choose another name for the export.');
  const r = await renderExport(format, records, store, judges);
  if (!r.ok) { void showWarning(`Pairwise: ${r.error}`); return undefined; }
  try { await writeAtomically(out, r.text); } catch (e) { throw new Error(explainWrite(out, e), { cause: e }); }
  const what = `${r.count} ${info.unit}${r.count === 1 ? '' : 's'}`;
  log().info(`export: ${what} as ${format} to ${out}`);
  const written = out;
  void showInfo(`Pairwise: exported ${what} as ${info.label} to ${written}`, 'Open').then(async (pick) => {
    if (pick) await vscode.window.showTextDocument(vscode.Uri.file(written), { preview: false });
  });
  return { format, path: out, count: r.count };
}
