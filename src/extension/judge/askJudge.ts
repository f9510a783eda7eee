/**
 * `Pairwise: Ask Judge`: the LLM judge on the comparison the compare panel shows (a live run once recorded, a past
 * one, one being judged), or on one picked from the results. Both orders run through core (the sides' retries,
 * watchdog and deadline), the answer is one amend (rater judge:<preset>:<model>), and the panel shows it — on a blind
 * comparison only after the developer's own verdict is saved.
 */
import * as vscode from 'vscode';
import type { JudgeComparisonResult } from '../../core/judge';
import { estimateJudgeCost, hasBothDrafts, judgeRater } from '../../core/judge';
import type { EffectiveComparison } from '../../core/results/foldAmends';
import type { ResultsStore } from '../../core/results/resultsStore';
import type { SlotMap } from '../../shared/compare/slots';
import { ComparePanel } from '../panels/comparePanel';
import { readSettings } from '../settings';
import { log } from '../log';
import { showError, showInfo, uiText } from '../notify';
import { loadResults } from '../results/resultsSource';
import { describeComparison, showPastComparison } from '../results/openResults';
import { askJudge as runAsk, judgeContextFor, progressText, resolvedJudgeName, viewOfResult } from './judgeRun';
import { askJudgeDetail } from './judgeConsentText';
import { judgeAllowed, resolveJudge } from './judgeSetup';

/** Arguments for automation: which comparison (default: the one shown), and `yes` to skip the consent modal. */
export interface AskJudgeArgs { id?: string; yes?: boolean }

/** The comparison to judge: `id`, the one the panel shows, or one picked from those with both drafts. */
async function pickTarget(comparisons: EffectiveComparison[], args?: AskJudgeArgs): Promise<EffectiveComparison | undefined> {
  const panel = ComparePanel.current;
  const id = args?.id ?? (panel && panel.contentKind !== 'sample' && panel.contentKind !== 'placeholder' ? panel.runId ?? undefined : undefined);
  if (id) {
    const c = comparisons.find((x) => x.id === id);
    if (!c) void showError(panel?.contentKind === 'run' && !args?.id
      ? 'Pairwise: this comparison is not recorded yet — ask the judge once both sides have finished.'
      : `Pairwise: no comparison with id ${id} in the results file.`);
    return c;
  }
  if (panel?.contentKind === 'sample') { void showInfo('Pairwise: the sample comparison is not recorded, so there is nothing for the judge to amend. Ask the judge on a comparison of your own.'); return undefined; }
  const judgeable = comparisons.filter(hasBothDrafts).sort((x, y) => (x.time < y.time ? 1 : x.time > y.time ? -1 : 0));
  if (!judgeable.length) { void showInfo('Pairwise: no recorded comparison has both drafts yet — run "Pairwise: Compare" first.'); return undefined; }
  const pick = await vscode.window.showQuickPick(judgeable.map((c) => ({ ...describeComparison(c), id: c.id })), { title: 'Pairwise: Ask Judge — which comparison?', matchOnDescription: true, matchOnDetail: true });
  return pick ? judgeable.find((c) => c.id === pick.id) : undefined;
}

/** The consent modal: what goes where, and what it should cost. */
async function consent(c: EffectiveComparison, store: ResultsStore, judge: Parameters<typeof estimateJudgeCost>[0]['judge']): Promise<boolean> {
  const est = await estimateJudgeCost({ comparisons: [c], store, judge, contextFor: (x) => judgeContextFor(x, store) });
  if (est.problems.length) { void showError(`Pairwise: ${est.problems[0]}`); return false; }
  const detail = askJudgeDetail(judge, est);
  const pick = await showInfo(`Ask ${resolvedJudgeName(judge)} to judge this comparison?`, { modal: true, detail }, 'Ask Judge');
  return pick === 'Ask Judge';
}

/** `Pairwise: Ask Judge`; returns the core's result (for automation), or undefined when nothing was sent. */
export async function askJudgeCommand(context: vscode.ExtensionContext, args?: AskJudgeArgs): Promise<JudgeComparisonResult | undefined> {
  if (!judgeAllowed()) return undefined;
  const { store, comparisons } = await loadResults(context);
  const target = await pickTarget(comparisons, args);
  if (!target) return undefined;
  if (!hasBothDrafts(target)) { void showError('Pairwise: this comparison does not have both drafts (a side failed, or the drafts were not saved): there is nothing to judge.'); return undefined; }
  const judge = await resolveJudge(context);
  if (!judge) return undefined;
  if (!args?.yes && !await consent(target, store, judge)) return undefined;

  let panel = ComparePanel.current;
  if (!panel || panel.runId !== target.id || !panel.slotMap) {
    await showPastComparison(context.extensionUri, store, target);
    panel = ComparePanel.current;
  }
  const map: SlotMap = panel?.slotMap ?? { swapped: target.swapped };
  const name = resolvedJudgeName(judge);
  const show = (view: Parameters<ComparePanel['showJudge']>[1]) => { if (ComparePanel.current?.runId === target.id) ComparePanel.current.showJudge(target.id, view); };
  show({ status: 'running', judge: name, message: 'Asking the judge…' });
  log().info(`judge ${judgeRater(judge)} asked on ${target.id}`);

  const result = await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: uiText(`Pairwise: ${name} is judging`), cancellable: true }, async (progress, token) => {
    const ctl = new AbortController();
    token.onCancellationRequested(() => ctl.abort());
    return runAsk({ comparison: target, store, judge, settings: readSettings(), signal: ctl.signal, log: (l) => log().info(l) }, {
      onEvent: (e) => {
        const text = progressText(e);
        if (!text) return;
        progress.report({ message: uiText(text) });
        show({ status: 'running', judge: name, message: text });
      },
    });
  });
  const view = viewOfResult(result, target, map, name);
  show(view);
  if (view.status === 'failed') { void showError(`Pairwise: ${view.message}`); return result; }
  if (result.ok) {
    log().info(`judge ${judgeRater(judge)} on ${target.id}: ${result.record.outcome}`);
    for (const w of result.warnings) log().warn(`judge: ${w}`);
  }
  const held = ComparePanel.current?.runId === target.id && ComparePanel.current.viewState.judge?.status === 'withheld';
  void showInfo(held ? `Pairwise: ${name} has answered. Its verdict shows after you save yours (blind: no anchoring).` : `Pairwise: ${name} has answered — see the compare panel.`);
  return result;
}
