/**
 * Runs the judge's two calls through the same side runner as the sides (retries, watchdogs, deadline, byte cap,
 * fault handling, redaction): order `ab` first, and `ba` as soon as `ab` streams its first token (by then the shared
 * prefix is in the provider's prompt cache) or ends. Never rejects: each order ends as a DraftResult.
 */
import type { DraftResult, PromptInput, ResolvedSide, SideId } from '../providers/types';
import { prepareSide, SideRun } from '../run/sideRunner';
import type { RunEvent, RunOptions } from '../run/types';
import type { JudgeOrder } from './judgePrompt';

/** A run event of one judge order. */
export interface JudgeEvent { order: JudgeOrder; event: RunEvent }

/** Default output cap of a judge call (an answer is a verdict, ratings and a few sentences). */
export const JUDGE_MAX_TOKENS = 2048;

/** Default byte cap of one judge response: far above any well-formed answer. */
export const JUDGE_MAX_OUTPUT_BYTES = 2 * 1024 * 1024;

const SLOT: Record<JudgeOrder, SideId> = { ab: 'a', ba: 'b' };

/** The run options of a judge call: the caller's, with the judge's smaller output caps as defaults. */
export function judgeRunOptions(options: RunOptions = {}): RunOptions {
  return { ...options, maxTokens: options.maxTokens ?? JUDGE_MAX_TOKENS, maxOutputBytes: options.maxOutputBytes ?? JUDGE_MAX_OUTPUT_BYTES, warmRepeat: false };
}

/** Runs both orders; `signal` cancels whatever is still running. */
export async function runJudgeOrders(judge: ResolvedSide, prompts: Record<JudgeOrder, PromptInput>, options: RunOptions,
  onEvent?: (e: JudgeEvent) => void, signal?: AbortSignal): Promise<Record<JudgeOrder, DraftResult>> {
  const opts = judgeRunOptions(options);
  const runs: SideRun[] = [];
  const onAbort = () => { for (const r of runs) r.cancel(); };
  signal?.addEventListener('abort', onAbort, { once: true });
  let releaseSecond: () => void = () => {};
  const secondMayStart = new Promise<void>((resolve) => { releaseSecond = resolve; });
  const start = async (order: JudgeOrder): Promise<DraftResult> => {
    const prepared = await prepareSide({ resolved: judge, prompt: prompts[order], options: opts });
    const run = new SideRun({ side: SLOT[order], resolved: judge, prompt: prompts[order], options: opts, secrets: [judge.apiKey],
      emit: (event) => {
        if (order === 'ab' && (event.type === 'firstToken' || event.type === 'done' || event.type === 'failed')) releaseSecond();
        try { onEvent?.({ order, event }); } catch { /* a broken listener must not stop the judge */ }
      } }, prepared);
    runs.push(run);
    if (signal?.aborted) run.cancel();
    return run.run();
  };
  try {
    const ab = start('ab').finally(releaseSecond);
    await secondMayStart;
    const ba = start('ba');
    const [a, b] = await Promise.all([ab, ba]);
    return { ab: a, ba: b };
  } finally {
    signal?.removeEventListener('abort', onAbort);
  }
}
