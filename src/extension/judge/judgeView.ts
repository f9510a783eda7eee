/**
 * The LLM judge in the compare panel, without vscode: a judge amend (model terms) as the panel's JudgeView (screen
 * terms), and the gate that keeps the judge's verdict away from the webview until the developer's own verdict is
 * saved on a blind comparison (no anchoring).
 */
import type { CompareEvent, CompareViewState, JudgeOrderView, JudgeView, ScreenVerdict } from '../../shared/compareProtocol';
import { slotOf, type SlotMap } from '../../shared/compare/slots';
import type { JudgeOrderRecord, JudgeRecord, SideRecord, Verdict } from '../../core/results/schema';
import { modelFamily } from '../../core/judge/family';
import type { EffectiveComparison } from '../../core/results/foldAmends';

/** The name a judge goes by in the panel: `preset:model`. */
export function judgeName(j: Pick<JudgeRecord, 'preset' | 'model'>): string {
  return `${j.preset}:${j.model}`;
}

function screen(v: Exclude<Verdict, 'pending'>, map: SlotMap): ScreenVerdict {
  return v === 'a' || v === 'b' ? slotOf(v, map) : v;
}

function orderView(o: JudgeOrderRecord, map: SlotMap): JudgeOrderView {
  const answer = o.answer === 'failed' || o.answer === 'unparsed' || !o.verdict ? (o.answer === 'failed' ? 'failed' : 'unparsed') : screen(o.verdict, map);
  return { first: slotOf(o.order === 'ab' ? 'a' : 'b', map), answer, reason: o.reason ?? null,
    error: answer === 'failed' || answer === 'unparsed' ? o.errorMessage ?? null : null, costUsd: o.cost?.usd ?? null, totalMs: o.totalMs ?? null };
}

/** The self-preference warning in screen terms, when the judge shares a family with a side. */
export function selfPreferenceNote(j: JudgeRecord, sides: Record<'a' | 'b', Pick<SideRecord, 'preset' | 'model'>>, map: SlotMap): string | null {
  const same = j.sameFamily ?? [];
  if (!same.length) return null;
  const family = modelFamily(j.preset, j.model) ?? 'same';
  const which = same.map((s) => `the ${slotOf(s, map)} draft (${sides[s].preset}:${sides[s].model})`).join(' and ');
  return `Self-preference: the judge is of the ${family} family, like ${which}. Judges tend to prefer their own family's answers — read this verdict with care.`;
}

/** A judge's full answer on a comparison as the panel shows it once it may be shown. */
export function answeredView(j: JudgeRecord, time: string, sides: Record<'a' | 'b', Pick<SideRecord, 'preset' | 'model'>>, map: SlotMap,
  verdict: Exclude<Verdict, 'pending'> | undefined): JudgeView {
  const orders = j.orders.map((o) => orderView(o, map));
  const costs = j.orders.map((o) => o.cost?.usd ?? null);
  const known = costs.filter((c): c is number => c !== null);
  const costUnknown = j.orders.some((o) => o.usage !== undefined && (o.cost?.usd ?? null) === null);
  return { status: 'answered', judge: judgeName(j), outcome: j.outcome, verdict: verdict ? screen(verdict, map) : null, orders,
    costUsd: known.length ? known.reduce((a, b) => a + b, 0) : null, costUnknown, time, warning: selfPreferenceNote(j, sides, map) };
}

/** Whether the judge's verdict may reach the webview: the comparison is not blind, or the developer's verdict is saved. */
export function judgeMayShow(state: Pick<CompareViewState, 'blind' | 'verdict'>): boolean {
  return !state.blind || state.verdict.savedAt !== null;
}

/** What the webview may see of a judge view now: an answer on a blind, unvoted comparison becomes `withheld`. */
export function gatedView(state: Pick<CompareViewState, 'blind' | 'verdict'>, view: JudgeView | null): JudgeView | null {
  if (!view || view.status !== 'answered' || judgeMayShow(state)) return view;
  return { status: 'withheld', judge: view.judge };
}

/**
 * Holds the judge's answer of the shown comparison on the host side while it may not be shown, and pushes it
 * (through the panel's one event path) as soon as it may. Every judge view the webview gets passes through here.
 */
export class JudgeGate {
  private held: { runId: string; view: JudgeView } | undefined;

  constructor(private readonly push: (e: CompareEvent) => void) {}

  /** Offers a judge view for the comparison in `state`; ignored when `runId` is not the one shown. */
  offer(state: CompareViewState, runId: string, view: JudgeView | null): boolean {
    if (state.header?.runId !== runId) return false;
    const shown = gatedView(state, view);
    this.held = shown !== view && view ? { runId, view } : undefined;
    this.push({ type: 'judge', judge: shown });
    return true;
  }

  /** The developer's verdict was saved: a held answer for this comparison is pushed now. */
  release(state: CompareViewState): void {
    const h = this.held;
    if (!h || state.header?.runId !== h.runId || !judgeMayShow(state)) return;
    this.held = undefined;
    this.push({ type: 'judge', judge: h.view });
  }

  /** Whether an answer is held back now. */
  get holding(): boolean { return this.held !== undefined; }

  /** Drops what is held (the panel shows another comparison). */
  reset(): void { this.held = undefined; }

  /** The state to hand to the webview for a new filler: its judge view gated, the full one held. */
  initial(state: CompareViewState): CompareViewState {
    const view = state.judge ?? null;
    const shown = gatedView(state, view);
    this.held = view && shown !== view && state.header ? { runId: state.header.runId, view } : undefined;
    return shown === view ? state : { ...state, judge: shown };
  }
}

/** The most recent LLM judge answer recorded on a comparison, as a (not yet gated) view; null when none. */
export function latestJudgeView(rec: EffectiveComparison, map: SlotMap): JudgeView | null {
  const latest = [...rec.judgeOpinions].sort((x, y) => (x.time < y.time ? -1 : x.time > y.time ? 1 : 0)).at(-1);
  return latest ? answeredView(latest.judge, latest.time, rec.sides, map, latest.verdict) : null;
}
