/** Entry of the dashboard webview (started by webview/main.ts, bundled to dist/webview.js): shows the host-computed report model and its SVG charts, posts filter changes. */
import { Messenger } from '../../src/shared/messenger';
import { isDashboardData, type DashboardData, type DashboardFilters, type DashboardHostProtocol, type DashboardWebviewProtocol } from '../../src/shared/dashboardProtocol';
import type { PanelCommand } from '../../src/shared/panelProtocol';
import { button, el } from '../shared/dom';
import { vscodeApi, webviewTransport } from '../shared/vscodeApi';
import { revealBidi } from '../../src/shared/outsideText';
import { reportNodes } from './reportView';

const api = vscodeApi();
const messenger = new Messenger<DashboardWebviewProtocol, DashboardHostProtocol>(webviewTransport(api, window));
const root = document.getElementById('dashboard') as HTMLElement;
const stored: unknown = api.getState();
let data: DashboardData | null = isDashboardData(stored) ? stored : null;
window.addEventListener('error', (e) => messenger.notify('webview/error', { message: String(e.message).slice(0, 4000) }));

function filterSelect(label: string, key: 'repo' | 'paper' | 'rater', filters: DashboardFilters): HTMLElement {
  const select = el('select', { attrs: { 'aria-label': label } }, el('option', { text: 'All', attrs: { value: '' } }));
  for (const o of filters.options?.[key] ?? []) {
    const opt = el('option', { text: revealBidi(o), attrs: { value: o } });
    if (filters[key] === o) opt.selected = true;
    select.append(opt);
  }
  select.addEventListener('change', () => send({ ...filters, [key]: select.value || null }));
  return el('label', {}, el('span', { text: label }), select);
}

function modeSelect(filters: DashboardFilters): HTMLElement {
  const select = el('select', { attrs: { 'aria-label': 'Mode' } });
  for (const [value, text] of [['', 'All'], ['pin', 'Pinned paper'], ['selection', 'Paper selection']] as const) {
    const opt = el('option', { text, attrs: { value } });
    if ((filters.mode ?? '') === value) opt.selected = true;
    select.append(opt);
  }
  select.addEventListener('change', () => send({ ...filters, mode: select.value === 'pin' || select.value === 'selection' ? select.value : null }));
  return el('label', {}, el('span', { text: 'Mode' }), select);
}

function send(filters: DashboardFilters): void {
  const { options: _options, ...rest } = filters;
  messenger.notify('dashboard/filter', { filters: rest });
}

/** Widens a chart's viewBox to its measured content, so no label is ever clipped at the chart's edge. */
function fitToContent(svg: SVGSVGElement): void {
  const vb = svg.viewBox.baseVal;
  if (!vb || !vb.width) return;
  let box: DOMRect;
  try { box = svg.getBBox(); } catch { return; }
  const x0 = Math.min(vb.x, Math.floor(box.x) - 2), y0 = Math.min(vb.y, Math.floor(box.y) - 2);
  const x1 = Math.max(vb.x + vb.width, Math.ceil(box.x + box.width) + 2), y1 = Math.max(vb.y + vb.height, Math.ceil(box.y + box.height) + 2);
  if (x0 === vb.x && y0 === vb.y && x1 === vb.x + vb.width && y1 === vb.y + vb.height) return;
  svg.setAttribute('viewBox', `${x0} ${y0} ${x1 - x0} ${y1 - y0}`);
  svg.setAttribute('width', String(x1 - x0));
  svg.setAttribute('height', String(y1 - y0));
}

function render(): void {
  const newRun = button('New comparison', 'split-horizontal', { on: { click: () => command('compare/start') } });
  const head = el('header', { class: 'pw-dashboard-head' }, el('h1', { text: 'Pairwise dashboard' }), el('span', { class: 'pw-spacer' }),
    button('Open results file', 'go-to-file', { on: { click: () => command('results/open') } }), newRun);
  if (!data) { root.replaceChildren(head, el('p', { class: 'pw-muted', text: 'Loading results…' })); return; }
  const f = data.filters;
  const since = el('input', { attrs: { type: 'date', 'aria-label': 'Since', value: f.since ?? '' } });
  since.addEventListener('change', () => send({ ...f, since: since.value || null }));
  const filters = el('form', { class: 'pw-filters', attrs: { 'aria-label': 'Filters' } },
    filterSelect('Repository', 'repo', f), filterSelect('Paper', 'paper', f), modeSelect(f), filterSelect('Rater', 'rater', f),
    el('label', {}, el('span', { text: 'Since' }), since));
  filters.addEventListener('submit', (e) => e.preventDefault());
  if (!data.report) { root.replaceChildren(head, filters, el('p', { class: 'pw-muted', text: 'No comparisons recorded yet for these filters.' })); return; }
  const { nodes, fitted } = reportNodes(data.report, data.charts, {
    openCell: (ids, title) => messenger.notify('dashboard/audit', { ids: ids.slice(0, 100_000), title: title.slice(0, 500) }),
    run: (action) => { if (action === 'exportAudit') messenger.notify('dashboard/exportAudit', {}); },
  });
  root.replaceChildren(head, filters, ...nodes);
  for (const svg of fitted) fitToContent(svg);
}

function command(c: PanelCommand): void { messenger.notify('command/run', { command: c }); }

messenger.onNotification('dashboard/data', ({ data: d }) => { data = d; api.setState(d); render(); });
render();
messenger.notify('webview/ready', { view: 'dashboard', lastSeq: null });
