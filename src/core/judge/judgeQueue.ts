/**
 * Judging many comparisons: which ones (a selection, minus the pairs this judge already answered, so a stopped run
 * resumes where it stopped), what it will cost before anything is sent, and the queue itself with a cost ceiling.
 * Pairs whose judging failed are not "answered": the next run judges them again.
 */
import type { ContextManifest } from '../context/types';
import { countTokens } from '../context/tokenCount';
import { hashPromptPrefix } from '../prompt/assemblePrompt';
import type { PromptBlock } from '../prompt/types';
import type { ResolvedSide } from '../providers/types';
import { foldAmends, type EffectiveComparison } from '../results/foldAmends';
import { isJudgeRater, type ResultRecord } from '../results/schema';
import { judgeComparison, judgeRater, hasBothDrafts, readDrafts, type JudgeComparisonInput, type JudgePorts, type JudgeStore } from './judgeComparison';
import { judgeContext, JUDGE_CONTEXT_BUDGET, type JudgeContextSource } from './judgeContext';
import { JUDGE_MAX_TOKENS } from './judgeOrders';
import { buildJudgePrompts } from './judgePrompt';
import { judgePrefixTokens, priceJudgeOrders } from './judgePricing';
import { DEFAULT_JUDGE_RUBRIC, type JudgeCriterion } from './rubric';

/** Which comparisons to judge: still waiting for a human verdict, already judged by a human, or every one. */
export type JudgeSelection = 'pending' | 'human' | 'all';

/** Every selection, for flag validation. */
export const JUDGE_SELECTIONS: readonly JudgeSelection[] = ['pending', 'human', 'all'];

/** The comparisons to judge and why others were left out. */
export interface JudgePlan { todo: EffectiveComparison[]; answered: number; noDrafts: number; notSelected: number }

/** Picks the comparisons a judge should answer (file order); pure. */
export function planJudging(records: Iterable<ResultRecord>, rater: string, only: JudgeSelection): JudgePlan {
  const plan: JudgePlan = { todo: [], answered: 0, noDrafts: 0, notSelected: 0 };
  for (const c of foldAmends(records)) {
    const human = !isJudgeRater(c.rater) && c.verdict !== 'pending';
    if ((only === 'pending' && c.verdict !== 'pending') || (only === 'human' && !human)) { plan.notSelected++; continue; }
    if (!hasBothDrafts(c)) { plan.noDrafts++; continue; }
    if (c.judgeOpinions.some((o) => o.rater === rater && o.judge.outcome !== 'failed')) { plan.answered++; continue; }
    plan.todo.push(c);
  }
  return plan;
}

/** What the shells know of a recorded comparison's context: its saved manifest (read from its blob), when there is one. */
export async function storedJudgeContext(c: EffectiveComparison | JudgeComparisonInput['comparison'], store: Pick<JudgeStore, 'readBlob'>): Promise<JudgeContextSource> {
  const out: JudgeContextSource = {};
  const prompt = await storedPrefix(c, store);
  if (prompt) out.prompt = prompt;
  if (!c.manifestHash) return out;
  const r = await store.readBlob(c.id, c.manifestHash);
  if (!r.ok) return out;
  try {
    const m = JSON.parse(r.text) as ContextManifest;
    if (m && m.schema === 'pairwise-manifest/1' && Array.isArray(m.files) && Array.isArray(m.papers)) out.manifest = m;
  } catch { /* a damaged manifest: the judge goes without it */ }
  return out;
}

/** The sides' prompt prefix saved with the comparison, used only when it still hashes to the record's `prefixHash`. */
async function storedPrefix(c: { id: string; prompt?: { prefixHash?: string; prefixBlob?: string } }, store: Pick<JudgeStore, 'readBlob'>): Promise<JudgeContextSource['prompt'] | undefined> {
  const hash = c.prompt?.prefixBlob;
  if (!hash || !c.prompt?.prefixHash) return undefined;
  const r = await store.readBlob(c.id, hash);
  if (!r.ok) return undefined;
  try {
    const p = JSON.parse(r.text) as { system?: unknown; blocks?: unknown };
    if (typeof p.system !== 'string' || !Array.isArray(p.blocks)) return undefined;
    const blocks = p.blocks.filter((b): b is PromptBlock => typeof b === 'object' && b !== null && (b.kind === 'repo' || b.kind === 'paper') && typeof b.text === 'string');
    if (blocks.length !== p.blocks.length || hashPromptPrefix(p.system, blocks) !== c.prompt.prefixHash) return undefined;
    return { system: p.system, blocks };
  } catch { return undefined; }
}

/** The cost estimate shown before consent. */
export interface JudgeEstimate {
  pairs: number;
  /** Prompt tokens of both orders, the shared prefix of the second order counted as cache reads. */
  inputTokens: number;
  cachedTokens: number;
  /** Output assumed per order for `usd` (a typical answer), and the cap used for `usdMax`. */
  outputTokensPerOrder: number;
  /** Estimate with typical answers; null when the judge model has no known price. */
  usd: number | null;
  /** Upper bound: every answer at the output cap. */
  usdMax: number | null;
  /** Estimate per comparison id. */
  perPair: Record<string, number | null>;
  /** Comparisons whose drafts could not be read (they will fail the same way when judged). */
  problems: string[];
  /** Pairs whose judge is sent the sides' exact context (their repository files), not a summary of it. */
  fullContext: number;
}

/** What each judge request carries, for the consent question: the sides' repository context or a summary of it. */
export function judgeSendsWhat(est: Pick<JudgeEstimate, 'pairs' | 'fullContext'>): string {
  const context = est.fullContext === 0 ? 'a summary of the context the sides were sent'
    : est.fullContext >= est.pairs ? 'the repository context the sides were sent'
      : `the repository context the sides were sent (${est.fullContext} of ${est.pairs} comparisons; a summary of it for the others)`;
  return `${context}, the paper, both drafts and their checks`;
}

/** Typical length of a judge answer in tokens (verdict, four ratings, a few sentences). */
export const TYPICAL_JUDGE_OUTPUT_TOKENS = 400;

/** What estimating needs: the comparisons, where their drafts are, the judge, and the same context/rubric judging will use. */
export interface JudgeEstimateInput {
  comparisons: readonly EffectiveComparison[];
  store: Pick<JudgeStore, 'readBlob'>;
  judge: ResolvedSide;
  rubric?: readonly JudgeCriterion[];
  contextFor?: (c: EffectiveComparison) => Promise<JudgeContextSource>;
  contextBudgetTokens?: number;
  maxTokens?: number;
}

/** Estimates the cost of judging `comparisons` in both orders, counting the prompts that would be sent (o200k tokens). */
export async function estimateJudgeCost(input: JudgeEstimateInput): Promise<JudgeEstimate> {
  const rubric = input.rubric ?? DEFAULT_JUDGE_RUBRIC;
  const cap = input.maxTokens ?? JUDGE_MAX_TOKENS;
  const out: JudgeEstimate = { pairs: 0, inputTokens: 0, cachedTokens: 0, outputTokensPerOrder: TYPICAL_JUDGE_OUTPUT_TOKENS, usd: 0, usdMax: 0, perPair: {}, problems: [], fullContext: 0 };
  const prefixTokens = new Map<string, number>();
  for (const c of input.comparisons) {
    const read = await readDrafts(c, input.store);
    if (!read.ok) { out.problems.push(read.error); continue; }
    const ctx = judgeContext(input.contextFor ? await input.contextFor(c) : {}, input.contextBudgetTokens ?? JUDGE_CONTEXT_BUDGET);
    if (ctx.source === 'prompt') out.fullContext++;
    const p = buildJudgePrompts({ context: ctx, rubric, repoName: c.repo.name, paper: c.paper, drafts: read.drafts, checks: c.checks });
    const prefix = p.prefixHash;
    if (!prefixTokens.has(prefix)) prefixTokens.set(prefix, judgePrefixTokens(p));
    const pre = prefixTokens.get(prefix) as number;
    const taskAb = countTokens(p.ab.task), taskBa = countTokens(p.ba.task);
    const price = (outTokens: number) => priceJudgeOrders(input.judge, pre, [taskAb, taskBa], outTokens);
    const typical = price(TYPICAL_JUDGE_OUTPUT_TOKENS);
    out.perPair[c.id] = typical;
    out.usd = out.usd === null || typical === null ? null : out.usd + typical;
    const max = price(cap);
    out.usdMax = out.usdMax === null || max === null ? null : out.usdMax + max;
    out.pairs++;
    out.inputTokens += pre * 2 + taskAb + taskBa;
    out.cachedTokens += pre;
  }
  return out;
}

/** Progress of a queue after each pair. */
export interface JudgeQueueProgress { index: number; total: number; comparisonId: string; outcome: string; costUsd: number | null; warnings: string[]; error?: string }

/** How a queue ended. */
export interface JudgeQueueSummary {
  judged: number; consistent: number; inconsistent: number; unparsed: number; failed: number;
  /** Pairs not sent: bad input (e.g. a missing draft blob). */
  errors: number;
  /** Dollars spent, and whether some of it is unknown (a model without a price). */
  costUsd: number; costUnknown: boolean;
  /** Why it stopped before the end, if it did. */
  stoppedBy?: 'max-cost' | 'cancelled' | 'write-error';
  /** Pairs left unjudged when it stopped early. */
  left: number;
  /** Distinct warnings (self-preference, context summaries, write errors). */
  warnings: string[];
}

/** A queue: the comparisons, the judge, and the same knobs as judgeComparison, plus a cost ceiling. */
export interface JudgeQueueInput extends Omit<JudgeComparisonInput, 'comparison' | 'drafts' | 'context'> {
  comparisons: readonly EffectiveComparison[];
  /** Stop before a pair whose estimate would take the spend over this many dollars. */
  maxCostUsd?: number;
  /** Estimates per pair (from estimateJudgeCost) used by the ceiling; pairs without one count as free until answered. */
  estimates?: Record<string, number | null>;
  contextFor?: (c: EffectiveComparison) => Promise<JudgeContextSource>;
  onProgress?: (p: JudgeQueueProgress) => void;
}

/** Judges the comparisons one after another; every answer is appended as it comes, so a stop loses nothing. */
export async function judgeQueue(input: JudgeQueueInput, ports: JudgePorts = {}): Promise<JudgeQueueSummary> {
  const s: JudgeQueueSummary = { judged: 0, consistent: 0, inconsistent: 0, unparsed: 0, failed: 0, errors: 0, costUsd: 0, costUnknown: false, left: 0, warnings: [] };
  const warn = (w: string) => { if (!s.warnings.includes(w)) s.warnings.push(w); };
  const total = input.comparisons.length;
  for (let i = 0; i < total; i++) {
    const c = input.comparisons[i];
    if (input.signal?.aborted) { s.stoppedBy = 'cancelled'; s.left = total - i; break; }
    const next = input.estimates?.[c.id] ?? 0;
    if (input.maxCostUsd !== undefined && s.costUsd + next > input.maxCostUsd) { s.stoppedBy = 'max-cost'; s.left = total - i; break; }
    const context = input.contextFor ? await input.contextFor(c) : await storedJudgeContext(c, input.store);
    const r = await judgeComparison({ ...input, comparison: c, context }, ports);
    if (!r.ok) { s.errors++; warn(r.error); input.onProgress?.({ index: i, total, comparisonId: c.id, outcome: 'error', costUsd: null, warnings: [], error: r.error }); continue; }
    const cost = r.record.orders.map((o) => o.cost?.usd ?? null);
    if (cost.some((x) => x === null) && r.record.orders.some((o) => o.usage)) s.costUnknown = true;
    s.costUsd += cost.reduce<number>((a, x) => a + (x ?? 0), 0);
    r.warnings.forEach(warn);
    if (r.cancelled) { s.stoppedBy = 'cancelled'; s.left = total - i; break; }
    if (!r.written) { s.stoppedBy = 'write-error'; s.left = total - i; warn(r.writeError ?? 'The judge answer could not be written.'); break; }
    s.judged++;
    s[r.record.outcome]++;
    input.onProgress?.({ index: i, total, comparisonId: c.id, outcome: r.record.outcome, costUsd: cost.some((x) => x === null) ? null : (cost as number[]).reduce((a, b) => a + b, 0), warnings: r.warnings });
  }
  return s;
}

/** The rater name a judge writes under (re-exported for shells that plan before judging). */
export { judgeRater };
