/** One column of the compare view: title, route badge, status, stats, check badges, actions and the body. */
import type { RouteBadge, SlotId, SlotIdentity, SlotView } from '../../src/shared/compareProtocol';
import type { PanelCommand } from '../../src/shared/panelProtocol';
import { button, el, icon, setText } from '../shared/dom';
import type { ChecksShown } from './checksDisplay';
import { maskIdentity } from './mask';
import { statItems, statusLine } from './statsFormat';
import { isFinal } from '../../src/shared/compare/reducer';
import { revealBidi } from '../../src/shared/outsideText';
import { titleNodes, titlePlain } from './titleText';

/** Context the column needs beyond its own slot. */
export interface SlotContext { masked: boolean; maskTerms: readonly string[]; hideCost: boolean; readOnly: boolean; now: number; checks: ChecksShown }
/** Actions the column can trigger. */
export interface SlotActions { retry(slot: SlotId): void; cancel(slot: SlotId): void; command(c: PanelCommand): void }

const FIX_LABEL: Record<'key/set' | 'models/choose', { text: string; icon: string }> = {
  'key/set': { text: 'Set API Key', icon: 'key' }, 'models/choose': { text: 'Choose Models', icon: 'settings-gear' },
};
const squash = (t: string): string => t.toLowerCase().replace(/[^a-z0-9]/g, '');

/** The side header's identity line without repeating the model name the label already shows. */
export function identityLine(label: string, id: SlotIdentity | null): string {
  if (!id) return '';
  return squash(label).includes(squash(id.model)) ? id.provider : `${id.model} · ${id.provider}`;
}

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
  private readonly fixBtn: HTMLButtonElement;
  private readonly draftTitle: HTMLElement;
  private lastChecksKey = '';
  private lastStatsKey = '';
  private lastTitle: string | null = null;
  private lastStatusKey = '';
  private fix: PanelCommand | null = null;

  constructor(readonly slot: SlotId, actions: SlotActions) {
    this.heading = el('h2', { class: 'pw-slot-label' });
    this.identity = el('span', { class: 'pw-identity' });
    this.route = el('span', { class: 'pw-badge pw-route', attrs: { hidden: '' } });
    this.status = el('div', { class: 'pw-status' }); // changes are announced once per status kind through the view's live region
    this.stats = el('dl', { class: 'pw-stats' });
    this.checks = el('ul', { class: 'pw-checks', attrs: { 'aria-label': 'Checks' } });
    this.draftTitle = el('div', { class: 'pw-draft-title' });
    this.retryBtn = button('Retry this side', 'refresh', { on: { click: () => actions.retry(slot) } });
    this.cancelBtn = button('Cancel', 'debug-stop', { on: { click: () => actions.cancel(slot) } });
    this.fixBtn = button('Set API Key', 'key', { on: { click: () => { if (this.fix) actions.command(this.fix); } } });
    this.body = el('div', { class: 'pw-slot-body', attrs: { tabindex: '0', role: 'region', 'aria-label': `Draft ${slot === 'left' ? 'on the left' : 'on the right'}` } });
    this.root = el('section', { class: `pw-slot pw-slot-${slot}` },
      el('div', { class: 'pw-slot-head' }, this.heading, this.identity, this.route, el('span', { class: 'pw-spacer' }), this.cancelBtn, this.retryBtn),
      el('div', { class: 'pw-status-row' }, this.status, this.fixBtn), this.draftTitle, this.stats, this.checks, this.body);
  }

  /** Updates everything except the body (which depends on the active tab). */
  update(s: SlotView, ctx: SlotContext): void {
    setText(this.heading, s.label);
    this.root.setAttribute('aria-label', `Draft ${s.label}`);
    setText(this.identity, revealBidi(identityLine(s.label, s.identity)));
    this.identity.title = s.identity ? revealBidi(`${s.identity.model} · ${s.identity.provider}`) : '';
    this.updateRoute(s.route);
    const st = statusLine(s.status, ctx.now);
    const statusText = displayText(st.text, ctx.masked, ctx.maskTerms);
    if (statusText + st.tone !== this.lastStatusKey) {
      this.lastStatusKey = statusText + st.tone;
      this.status.className = `pw-status pw-tone-${st.tone}`;
      this.status.replaceChildren(icon(st.icon, st.icon === 'loading' ? 'codicon-modifier-spin' : ''), el('span', { text: statusText }));
    }
    const title = s.title ? displayText(s.title, ctx.masked, ctx.maskTerms) : null;
    if (title !== this.lastTitle) {
      this.lastTitle = title;
      this.draftTitle.replaceChildren(...(title ? titleNodes(title) : []));
      this.draftTitle.title = title ? titlePlain(title) : '';
    }
    this.draftTitle.hidden = !s.title;
    const items = statItems(s.stats, { hideCost: ctx.hideCost });
    const statsKey = JSON.stringify(items);
    if (statsKey !== this.lastStatsKey) { // rebuilt only when a figure changes, not on every streamed chunk
      this.lastStatsKey = statsKey;
      this.stats.replaceChildren(...items.map((i) =>
        el('div', { class: `pw-stat pw-stat-${i.key}`, title: i.title }, el('dt', { text: i.label }), el('dd', { text: i.value }))));
    }
    this.updateChecks(ctx);
    this.fix = !ctx.readOnly && s.status.kind === 'failed' && s.status.fix ? s.status.fix : null;
    this.fixBtn.hidden = this.fix === null;
    if (this.fix === 'key/set' || this.fix === 'models/choose') {
      const f = FIX_LABEL[this.fix];
      this.fixBtn.replaceChildren(icon(f.icon), el('span', { text: f.text }));
    }
    this.retryBtn.hidden = ctx.readOnly || !(s.status.kind === 'failed' && s.status.retryable);
    this.cancelBtn.hidden = ctx.readOnly || isFinal(s.status) || s.status.kind === 'queued';
    this.root.dataset.status = s.status.kind;
  }

  private updateRoute(route: RouteBadge | null): void {
    this.route.hidden = route === null;
    if (route === null || this.route.dataset.route === route) return;
    this.route.dataset.route = route;
    const r = ROUTE_LABEL[route];
    this.route.className = `pw-badge pw-route pw-route-${route}`;
    this.route.title = r.title;
    this.route.replaceChildren(icon(r.icon), el('span', { text: r.text }));
  }

  private updateChecks(ctx: SlotContext): void {
    const masked = ctx.masked, shown = ctx.checks;
    const key = JSON.stringify(shown) + masked;
    if (key === this.lastChecksKey) return;
    this.lastChecksKey = key;
    const iconFor = { ok: 'pass', warn: 'warning', error: 'error' } as const;
    if (shown.kind === 'running') {
      this.checks.replaceChildren(el('li', { class: 'pw-badge pw-check pw-check-running', title: 'References, patch and stubs are being checked' },
        icon('loading', 'codicon-modifier-spin'), el('span', { text: 'Checks running…' })));
    } else {
      const badges = shown.kind === 'badges' ? shown.badges : [];
      this.checks.replaceChildren(...badges.map((c) => el('li', { class: `pw-badge pw-check pw-level-${c.level}`, title: c.detail ? displayText(c.detail, masked, ctx.maskTerms) : '' },
        icon(iconFor[c.level]), el('span', { text: displayText(c.label, masked, ctx.maskTerms) }))));
    }
    this.checks.hidden = shown.kind === 'none';
  }
}
