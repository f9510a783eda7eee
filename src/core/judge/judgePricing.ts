/** How a judge's two orders of one pair are priced before they are sent (both `judge` and `batch --judge` estimates). */
import { countTokens } from '../context/tokenCount';
import { computeCost } from '../providers/pricing';
import type { ResolvedSide, Usage } from '../providers/types';
import type { JudgePrompts } from './judgePrompt';

/** Tokens of the prefix both orders share (system prompt and cacheable blocks). */
export function judgePrefixTokens(p: JudgePrompts): number {
  return countTokens([p.ab.system, ...p.ab.blocks.map((b) => b.text)].join('\n'));
}

/**
 * Dollars for both orders of one pair: the first writes the shared prefix to the prompt cache (Anthropic) or sends it
 * as input, the second reads it from the cache; each order's task is input and each answer `answerTokens` of output.
 * Null when the judge's model has no known price.
 */
export function priceJudgeOrders(judge: ResolvedSide, prefixTokens: number, taskTokens: readonly [number, number], answerTokens: number): number | null {
  const writes = judge.preset.kind === 'anthropic';
  const first: Usage = { inputTokens: taskTokens[0] + (writes ? 0 : prefixTokens), outputTokens: answerTokens, cacheReadTokens: 0, cacheWriteTokens: writes ? prefixTokens : 0 };
  const second: Usage = { inputTokens: taskTokens[1], outputTokens: answerTokens, cacheReadTokens: prefixTokens, cacheWriteTokens: 0 };
  const costs = [first, second].map((u) => computeCost(u, judge.spec.model, judge.pricingOverride).usd);
  return costs.some((x) => x === null) ? null : (costs as number[]).reduce((a, b) => a + b, 0);
}
