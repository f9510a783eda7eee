/**
 * `Pairwise: Show Dashboard`: reads the results file, computes the statistics (src/core/stats) for the chosen
 * filters and shows the report model (the Markdown report's sections) with its charts in the dashboard panel; re-reads when the file changes.
 */
import * as vscode from 'vscode';
import { basename, dirname } from 'node:path';
import type { DashboardData } from '../../shared/dashboardProtocol';
import type { PanelCommand } from '../../shared/panelProtocol';
import { computeStats } from '../../core/stats/computeStats';
import { statsSettings } from './statsSettings';
import { loadStyleFeatures } from '../../core/stats/styleLoad';
import { DashboardPanel } from '../panels/dashboardPanel';
import { log } from '../log';
import { loadResults, openResultsFile, openStore } from './resultsSource';
import { applyFilters, filterOptions, noFilters, normalizeFilters, type ResultsFilters } from './dashboardFilters';
import { buildReportModel } from '../../core/stats/reportModel';
import { reportCharts } from '../../core/stats/reportCharts';
import { setDashboardSource } from './testHooks';
import { showAuditPick } from './auditPick';
import { showError, showInfo } from '../notify';

/** Arguments for automation: start with these filters. */
export interface ShowDashboardArgs { filters?: Partial<ResultsFilters> }

/** What the command returns: a live view of the open dashboard (for automation and tests). */
export interface DashboardView { readonly data: DashboardData | undefined; readonly file: string; readonly refreshCount: number }

const DEBOUNCE_MS = 300;
const PANEL_COMMANDS: Record<PanelCommand, string | null> = {
  'compare/start': 'pairwise.compare', 'sample/open': 'pairwise.openSample', 'models/choose': 'pairwise.chooseModels',
  'paper/pin': 'pairwise.pinPaper', 'dashboard/show': null, 'results/open': null, 'key/set': 'pairwise.setApiKey', 'judge/ask': 'pairwise.askJudge',
};

/** Binds the dashboard panel to the results file: filters, file watching and recomputation. */
class DashboardController implements DashboardView {
  static current: DashboardController | undefined;
  data: DashboardData | undefined;
  file: string;
  refreshCount = 0;
  private filters: ResultsFilters = noFilters();
  private watcher: vscode.FileSystemWatcher | undefined;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private emptyNoticeShown = false;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, readonly panel: DashboardPanel) {
    this.file = openStore(context).file;
    this.watch();
    this.disposables.push(
      panel.onDidChangeFilters((f) => { this.filters = normalizeFilters({ ...f, mode: this.filters.mode }); void this.refresh(); }),
      panel.onDidRequestCommand((c) => void this.runCommand(c)),
      panel.onDidRequestAudit((a) => void this.audit(a)),
      panel.onDidDispose(() => this.dispose()),
      vscode.workspace.onDidChangeConfiguration((e) => {
        if (!e.affectsConfiguration('pairwise.resultsLocation') && !e.affectsConfiguration('pairwise.resultsPath')) return;
        try { this.file = openStore(context).file; } catch { return; }
        this.watch();
        this.schedule();
      }),
    );
    setDashboardSource(() => this.data);
  }

  setFilters(f: Partial<ResultsFilters> | undefined): void { if (f) this.filters = normalizeFilters(f); }

  /** Re-reads and recomputes; calls that arrive while one runs are folded into one more run. */
  refresh(): Promise<void> {
    if (this.running) { this.again = true; return this.running; }
    this.running = (async () => {
      do {
        this.again = false;
        try { await this.compute(); } catch (e) { log().error(`dashboard: ${(e as Error).message}`); void showError(`Pairwise: could not build the dashboard: ${(e as Error).message}`); }
      } while (this.again);
    })().finally(() => { this.running = undefined; });
    return this.running;
  }

  private async compute(): Promise<void> {
    const store = openStore(this.context);
    const { records, comparisons } = await loadResults(this.context, store);
    const filters: ResultsFilters = { ...this.filters, options: filterOptions(comparisons) };
    const kept = comparisons.length ? applyFilters(records, this.filters) : [];
    let data: DashboardData;
    if (!kept.some((r) => r.type === 'comparison')) {
      data = { report: null, charts: {}, filters };
      if (!comparisons.length) this.emptyNotice();
    } else {
      const stats = computeStats(kept, { ...statsSettings(), styles: await loadStyleFeatures(store.file, kept) });
      const report = buildReportModel(stats, 'Pairwise dashboard');
      data = { report, charts: reportCharts(stats, report), filters };
    }
    this.data = data;
    this.refreshCount += 1;
    this.panel.setData(data);
  }

  private emptyNotice(): void {
    if (this.emptyNoticeShown) return;
    this.emptyNoticeShown = true;
    void showInfo(`Pairwise: no comparisons recorded yet in ${this.file}. Open the sample comparison to see how a verdict works (no key needed), or run a comparison.`,
      'Open Sample Comparison', 'Compare').then((pick) => {
      if (pick === 'Open Sample Comparison') void vscode.commands.executeCommand('pairwise.openSample');
      else if (pick === 'Compare') void vscode.commands.executeCommand('pairwise.compare');
    });
  }

  private watch(): void {
    this.watcher?.dispose();
    const w = vscode.workspace.createFileSystemWatcher(new vscode.RelativePattern(vscode.Uri.file(dirname(this.file)), basename(this.file)));
    w.onDidChange(() => this.schedule());
    w.onDidCreate(() => this.schedule());
    w.onDidDelete(() => this.schedule());
    this.watcher = w;
  }

  private schedule(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => { this.timer = undefined; void this.refresh(); }, DEBOUNCE_MS);
  }

  private async runCommand(c: PanelCommand): Promise<void> {
    if (c === 'results/open') { await openResultsFile(this.file); return; }
    if (c === 'dashboard/show') { await this.refresh(); return; }
    const id = PANEL_COMMANDS[c];
    if (id) await vscode.commands.executeCommand(id);
  }

  private async audit(a: { ids: string[]; title: string } | 'export'): Promise<void> {
    try {
      if (a === 'export') await vscode.commands.executeCommand('pairwise.export', { format: 'audit' });
      else await showAuditPick(this.context, a.ids, a.title);
    } catch (e) { void showError(`Pairwise: ${(e as Error).message}`); }
  }

  dispose(): void {
    if (DashboardController.current === this) { DashboardController.current = undefined; setDashboardSource(undefined); }
    if (this.timer) clearTimeout(this.timer);
    this.watcher?.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** `Pairwise: Show Dashboard`: opens (or refreshes) the dashboard and resolves once its data is computed. */
export async function showDashboard(context: vscode.ExtensionContext, args?: ShowDashboardArgs): Promise<DashboardView> {
  openStore(context); // a results location that cannot be resolved fails here, before a panel opens
  const panel = DashboardPanel.createOrShow(context.extensionUri, { log: (l) => log().info(l) });
  return attachDashboard(context, panel, args);
}

/** Binds a dashboard panel (new, or revived after a reload) to the results file and computes its data. */
export async function attachDashboard(context: vscode.ExtensionContext, panel: DashboardPanel, args?: ShowDashboardArgs): Promise<DashboardView> {
  let ctl = DashboardController.current;
  if (!ctl || ctl.panel !== panel) {
    ctl?.dispose();
    ctl = new DashboardController(context, panel);
    DashboardController.current = ctl;
  }
  ctl.setFilters(args?.filters);
  await ctl.refresh();
  return ctl;
}
