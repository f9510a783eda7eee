// Shapes of the parallel run (see /work/notes/interfaces.md).
import type { DraftResult, PromptInput, ResolvedSide, SideId, Usage } from '../providers/types';
import type { RetryPolicy } from './retryPolicy';

/**
 * What a run reports, per side, in order: `started` once; after each `retrying` the side's text restarts
 * from empty (the UI clears it), then `firstToken` and `delta`s of the new attempt; `usage` whenever the
 * provider reports it; finally exactly one `done` (ok) or `failed` (not ok).
 */
export type RunEvent = { side: SideId } & (
  | { type: 'started'; at: number }
  | { type: 'firstToken'; ttftMs: number }
  | { type: 'delta'; text: string }
  | { type: 'retrying'; attempt: number; reason: string; resumeAt: number }
  | { type: 'usage'; usage: Usage }
  | { type: 'done'; result: DraftResult }
  | { type: 'failed'; result: DraftResult }
);

/** Knobs of a run; every field has a default. */
export interface RunOptions {
  /** Output cap sent to both sides (default 8192). */
  maxTokens?: number;
  /** Retry policy overrides (default: 3 retries, full-jitter backoff from 1 s, retry-after honoured up to 60 s). */
  retry?: Partial<RetryPolicy>;
  /** Abort and retry a stream that sends no byte for this long after its headers (default 60 000 ms). */
  idleTimeoutMs?: number;
  /** Abort and retry a request whose response headers take longer than this (default 120 000 ms). */
  headersTimeoutMs?: number;
  /** Largest response body one attempt may send, in bytes; more fails the side as `too_large` (default 16 MiB). */
  maxOutputBytes?: number;
  /** Overall time one side may take, retries and waits included; past it the side fails as `deadline` (default 900 000 ms). */
  sideDeadlineMs?: number;
  /** After a side finishes, send the identical request again and record cold vs warm TTFT and cache share. */
  warmRepeat?: boolean;
  /** Receives redacted diagnostic lines (never keys, never prompt text). */
  log?: (line: string) => void;
  /** fetch used by the SDKs (tests and benches leave it unset). */
  fetch?: typeof globalThis.fetch;
}

/** Input of {@link runPair} / PairRun. */
export interface PairRunInput {
  a: ResolvedSide;
  b: ResolvedSide;
  prompt: PromptInput;
  options?: RunOptions;
  onEvent?: (e: RunEvent) => void;
  /** Aborting it cancels both sides. */
  signal?: AbortSignal;
}

/** Final outcome of a pair: each side's result and how far apart the two requests left (ms). */
export interface PairOutcome {
  a: DraftResult;
  b: DraftResult;
  /** |send time of A − send time of B| of the first attempts; 0 when a side never sent (e.g. missing key). */
  startGapMs: number;
}
