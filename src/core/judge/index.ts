// Public surface of the LLM judge (pure Node): both shells call these.
export { judgeComparison, judgeRater, hasBothDrafts, readDrafts } from './judgeComparison';
export type { JudgeComparisonInput, JudgeComparisonResult, JudgePorts, JudgeStore } from './judgeComparison';
export { planJudging, estimateJudgeCost, judgeQueue, storedJudgeContext, JUDGE_SELECTIONS, TYPICAL_JUDGE_OUTPUT_TOKENS } from './judgeQueue';
export type { JudgePlan, JudgeSelection, JudgeEstimate, JudgeEstimateInput, JudgeQueueInput, JudgeQueueProgress, JudgeQueueSummary } from './judgeQueue';
export { judgeContext, manifestSummary, JUDGE_CONTEXT_BUDGET, JUDGE_SYSTEM } from './judgeContext';
export type { JudgeContext, JudgeContextSource } from './judgeContext';
export { buildJudgePrompts, judgeInstructions, JUDGE_ORDERS } from './judgePrompt';
export type { JudgeOrder, JudgePrompts, JudgePromptInput } from './judgePrompt';
export { parseJudgeAnswer, judgeAnswerFormat, JUDGE_MARKERS } from './judgeParse';
export type { ParsedJudgeAnswer } from './judgeParse';
export { combineOrders, answerToVerdict } from './combine';
export { runJudgeOrders, judgeRunOptions, JUDGE_MAX_TOKENS } from './judgeOrders';
export type { JudgeEvent } from './judgeOrders';
export { modelFamily, sameFamilySides, selfPreferenceWarning, MODEL_FAMILIES } from './family';
export { DEFAULT_JUDGE_RUBRIC, JUDGE_PROMPT_VERSION, judgePromptVersion, checkRubric } from './rubric';
export type { JudgeCriterion } from './rubric';
export { fenceDraft, readFencedDrafts, escapeDraft } from './fence';
