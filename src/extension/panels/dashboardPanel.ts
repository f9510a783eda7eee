/**
 * The dashboard WebviewPanel ('pairwise.dashboard'): shows the report model and SVG charts the host computed
 * (src/core/stats) and reports filter changes and audit requests. Holds the latest data and resends it whenever the webview (re)loads.
 */
import * as vscode from 'vscode';
import { dashboardValidators, isDashboardData, type DashboardData, type DashboardFilters, type DashboardHostProtocol, type DashboardWebviewProtocol } from '../../shared/dashboardProtocol';
import type { PanelCommand } from '../../shared/panelProtocol';
import { WebviewHost, type WebviewHostSpec } from './webviewHost';

/** Options for DashboardPanel.createOrShow / revive. */
export interface DashboardPanelOptions { column?: vscode.ViewColumn; preserveFocus?: boolean; log?: (line: string) => void }

const SPEC: WebviewHostSpec<DashboardHostProtocol, DashboardWebviewProtocol> = {
  view: 'dashboard', viewType: 'pairwise.dashboard', title: 'Pairwise Dashboard', validators: dashboardValidators,
};

/** The dashboard panel; at most one is open. */
export class DashboardPanel implements vscode.Disposable {
  /** The webview view type (also the serializer id). */
  static readonly viewType = SPEC.viewType;
  private static currentPanel: DashboardPanel | undefined;
  /** The open dashboard, if any. */
  static get current(): DashboardPanel | undefined { return DashboardPanel.currentPanel; }

  private data: DashboardData | null;
  private disposed = false;
  private readonly host: WebviewHost<DashboardHostProtocol, DashboardWebviewProtocol>;
  private readonly filterEmitter = new vscode.EventEmitter<DashboardFilters>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly auditEmitter = new vscode.EventEmitter<{ ids: string[]; title: string } | 'export'>();
  /** An audit cell was activated (its comparisons), or "Export audit set" was pressed. */
  readonly onDidRequestAudit = this.auditEmitter.event;
  /** The developer changed a filter: recompute and call setData. */
  readonly onDidChangeFilters = this.filterEmitter.event;
  /** A toolbar button was pressed. */
  readonly onDidRequestCommand: vscode.Event<PanelCommand>;
  /** The webview (re)loaded; data, if any, has been resent. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** The panel was closed. */
  readonly onDidDispose: vscode.Event<void>;

  /** Shows the dashboard, creating it if needed. */
  static createOrShow(extensionUri: vscode.Uri, opts: DashboardPanelOptions = {}): DashboardPanel {
    const existing = DashboardPanel.currentPanel;
    if (existing) { existing.host.reveal(opts.column, opts.preserveFocus); return existing; }
    return new DashboardPanel(WebviewHost.create(extensionUri, SPEC, opts), null);
  }

  /** Registers the serializer (activation event onWebviewPanel:pairwise.dashboard); restores the last data shown. */
  static registerSerializer(extensionUri: vscode.Uri, opts: DashboardPanelOptions = {}): vscode.Disposable {
    return WebviewHost.registerSerializer(SPEC.viewType, (panel, state) => { DashboardPanel.revive(panel, extensionUri, state, opts); });
  }

  /** Re-attaches a dashboard VS Code restored after a reload, with the last data it showed. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: unknown, opts: DashboardPanelOptions = {}): DashboardPanel {
    DashboardPanel.currentPanel?.dispose();
    return new DashboardPanel(new WebviewHost(panel, extensionUri, SPEC, opts), isDashboardData(state) ? state : null);
  }

  private constructor(host: WebviewHost<DashboardHostProtocol, DashboardWebviewProtocol>, data: DashboardData | null) {
    DashboardPanel.currentPanel = this;
    this.host = host;
    this.data = data;
    this.onDidRequestCommand = host.onDidRequestCommand;
    this.onDidDispose = host.onDidDispose;
    host.track(
      host.onDidBecomeReady(() => { this.sendData(); this.readyEmitter.fire(); }),
      host.messenger.onNotification('dashboard/filter', ({ filters }) => this.filterEmitter.fire(filters)),
      host.messenger.onNotification('dashboard/audit', (p) => this.auditEmitter.fire(p)),
      host.messenger.onNotification('dashboard/exportAudit', () => this.auditEmitter.fire('export')),
    );
    host.onDidDispose(() => this.dispose()); // not tracked: tracked listeners are released before the host fires this
  }

  /** The data shown now. */
  get currentData(): DashboardData | null { return this.data; }

  /** Replaces the tables, charts and filters shown. */
  setData(data: DashboardData): void {
    this.data = data;
    if (this.host.messenger.isReady) this.sendData();
  }

  private sendData(): void { if (this.data) this.host.messenger.notify('dashboard/data', { data: this.data }); }

  /** Closes the panel. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (DashboardPanel.currentPanel === this) DashboardPanel.currentPanel = undefined;
    this.host.dispose();
    for (const e of [this.filterEmitter, this.readyEmitter, this.auditEmitter]) e.dispose();
  }
}
