/**
 * The LLM judge's card above the drafts: a status line while it works or waits for your verdict, then its verdict,
 * whether both orders agreed, each order's answer and reason (the order that showed the left draft first sits on the
 * left, over the left column), cost and latency, and the self-preference warning. Model text only via textContent.
 */
import type { CompareViewState, JudgeOrderView } from '../../src/shared/compareProtocol';
import { el, icon } from '../shared/dom';
import { displayText } from './slotView';
import { answerText, orderFigures, orderTitle, ordersInColumns, outcomeBadge, totalCost, verdictHeadline, type SlotLabels } from './judgeText';

/** Renders the judge's view into one section; rebuilt only when the view or the labels change. */
export class JudgeCard {
  readonly root = el('section', { class: 'pw-judge', attrs: { 'aria-labelledby': 'pw-judge-title', hidden: '' } });
  private key = '';

  /** Syncs the card with the state. */
  update(state: CompareViewState, masked: boolean): void {
    const v = state.judge ?? null;
    const labels: SlotLabels = { left: state.slots.left.label, right: state.slots.right.label };
    const key = JSON.stringify([v, labels, masked]);
    if (key === this.key) return;
    this.key = key;
    this.root.hidden = v === null;
    if (!v) { this.root.replaceChildren(); return; }
    const text = (t: string) => displayText(t, masked, state.maskTerms ?? []);
    this.root.dataset.status = v.status;
    const head = el('div', { class: 'pw-judge-head' }, icon('law', 'pw-judge-icon'), el('h2', { attrs: { id: 'pw-judge-title' }, text: 'LLM judge' }),
      el('span', { class: 'pw-judge-name', text: text(v.judge) }));
    if (v.status === 'running') {
      head.append(el('span', { class: 'pw-judge-line', attrs: { role: 'status' } }, icon('loading', 'codicon-modifier-spin pw-tone-busy'), el('span', { text: text(v.message) })));
      this.root.replaceChildren(head);
      return;
    }
    if (v.status === 'withheld') {
      head.append(el('span', { class: 'pw-judge-line' }, icon('eye-closed'), el('span', { text: 'Answered — its verdict and reasons show after you save yours (blind: no anchoring).' })));
      this.root.replaceChildren(head);
      return;
    }
    if (v.status === 'failed') {
      head.append(el('span', { class: 'pw-judge-line pw-tone-error' }, icon('error'), el('span', { class: 'pw-judge-error', text: text(v.message) })));
      this.root.replaceChildren(head);
      return;
    }
    const badge = outcomeBadge(v.outcome);
    head.append(el('span', { class: `pw-badge pw-judge-outcome pw-level-${badge.tone}`, title: badge.title }, icon(badge.icon), el('span', { text: badge.text })),
      el('span', { class: 'pw-spacer' }), el('span', { class: 'pw-judge-total', title: 'How many calls the judge made (one per order) and what they cost' }, el('span', { text: totalCost(v) })));
    const verdict = el('p', { class: 'pw-judge-verdict' }, el('span', { class: 'pw-muted', text: 'Verdict ' }), el('strong', { text: text(verdictHeadline(v, labels)) }));
    const orders = el('div', { class: 'pw-judge-orders' }, ...ordersInColumns(v.orders).map((o, i) => orderBlock(o, labels, text, i)));
    this.root.replaceChildren(head, verdict, orders,
      v.warning ? el('p', { class: 'pw-judge-warning' }, icon('warning', 'pw-tone-warn'), el('span', { text: text(v.warning) })) : '');
  }
}

function orderBlock(o: JudgeOrderView, labels: SlotLabels, text: (t: string) => string, i: number): HTMLElement {
  const id = `pw-judge-order-${i}`;
  const failed = o.answer === 'failed' || o.answer === 'unparsed';
  return el('article', { class: 'pw-judge-order', attrs: { 'aria-labelledby': id } },
    el('div', { class: 'pw-judge-order-head' }, el('h3', { attrs: { id }, title: 'The judge saw this draft first: its reason calls it "A" and the other "B"', text: orderTitle(o) }),
      el('span', { class: `pw-judge-answer${failed ? ' pw-tone-warn' : ''}` }, icon(failed ? 'question' : 'arrow-right'), el('span', { text: text(answerText(o.answer, labels)) })),
      el('span', { class: 'pw-spacer' }), el('dl', { class: 'pw-stats pw-judge-figures' }, ...orderFigures(o).map((x) =>
        el('div', { class: 'pw-stat', title: x.title }, el('dt', { text: x.label }), el('dd', { text: x.value }))))),
    o.reason ? el('p', { class: 'pw-judge-reason', attrs: { tabindex: '0', role: 'region', 'aria-label': `Reason, ${orderTitle(o).toLowerCase()}` }, text: text(o.reason) }) : null,
    o.error ? el('p', { class: 'pw-judge-reason pw-muted', text: text(o.error) }) : null);
}
