/**
 * "Ask Judge" and "judge the queue" over core/judge, without vscode: the run options the sides use (retries, idle
 * watchdog, deadline), the context the sides got when this window still has it, the panel's progress wording, and the
 * judge's answer turned into the panel's view. The extension's commands (askJudge.ts, judgeQueueCommand.ts) add the
 * prompts, consent and progress notification.
 */
import type { JudgeView } from '../../shared/compareProtocol';
import type { SlotMap } from '../../shared/compare/slots';
import type { RunOptions } from '../../core/run/types';
import type { ResolvedSide } from '../../core/providers/types';
import type { EffectiveComparison } from '../../core/results/foldAmends';
import type { ComparisonRecord } from '../../core/results/schema';
import { judgeComparison, storedJudgeContext, type JudgeComparisonResult, type JudgeContextSource, type JudgeEvent, type JudgePorts, type JudgeStore } from '../../core/judge';
import { answeredView, judgeName } from './judgeView';

/** The settings a judge run reads (a subset of PairwiseSettings): the same watchdogs and retries as the sides. */
export interface JudgeRunSettings { idleTimeoutSeconds: number; maxRetries: number; sideDeadlineSeconds: number }

/** Run options of a judge call: the sides' retries, idle watchdog and deadline; the judge's own (smaller) output caps. */
export function judgeOptionsFrom(s: JudgeRunSettings, log?: (line: string) => void): RunOptions {
  return { retry: { maxRetries: s.maxRetries }, idleTimeoutMs: s.idleTimeoutSeconds * 1000, sideDeadlineMs: s.sideDeadlineSeconds * 1000, ...(log ? { log } : {}) };
}

const LIVE_MAX = 20;
const liveContexts = new Map<string, JudgeContextSource>();

/** Remembers the prompt prefix a live comparison's sides got, so its judge reuses it byte for byte (and the provider's cache). */
export function rememberJudgeContext(comparisonId: string, source: JudgeContextSource): void {
  liveContexts.delete(comparisonId);
  liveContexts.set(comparisonId, source);
  while (liveContexts.size > LIVE_MAX) liveContexts.delete(liveContexts.keys().next().value as string);
}

/** What the judge sees of a comparison's context: the live prefix when this window ran it, else its saved manifest. */
export async function judgeContextFor(c: ComparisonRecord, store: Pick<JudgeStore, 'readBlob'>): Promise<JudgeContextSource> {
  return liveContexts.get(c.id) ?? storedJudgeContext(c, store);
}

/** The panel's line while the judge works, from its run events; undefined for events that change nothing shown. */
export function progressText(e: JudgeEvent): string | undefined {
  const which = e.order === 'ab' ? 'first order' : 'second order (drafts swapped)';
  switch (e.event.type) {
    case 'started': return `Asking the judge — ${which}…`;
    case 'firstToken': return `The judge is answering — ${which}…`;
    case 'retrying': return `Retrying the judge's ${which}: ${e.event.reason}`;
    case 'failed': return `The judge's ${which} failed: ${e.event.result.ok ? '' : e.event.result.message}`;
    default: return undefined;
  }
}

/** What asking the judge on one comparison needs. */
export interface AskJudgeInput {
  comparison: EffectiveComparison;
  store: JudgeStore;
  judge: ResolvedSide;
  settings: JudgeRunSettings;
  signal?: AbortSignal;
  log?: (line: string) => void;
}

/** Judges one comparison through core (both orders, the amend appended); never throws. */
export async function askJudge(i: AskJudgeInput, ports: JudgePorts = {}): Promise<JudgeComparisonResult> {
  try {
    const context = await judgeContextFor(i.comparison, i.store);
    return await judgeComparison({ comparison: i.comparison, store: i.store, judge: i.judge, context, options: judgeOptionsFrom(i.settings, i.log),
      ...(i.signal ? { signal: i.signal } : {}) }, ports);
  } catch (e) {
    return { ok: false, error: `The judge could not run: ${(e as Error).message}` };
  }
}

/** The panel's view of a finished ask: the answer (gated later by the panel), or why nothing was recorded. */
export function viewOfResult(r: JudgeComparisonResult, c: ComparisonRecord, map: SlotMap, judge: string): JudgeView {
  if (!r.ok) return { status: 'failed', judge, message: r.error };
  if (r.cancelled) return { status: 'failed', judge, message: 'Cancelled: the judge\'s answer was not recorded.' };
  if (!r.written) return { status: 'failed', judge, message: r.writeError ?? 'The judge\'s answer could not be recorded.' };
  return answeredView(r.record, r.amend.time, c.sides, map, r.amend.verdict === 'pending' ? undefined : r.amend.verdict);
}

/** The name shown for a resolved judge. */
export function resolvedJudgeName(judge: Pick<ResolvedSide, 'spec'>): string {
  return judgeName(judge.spec);
}
