/**
 * The text of the editor's judge consent questions (Ask Judge, Judge Pending): where the requests go, what they carry,
 * what they should cost, and a warning when they cross the network over plain http. Pure (no vscode).
 */
import { judgeSendsWhat, type JudgeEstimate } from '../../core/judge';
import { plainHttpWarning } from '../../core/providers/presets';
import type { ResolvedSide } from '../../core/providers/types';
import { hostOf } from '../../core/session/identity';

/** The host a judge's requests go to. */
export function judgeHost(judge: ResolvedSide): string {
  return hostOf(judge.spec.baseUrl ?? judge.preset.baseUrl) ?? judge.preset.baseUrl;
}

/** Dollars for people: "$0.0123", or "unknown" (no price for the model). */
export function usd(n: number | null, model?: string): string {
  if (n === null) return `unknown${model ? ` (no price for ${model}; set pairwise.pricing)` : ''}`;
  return n < 0.01 ? `$${n.toFixed(4)}` : `$${n.toFixed(2)}`;
}

/** "Warning: … . " when the judge is reached over plain http on another machine (as the compare question and the CLI's judge say), else ''. */
function plainHttpNote(judge: ResolvedSide): string {
  const w = plainHttpWarning(judge.spec.baseUrl ?? judge.preset.baseUrl);
  return w ? `Warning: ${w}. ` : '';
}

/** The detail of Ask Judge's question for one comparison. */
export function askJudgeDetail(judge: ResolvedSide, est: Pick<JudgeEstimate, 'usd' | 'usdMax'>): string {
  return `Sends the paper, the context the sides got (or its summary), both drafts and their check results to ${judgeHost(judge)} — twice, once in each order, `
    + `so position bias shows. Estimated cost: ${usd(est.usd, judge.spec.model)} (at most ${usd(est.usdMax)}). ${plainHttpNote(judge)}The answer is recorded as the judge's own; your verdict is never changed.`;
}

/** The detail of Judge Pending's question (skipped: what the plan leaves out, '' for none). */
export function judgeQueueDetail(judge: ResolvedSide, est: Pick<JudgeEstimate, 'usd' | 'usdMax' | 'inputTokens' | 'pairs' | 'fullContext'>, skipped: string): string {
  return `Each comparison is judged twice, once in each order: ${judgeSendsWhat(est)} go to ${judgeHost(judge)}. `
    + `Estimated cost: ${usd(est.usd, judge.spec.model)} (at most ${usd(est.usdMax)} if every answer runs to the output cap), about ${est.inputTokens.toLocaleString('en-US')} input tokens. `
    + `${plainHttpNote(judge)}${skipped ? `Skipped: ${skipped}. ` : ''}Answers are recorded as the judge's own; your verdicts stay pending, and on blind comparisons you see the judge's verdict only after yours.`;
}
