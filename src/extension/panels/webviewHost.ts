/**
 * The one webview host both Pairwise panels (compare, dashboard) run on: panel creation and revival, webview
 * options and HTML, the host Messenger wired to the panel, the ready handshake (queue until `webview/ready`,
 * queue again while hidden), the shared panel notifications (commands, webview errors) and disposal.
 * The panels keep only their own vocabulary.
 */
import * as vscode from 'vscode';
import { Messenger, type ParamValidators, type ProtocolSpec } from '../../shared/messenger';
import type { PanelCommand, PanelWebviewNotifications, ViewName } from '../../shared/panelProtocol';
import { htmlFor, webviewOptions } from './webviewShell';

/** A view's protocol pair, with the notifications every view's webview sends. */
type WebviewIn = ProtocolSpec & { notifications: PanelWebviewNotifications };

/** How to open one kind of panel. */
export interface WebviewHostSpec<Out extends ProtocolSpec, In extends WebviewIn> {
  view: ViewName;
  viewType: string;
  title: string;
  validators: ParamValidators<In>;
  /** Per-method request timeouts of the host's own requests. */
  timeouts?: Partial<Record<keyof Out['requests'] & string, number>>;
  /** Extra panel options (find widget). */
  enableFindWidget?: boolean;
  iconPath?: string[];
}

/** Where and how a panel opens. */
export interface WebviewHostOpen { column?: vscode.ViewColumn; preserveFocus?: boolean; title?: string; log?: (line: string) => void }

/** One open panel: its messenger, lifecycle events and the shared notifications. */
export class WebviewHost<Out extends ProtocolSpec, In extends WebviewIn> implements vscode.Disposable {
  readonly messenger: Messenger<Out, In>;
  private disposed = false;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly readyEmitter = new vscode.EventEmitter<number | null>();
  private readonly commandEmitter = new vscode.EventEmitter<PanelCommand>();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();
  /** The webview (re)loaded and said what it restored (lastSeq); queued messages have been flushed. */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** A placeholder or toolbar button was pressed. */
  readonly onDidRequestCommand = this.commandEmitter.event;
  /** The panel was closed. */
  readonly onDidDispose = this.disposeEmitter.event;

  /** Creates a new VS Code panel for `spec`. */
  static create<O extends ProtocolSpec, I extends WebviewIn>(extensionUri: vscode.Uri, spec: WebviewHostSpec<O, I>, opts: WebviewHostOpen = {}): WebviewHost<O, I> {
    const panel = vscode.window.createWebviewPanel(spec.viewType, opts.title ?? spec.title,
      { viewColumn: opts.column ?? vscode.ViewColumn.Active, preserveFocus: opts.preserveFocus ?? false },
      { ...webviewOptions(extensionUri), retainContextWhenHidden: false, ...(spec.enableFindWidget ? { enableFindWidget: true } : {}) });
    return new WebviewHost(panel, extensionUri, spec, opts);
  }

  /** Registers the serializer that hands panels VS Code restored after a reload to `revive` (with their saved state). */
  static registerSerializer(viewType: string, revive: (panel: vscode.WebviewPanel, state: unknown) => void): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(viewType, { deserializeWebviewPanel: async (panel, state: unknown) => { revive(panel, state); } });
  }

  /** Attaches to a panel (new or revived): options, HTML, messenger, handshake. */
  constructor(readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, spec: WebviewHostSpec<Out, In>, opts: WebviewHostOpen = {}) {
    const log = opts.log ?? (() => undefined);
    panel.webview.options = webviewOptions(extensionUri);
    if (spec.iconPath) panel.iconPath = vscode.Uri.joinPath(extensionUri, ...spec.iconPath);
    this.messenger = new Messenger<Out, In>({
      post: (m) => { void panel.webview.postMessage(m); },
      subscribe: (l) => panel.webview.onDidReceiveMessage(l),
    }, { ready: false, readyOn: 'webview/ready', validators: spec.validators, timeouts: spec.timeouts ?? {}, onProblem: (m) => log(`[${spec.view} panel] ${m}`) });
    const on = <K extends keyof PanelWebviewNotifications & string>(method: K, h: (p: PanelWebviewNotifications[K]) => void) =>
      this.messenger.onNotification(method as keyof In['notifications'] & string, h as (p: In['notifications'][keyof In['notifications'] & string]) => void);
    this.disposables.push(
      on('webview/ready', ({ lastSeq }) => this.readyEmitter.fire(lastSeq)),
      on('command/run', ({ command }) => this.commandEmitter.fire(command)),
      on('webview/error', ({ message }) => log(`[${spec.view} webview] ${message}`)),
      panel.onDidChangeViewState(() => { if (!panel.visible) this.messenger.setReady(false); }),
      panel.onDidDispose(() => this.dispose()),
    );
    panel.webview.html = htmlFor(panel.webview, extensionUri, spec.view, opts.title ?? spec.title);
  }

  /** Brings the panel to the front. */
  reveal(column?: vscode.ViewColumn, preserveFocus?: boolean): void { this.panel.reveal(column, preserveFocus); }

  /** Keeps a disposable until the panel closes. */
  track(...ds: vscode.Disposable[]): void { this.disposables.push(...ds); }

  /** Closes the panel and releases everything. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    this.messenger.dispose();
    for (const d of this.disposables.splice(0)) d.dispose();
    this.panel.dispose();
    this.disposeEmitter.fire();
    for (const e of [this.readyEmitter, this.commandEmitter, this.disposeEmitter]) e.dispose();
  }
}
