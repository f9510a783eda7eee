/**
 * The report as data, built once from the statistics (src/core/stats/reportModel.ts) and rendered twice: as
 * Markdown (`pairwise report`, the Markdown export) and by the dashboard webview. Sections come in reading order;
 * each explains what its numbers mean and when not to trust them, holds tables of already formatted cells, and
 * names the charts the dashboard draws beside them. Pure data: no vscode, no DOM, no Node.
 */
import { isObj } from './guards';

/** How a column's cells line up: labels and prose left, counts and figures right. */
export type ReportAlign = 'left' | 'right';

/** What a column holds: the row's label (model, pair, rater), text, or a figure. */
export type ReportColumnKind = 'label' | 'text' | 'number';

/** One column head. */
export interface ReportColumn { label: string; align: ReportAlign; kind: ReportColumnKind }

/**
 * A cell with more than text: `ids` are the comparisons behind it (an audit cell the dashboard can open one by one),
 * `tone` marks agreement (diagonal) or disagreement (off-diagonal) in a matrix, `shade` (0–1) its share of the row,
 * `about` says what the cell is in words (its accessible name, and the title of the list of its comparisons).
 */
export interface ReportCell { text: string; ids?: string[]; tone?: 'agree' | 'disagree'; shade?: number; about?: string }

/** A formatted cell: plain text, or text with comparisons and a tone. */
export type ReportCellValue = string | ReportCell;

/** One table: formatted rows under typed columns, with notes that qualify it. */
export interface ReportTable {
  /** Stable within the report (charts and tests refer to it). */
  id: string;
  title: string;
  columns: ReportColumn[];
  rows: ReportCellValue[][];
  /** Short qualifications printed under the table. */
  notes: string[];
  /** A matrix (rows × columns of the same categories): drawn as an agreement matrix on the dashboard. */
  matrix?: { rows: string; columns: string };
}

/** Charts the dashboard can draw (src/core/stats/reportCharts.ts maps each to its SVG). */
export const REPORT_CHART_IDS = ['leaderboard', 'costWin', 'wallTime', 'ttft', 'servingTtft', 'outcomes'] as const;
/** A chart's id. */
export type ReportChartId = (typeof REPORT_CHART_IDS)[number];

/** A chart of a section; `table` names the section's table drawn beside it (its counts). */
export interface ReportChartRef { id: ReportChartId; title: string; table?: string }

/** Actions a section offers on the dashboard (the Markdown report names the equivalent command in its notes). */
export const REPORT_ACTIONS = ['exportAudit'] as const;
/** A section action: what it does and its button label. */
export interface ReportAction { id: (typeof REPORT_ACTIONS)[number]; label: string }

/** One section of the report. */
export interface ReportSection {
  id: string;
  title: string;
  /** Shown instead of the tables when there is nothing to report. */
  empty?: string;
  /** Findings in sentences (Markdown: a bullet list). */
  lines: string[];
  tables: ReportTable[];
  charts: ReportChartRef[];
  /** What the numbers mean and when not to trust them. */
  explanation: string[];
  actions?: ReportAction[];
}

/** The whole report. */
export interface ReportModel { title: string; sections: ReportSection[] }

/** The text of a cell. */
export function cellText(c: ReportCellValue): string {
  return typeof c === 'string' ? c : c.text;
}

const strs = (v: unknown): boolean => Array.isArray(v) && v.every((x) => typeof x === 'string');
const isCell = (c: unknown): boolean => typeof c === 'string'
  || (isObj(c) && typeof c.text === 'string' && (c.ids === undefined || strs(c.ids)) && (c.tone === undefined || c.tone === 'agree' || c.tone === 'disagree')
    && (c.shade === undefined || (typeof c.shade === 'number' && c.shade >= 0 && c.shade <= 1)) && (c.about === undefined || typeof c.about === 'string'));
const isColumn = (c: unknown): boolean => isObj(c) && typeof c.label === 'string' && (c.align === 'left' || c.align === 'right')
  && (c.kind === 'label' || c.kind === 'text' || c.kind === 'number');
const isTable = (t: unknown): boolean => isObj(t) && typeof t.id === 'string' && typeof t.title === 'string' && Array.isArray(t.columns) && t.columns.every(isColumn)
  && Array.isArray(t.rows) && t.rows.every((r) => Array.isArray(r) && r.every(isCell)) && strs(t.notes);
const isChart = (c: unknown): boolean => isObj(c) && typeof c.title === 'string' && (REPORT_CHART_IDS as readonly unknown[]).includes(c.id)
  && (c.table === undefined || typeof c.table === 'string');
const isSection = (s: unknown): boolean => isObj(s) && typeof s.id === 'string' && typeof s.title === 'string' && (s.empty === undefined || typeof s.empty === 'string')
  && strs(s.lines) && Array.isArray(s.tables) && s.tables.every(isTable) && Array.isArray(s.charts) && s.charts.every(isChart) && strs(s.explanation)
  && (s.actions === undefined || (Array.isArray(s.actions) && s.actions.every((a) => isObj(a) && (REPORT_ACTIONS as readonly unknown[]).includes(a.id) && typeof a.label === 'string')));

/** Whether a value has the ReportModel shape (data restored from webview state comes from outside our control). */
export function isReportModel(v: unknown): v is ReportModel {
  return isObj(v) && typeof v.title === 'string' && Array.isArray(v.sections) && v.sections.every(isSection);
}
