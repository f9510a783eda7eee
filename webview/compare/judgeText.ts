/** Wording of the LLM judge's card (pure: unit-tested without a DOM). */
import type { JudgeOrderView, JudgeOutcomeView, JudgeView, ScreenVerdict, SlotId } from '../../src/shared/compareProtocol';
import { formatCost, formatMs } from './statsFormat';

/** Screen labels of the two slots ("A"/"B" while blind, model names after the reveal). */
export type SlotLabels = Record<SlotId, string>;

const SIDE: Record<SlotId, string> = { left: 'Left', right: 'Right' };

/** "Left (claude-x)", "Tie", "Both bad", "Unparsed", "Failed". */
export function answerText(a: ScreenVerdict | 'unparsed' | 'failed', labels: SlotLabels): string {
  if (a === 'left' || a === 'right') return `${SIDE[a]} · ${labels[a]}`;
  return { tie: 'Tie', both_bad: 'Both bad', unparsed: 'No verdict (unparsed)', failed: 'No answer (failed)' }[a];
}

/** The headline verdict of an answered judge. */
export function verdictHeadline(v: Extract<JudgeView, { status: 'answered' }>, labels: SlotLabels): string {
  if (v.outcome === 'inconsistent') return 'Tie — the two orders disagreed';
  if (!v.verdict) return v.outcome === 'failed' ? 'No verdict — a call failed' : 'No verdict — an answer did not follow the format';
  if (v.verdict === 'left' || v.verdict === 'right') return `Prefers ${SIDE[v.verdict].toLowerCase()} · ${labels[v.verdict]}`;
  return v.verdict === 'tie' ? 'Tie' : 'Both drafts bad';
}

/** The outcome badge: words, tone and icon. */
export function outcomeBadge(o: JudgeOutcomeView): { text: string; tone: 'ok' | 'warn' | 'error'; icon: string; title: string } {
  switch (o) {
    case 'consistent': return { text: 'Consistent', tone: 'ok', icon: 'pass', title: 'Both orders gave the same verdict: no sign of position bias on this pair.' };
    case 'inconsistent': return { text: 'Inconsistent', tone: 'warn', icon: 'warning', title: 'The verdict changed when the drafts swapped places (position bias); it counts as a tie.' };
    case 'unparsed': return { text: 'Unparsed', tone: 'warn', icon: 'question', title: 'An answer did not follow the judge format, so there is no verdict.' };
    case 'failed': return { text: 'Failed', tone: 'error', icon: 'error', title: 'A judge call failed, so there is no verdict. Ask again to retry.' };
  }
}

/** "Left draft first ("A")": which draft the judge saw first, the one its reason calls "A". */
export function orderTitle(o: JudgeOrderView): string {
  return `${SIDE[o.first]} draft first ("A")`;
}

/** The figures of one call, labelled like a draft's stats line: time to the whole answer, and cost ("—" when unknown). */
export function orderFigures(o: JudgeOrderView): { label: string; value: string; title: string }[] {
  return [
    { label: 'Total', value: formatMs(o.totalMs), title: 'Latency of this call: from sending to the end of its answer (retries included)' },
    { label: 'Cost', value: formatCost(o.costUsd), title: 'Cost of this call (— when the judge model has no known price)' },
  ];
}

/** "2 calls · $0.0043" (with a note when some price is unknown). */
export function totalCost(v: Extract<JudgeView, { status: 'answered' }>): string {
  const cost = v.costUsd === null ? 'cost unknown' : `${formatCost(v.costUsd)}${v.costUnknown ? ' + unpriced' : ''}`;
  return `${v.orders.length} calls · ${cost}`;
}

/** The two orders left to right: the one that showed the left draft first sits on the left. */
export function ordersInColumns(orders: readonly JudgeOrderView[]): JudgeOrderView[] {
  return [...orders].sort((x, y) => (x.first === y.first ? 0 : x.first === 'left' ? -1 : 1));
}
