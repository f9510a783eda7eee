/** The compare view controller: holds state, applies host messages and local edits, renders (throttled). */
import type { CompareViewState, CompareHostProtocol, SlotId, CompareWebviewProtocol } from '../../src/shared/compareProtocol';
import type { Messenger } from '../../src/shared/messenger';
import type { PanelCommand } from '../../src/shared/panelProtocol';
import { button, el, icon } from '../shared/dom';
import { BodyRenderer } from './bodyView';
import { checksShown } from './checksDisplay';
import { renderDiff } from './diffView';
import { keyToAction } from './keyboard';
import { COMPARE_TABS, DEFAULT_UI, type CompareTab, type CompareUiState, type PersistedCompareState } from '../../src/shared/compare/savedState';
import { displayText, SlotColumn } from './slotView';
import { statusLine } from './statsFormat';
import { titleNodes, titlePlain } from './titleText';
import { computeDraftDiff } from './textDiff';
import { createThrottle } from './throttle';
import { VerdictForm } from './verdictForm';
import { JudgeCard } from './judgeCard';
import { verdictChoices, buildSubmission } from './verdictOptions';
import { applyLocal, applySeqEvent, applySnapshot, isFinal, votingOpen, type LocalAction } from '../../src/shared/compare/reducer';

type WebviewMessenger = Messenger<CompareWebviewProtocol, CompareHostProtocol>;

/** Compare view controller. */
export class CompareApp {
  private view: CompareViewState | null;
  private ui: CompareUiState;
  private readonly columns: Record<SlotId, SlotColumn>;
  private readonly bodies: BodyRenderer;
  private readonly form: VerdictForm;
  private readonly judge = new JudgeCard();
  private readonly header = el('header', { class: 'pw-header' });
  private readonly tabs = el('div', { class: 'pw-tabs', attrs: { role: 'tablist', 'aria-label': 'View' } });
  private readonly tabTools = el('span', { class: 'pw-tab-tools' });
  private readonly diffPane = el('section', { class: 'pw-diff-pane', attrs: { 'aria-label': 'Differences between the drafts' } });
  // At most 10 renders a second while streaming, and at most a quarter of the time: a hostile draft whose Markdown
  // takes a second to render (a 300 KB table of empty cells) would otherwise keep the view busy for good.
  private readonly render = createThrottle(() => this.renderNow(), 100, undefined, 0.25);
  private readonly persist = createThrottle(() => this.save(), 300);
  private lastDiff = { key: '', a: '', b: '', at: 0 };
  private resyncAsked = -1;
  private wasVotingOpen = false;
  private headerKey = '';
  private wasRevealed: boolean | null = null;
  private readonly announcedStatus: Record<SlotId, string> = { left: '', right: '' };

  constructor(private readonly placeholder: HTMLElement, private readonly root: HTMLElement, private readonly messenger: WebviewMessenger,
    initial: PersistedCompareState | null, private readonly store: (s: PersistedCompareState) => void, private readonly announce: (text: string) => void) {
    this.view = initial?.view ?? null;
    this.ui = initial?.ui ?? { ...DEFAULT_UI };
    const slotActions = {
      retry: (slot: SlotId) => void this.ask('side/retry', { slot }),
      cancel: (slot: SlotId) => void this.ask('run/cancel', { slot }),
      command: (command: PanelCommand) => messenger.notify('command/run', { command }),
    };
    this.columns = { left: new SlotColumn('left', slotActions), right: new SlotColumn('right', slotActions) };
    this.bodies = new BodyRenderer({ openPatchDiff: (slot, path) => void this.ask('patch/openDiff', { slot, path }) });
    this.form = new VerdictForm({ dispatch: (a) => this.local(a), save: () => void this.saveVerdict() });
    this.tabs.addEventListener('keydown', (e) => this.onTabKey(e));
    root.replaceChildren(el('h1', { class: 'pw-visually-hidden', text: 'Pairwise comparison' }), this.header,
      el('div', { class: 'pw-tabbar' }, this.tabs, this.tabTools), this.judge.root, el('div', { class: 'pw-columns' }, this.columns.left.root, this.columns.right.root), this.diffPane, this.form.root);
    root.addEventListener('click', (e) => this.onClick(e));
    root.addEventListener('auxclick', (e) => { if ((e.target as Element | null)?.closest('[data-pw-link]')) e.preventDefault(); });
    document.addEventListener('keydown', (e) => this.onKey(e));
    messenger.onNotification('run/state', ({ state }) => { this.view = applySnapshot(this.view, state); this.bodies.reset(); this.changed(true); });
    messenger.onNotification('run/event', ({ seq, event }) => this.onEvent(seq, event));
    setInterval(() => { if (this.view && Object.values(this.view.slots).some((s) => s.status.kind === 'retrying')) this.render.schedule(); }, 1000);
    this.renderNow();
  }

  /** The state's seq, for the ready handshake. */
  get lastSeq(): number | null { return this.view?.seq ?? null; }
  /** Persists immediately (page hide). */
  flush(): void { this.persist.flush(); }

  private onEvent(seq: number, event: Parameters<typeof applySeqEvent>[2]): void {
    if (!this.view) { if (this.resyncAsked !== 0) { this.resyncAsked = 0; this.messenger.notify('run/resync', { lastSeq: 0 }); } return; }
    const r = applySeqEvent(this.view, seq, event);
    if (r.outcome === 'gap') {
      if (this.resyncAsked !== this.view.seq) { this.resyncAsked = this.view.seq; this.messenger.notify('run/resync', { lastSeq: this.view.seq }); }
      return;
    }
    this.view = r.state;
    if (r.outcome === 'applied') this.changed(event.type !== 'delta');
  }

  private changed(now: boolean): void {
    this.persist.schedule();
    if (now) { this.render.cancel(); this.renderNow(); } else this.render.schedule();
  }

  private local(a: LocalAction): void {
    if (!this.view) return;
    this.view = applyLocal(this.view, a);
    this.changed(true);
  }

  private save(): void { if (this.view) this.store({ view: this.view, ui: this.ui }); }

  private async ask<K extends keyof CompareWebviewProtocol['requests']>(method: K, params: CompareWebviewProtocol['requests'][K]['params']): Promise<boolean> {
    const r = await this.messenger.tryRequest(method, params);
    if (!r.ok) this.announce(`${method} failed: ${r.error.message}`);
    return r.ok;
  }

  private async saveVerdict(): Promise<void> {
    if (!this.view) return;
    const sub = buildSubmission(this.view);
    if (!sub) { this.renderNow(); return; }
    const choice = verdictChoices(this.view).find((c) => c.verdict === sub.verdict); // its label while still blind
    this.local({ type: 'save/start' });
    const r = await this.messenger.tryRequest('verdict/save', sub);
    if (!r.ok) { this.local({ type: 'save/failed', message: r.error.message }); this.announce(`Verdict not saved: ${r.error.message}`); return; }
    this.announce(`Verdict saved${choice ? `: ${choice.label}` : ''}.`);
  }

  private onClick(e: MouseEvent): void {
    const target = e.target as Element | null;
    if (target?.closest('a')) e.preventDefault(); // defence in depth: drafts carry no <a> (see sanitize.ts)
    this.openLink(e, target);
  }

  /** A link in model output (span[data-pw-link], never an href): the host asks before opening anything. */
  private openLink(e: Event, target: Element | null): boolean {
    const link = target?.closest('[data-pw-link]');
    const href = link?.getAttribute('data-pw-link');
    if (!href) return false;
    e.preventDefault();
    void this.ask('link/open', { href });
    return true;
  }

  private onKey(e: KeyboardEvent): void {
    const t = e.target as HTMLElement | null;
    if (e.key === 'Enter' && !e.ctrlKey && !e.metaKey && !e.altKey && !e.shiftKey && this.openLink(e, t)) return;
    const action = keyToAction({ key: e.key, ctrlKey: e.ctrlKey, metaKey: e.metaKey, altKey: e.altKey, shiftKey: e.shiftKey,
      targetTag: t?.tagName ?? '', targetEditable: t?.isContentEditable ?? false, targetType: (t as HTMLInputElement | null)?.type });
    if (!action || !this.view || !this.view.header) return;
    if (action.type === 'save') { e.preventDefault(); void this.saveVerdict(); return; }
    const choice = verdictChoices(this.view)[action.index];
    if (choice?.enabled) { e.preventDefault(); this.local({ type: 'draft/verdict', verdict: choice.verdict }); this.announce(`Verdict: ${choice.label}`); }
  }

  private setTab(tab: CompareTab): void { this.ui = { ...this.ui, tab }; this.persist.schedule(); this.renderNow(); }

  private renderNow(): void {
    const v = this.view;
    const attached = v !== null && v.header !== null;
    this.placeholder.hidden = attached;
    this.root.hidden = !attached;
    if (!v || !v.header) return;
    const masked = v.blind && !v.revealed;
    this.renderHeader(v, masked);
    this.renderTabs(v);
    const now = Date.now();
    for (const slot of ['left', 'right'] as const) {
      const col = this.columns[slot];
      col.update(v.slots[slot], { masked, maskTerms: v.maskTerms ?? [], hideCost: masked, readOnly: v.readOnly, now, checks: checksShown(v, slot, masked) });
      this.announceStatus(v, slot, masked, now);
      col.body.hidden = this.ui.tab === 'diff';
      if (this.ui.tab !== 'diff') this.bodies.render(slot, col.body, v.slots[slot], this.ui.tab, masked, v.maskTerms ?? []);
    }
    this.diffPane.hidden = this.ui.tab !== 'diff';
    if (this.ui.tab === 'diff') this.renderDiffPane(v, masked, now);
    this.form.update(v);
    this.judge.update(v, masked);
    if (v.revealed && this.wasRevealed === false) {
      const who = (slot: SlotId) => { const id = v.slots[slot].identity; return id ? `${id.model} (${id.provider})` : v.slots[slot].label; };
      this.announce(`Revealed: left was ${who('left')}, right was ${who('right')}.`);
    }
    this.wasRevealed = v.revealed;
    const open = votingOpen(v);
    if (open && !this.wasVotingOpen && !v.readOnly && v.verdict.savedAt === null) this.announce('Both sides finished: voting is open (keys 1–4).');
    this.wasVotingOpen = open;
  }

  /** Announces each column's status once per kind (waiting, streaming, done, failed…), not every tok/s update. */
  private announceStatus(v: CompareViewState, slot: SlotId, masked: boolean, now: number): void {
    const s = v.slots[slot];
    const key = `${v.header?.runId}|${s.status.kind}`;
    if (this.announcedStatus[slot] === key) return;
    const first = this.announcedStatus[slot] === '';
    this.announcedStatus[slot] = key;
    if (first && isFinal(s.status)) return; // a restored, finished view has nothing new to say
    const text = s.status.kind === 'streaming' ? 'Streaming' : statusLine(s.status, now).text;
    this.announce(`Draft ${s.label}: ${displayText(text, masked, v.maskTerms)}`);
  }

  private renderHeader(v: CompareViewState, masked: boolean): void {
    const h = v.header;
    if (!h) return;
    const anyRunning = !v.readOnly && (!isFinal(v.slots.left.status) || !isFinal(v.slots.right.status));
    const paper = h.paper ? displayText(h.paper, masked, v.maskTerms) : '—';
    const judging = v.judge?.status === 'running';
    const canAsk = v.canAskJudge === true && !anyRunning && isFinal(v.slots.left.status) && isFinal(v.slots.right.status);
    const key = JSON.stringify([h, paper, masked, v.blind, v.readOnly, anyRunning, canAsk, judging, Boolean(v.judge)]);
    if (key === this.headerKey) return;
    this.headerKey = key;
    const item = (label: string, value: string, ic: string, cls = '') => el('span', { class: `pw-header-item${cls}`, title: `${label}: ${titlePlain(value)}` }, icon(ic),
      el('span', { class: 'pw-visually-hidden', text: `${label}: ` }), el('span', { class: 'pw-header-value' }, ...titleNodes(value)));
    this.header.replaceChildren(
      item('Repository', displayText(h.repo, false), 'repo'), item('Commit', h.commit.slice(0, 12), 'git-commit'),
      item('Paper', paper, 'book', ' pw-header-paper'), item('Mode', h.mode === 'pin' ? 'pinned paper' : 'paper selection', 'settings'),
      el('span', { class: `pw-badge ${masked ? 'pw-blind' : 'pw-open'}`, text: masked ? 'Blind' : v.blind ? 'Revealed' : 'Not blind' }),
      v.readOnly ? el('span', { class: 'pw-badge', text: 'Read-only' }) : '',
      el('span', { class: 'pw-spacer' }),
      canAsk ? button(judging ? 'Judging…' : v.judge ? 'Ask judge again' : 'Ask judge', 'law', { class: 'pw-ask-judge', attrs: { disabled: judging ? '' : null, title: 'A second opinion from your LLM judge (pairwise.judge.model), in both orders; blind: shown after your verdict' },
        on: { click: () => this.messenger.notify('command/run', { command: 'judge/ask' }) } }) : '',
      anyRunning ? button('Cancel run', 'debug-stop', { on: { click: () => void this.ask('run/cancel', { slot: null }) } }) : '');
  }

  private renderTabs(v: CompareViewState): void {
    const hasPatch = v.slots.left.patch !== null || v.slots.right.patch !== null;
    const key = `${this.ui.tab}|${hasPatch}|${this.ui.diffLayout}`;
    if (this.tabs.dataset.key === key) return;
    this.tabs.dataset.key = key;
    const buttons = COMPARE_TABS.filter((t) => !t.needsPatch || hasPatch).map((t) => {
      const selected = this.ui.tab === t.id;
      return button(t.label, t.icon, { class: 'pw-tab', attrs: { role: 'tab', 'aria-selected': String(selected), tabindex: selected ? '0' : '-1', 'data-tab': t.id },
        on: { click: () => this.setTab(t.id) } });
    });
    const layout = this.ui.tab === 'diff' ? button(this.ui.diffLayout === 'split' ? 'Inline' : 'Side by side', this.ui.diffLayout === 'split' ? 'list-flat' : 'split-horizontal',
      { class: 'pw-diff-layout', on: { click: () => { this.ui = { ...this.ui, diffLayout: this.ui.diffLayout === 'split' ? 'inline' : 'split' }; this.lastDiff.key = ''; this.persist.schedule(); this.renderNow(); } } }) : null;
    const hadFocus = this.tabs.contains(document.activeElement);
    this.tabs.replaceChildren(...buttons);
    this.tabTools.replaceChildren(layout ?? '');
    if (hadFocus) this.tabs.querySelector<HTMLElement>('[aria-selected="true"]')?.focus();
  }

  /** Tab list keys (WAI-ARIA tabs pattern): arrows, Home and End move to and select a tab. */
  private onTabKey(e: KeyboardEvent): void {
    const tabs = [...this.tabs.querySelectorAll<HTMLElement>('[role="tab"]')];
    const i = tabs.findIndex((t) => t === document.activeElement);
    if (i < 0) return;
    const next = e.key === 'ArrowRight' ? (i + 1) % tabs.length : e.key === 'ArrowLeft' ? (i - 1 + tabs.length) % tabs.length
      : e.key === 'Home' ? 0 : e.key === 'End' ? tabs.length - 1 : -1;
    if (next < 0) return;
    e.preventDefault();
    this.setTab(tabs[next].dataset.tab as CompareTab);
  }

  private renderDiffPane(v: CompareViewState, masked: boolean, now: number): void {
    const a = displayText(v.slots.left.text, masked, v.maskTerms), b = displayText(v.slots.right.text, masked, v.maskTerms);
    const streaming = !isFinal(v.slots.left.status) || !isFinal(v.slots.right.status);
    const key = `${this.ui.diffLayout}|${v.slots.left.label}|${v.slots.right.label}`;
    const same = key === this.lastDiff.key && a === this.lastDiff.a && b === this.lastDiff.b;
    if (same) return;
    if (streaming && this.lastDiff.key !== '' && now - this.lastDiff.at < 1000) { this.render.schedule(); return; }
    this.lastDiff = { key, a, b, at: now };
    const diff = computeDraftDiff(a, b);
    const slotName = (slot: SlotId) => { const l = v.slots[slot].label; const side = slot === 'left' ? 'Left' : 'Right'; return `${side} draft · ${l}`; };
    this.diffPane.replaceChildren(renderDiff(diff, this.ui.diffLayout, { left: slotName('left'), right: slotName('right') }),
      streaming ? el('p', { class: 'pw-note', text: 'Drafts are still streaming; the diff refreshes every second.' }) : '');
  }
}
