// Renders the report model as Markdown: `pairwise report` and the Markdown export.
import { cellText, type ReportModel, type ReportSection, type ReportTable } from '../../shared/reportModel';
import { mdCell } from './format';
import { buildReportModel } from './reportModel';
import type { Stats } from './types';

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;

function tableLines(t: ReportTable, titled: boolean): string[] {
  return [...(titled ? [`**${mdCell(t.title)}**`, ''] : []), row(t.columns.map((c) => c.label)), row(t.columns.map((c) => (c.align === 'right' ? '---:' : '---'))),
    ...t.rows.map((r) => row(r.map((c) => mdCell(cellText(c))))), ...t.notes.flatMap((n) => ['', `_${mdCell(n)}_`]), ''];
}

function sectionLines(s: ReportSection): string[] {
  const out = s.title ? [`## ${mdCell(s.title)}`, ''] : [];
  if (s.empty) return [...out, `_${mdCell(s.empty)}_`, ''];
  if (s.lines.length) out.push(...s.lines.map((l) => `- ${mdCell(l)}`), '');
  for (const t of s.tables) out.push(...tableLines(t, s.tables.length > 1));
  for (const e of s.explanation) out.push(`_${mdCell(e)}_`, '');
  return out;
}

/** The report model as Markdown. */
export function renderModelMarkdown(model: ReportModel): string {
  return [`# ${mdCell(model.title)}`, '', ...model.sections.flatMap(sectionLines)].join('\n');
}

/** The full report as Markdown (used by `pairwise report` and the Markdown export). */
export function renderReportMarkdown(stats: Stats, title = 'Pairwise report'): string {
  return renderModelMarkdown(buildReportModel(stats, title));
}
