/**
 * The judge's cost for pairs not run yet (`batch --judge`), priced before their drafts exist: each pair's judge prefix
 * (the sides' context within the judge's budget, the paper and the rubric) is counted exactly; the drafts are priced
 * at a typical length for the estimate and at their token cap for the upper bound.
 */
import type { ContextManifest } from '../context/types';
import { countTokens } from '../context/tokenCount';
import type { ResolvedSide } from '../providers/types';
import type { BuiltPrompt } from '../prompt/types';
import type { ComparisonRecord } from '../results/schema';
import { judgeContext } from './judgeContext';
import { JUDGE_MAX_TOKENS } from './judgeOrders';
import { buildJudgePrompts } from './judgePrompt';
import { judgePrefixTokens, priceJudgeOrders } from './judgePricing';
import { TYPICAL_JUDGE_OUTPUT_TOKENS } from './judgeQueue';
import { DEFAULT_JUDGE_RUBRIC } from './rubric';

/** Typical length of one side's draft in tokens (a PR description with a patch, or an issue), for pricing ahead. */
export const TYPICAL_DRAFT_TOKENS = 1500;

/** One pair to be judged: the context its sides get and how its paper is named. */
export interface JudgeAheadPair {
  prompt: BuiltPrompt;
  manifest?: ContextManifest;
  repoName: string;
  paper?: ComparisonRecord['paper'];
}

/** The estimate shown before consent. */
export interface JudgeAheadEstimate {
  pairs: number;
  /** With drafts of TYPICAL_DRAFT_TOKENS and a typical answer per order; null when the judge has no known price. */
  usd: number | null;
  /** Upper bound: both drafts at `draftCap` tokens and every answer at the judge's output cap. */
  usdMax: number | null;
  /** Judge prompt tokens of both orders with typical drafts (the second order's prefix counted as cache reads). */
  inputTokens: number;
}

/** Prices judging every pair in both orders (the shared prefix written or sent once, then read from the prompt cache). */
export function estimateJudgeAhead(pairs: readonly JudgeAheadPair[], judge: ResolvedSide, draftCap: number): JudgeAheadEstimate {
  const out: JudgeAheadEstimate = { pairs: 0, usd: 0, usdMax: 0, inputTokens: 0 };
  // Pairs of one batch share a few contexts: each prefix is counted once.
  const counted = new Map<string, { prefix: number; task: number }>();
  for (const p of pairs) {
    const key = `${p.prompt.prefixHash}\u0000${p.repoName}\u0000${p.paper?.title ?? ''}\u0000${p.paper?.id ?? ''}`;
    let c = counted.get(key);
    if (!c) {
      const ctx = judgeContext({ prompt: p.prompt, ...(p.manifest ? { manifest: p.manifest } : {}) });
      const jp = buildJudgePrompts({ context: ctx, rubric: DEFAULT_JUDGE_RUBRIC, repoName: p.repoName, ...(p.paper ? { paper: p.paper } : {}), drafts: { a: '', b: '' } });
      c = { prefix: judgePrefixTokens(jp), task: countTokens(jp.ab.task) };
      counted.set(key, c);
    }
    const prefix = c.prefix;
    const task = c.task;
    const price = (draftTokens: number, answerTokens: number) => priceJudgeOrders(judge, prefix, [task + 2 * draftTokens, task + 2 * draftTokens], answerTokens);
    const typical = price(TYPICAL_DRAFT_TOKENS, TYPICAL_JUDGE_OUTPUT_TOKENS);
    const max = price(draftCap, JUDGE_MAX_TOKENS);
    out.usd = out.usd === null || typical === null ? null : out.usd + typical;
    out.usdMax = out.usdMax === null || max === null ? null : out.usdMax + max;
    out.inputTokens += 2 * (c.prefix + c.task + 2 * TYPICAL_DRAFT_TOKENS);
    out.pairs++;
  }
  return out;
}
