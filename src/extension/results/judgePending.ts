/**
 * `Pairwise: Judge Pending`: walks the comparisons whose verdict is still pending (CLI batch runs, editor runs
 * closed without a vote) one at a time in the compare panel, blind with a fresh random swap; each saved verdict
 * becomes an amend record, the identities are revealed, and the next comparison follows.
 */
import * as vscode from 'vscode';
import { randomInt } from 'node:crypto';
import type { Result } from '../../shared/messenger';
import type { VerdictSubmission } from '../../shared/compareProtocol';
import type { EffectiveComparison } from '../../core/results/foldAmends';
import type { ResultsStore } from '../../core/results/resultsStore';
import { ComparePanel, type SaveVerdictOutcome } from '../panels/comparePanel';
import { readSettings } from '../settings';
import { rubricOf } from '../compare/resultsLocation';
import type { SlotMap } from '../../shared/compare/slots';
import { log } from '../log';
import { loadDrafts, pastViewState, revealOf } from './pastComparison';
import { judgeSave } from './judgeSave';
import { loadResults, openStore } from './resultsSource';
import { plainItem, showError, showInfo } from '../notify';
import { orderPending } from '../../core/stats/nextToJudge';
import type { JudgeQueueSummary } from '../../core/judge';

/**
 * Arguments for automation: the pause between a saved verdict (with its reveal) and the next comparison; `llm` lets
 * the configured LLM judge answer the queue instead (`yes` skips its consent modal).
 */
export interface JudgePendingArgs { nextDelayMs?: number; llm?: boolean; yes?: boolean }

const DEFAULT_DELAY_MS = 1500;
const fail = <T>(code: 'no_run' | 'rejected' | 'handler_failed', message: string): Result<T> => ({ ok: false, error: { code, message } });

/** Comparisons still waiting for this rater's verdict, in the order that shrinks the top pair's interval first (core/stats/nextToJudge). */
export function pendingFor(comparisons: readonly EffectiveComparison[], rater: string | undefined, skip: ReadonlySet<string> = new Set()): EffectiveComparison[] {
  return orderPending(comparisons
    .filter((c) => c.verdict === 'pending' && !c.imported && !skip.has(c.id) && !(rater && c.secondOpinions.some((o) => o.rater === rater))), comparisons);
}

/** One judging pass over the pending comparisons, bound to the compare panel. */
export class JudgeSession implements vscode.Disposable {
  private static active: JudgeSession | undefined;
  /** The comparison shown now, its slot layout and when it was shown. */
  current: { rec: EffectiveComparison; map: SlotMap; shownAt: number } | undefined;
  /** Verdicts saved in this session. */
  judged = 0;
  /** Pending comparisons left, the one shown included. */
  remaining = 0;
  private readonly handled = new Set<string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private saving = false;
  private disposed = false;
  private panel: ComparePanel | undefined;
  private readonly disposables: vscode.Disposable[] = [];

  constructor(private readonly context: vscode.ExtensionContext, private readonly store: ResultsStore, private readonly delayMs: number) {
    JudgeSession.active?.dispose();
    JudgeSession.active = this;
  }

  /** Shows the next pending comparison; false (and a message) when none is left. */
  async showNext(): Promise<boolean> {
    if (this.disposed) return false;
    const settings = readSettings();
    const { comparisons } = await loadResults(this.context, this.store);
    const queue = pendingFor(comparisons, settings.rater || undefined, this.handled);
    this.remaining = queue.length;
    const rec = queue[0];
    if (!rec) { this.finish(); return false; }
    const map: SlotMap = { swapped: randomInt(2) === 1 };
    const drafts = await loadDrafts(this.store, rec);
    if (this.disposed) return false;
    const state = pastViewState(rec, drafts, { map, readOnly: false, blind: true, reveal: false, showVerdict: false,
      rubric: rubricOf(settings.rubric), paperSuffix: ` — ${queue.length} left` });
    const panel = this.attach();
    panel.show({ kind: 'judge', state, handlers: {
      saveVerdict: (s) => this.save(s),
      cancel: async () => ({ ok: true, value: { accepted: false } }),
      retrySide: async () => fail('rejected', 'A recorded comparison cannot be re-run here; run "Pairwise: Compare" again.'),
      openPatchDiff: async () => fail('rejected', 'Open the diff after judging, from "Pairwise: Open Results".'),
    }, map });
    this.current = { rec, map, shownAt: Date.now() };
    log().info(`judge pending: showing ${rec.id} (${queue.length} left)`);
    return true;
  }

  /** The panel's verdict handler: writes the amend, reveals the models, then moves on after a short pause. */
  async save(s: Pick<VerdictSubmission, 'runId' | 'verdict' | 'ratings' | 'notes'>): Promise<Result<SaveVerdictOutcome>> {
    const cur = this.current;
    if (this.disposed || !cur || s.runId !== cur.rec.id) return fail('no_run', 'This comparison is no longer the one being judged.');
    if (this.saving || this.handled.has(cur.rec.id)) return fail('rejected', 'This verdict is already saved.');
    this.saving = true;
    try {
      const r = await judgeSave({ store: this.store, target: cur.rec.id, submission: s, map: cur.map, rater: readSettings().rater || undefined, shownAt: cur.shownAt });
      if (!r.ok) return fail('handler_failed', r.error);
      this.handled.add(cur.rec.id);
      this.judged += 1;
      log().info(`judge pending: verdict ${r.amend.verdict} saved for ${cur.rec.id}`);
      const left = this.remaining - 1;
      vscode.window.setStatusBarMessage(left > 0 ? `Pairwise: verdict saved — next comparison in ${(this.delayMs / 1000).toFixed(1)} s (${left} left)` : 'Pairwise: verdict saved — that was the last pending comparison', Math.max(this.delayMs, 3000));
      this.timer = setTimeout(() => { this.timer = undefined; void this.advance(cur.rec.id); }, this.delayMs);
      return { ok: true, value: { savedAt: Date.now(), reveal: revealOf(cur.rec, cur.map) } };
    } finally {
      this.saving = false;
    }
  }

  /** Moves on unless the panel now shows something else (another comparison replaced this one). */
  private async advance(judgedId: string): Promise<void> {
    if (this.disposed) return;
    if (ComparePanel.current !== this.panel || this.panel?.runId !== judgedId) { this.dispose(); return; }
    try { await this.showNext(); } catch (e) { void showError(`Pairwise: could not show the next pending comparison: ${(e as Error).message}`); this.dispose(); }
  }

  private attach(): ComparePanel {
    const panel = ComparePanel.createOrShow(this.context.extensionUri, { log: (l) => log().info(l) });
    if (panel !== this.panel) {
      this.panel = panel;
      this.disposables.push(panel.onDidDispose(() => this.dispose()));
    }
    return panel;
  }

  private finish(): void {
    const judged = this.judged;
    void showInfo(judged
      ? `Pairwise: all pending comparisons are judged (${judged} in this session). "Pairwise: Show Dashboard" has the updated leaderboard.`
      : 'Pairwise: no comparison is waiting for a verdict. Comparisons recorded by the CLI (pairwise compare / batch) show up here.');
    this.dispose();
  }

  /** Stops the session (the panel stays open with what it shows). */
  dispose(): void {
    if (this.disposed) return;
    this.disposed = true;
    if (JudgeSession.active === this) JudgeSession.active = undefined;
    if (this.timer) clearTimeout(this.timer);
    for (const d of this.disposables.splice(0)) d.dispose();
  }
}

/** Asked when a judge model is configured: judge the queue yourself, or let the LLM judge answer it first. */
async function chooseJudge(context: vscode.ExtensionContext): Promise<'human' | 'llm' | undefined> {
  const model = readSettings().judgeModel.trim();
  if (!model) return 'human';
  const { comparisons } = await loadResults(context);
  const n = pendingFor(comparisons, readSettings().rater || undefined).length;
  if (!n) return 'human'; // the human path says there is nothing pending
  const pick = await vscode.window.showQuickPick([
    { label: '$(person) Judge them yourself', description: `${n} pending`, detail: 'One at a time in the compare panel, blind, with a fresh random layout.', id: 'human' as const },
    { ...plainItem({ label: '', description: `${model} — both orders, after a cost estimate` }), label: '$(law) Ask the LLM judge',
      detail: 'Its answers are recorded as its own; your verdicts stay pending until you give them.', id: 'llm' as const },
  ], { title: 'Pairwise: Judge Pending' });
  return pick?.id;
}

/** `Pairwise: Judge Pending`: starts a judging session (or the LLM judge's pass); returns it (for automation), or undefined when nothing is pending. */
export async function judgePending(context: vscode.ExtensionContext, args?: JudgePendingArgs): Promise<JudgeSession | JudgeQueueSummary | undefined> {
  const who = args?.llm ? 'llm' : args === undefined ? await chooseJudge(context) : 'human';
  if (!who) return undefined;
  if (who === 'llm') return (await import('../judge/judgeQueueCommand')).judgeQueueCommand(context, { yes: args?.yes });
  const store = openStore(context);
  const delay = typeof args?.nextDelayMs === 'number' && args.nextDelayMs >= 0 ? Math.min(args.nextDelayMs, 60_000) : DEFAULT_DELAY_MS;
  const session = new JudgeSession(context, store, delay);
  return (await session.showNext()) ? session : undefined;
}
