/** Draws the report model (src/shared/reportModel.ts) in the dashboard: sections, tables, charts and notes, the same content the Markdown report prints. */
import { cellText, type ReportAction, type ReportCellValue, type ReportChartId, type ReportModel, type ReportSection, type ReportTable } from '../../src/shared/reportModel';
import { revealBidi } from '../../src/shared/outsideText';
import { sanitizeSvg } from '../compare/sanitize';
import { button, el } from '../shared/dom';

/** What a cell that names comparisons does when activated (the audit set: the host lists them), and the sections' actions. */
export interface ReportViewActions { openCell?(ids: string[], title: string): void; run?(action: ReportAction['id']): void }

/** A chart's table sits beside it only when it is narrow enough to read there. */
const BESIDE_MAX_COLUMNS = 6;

function cellNode(c: ReportCellValue, header: boolean, align: string, context: string, actions: ReportViewActions): HTMLElement {
  const text = revealBidi(cellText(c));
  const tone = typeof c === 'string' || !c.tone ? '' : ` pw-cell-${c.tone}`;
  const cls = `${align === 'right' ? 'pw-num' : ''}${tone}`.trim();
  const node = header ? el('th', { class: cls, attrs: { scope: 'row' } }) : el('td', { class: cls });
  if (typeof c !== 'string' && c.shade !== undefined) node.style.setProperty('--pw-shade', String(Math.max(0, Math.min(1, c.shade))));
  const ids = typeof c === 'string' ? undefined : c.ids;
  if (ids?.length && actions.openCell) {
    const open = actions.openCell;
    const about = typeof c === 'string' || !c.about ? context : revealBidi(c.about);
    const many = `${ids.length} comparison${ids.length === 1 ? '' : 's'}`;
    node.append(el('button', { class: 'pw-cell-open', text, title: `${about}: open the ${many}`, attrs: { type: 'button', 'aria-label': `${about}: ${many}, open them` },
      on: { click: () => open([...ids], about) } }));
  } else node.textContent = text;
  return node;
}

/** A column with no text in any row (e.g. a note column nothing needed) is left out on screen. */
const usedColumns = (t: ReportTable): number[] => t.columns.map((_, i) => i).filter((i) => t.rows.some((r) => cellText(r[i] ?? '') !== ''));

/** One table; a wide one scrolls inside its wrapper, which keyboard users can focus to scroll. `hideCaption`: the section heading already says it. */
export function tableNode(t: ReportTable, actions: ReportViewActions, cls = '', hideCaption = false): HTMLElement {
  const labelCol = t.columns.findIndex((c) => c.kind === 'label');
  const cols = usedColumns(t);
  const table = el('table', { class: `pw-table${t.matrix ? ' pw-matrix' : ''}${cls}` }, el('caption', { text: t.title, class: hideCaption ? 'pw-visually-hidden' : '' }),
    el('thead', {}, el('tr', {}, ...cols.map((i) => t.columns[i]).map((c) => el('th', { class: c.align === 'right' ? 'pw-num' : '', text: c.label, attrs: { scope: 'col' } })))));
  const body = el('tbody');
  for (const row of t.rows) {
    const head = labelCol >= 0 ? cellText(row[labelCol] ?? '') : '';
    body.append(el('tr', {}, ...cols.map((i) => cellNode(row[i] ?? '', i === labelCol, t.columns[i].align, `${t.title}: ${head} × ${t.columns[i].label}`, actions))));
  }
  table.append(body);
  const wrap = el('div', { class: 'pw-table-wrap', attrs: { tabindex: '0', role: 'region', 'aria-label': `${t.title} (table)` } }, table);
  if (t.notes.length) wrap.append(...t.notes.map((n) => el('p', { class: 'pw-table-note', text: revealBidi(n) })));
  return wrap;
}

function chartFigure(title: string, svg: string, fitted: SVGSVGElement[]): HTMLElement {
  const node = sanitizeSvg(svg);
  const root = node.firstElementChild;
  if (root instanceof SVGSVGElement) fitted.push(root);
  return el('figure', { class: 'pw-chart-card' }, el('figcaption', { class: 'pw-chart-title', text: title }), node);
}

function sectionNode(s: ReportSection, charts: Partial<Record<ReportChartId, string>>, fitted: SVGSVGElement[], actions: ReportViewActions): HTMLElement {
  const id = `pw-section-${s.id}`;
  const out = el('section', { class: `pw-report-section pw-section-${s.id}`, attrs: s.title ? { 'aria-labelledby': id } : { 'aria-label': 'Summary' } });
  if (s.title) out.append(el('h2', { text: s.title, attrs: { id } }));
  if (s.empty) { out.append(el('p', { class: 'pw-muted', text: s.empty })); return out; }
  if (s.lines.length) out.append(s.title ? el('ul', { class: 'pw-report-lines' }, ...s.lines.map((l) => el('li', { text: revealBidi(l) })))
    : el('p', { class: 'pw-report-summary', text: revealBidi(s.lines.join(' ')) }));
  const beside = new Set<string>();
  const alone: HTMLElement[] = [];
  for (const c of s.charts) {
    const svg = charts[c.id];
    if (!svg) continue;
    const t = c.table ? s.tables.find((x) => x.id === c.table) : undefined;
    if (t && t.columns.length <= BESIDE_MAX_COLUMNS) {
      beside.add(t.id);
      out.append(el('div', { class: 'pw-chart-row' }, chartFigure(c.title, svg, fitted), tableNode(t, actions, ' pw-chart-table')));
    } else alone.push(chartFigure(c.title, svg, fitted));
  }
  if (alone.length) out.append(el('div', { class: `pw-chart-grid${alone.length === 1 ? ' pw-chart-alone' : ''}` }, ...alone));
  const rest = s.tables.filter((t) => !beside.has(t.id));
  for (const t of rest.filter((x) => !x.matrix)) out.append(tableNode(t, actions, '', s.tables.length === 1));
  const matrices = rest.filter((x) => x.matrix);
  if (matrices.length) out.append(el('div', { class: 'pw-matrix-grid' }, ...matrices.map((t) => tableNode(t, actions))));
  const run = actions.run;
  if (s.actions?.length && run) out.append(el('div', { class: 'pw-report-actions' }, ...s.actions.map((a) => button(a.label, 'export', { on: { click: () => run(a.id) } }))));
  if (s.explanation.length) out.append(el('div', { class: 'pw-report-explain' }, ...s.explanation.map((e) => el('p', { text: revealBidi(e) }))));
  return out;
}

/** Sections with nothing to show yet, gathered in one short list at the end instead of interrupting the rest. */
function emptyNode(sections: readonly ReportSection[]): HTMLElement | null {
  if (!sections.length) return null;
  return el('section', { class: 'pw-report-section pw-report-empty', attrs: { 'aria-labelledby': 'pw-section-empty' } }, el('h2', { text: 'Not enough data yet', attrs: { id: 'pw-section-empty' } }),
    el('ul', { class: 'pw-report-lines' }, ...sections.map((s) => el('li', {}, el('strong', { text: s.title }), ` — ${s.empty ?? ''}`))));
}

/** Every section of the report, in order (empty ones last, in brief); the SVGs it drew (to fit to their content once attached). */
export function reportNodes(model: ReportModel, charts: Partial<Record<ReportChartId, string>>, actions: ReportViewActions = {}): { nodes: HTMLElement[]; fitted: SVGSVGElement[] } {
  const fitted: SVGSVGElement[] = [];
  const shown = model.sections.filter((s) => !s.empty || !s.title);
  const empty = emptyNode(model.sections.filter((s) => s.empty && s.title));
  return { nodes: [...shown.map((s) => sectionNode(s, charts, fitted, actions)), ...(empty ? [empty] : [])], fitted };
}
