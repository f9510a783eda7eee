/**
 * The dashboard WebviewPanel ('pairwise.dashboard'): shows tables and SVG charts the host computed (src/core/stats)
 * and reports filter changes. Holds the latest data and resends it whenever the webview (re)loads.
 */
import * as vscode from 'vscode';
import { Messenger } from '../../shared/messenger';
import { dashboardValidators, isDashboardData, type DashboardData, type DashboardFilters, type DashboardHostProtocol, type DashboardWebviewProtocol } from '../../shared/dashboardProtocol';
import type { PanelCommand } from '../../shared/panelProtocol';
import { htmlFor, webviewOptions } from './webviewShell';

/** Options for DashboardPanel.createOrShow / revive. */
export interface DashboardPanelOptions { column?: vscode.ViewColumn; preserveFocus?: boolean; log?: (line: string) => void }

/** The dashboard panel; at most one is open. */
export class DashboardPanel implements vscode.Disposable {
  /** The webview view type (also the serializer id). */
  static readonly viewType = 'pairwise.dashboard';
  private static currentPanel: DashboardPanel | undefined;
  /** The open dashboard, if any. */
  static get current(): DashboardPanel | undefined { return DashboardPanel.currentPanel; }

  private data: DashboardData | null;
  private disposed = false;
  private readonly messenger: Messenger<DashboardHostProtocol, DashboardWebviewProtocol>;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly filterEmitter = new vscode.EventEmitter<DashboardFilters>();
  private readonly commandEmitter = new vscode.EventEmitter<PanelCommand>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  /** The developer changed a filter: recompute and call setData. */
  readonly onDidChangeFilters = this.filterEmitter.event;
  /** A toolbar button was pressed. */
  readonly onDidRequestCommand = this.commandEmitter.event;
  /** The webview (re)loaded; data, if any, has been resent. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** The panel was closed. */
  readonly onDidDispose = this.disposeEmitter.event;

  /** Shows the dashboard, creating it if needed. */
  static createOrShow(extensionUri: vscode.Uri, opts: DashboardPanelOptions = {}): DashboardPanel {
    const existing = DashboardPanel.currentPanel;
    if (existing) { existing.panel.reveal(opts.column, opts.preserveFocus); return existing; }
    const panel = vscode.window.createWebviewPanel(DashboardPanel.viewType, 'Pairwise Dashboard',
      { viewColumn: opts.column ?? vscode.ViewColumn.Active, preserveFocus: opts.preserveFocus ?? false },
      { ...webviewOptions(extensionUri), retainContextWhenHidden: false });
    return new DashboardPanel(panel, extensionUri, null, opts);
  }

  /** Registers the serializer (activation event onWebviewPanel:pairwise.dashboard); restores the last data shown. */
  static registerSerializer(extensionUri: vscode.Uri, opts: DashboardPanelOptions = {}): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(DashboardPanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => { DashboardPanel.revive(panel, extensionUri, state, opts); },
    });
  }

  /** Re-attaches a dashboard VS Code restored after a reload, with the last data it showed. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, state: unknown, opts: DashboardPanelOptions = {}): DashboardPanel {
    DashboardPanel.currentPanel?.dispose();
    return new DashboardPanel(panel, extensionUri, isDashboardData(state) ? state : null, opts);
  }

  private constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, data: DashboardData | null, opts: DashboardPanelOptions) {
    DashboardPanel.currentPanel = this;
    this.data = data;
    const log = opts.log ?? (() => undefined);
    panel.webview.options = webviewOptions(extensionUri);
    this.messenger = new Messenger<DashboardHostProtocol, DashboardWebviewProtocol>({
      post: (m) => { void panel.webview.postMessage(m); },
      subscribe: (l) => panel.webview.onDidReceiveMessage(l),
    }, { ready: false, readyOn: 'webview/ready', validators: dashboardValidators, onProblem: (m) => log(`[dashboard] ${m}`) });
    this.disposables.push(
      this.messenger.onNotification('webview/ready', () => { this.sendData(); this.readyEmitter.fire(); }),
      this.messenger.onNotification('dashboard/filter', ({ filters }) => this.filterEmitter.fire(filters)),
      this.messenger.onNotification('command/run', ({ command }) => this.commandEmitter.fire(command)),
      this.messenger.onNotification('webview/error', ({ message }) => log(`[dashboard webview] ${message}`)),
      panel.onDidChangeViewState(() => { if (!panel.visible) this.messenger.setReady(false); }),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = htmlFor(panel.webview, extensionUri, 'dashboard', 'Pairwise Dashboard');
  }

  /** The data shown now. */
  get currentData(): DashboardData | null { return this.data; }

  /** Replaces the tables, charts and filters shown. */
  setData(data: DashboardData): void {
    this.data = data;
    if (this.messenger.isReady) this.sendData();
  }

  private sendData(): void { if (this.data) this.messenger.notify('dashboard/data', { data: this.data }); }

  /** Closes the panel. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (DashboardPanel.currentPanel === this) DashboardPanel.currentPanel = undefined;
    this.messenger.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.disposeEmitter.fire();
    for (const e of [this.filterEmitter, this.commandEmitter, this.readyEmitter, this.disposeEmitter]) e.dispose();
  }
}
