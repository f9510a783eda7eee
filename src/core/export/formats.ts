/**
 * The export formats, once: the extension's Export command and `pairwise export` both read this table, so a
 * format has one name, one set of options and one renderer. Adding a format is one entry here (plus its
 * renderer file and a test); see docs/architecture.md.
 */
import type { ResultRecord } from '../results/schema';
import { countArena, countTable, describeNothing, type ExportCount } from './exportCount';
import { exportCsv, exportJsonl } from './exportTable';
import { exportMarkdown } from './markdownExport';
import { exportArenaCsv, exportArenaJsonl } from './arena';
import { exportLlmComparator } from './llmComparator';
import { exportAuditCsv } from './auditExport';

/** What a renderer gets: the records, a way to read saved drafts, and the options the format declares. */
export interface ExportInput {
  records: readonly ResultRecord[];
  /** Path of the results file the records came from (LLM Comparator names it). */
  sourcePath: string;
  /** Reads a saved blob (draft text) back; null when it is missing. */
  readDraft: (runId: string, hash: string) => Promise<string | null>;
  /** comparator: the model pair (preset:model, preset:model); default the most compared pair. */
  pair?: [string, string];
  /** arena: add the LLM judges' verdicts as battles of their own (default people only). */
  judges?: boolean;
}

/** A rendered export: the text and what it wrote and skipped (by reason), or why there is nothing to write. */
export type ExportRender = { ok: true; text: string; count: ExportCount } | { ok: false; error: string; count?: ExportCount };

/** One export format. */
export interface ExportFormatSpec {
  label: string;
  /** One line for pickers and --help. */
  detail: string;
  /** Default file name and the save dialog's filter. */
  file: string;
  extensions: string[];
  /** What `count.written` counts. */
  unit: string;
  /** Options the format takes beyond the records (shared by both shells). */
  options: readonly ('pair' | 'judges')[];
  /** An empty export is still worth writing (a report that says "no comparisons"); otherwise both shells refuse it. */
  allowEmpty?: boolean;
  render(input: ExportInput): Promise<ExportRender>;
}

const done = (text: string, count: ExportCount): ExportRender => ({ ok: true, text, count });

/** Every export format by name, in menu order. */
export const EXPORT_FORMATS = {
  csv: { label: 'CSV', detail: 'One row per comparison with its effective verdict, models, routes, tokens, cost and timing',
    file: 'pairwise-comparisons.csv', extensions: ['csv'], unit: 'comparison', options: [],
    render: async ({ records }) => done(exportCsv(records), countTable(records, 'csv')) },
  jsonl: { label: 'JSONL', detail: 'Every record as stored (comparisons and verdict changes), for other tools or machines',
    file: 'pairwise-results-export.jsonl', extensions: ['jsonl'], unit: 'record', options: [],
    render: async ({ records }) => done(exportJsonl(records), countTable(records, 'jsonl')) },
  md: { label: 'Markdown report', detail: 'Leaderboard, head to head, outcomes, cost and time — the same text as `pairwise report`',
    file: 'pairwise-report.md', extensions: ['md'], unit: 'comparison', options: [], allowEmpty: true,
    render: async ({ records }) => done(exportMarkdown(records), countTable(records, 'md')) },
  'arena-jsonl': { label: 'LMArena battles (JSONL)', detail: 'model_a, model_b, winner per judged comparison (pending left out; people only unless judges are asked for)',
    file: 'pairwise-arena-battles.jsonl', extensions: ['jsonl'], unit: 'battle', options: ['judges'],
    render: async ({ records, judges }) => done(exportArenaJsonl(records, { judges }), countArena(records, { judges })) },
  'arena-csv': { label: 'LMArena battles (CSV)', detail: 'The same battles as CSV, readable by pandas / arena-rank',
    file: 'pairwise-arena-battles.csv', extensions: ['csv'], unit: 'battle', options: ['judges'],
    render: async ({ records, judges }) => done(exportArenaCsv(records, { judges }), countArena(records, { judges })) },
  comparator: { label: 'LLM Comparator (JSON)', detail: 'One model pair with both drafts (default the most compared pair), for PAIR-code/llm-comparator',
    file: 'pairwise-llm-comparator.json', extensions: ['json'], unit: 'example', options: ['pair'],
    render: async ({ records, sourcePath, readDraft, pair }) => {
      const r = await exportLlmComparator(records, { sourcePath, readDraft, ...(pair ? { pair } : {}) });
      if (!r.ok) return { ok: false, error: `${r.error} Nothing written (${describeNothing(r.count)}).`, count: r.count };
      return done(`${JSON.stringify(r.file, null, 2)}\n`, r.count);
    } },
  audit: { label: 'Judge audit set (CSV)', detail: 'Every pair where an LLM judge and the human verdict disagree, with both orders\' answers and reasons',
    file: 'pairwise-judge-audit.csv', extensions: ['csv'], unit: 'disagreement', options: [],
    render: async ({ records }) => { const r = exportAuditCsv(records); return done(r.text, r.count); } },
} as const satisfies Record<string, ExportFormatSpec>;

/** An export format name. */
export type ExportFormat = keyof typeof EXPORT_FORMATS;
/** Every format name, in menu order. */
export const EXPORT_FORMAT_NAMES = Object.keys(EXPORT_FORMATS) as ExportFormat[];

/** Whether a value names an export format. */
export function isExportFormat(v: unknown): v is ExportFormat {
  return typeof v === 'string' && Object.hasOwn(EXPORT_FORMATS, v);
}

/** The spec of a format. */
export function exportFormat(name: ExportFormat): ExportFormatSpec {
  return EXPORT_FORMATS[name];
}

/** Why an export is refused as empty (both shells say the same), or null when it may be written. */
export function emptyExportError(name: ExportFormat, r: Extract<ExportRender, { ok: true }>, source: string): string | null {
  const spec = exportFormat(name);
  if (r.count.written > 0 || spec.allowEmpty) return null;
  return `nothing to export from ${source}: ${describeNothing(r.count)}. No file written.`;
}
