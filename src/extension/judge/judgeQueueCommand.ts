/**
 * Judge Pending's LLM option: the judge answers every pending comparison it has not answered yet, after a cost
 * estimate and a consent modal. Each answer is appended as it comes (a stop loses nothing, the next run resumes);
 * the human verdicts stay pending, and a blind comparison shows the judge's verdict only after the developer's.
 */
import * as vscode from 'vscode';
import { estimateJudgeCost, judgeQueue, judgeRater, planJudging, type JudgeQueueSummary } from '../../core/judge';
import { readSettings } from '../settings';
import { log } from '../log';
import { showError, showInfo, showWarning, uiText } from '../notify';
import { loadResults } from '../results/resultsSource';
import { judgeContextFor, judgeOptionsFrom, resolvedJudgeName } from './judgeRun';
import { judgeQueueDetail, usd } from './judgeConsentText';
import { judgeAllowed, resolveJudge } from './judgeSetup';

/** Arguments for automation: `yes` skips the consent modal. */
export interface JudgeQueueArgs { yes?: boolean }

/** One line for the summary message. */
export function summaryText(name: string, s: JudgeQueueSummary): string {
  const parts = [`${s.consistent} consistent`, `${s.inconsistent} inconsistent (counted as ties)`];
  if (s.unparsed) parts.push(`${s.unparsed} unparsed`);
  if (s.failed) parts.push(`${s.failed} failed (judged again next time)`);
  if (s.errors) parts.push(`${s.errors} could not be sent`);
  const stop = s.stoppedBy === 'cancelled' ? ` Stopped: cancelled, ${s.left} left for next time.` : s.stoppedBy === 'max-cost' ? ` Stopped at the cost ceiling, ${s.left} left.`
    : s.stoppedBy === 'write-error' ? ` Stopped: the results file could not be written, ${s.left} left.` : '';
  return `${name} judged ${s.judged}: ${parts.join(', ')}. Cost ${usd(s.costUsd)}${s.costUnknown ? ' plus calls without a known price' : ''}.${stop}`;
}

/** Judges the pending queue with the configured judge; returns the summary, or undefined when nothing was sent. */
export async function judgeQueueCommand(context: vscode.ExtensionContext, args?: JudgeQueueArgs): Promise<JudgeQueueSummary | undefined> {
  if (!judgeAllowed()) return undefined;
  const judge = await resolveJudge(context);
  if (!judge) return undefined;
  const name = resolvedJudgeName(judge);
  const { store, records } = await loadResults(context);
  const plan = planJudging(records, judgeRater(judge), 'pending');
  const skipped = [plan.answered ? `${plan.answered} already answered by this judge` : '', plan.noDrafts ? `${plan.noDrafts} without both drafts` : ''].filter(Boolean).join(', ');
  if (!plan.todo.length) { void showInfo(`Pairwise: no pending comparison for ${name} to judge${skipped ? ` (${skipped})` : ''}.`); return undefined; }
  const contextFor = (c: Parameters<typeof judgeContextFor>[0]) => judgeContextFor(c, store);
  const est = await estimateJudgeCost({ comparisons: plan.todo, store, judge, contextFor });
  if (!args?.yes) {
    const n = plan.todo.length;
    const detail = judgeQueueDetail(judge, est, skipped);
    const pick = await showWarning(`Ask ${name} to judge ${n} pending comparison${n === 1 ? '' : 's'}?`, { modal: true, detail }, `Judge ${n}`);
    if (pick !== `Judge ${n}`) return undefined;
  }
  log().info(`judge queue: ${judgeRater(judge)} on ${plan.todo.length} pending (estimate ${est.usd ?? 'unknown'} USD)`);
  const summary = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: uiText(`Pairwise: ${name} is judging the queue`), cancellable: true }, async (progress, token) => {
    const ctl = new AbortController();
    token.onCancellationRequested(() => ctl.abort());
    return judgeQueue({ comparisons: plan.todo, store, judge, options: judgeOptionsFrom(readSettings(), (l) => log().info(l)), signal: ctl.signal, contextFor,
      estimates: est.perPair, ...(est.usdMax !== null ? { maxCostUsd: est.usdMax } : {}),
      onProgress: (p) => progress.report({ increment: 100 / p.total, message: `${p.index + 1}/${p.total} — ${p.outcome}` }) });
  });
  for (const w of summary.warnings) log().warn(`judge queue: ${w}`);
  const text = `Pairwise: ${summaryText(name, summary)}`;
  if (summary.stoppedBy === 'write-error') void showError(text);
  else if (summary.warnings.length) void showWarning(`${text} ${summary.warnings[0]}`);
  else void showInfo(text);
  return summary;
}
