/**
 * The compare WebviewPanel ('pairwise.compare'): owns one host Messenger, keeps an authoritative copy of the
 * CompareViewState (same pure reducer as the webview) and turns webview requests into events for the lead's
 * orchestrator. Hidden panels are not retained: on show the webview restores its own state and the host sends
 * a snapshot only if the webview is behind.
 */
import * as vscode from 'vscode';
import { createCompareViewState } from '../../shared/compare/viewState';
import { Messenger, type Result } from '../../shared/messenger';
import { compareValidators, type CompareEvent, type CompareViewState, type CompareHostProtocol, type CompareHostToWebview, type SlotId, type SlotIdentity, type VerdictSubmission, type CompareWebviewProtocol } from '../../shared/compareProtocol';
import type { PanelCommand } from '../../shared/panelProtocol';
import { applyEvent, isFinal } from '../../shared/compare/reducer';
import { parsePersistedState } from '../../shared/compare/savedState';
import { confirmAndOpenLink } from './linkOpener';
import { htmlFor, webviewOptions } from './webviewShell';

/** Result of a saved verdict; `reveal` (optional) is pushed to the webview right after. */
export interface SaveVerdictOutcome { savedAt: number; reveal?: Record<SlotId, SlotIdentity & { label: string }> }
/** Optional async handlers whose result becomes the webview's reply (errors show in the panel). */
export interface ComparePanelHandlers {
  saveVerdict(s: VerdictSubmission): Promise<Result<SaveVerdictOutcome>>;
  openPatchDiff(r: { runId: string; slot: SlotId; path: string }): Promise<Result<{ opened: boolean }>>;
  retrySide(r: { runId: string; slot: SlotId }): Promise<Result<{ accepted: boolean }>>;
  cancel(r: { runId: string; slot: SlotId | null }): Promise<Result<{ accepted: boolean }>>;
  openLink(href: string): Promise<Result<{ opened: boolean }>>;
}
/** Options for createOrShow / revive. */
export interface ComparePanelOptions {
  column?: vscode.ViewColumn; preserveFocus?: boolean; title?: string;
  handlers?: Partial<ComparePanelHandlers>; log?: (line: string) => void;
}

type HostMessenger = Messenger<CompareHostProtocol, CompareWebviewProtocol>;
/** The VS Code command behind each panel button. */
const PANEL_COMMAND_IDS: Record<PanelCommand, string> = {
  'compare/start': 'pairwise.compare', 'sample/open': 'pairwise.openSample', 'models/choose': 'pairwise.chooseModels',
  'paper/pin': 'pairwise.pinPaper', 'dashboard/show': 'pairwise.showDashboard', 'results/open': 'pairwise.openResults',
  'key/set': 'pairwise.setApiKey',
};
const fail = <T>(code: 'no_run' | 'rejected', message: string): Result<T> => ({ ok: false, error: { code, message } });

/** The compare panel. Create with `ComparePanel.createOrShow`; at most one is open at a time. */
export class ComparePanel implements vscode.Disposable {
  /** The webview view type (also the serializer id). */
  static readonly viewType = 'pairwise.compare';
  private static currentPanel: ComparePanel | undefined;
  /** The open panel, if any. */
  static get current(): ComparePanel | undefined { return ComparePanel.currentPanel; }

  private state: CompareViewState;
  private disposed = false;
  private handlers: Partial<ComparePanelHandlers>;
  private readonly messenger: HostMessenger;
  private readonly disposables: vscode.Disposable[] = [];
  private readonly verdictEmitter = new vscode.EventEmitter<VerdictSubmission>();
  private readonly cancelEmitter = new vscode.EventEmitter<{ runId: string; slot: SlotId | null }>();
  private readonly retryEmitter = new vscode.EventEmitter<{ runId: string; slot: SlotId }>();
  private readonly patchEmitter = new vscode.EventEmitter<{ runId: string; slot: SlotId; path: string }>();
  private readonly linkEmitter = new vscode.EventEmitter<{ href: string }>();
  private readonly commandEmitter = new vscode.EventEmitter<PanelCommand>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();
  private readonly disposeEmitter = new vscode.EventEmitter<void>();

  /** The developer saved a verdict (screen terms: map slots to sides with your swap). */
  readonly onDidSaveVerdict = this.verdictEmitter.event;
  /** Cancel one slot, or the whole run when slot is null. */
  readonly onDidRequestCancel = this.cancelEmitter.event;
  /** Retry a failed slot. */
  readonly onDidRequestRetrySide = this.retryEmitter.event;
  /** Open one file of a slot's patch in a diff editor. */
  readonly onDidRequestOpenPatchDiff = this.patchEmitter.event;
  /** A link was clicked (already vetted: http(s)/mailto); without an openLink handler the panel confirms and opens it. */
  readonly onDidRequestOpenLink = this.linkEmitter.event;
  /** A placeholder/toolbar button was pressed. */
  readonly onDidRequestCommand = this.commandEmitter.event;
  /** The webview finished loading (after every show or reload). */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** The panel was closed. */
  readonly onDidDispose = this.disposeEmitter.event;

  /** Shows the panel (creating it with the placeholder if needed). */
  static createOrShow(extensionUri: vscode.Uri, opts: ComparePanelOptions = {}): ComparePanel {
    const existing = ComparePanel.currentPanel;
    if (existing) {
      existing.panel.reveal(opts.column, opts.preserveFocus);
      if (opts.handlers) existing.setHandlers(opts.handlers);
      return existing;
    }
    const panel = vscode.window.createWebviewPanel(ComparePanel.viewType, opts.title ?? 'Pairwise',
      { viewColumn: opts.column ?? vscode.ViewColumn.Active, preserveFocus: opts.preserveFocus ?? false },
      { ...webviewOptions(extensionUri), retainContextWhenHidden: false, enableFindWidget: true });
    return new ComparePanel(panel, extensionUri, createCompareViewState({ header: null }), opts);
  }

  /** Re-attaches a panel restored by VS Code after a reload; never re-runs anything. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, persisted: unknown, opts: ComparePanelOptions = {}): ComparePanel {
    ComparePanel.currentPanel?.dispose();
    const restored = parsePersistedState(persisted)?.view ?? createCompareViewState({ header: null });
    const p = new ComparePanel(panel, extensionUri, restored, opts);
    const interrupted = !isFinal(restored.slots.left.status) || !isFinal(restored.slots.right.status);
    if (restored.header && interrupted) {
      p.pushEvent({ type: 'detached', message: 'Interrupted: the window was reloaded while this draft streamed. Run the comparison again.' });
    }
    return p;
  }

  /** Registers the serializer so the panel survives window reloads (needs activation event onWebviewPanel:pairwise.compare). */
  static registerSerializer(extensionUri: vscode.Uri, opts: ComparePanelOptions = {}): vscode.Disposable {
    return vscode.window.registerWebviewPanelSerializer(ComparePanel.viewType, {
      deserializeWebviewPanel: async (panel, state: unknown) => { ComparePanel.revive(panel, extensionUri, state, opts); },
    });
  }

  private constructor(private readonly panel: vscode.WebviewPanel, extensionUri: vscode.Uri, initial: CompareViewState, opts: ComparePanelOptions) {
    ComparePanel.currentPanel = this;
    this.state = initial;
    this.handlers = { ...opts.handlers };
    const log = opts.log ?? (() => undefined);
    panel.webview.options = webviewOptions(extensionUri);
    panel.iconPath = vscode.Uri.joinPath(extensionUri, 'media', 'pairwise.svg');
    this.messenger = new Messenger<CompareHostProtocol, CompareWebviewProtocol>({
      post: (m: CompareHostToWebview) => { void panel.webview.postMessage(m); },
      subscribe: (l) => panel.webview.onDidReceiveMessage(l),
    }, { ready: false, readyOn: 'webview/ready', validators: compareValidators, timeouts: {}, onProblem: (m) => log(`[compare panel] ${m}`) });
    this.registerMessages(log);
    panel.webview.html = htmlFor(panel.webview, extensionUri, 'compare', opts.title ?? 'Pairwise');
    this.disposables.push(
      panel.onDidChangeViewState(() => { if (!panel.visible) this.messenger.setReady(false); }),
      panel.onDidDispose(() => this.dispose()),
    );
  }

  /** The run shown now (null: placeholder). */
  get runId(): string | null { return this.state.header?.runId ?? null; }
  /** The state the host believes the webview shows. */
  get viewState(): CompareViewState { return this.state; }
  /** The underlying VS Code panel. */
  get webviewPanel(): vscode.WebviewPanel { return this.panel; }

  /** Replaces or adds request handlers. */
  setHandlers(handlers: Partial<ComparePanelHandlers>): void { this.handlers = { ...this.handlers, ...handlers }; }

  /** Shows a full state (new run, past comparison); its seq is assigned by the panel. */
  setState(state: CompareViewState): void {
    this.state = { ...state, seq: this.state.seq + 1 };
    if (this.messenger.isReady) this.messenger.notify('run/state', { state: this.state });
  }

  /** Applies one incremental event here and in the webview. */
  pushEvent(event: CompareEvent): void {
    const seq = this.state.seq + 1;
    this.state = { ...applyEvent(this.state, event), seq };
    if (this.messenger.isReady) this.messenger.notify('run/event', { seq, event });
  }

  /** Brings the panel to the front. */
  reveal(column?: vscode.ViewColumn, preserveFocus?: boolean): void { this.panel.reveal(column, preserveFocus); }

  private sendSnapshotIfBehind(lastSeq: number | null): void {
    if (lastSeq !== this.state.seq) this.messenger.notify('run/state', { state: this.state });
  }

  private requireRun(runId?: string): string | null {
    const current = this.state.header?.runId;
    return current && (runId === undefined || runId === current) ? current : null;
  }

  private registerMessages(log: (line: string) => void): void {
    const m = this.messenger;
    const noRun = 'This comparison is no longer attached to a run (the window was reloaded or a newer run replaced it).';
    this.disposables.push(
      m.onNotification('webview/ready', ({ lastSeq }) => { this.sendSnapshotIfBehind(lastSeq); this.readyEmitter.fire(); }),
      m.onNotification('run/resync', ({ lastSeq }) => this.sendSnapshotIfBehind(lastSeq)),
      m.onNotification('command/run', ({ command }) => {
        this.commandEmitter.fire(command);
        void vscode.commands.executeCommand(PANEL_COMMAND_IDS[command]); // placeholder and toolbar buttons
      }),
      m.onNotification('webview/error', ({ message }) => log(`[compare webview] ${message}`)),
      m.onRequest('verdict/save', async (s) => {
        if (!this.requireRun(s.runId)) return fail('no_run', noRun);
        if (this.state.readOnly || this.state.verdict.savedAt !== null) return fail('rejected', 'This verdict is already saved.');
        this.verdictEmitter.fire(s);
        const r: Result<SaveVerdictOutcome> = this.handlers.saveVerdict ? await this.handlers.saveVerdict(s) : { ok: true, value: { savedAt: Date.now() } };
        if (!r.ok) return r;
        this.pushEvent({ type: 'verdictSaved', savedAt: r.value.savedAt, draft: { verdict: s.verdict, ratings: s.ratings, notes: s.notes } });
        if (r.value.reveal) this.pushEvent({ type: 'reveal', identities: r.value.reveal });
        return { ok: true, value: { savedAt: r.value.savedAt } };
      }),
      m.onRequest('link/open', async ({ href }) => {
        this.linkEmitter.fire({ href });
        return this.handlers.openLink ? this.handlers.openLink(href) : confirmAndOpenLink(href);
      }),
      m.onRequest('patch/openDiff', async ({ slot, path }) => {
        const runId = this.requireRun();
        if (!runId) return fail('no_run', noRun);
        this.patchEmitter.fire({ runId, slot, path });
        return this.handlers.openPatchDiff ? this.handlers.openPatchDiff({ runId, slot, path }) : { ok: true, value: { opened: true } };
      }),
      m.onRequest('side/retry', async ({ slot }) => {
        const runId = this.requireRun();
        if (!runId || this.state.readOnly) return fail('no_run', noRun);
        if (this.state.slots[slot].status.kind !== 'failed') return fail('rejected', 'Only a failed side can be retried.');
        this.retryEmitter.fire({ runId, slot });
        return this.handlers.retrySide ? this.handlers.retrySide({ runId, slot }) : { ok: true, value: { accepted: true } };
      }),
      m.onRequest('run/cancel', async ({ slot }) => {
        const runId = this.requireRun();
        if (!runId || this.state.readOnly) return fail('no_run', noRun);
        this.cancelEmitter.fire({ runId, slot });
        return this.handlers.cancel ? this.handlers.cancel({ runId, slot }) : { ok: true, value: { accepted: true } };
      }),
    );
  }

  /** Closes the panel and releases everything. */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (ComparePanel.currentPanel === this) ComparePanel.currentPanel = undefined;
    this.messenger.dispose();
    const ds = this.disposables.splice(0);
    for (const d of ds) d.dispose();
    this.panel.dispose();
    this.disposeEmitter.fire();
    for (const e of [this.verdictEmitter, this.cancelEmitter, this.retryEmitter, this.patchEmitter, this.linkEmitter, this.commandEmitter, this.readyEmitter, this.disposeEmitter]) e.dispose();
  }
}
