// Public surface of the parallel run.
export { PairRun, runPair } from './pairRun';
export type { PairOutcome, PairRunInput, RunEvent, RunOptions } from './types';
export { DEFAULT_RETRY_POLICY, backoffDelayMs, decideRetry, parseRetryAfterMs, retryPolicyWith, sleep } from './retryPolicy';
export type { RetryPolicy, RetryDecision } from './retryPolicy';
export { redactSecrets, containsSecret, REDACTED } from './redactSecrets';
export { classifyError, type ClassifiedError } from './errorClassifier';
export { RUN_DEFAULTS } from './sideRunner';
