/**
 * Judging one comparison: both orders through the side runner, answers parsed strictly, raw answers saved as blobs,
 * and one amend (rater `judge:<preset>:<model>`, built by the one amend builder) appended to the results store. The
 * human verdict is never touched: foldAmends keeps judge answers apart (EffectiveComparison.judgeOpinions).
 */
import { computeCost } from '../providers/pricing';
import type { DraftResult, ResolvedSide } from '../providers/types';
import type { BlobRead } from '../results/blobStore';
import { newRecordId } from '../results/recordId';
import type { AppendResult } from '../results/resultsStore';
import { JUDGE_RATER_PREFIX, type AmendRecord, type ComparisonRecord, type JudgeRecord, type ResultRecord } from '../results/schema';
import type { RunOptions } from '../run/types';
import { buildAmend } from '../session/amend';
import { hostOf } from '../session/identity';
import { combineOrders, orderRecord } from './combine';
import { sameFamilySides, selfPreferenceWarning } from './family';
import { judgeContext, type JudgeContextSource, JUDGE_CONTEXT_BUDGET } from './judgeContext';
import { redactForJudge } from './judgeRedact';
import { runJudgeOrders, type JudgeEvent } from './judgeOrders';
import { buildJudgePrompts, JUDGE_ORDERS, type JudgeOrder } from './judgePrompt';
import { parseJudgeAnswer } from './judgeParse';
import { checkRubric, DEFAULT_JUDGE_RUBRIC, judgePromptVersion, type JudgeCriterion } from './rubric';

/** Where judging reads drafts and writes answers: a ResultsStore fits. */
export interface JudgeStore {
  readonly file: string;
  readBlob(runId: string, hash: string): Promise<BlobRead>;
  saveBlob(runId: string, name: string, text: string): Promise<string>;
  tryAppend(r: ResultRecord): Promise<AppendResult>;
}

/** What judging one comparison needs. */
export interface JudgeComparisonInput {
  /** The comparison as recorded (or its effective view); its drafts are read from `store` unless `drafts` is given. */
  comparison: ComparisonRecord;
  store: JudgeStore;
  /** The judge model, resolved like a side (preset, key, prices). */
  judge: ResolvedSide;
  /** The drafts' raw text when the shell already has it (a live comparison). */
  drafts?: { a: string; b: string };
  /** What is known of the sides' context (their prompt prefix, the saved manifest, the paper). */
  context?: JudgeContextSource;
  /** The criteria the verdict form rates (default DEFAULT_JUDGE_RUBRIC). */
  rubric?: readonly JudgeCriterion[];
  /** The same run knobs as the sides (retries, watchdogs, deadline, byte cap); the judge's output caps are smaller by default. */
  options?: RunOptions;
  /** Token budget of the context prefix (default JUDGE_CONTEXT_BUDGET). */
  contextBudgetTokens?: number;
  signal?: AbortSignal;
}

/** Clock, ids and events of a judge run (tests fix them). */
export interface JudgePorts {
  now?: () => Date;
  newId?: (now: Date) => string;
  onEvent?: (e: JudgeEvent) => void;
}

/** How judging one comparison ended. `ok: false` means nothing was sent (bad input); the error says what to do. */
export type JudgeComparisonResult =
  | { ok: true; amend: AmendRecord; record: JudgeRecord; warnings: string[]; written: boolean; cancelled: boolean; writeError?: string }
  | { ok: false; error: string };

/** The rater name of a judge: `judge:<preset>:<model>`. */
export function judgeRater(judge: Pick<ResolvedSide, 'spec'>): string {
  return `${JUDGE_RATER_PREFIX}${judge.spec.preset}:${judge.spec.model}`;
}

/** Whether a comparison has both drafts a judge can read (both sides ran and their draft text was saved). */
export function hasBothDrafts(c: ComparisonRecord): boolean {
  return (['a', 'b'] as const).every((s) => c.sides[s].status !== 'failed' && typeof c.sides[s].draftHash === 'string');
}

/** Reads both drafts of a recorded comparison; the error names what is missing. */
export async function readDrafts(c: ComparisonRecord, store: Pick<JudgeStore, 'readBlob'>): Promise<{ ok: true; drafts: { a: string; b: string } } | { ok: false; error: string }> {
  const failed = (['a', 'b'] as const).filter((s) => c.sides[s].status === 'failed');
  if (failed.length) return { ok: false, error: `Comparison ${c.id} has no draft from side ${failed.join(' and ')} (the run failed); there is nothing to judge.` };
  const out: Record<'a' | 'b', string> = { a: '', b: '' };
  for (const s of ['a', 'b'] as const) {
    const hash = c.sides[s].draftHash;
    if (!hash) return { ok: false, error: `Comparison ${c.id} has no saved draft for side ${s} (recorded without drafts, e.g. imported); there is nothing to judge.` };
    const r = await store.readBlob(c.id, hash);
    if (!r.ok) return { ok: false, error: `Cannot judge comparison ${c.id}: ${r.error}` };
    out[s] = r.text;
  }
  return { ok: true, drafts: out };
}

/** Judges one comparison in both orders and appends the judge's amend (unless cancelled). */
export async function judgeComparison(input: JudgeComparisonInput, ports: JudgePorts = {}): Promise<JudgeComparisonResult> {
  const c = input.comparison;
  const rubric = input.rubric ?? DEFAULT_JUDGE_RUBRIC;
  const rubricError = checkRubric(rubric);
  if (rubricError) return { ok: false, error: rubricError };
  const read = input.drafts ? { ok: true as const, drafts: input.drafts } : await readDrafts(c, input.store);
  if (!read.ok) return read;
  const { context: ctx, paper } = await redactForJudge(judgeContext(input.context ?? {}, input.contextBudgetTokens ?? JUDGE_CONTEXT_BUDGET), c.paper);
  const prompts = buildJudgePrompts({ context: ctx, rubric, repoName: c.repo.name, paper, drafts: read.drafts, checks: c.checks });
  const results = await runJudgeOrders(input.judge, prompts, input.options ?? {}, ports.onEvent, input.signal);
  const cancelled = input.signal?.aborted === true;
  const rater = judgeRater(input.judge);
  const warnings = [...ctx.notes];
  const orders = [];
  for (const order of JUDGE_ORDERS) orders.push(await finishOrder(input, c.id, rater, order, results[order], rubric.map((r) => r.id), warnings));
  const combined = combineOrders(orders);
  const host = hostOf(input.judge.spec.baseUrl ?? input.judge.preset.baseUrl);
  const record: JudgeRecord = { preset: input.judge.spec.preset, model: input.judge.spec.model, ...(host ? { baseUrlHost: host } : {}),
    outcome: combined.outcome, orders, promptVersion: judgePromptVersion(rubric) };
  const same = sameFamilySides(input.judge.spec, c.sides);
  if (same.length) record.sameFamily = same;
  const selfWarning = selfPreferenceWarning(input.judge.spec, c.sides);
  if (selfWarning) warnings.unshift(selfWarning);
  const now = (ports.now ?? (() => new Date()))();
  const amend = buildAmend(c.id, { verdict: combined.verdict, rater, judge: record }, { id: (ports.newId ?? newRecordId)(now), now });
  if (cancelled) return { ok: true, amend, record, warnings, written: false, cancelled };
  const w = await input.store.tryAppend(amend);
  return w.ok ? { ok: true, amend, record, warnings, written: true, cancelled } : { ok: true, amend, record, warnings, written: false, cancelled, writeError: w.error };
}

async function finishOrder(input: JudgeComparisonInput, runId: string, rater: string, order: JudgeOrder, result: DraftResult,
  criteria: string[], warnings: string[]) {
  const text = result.ok ? result.text : result.partialText;
  let answerHash: string | undefined;
  if (text) {
    try { answerHash = await input.store.saveBlob(runId, `${rater.replace(/[^A-Za-z0-9._-]+/g, '_')}-${order}.md`, text); }
    catch (e) { warnings.push(`Could not save the judge's ${order} answer next to ${input.store.file}: ${(e as Error).message}`); }
  }
  const failedCost = !result.ok && result.usage ? computeCost(result.usage, input.judge.spec.model, input.judge.pricingOverride) : undefined;
  return orderRecord(order, result, result.ok ? parseJudgeAnswer(text, criteria) : undefined, answerHash, failedCost);
}
