/** One column of the compare view: title, route badge, status, stats, check badges, actions and the body. */
import type { RouteBadge, SlotId, SlotView } from '../../src/shared/compareProtocol';
import { button, el, icon, setText } from '../shared/dom';
import { maskIdentity } from './mask';
import { statItems, statusLine } from './statsFormat';
import { isFinal } from '../../src/shared/compare/reducer';
import { revealBidi } from '../../src/shared/outsideText';

/** Context the column needs beyond its own slot. */
export interface SlotContext { masked: boolean; maskTerms: readonly string[]; hideCost: boolean; readOnly: boolean; now: number }
/** Actions the column can trigger. */
export interface SlotActions { retry(slot: SlotId): void; cancel(slot: SlotId): void }

const ROUTE_LABEL: Record<RouteBadge, { text: string; icon: string; title: string }> = {
  pr: { text: 'PR', icon: 'git-pull-request', title: 'The model proposes a pull request' },
  issue: { text: 'Issue', icon: 'issues', title: 'The model proposes an issue' },
  skip: { text: 'Skip', icon: 'circle-slash', title: 'The model found nothing worth contributing' },
  unparsed: { text: 'Unparsed', icon: 'question', title: 'The answer did not follow the expected format' },
};

/** Masks a display string when blind; bidi controls always show as visible marks (a title cannot reorder itself). */
export function displayText(text: string, masked: boolean, terms: readonly string[] = []): string { return revealBidi(masked ? maskIdentity(text, terms).text : text); }

/** DOM refs of one column, updated in place on every render. */
export class SlotColumn {
  readonly root: HTMLElement;
  readonly body: HTMLElement;
  private readonly heading: HTMLElement;
  private readonly identity: HTMLElement;
  private readonly route: HTMLElement;
  private readonly status: HTMLElement;
  private readonly stats: HTMLElement;
  private readonly checks: HTMLElement;
  private readonly retryBtn: HTMLButtonElement;
  private readonly cancelBtn: HTMLButtonElement;
  private readonly draftTitle: HTMLElement;
  private lastChecksKey = '';

  constructor(readonly slot: SlotId, actions: SlotActions) {
    this.heading = el('h2', { class: 'pw-slot-label' });
    this.identity = el('span', { class: 'pw-identity' });
    this.route = el('span', { class: 'pw-badge pw-route', attrs: { hidden: '' } });
    this.status = el('div', { class: 'pw-status', attrs: { role: 'status' } });
    this.stats = el('dl', { class: 'pw-stats' });
    this.checks = el('ul', { class: 'pw-checks', attrs: { 'aria-label': 'Checks' } });
    this.draftTitle = el('div', { class: 'pw-draft-title' });
    this.retryBtn = button('Retry this side', 'refresh', { on: { click: () => actions.retry(slot) } });
    this.cancelBtn = button('Cancel', 'debug-stop', { on: { click: () => actions.cancel(slot) } });
    this.body = el('div', { class: 'pw-slot-body', attrs: { tabindex: '0' } });
    this.root = el('section', { class: `pw-slot pw-slot-${slot}` },
      el('div', { class: 'pw-slot-head' }, this.heading, this.identity, this.route, el('span', { class: 'pw-spacer' }), this.cancelBtn, this.retryBtn),
      this.status, this.draftTitle, this.stats, this.checks, this.body);
  }

  /** Updates everything except the body (which depends on the active tab). */
  update(s: SlotView, ctx: SlotContext): void {
    setText(this.heading, s.label);
    this.root.setAttribute('aria-label', `Draft ${s.label}`);
    setText(this.identity, s.identity ? revealBidi(`${s.identity.model} · ${s.identity.provider}`) : '');
    this.updateRoute(s.route);
    const st = statusLine(s.status, ctx.now);
    this.status.className = `pw-status pw-tone-${st.tone}`;
    this.status.replaceChildren(icon(st.icon, st.icon === 'loading' ? 'codicon-modifier-spin' : ''), el('span', { text: displayText(st.text, ctx.masked, ctx.maskTerms) }));
    setText(this.draftTitle, s.title ? displayText(s.title, ctx.masked, ctx.maskTerms) : '');
    this.draftTitle.hidden = !s.title;
    this.stats.replaceChildren(...statItems(s.stats, { hideCost: ctx.hideCost }).map((i) =>
      el('div', { class: `pw-stat pw-stat-${i.key}`, title: i.title }, el('dt', { text: i.label }), el('dd', { text: i.value }))));
    this.updateChecks(s, ctx);
    this.retryBtn.hidden = ctx.readOnly || !(s.status.kind === 'failed' && s.status.retryable);
    this.cancelBtn.hidden = ctx.readOnly || isFinal(s.status) || s.status.kind === 'queued';
    this.root.dataset.status = s.status.kind;
  }

  private updateRoute(route: RouteBadge | null): void {
    this.route.hidden = route === null;
    if (route === null) return;
    const r = ROUTE_LABEL[route];
    this.route.className = `pw-badge pw-route pw-route-${route}`;
    this.route.title = r.title;
    this.route.replaceChildren(icon(r.icon), el('span', { text: r.text }));
  }

  private updateChecks(s: SlotView, ctx: SlotContext): void {
    const masked = ctx.masked;
    const key = JSON.stringify(s.checks) + masked;
    if (key === this.lastChecksKey) return;
    this.lastChecksKey = key;
    const iconFor = { ok: 'pass', warn: 'warning', error: 'error' } as const;
    this.checks.replaceChildren(...s.checks.map((c) => el('li', { class: `pw-badge pw-check pw-level-${c.level}`, title: c.detail ? displayText(c.detail, masked, ctx.maskTerms) : '' },
      icon(iconFor[c.level]), el('span', { text: displayText(c.label, masked, ctx.maskTerms) }))));
    this.checks.hidden = s.checks.length === 0;
  }
}
