/** `Pairwise: Export`: writes the results as CSV, JSONL, a Markdown report, LMArena battles or LLM Comparator JSON. */
import * as vscode from 'vscode';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { randomBytes } from 'node:crypto';
import type { ResultRecord } from '../../core/results/schema';
import type { ResultsStore } from '../../core/results/resultsStore';
import { foldAmends } from '../../core/results/foldAmends';
import { exportCsv, exportJsonl } from '../../core/export/exportTable';
import { exportMarkdown } from '../../core/export/markdownExport';
import { exportArenaCsv, exportArenaJsonl, toArenaBattles } from '../../core/export/arena';
import { exportLlmComparator } from '../../core/export/llmComparator';
import { workspaceRoot } from '../settings';
import { log } from '../log';
import { loadResults } from './resultsSource';
import { showInfo, showWarning } from '../notify';

/** Export formats. */
export type ExportFormat = 'csv' | 'jsonl' | 'md' | 'arena-jsonl' | 'arena-csv' | 'comparator';
/** Arguments for automation: format and output path (relative paths resolve against the workspace). */
export interface ExportArgs { format?: ExportFormat; out?: string }
/** What was written. */
export interface ExportOutcome { format: ExportFormat; path: string; count: number }

interface FormatInfo { label: string; detail: string; file: string; filter: Record<string, string[]>; unit: string }
const FORMATS: Record<ExportFormat, FormatInfo> = {
  csv: { label: 'CSV', detail: 'One row per comparison with its effective verdict, models, routes, tokens, cost and timing', file: 'pairwise-comparisons.csv', filter: { CSV: ['csv'] }, unit: 'comparison' },
  jsonl: { label: 'JSONL', detail: 'Every record as stored (comparisons and verdict changes), for other tools or machines', file: 'pairwise-results-export.jsonl', filter: { JSONL: ['jsonl'] }, unit: 'record' },
  md: { label: 'Markdown report', detail: 'Leaderboard, head to head, outcomes, cost and time — the same text as `pairwise report`', file: 'pairwise-report.md', filter: { Markdown: ['md'] }, unit: 'comparison' },
  'arena-jsonl': { label: 'LMArena battles (JSONL)', detail: 'model_a, model_b, winner per judged comparison (pending left out)', file: 'pairwise-arena-battles.jsonl', filter: { JSONL: ['jsonl'] }, unit: 'battle' },
  'arena-csv': { label: 'LMArena battles (CSV)', detail: 'The same battles as CSV, readable by pandas / arena-rank', file: 'pairwise-arena-battles.csv', filter: { CSV: ['csv'] }, unit: 'battle' },
  comparator: { label: 'LLM Comparator (JSON)', detail: 'The most compared model pair with both drafts, for PAIR-code/llm-comparator', file: 'pairwise-llm-comparator.json', filter: { JSON: ['json'] }, unit: 'example' },
};

/** Whether a value names an export format. */
export function isExportFormat(v: unknown): v is ExportFormat {
  return typeof v === 'string' && Object.hasOwn(FORMATS, v);
}

/** The exported text and how many items it holds, or why there is nothing to write. */
export async function renderExport(format: ExportFormat, records: readonly ResultRecord[], store: Pick<ResultsStore, 'readBlob' | 'file'>):
  Promise<{ ok: true; text: string; count: number } | { ok: false; error: string }> {
  const comparisons = foldAmends(records).length;
  switch (format) {
    case 'csv': return { ok: true, text: exportCsv(records), count: comparisons };
    case 'jsonl': return { ok: true, text: exportJsonl(records), count: records.length };
    case 'md': return { ok: true, text: exportMarkdown(records, { title: 'Pairwise report' }), count: comparisons };
    case 'arena-jsonl':
    case 'arena-csv': {
      const n = toArenaBattles(records).length;
      if (!n) return { ok: false, error: 'no judged comparison to export as a battle yet (pending verdicts are left out) — judge some with "Pairwise: Judge Pending".' };
      return { ok: true, text: format === 'arena-csv' ? exportArenaCsv(records) : exportArenaJsonl(records), count: n };
    }
    case 'comparator': {
      const r = await exportLlmComparator(records, { sourcePath: store.file,
        readDraft: async (id, hash) => { const b = await store.readBlob(id, hash); return b.ok ? b.text : null; } });
      if (!r.ok) return { ok: false, error: r.error };
      return { ok: true, text: `${JSON.stringify(r.file, null, 2)}\n`, count: r.file.examples.length };
    }
  }
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
    (Object.keys(FORMATS) as ExportFormat[]).map((f) => ({ label: FORMATS[f].label, detail: FORMATS[f].detail, format: f })),
    { title: 'Pairwise: export results as…', matchOnDetail: true });
  return pick?.format;
}

/** `Pairwise: Export`: asks for the format and file (unless given), writes it and says where; returns what was written. */
export async function exportResults(context: vscode.ExtensionContext, args?: ExportArgs): Promise<ExportOutcome | undefined> {
  if (args?.format !== undefined && !isExportFormat(args.format)) throw new Error(`unknown export format "${String(args.format)}"; use one of ${Object.keys(FORMATS).join(', ')}.`);
  const { store, records } = await loadResults(context);
  if (!records.length) {
    const pick = await showWarning(`Pairwise: nothing to export — ${store.file} has no comparisons yet. Run "Pairwise: Compare" first.`, 'Compare');
    if (pick) await vscode.commands.executeCommand('pairwise.compare');
    return undefined;
  }
  const format = args?.format ?? await askFormat();
  if (!format) return undefined;
  const info = FORMATS[format];
  let out = args?.out ? resolve(workspaceRoot() ?? dirname(store.file), args.out) : undefined;
  if (!out) {
    const uri = await vscode.window.showSaveDialog({ title: `Export ${info.label}`, defaultUri: vscode.Uri.file(join(dirname(store.file), info.file)), filters: info.filter, saveLabel: 'Export' });
    if (!uri) return undefined;
    out = uri.fsPath;
  }
  if (resolve(out) === resolve(store.file)) throw new Error('that is the results file itself — choose another name for the export.');
  const r = await renderExport(format, records, store);
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
