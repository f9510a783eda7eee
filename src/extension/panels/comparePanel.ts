/**
 * The compare WebviewPanel ('pairwise.compare') on the shared WebviewHost: the one owner of the compare view's
 * state whatever fills it (a live run, the sample, judging, a past comparison). A filler hands over its state
 * and handlers together with `show`, so nothing of the previous filler stays attached. The panel keeps an
 * authoritative copy of the state (same reducer as the webview); hidden panels are not retained: on show the
 * webview restores its own state and the host sends a snapshot only if the webview is behind.
 */
import * as vscode from 'vscode';
import { createCompareViewState } from '../../shared/compare/viewState';
import type { Result } from '../../shared/messenger';
import { compareValidators, type CompareEvent, type CompareViewState, type CompareHostProtocol, type JudgeView, type SlotId, type SlotIdentity, type VerdictSubmission, type CompareWebviewProtocol } from '../../shared/compareProtocol';
import type { SlotMap } from '../../shared/compare/slots';
import { JudgeGate } from '../judge/judgeView';
import type { PanelCommand } from '../../shared/panelProtocol';
import { applyEvent, isFinal } from '../../shared/compare/reducer';
import { parsePersistedState } from '../../shared/compare/savedState';
import { confirmAndOpenLink } from './linkOpener';
import { DeltaBatcher } from './deltaBatcher';
import { WebviewHost, type WebviewHostSpec } from './webviewHost';

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

/** What fills the panel. */
export type CompareContentKind = 'placeholder' | 'run' | 'sample' | 'judge' | 'past';
/**
 * A filler's whole hand-over: what to show, who answers the webview's requests, and (when it knows it) which side sits
 * left, so the panel can show an LLM judge's answer in screen terms. `state.judge` is gated like any judge answer.
 */
export interface CompareContent { kind: CompareContentKind; state: CompareViewState; handlers: Partial<ComparePanelHandlers>; map?: SlotMap }

const SPEC: WebviewHostSpec<CompareHostProtocol, CompareWebviewProtocol> = {
  view: 'compare', viewType: 'pairwise.compare', title: 'Pairwise', validators: compareValidators, enableFindWidget: true, iconPath: ['media', 'pairwise.svg'],
};
/** The VS Code command behind each panel button. */
const PANEL_COMMAND_IDS: Record<PanelCommand, string> = {
  'compare/start': 'pairwise.compare', 'sample/open': 'pairwise.openSample', 'models/choose': 'pairwise.chooseModels',
  'paper/pin': 'pairwise.pinPaper', 'dashboard/show': 'pairwise.showDashboard', 'results/open': 'pairwise.openResults',
  'key/set': 'pairwise.setApiKey', 'judge/ask': 'pairwise.askJudge',
};
const fail = <T>(code: 'no_run' | 'rejected', message: string): Result<T> => ({ ok: false, error: { code, message } });
const noRun = 'This comparison is no longer attached to a run (the window was reloaded or a newer run replaced it).';

/** The compare panel. Create with `ComparePanel.createOrShow`; at most one is open at a time. */
export class ComparePanel implements vscode.Disposable {
  /** The webview view type (also the serializer id). */
  static readonly viewType = SPEC.viewType;
  private static currentPanel: ComparePanel | undefined;
  /** The open panel, if any. */
  static get current(): ComparePanel | undefined { return ComparePanel.currentPanel; }

  private state: CompareViewState;
  private kind: CompareContentKind;
  private disposed = false;
  private handlers: Partial<ComparePanelHandlers>;
  private readonly deltas = new DeltaBatcher((e) => this.apply(e));
  private map: SlotMap | undefined;
  /** Every judge view passes through here: a blind comparison's judge verdict waits for the developer's. */
  private readonly gate = new JudgeGate((e) => this.pushEvent(e));
  private readonly host: WebviewHost<CompareHostProtocol, CompareWebviewProtocol>;
  private readonly verdictEmitter = new vscode.EventEmitter<VerdictSubmission>();
  private readonly cancelEmitter = new vscode.EventEmitter<{ runId: string; slot: SlotId | null }>();
  private readonly retryEmitter = new vscode.EventEmitter<{ runId: string; slot: SlotId }>();
  private readonly patchEmitter = new vscode.EventEmitter<{ runId: string; slot: SlotId; path: string }>();
  private readonly linkEmitter = new vscode.EventEmitter<{ href: string }>();
  private readonly readyEmitter = new vscode.EventEmitter<void>();

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
  readonly onDidRequestCommand: vscode.Event<PanelCommand>;
  /** The webview finished loading (after every show or reload). */
  readonly onDidBecomeReady = this.readyEmitter.event;
  /** The panel was closed. */
  readonly onDidDispose: vscode.Event<void>;

  /** Shows the panel (creating it with the placeholder if needed). */
  static createOrShow(extensionUri: vscode.Uri, opts: ComparePanelOptions = {}): ComparePanel {
    const existing = ComparePanel.currentPanel;
    if (existing) {
      existing.host.reveal(opts.column, opts.preserveFocus);
      if (opts.handlers) existing.setHandlers(opts.handlers);
      return existing;
    }
    return new ComparePanel(WebviewHost.create(extensionUri, SPEC, opts), createCompareViewState({ header: null }), opts);
  }

  /** Re-attaches a panel restored by VS Code after a reload; never re-runs anything. */
  static revive(panel: vscode.WebviewPanel, extensionUri: vscode.Uri, persisted: unknown, opts: ComparePanelOptions = {}): ComparePanel {
    ComparePanel.currentPanel?.dispose();
    const restored = parsePersistedState(persisted)?.view ?? createCompareViewState({ header: null });
    const p = new ComparePanel(new WebviewHost(panel, extensionUri, SPEC, opts), restored, opts);
    const interrupted = !isFinal(restored.slots.left.status) || !isFinal(restored.slots.right.status);
    if (restored.header && interrupted) {
      p.pushEvent({ type: 'detached', message: 'Interrupted: the window was reloaded while this draft streamed. Run the comparison again.' });
    }
    return p;
  }

  /** Registers the serializer so the panel survives window reloads (needs activation event onWebviewPanel:pairwise.compare). */
  static registerSerializer(extensionUri: vscode.Uri, opts: ComparePanelOptions = {}): vscode.Disposable {
    return WebviewHost.registerSerializer(SPEC.viewType, (panel, state) => { ComparePanel.revive(panel, extensionUri, state, opts); });
  }

  private constructor(host: WebviewHost<CompareHostProtocol, CompareWebviewProtocol>, initial: CompareViewState, opts: ComparePanelOptions) {
    ComparePanel.currentPanel = this;
    this.host = host;
    this.state = initial;
    this.kind = initial.header ? 'past' : 'placeholder';
    this.handlers = { ...opts.handlers };
    this.onDidRequestCommand = host.onDidRequestCommand;
    this.onDidDispose = host.onDidDispose;
    this.registerMessages();
    host.onDidDispose(() => this.dispose()); // not tracked: tracked listeners are released before the host fires this
  }

  /** The run shown now (null: placeholder). */
  get runId(): string | null { return this.state.header?.runId ?? null; }
  /** The state the host believes the webview shows. */
  get viewState(): CompareViewState { this.deltas.flush(); return this.state; }
  /** The underlying VS Code panel. */
  get webviewPanel(): vscode.WebviewPanel { return this.host.panel; }
  /** What fills the panel now. */
  get contentKind(): CompareContentKind { return this.kind; }
  /** Which side sits left in what is shown, when the filler said (a revived panel does not know). */
  get slotMap(): SlotMap | undefined { return this.map; }

  /** Hands the panel to a new filler: its state and its handlers replace the previous filler's entirely. */
  show(content: CompareContent): void {
    this.kind = content.kind;
    this.handlers = { ...content.handlers };
    this.map = content.map;
    // A recorded comparison can be judged; a live run once it is recorded (its filler calls judgeAvailable), never the sample.
    const canAskJudge = content.kind === 'past' || content.kind === 'judge' || (content.kind === 'run' && content.state.canAskJudge === true);
    this.setState(this.gate.initial({ ...content.state, canAskJudge }));
  }

  /** The live run `runId` is recorded: the toolbar may offer "Ask judge" now. */
  judgeAvailable(runId: string): void {
    if (this.kind === 'run' && this.runId === runId && !this.state.canAskJudge) this.setState({ ...this.state, canAskJudge: true });
  }

  /** Shows the LLM judge on comparison `runId` (ignored when another is shown); a blind one gets its verdict after the developer's. */
  showJudge(runId: string, view: JudgeView | null): boolean {
    return this.gate.offer(this.state, runId, view);
  }

  /** Adds or replaces handlers of the current filler. */
  setHandlers(handlers: Partial<ComparePanelHandlers>): void { this.handlers = { ...this.handlers, ...handlers }; }

  /** Replaces the state of the current filler (e.g. the run id once known); its seq is assigned by the panel. */
  setState(state: CompareViewState): void {
    this.deltas.flush();
    this.state = { ...state, seq: this.state.seq + 1 };
    if (this.host.messenger.isReady) this.host.messenger.notify('run/state', { state: this.state });
  }

  /** Applies one incremental event here and in the webview (deltas batched per slot: deltaBatcher.ts). */
  pushEvent(event: CompareEvent): void { this.deltas.push(event); }

  private apply(event: CompareEvent): void {
    const seq = this.state.seq + 1;
    this.state = { ...applyEvent(this.state, event), seq };
    if (this.host.messenger.isReady) this.host.messenger.notify('run/event', { seq, event });
  }

  /** Brings the panel to the front. */
  reveal(column?: vscode.ViewColumn, preserveFocus?: boolean): void { this.host.reveal(column, preserveFocus); }

  private sendSnapshotIfBehind(lastSeq: number | null): void {
    this.deltas.flush();
    if (lastSeq !== this.state.seq) this.host.messenger.notify('run/state', { state: this.state });
  }

  private requireRun(runId?: string): string | null {
    const current = this.state.header?.runId;
    return current && (runId === undefined || runId === current) ? current : null;
  }

  /** The webview's verdict/save request (the integration tests come in here too): save, reveal, then release a held judge answer. */
  async submitVerdict(s: VerdictSubmission): Promise<Result<{ savedAt: number }>> {
    if (!this.requireRun(s.runId)) return fail('no_run', noRun);
    if (this.state.readOnly || this.state.verdict.savedAt !== null) return fail('rejected', 'This verdict is already saved.');
    this.verdictEmitter.fire(s);
    const r: Result<SaveVerdictOutcome> = this.handlers.saveVerdict ? await this.handlers.saveVerdict(s) : { ok: true, value: { savedAt: Date.now() } };
    if (!r.ok) return r;
    this.pushEvent({ type: 'verdictSaved', savedAt: r.value.savedAt, draft: { verdict: s.verdict, ratings: s.ratings, notes: s.notes } });
    if (r.value.reveal) this.pushEvent({ type: 'reveal', identities: r.value.reveal });
    this.gate.release(this.state);
    return { ok: true, value: { savedAt: r.value.savedAt } };
  }

  private registerMessages(): void {
    const m = this.host.messenger;
    this.host.track(
      this.host.onDidBecomeReady((lastSeq) => { this.sendSnapshotIfBehind(lastSeq); this.readyEmitter.fire(); }),
      m.onNotification('run/resync', ({ lastSeq }) => this.sendSnapshotIfBehind(lastSeq)),
      this.host.onDidRequestCommand((command) => { void vscode.commands.executeCommand(PANEL_COMMAND_IDS[command]); }), // placeholder and toolbar buttons
      m.onRequest('verdict/save', (s) => this.submitVerdict(s)),
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
    this.deltas.dispose();
    if (ComparePanel.currentPanel === this) ComparePanel.currentPanel = undefined;
    this.host.dispose();
    for (const e of [this.verdictEmitter, this.cancelEmitter, this.retryEmitter, this.patchEmitter, this.linkEmitter, this.readyEmitter]) e.dispose();
  }
}
