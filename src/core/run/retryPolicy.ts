// Pairwise's own retry policy (SDK retries are off): which failures retry, how long to wait, cancellable waits.
import type { ErrorKind } from '../providers/types';

/** How a side retries. */
export interface RetryPolicy {
  /** Retries after the first attempt (default 3, so up to 4 attempts). */
  maxRetries: number;
  /** First backoff ceiling; doubles each retry (default 1000 ms). */
  baseDelayMs: number;
  /** Ceiling for computed backoff (default 30 000 ms). */
  maxDelayMs: number;
  /** Longest server-requested wait (retry-after) Pairwise honours; longer asks end the side (default 60 000 ms). */
  retryAfterCapMs: number;
  /** Random source in [0, 1) for the jitter (tests pin it). */
  random: () => number;
}

/** Defaults of {@link RetryPolicy}. */
export const DEFAULT_RETRY_POLICY: Readonly<RetryPolicy> = Object.freeze({
  maxRetries: 3,
  baseDelayMs: 1000,
  maxDelayMs: 30_000,
  retryAfterCapMs: 60_000,
  random: Math.random,
});

/** Policy with overrides applied and numbers clamped to sane ranges. */
export function retryPolicyWith(overrides: Partial<RetryPolicy> = {}): RetryPolicy {
  const p = { ...DEFAULT_RETRY_POLICY, ...overrides };
  const nonNeg = (n: number, d: number) => (Number.isFinite(n) && n >= 0 ? n : d);
  return {
    maxRetries: Math.floor(nonNeg(p.maxRetries, DEFAULT_RETRY_POLICY.maxRetries)),
    baseDelayMs: nonNeg(p.baseDelayMs, DEFAULT_RETRY_POLICY.baseDelayMs),
    maxDelayMs: nonNeg(p.maxDelayMs, DEFAULT_RETRY_POLICY.maxDelayMs),
    retryAfterCapMs: nonNeg(p.retryAfterCapMs, DEFAULT_RETRY_POLICY.retryAfterCapMs),
    random: p.random,
  };
}

/** HTTP statuses worth another attempt: timeout, conflict, rate limit, every 5xx (529 = Anthropic overloaded). */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Error kinds worth another attempt when no HTTP status says otherwise. */
export function isRetryableKind(kind: ErrorKind): boolean {
  return kind === 'rate_limit' || kind === 'overloaded' || kind === 'server' || kind === 'network' || kind === 'timeout' || kind === 'idle';
}

/** Full-jitter exponential backoff for retry number `retry` (1-based): uniform in [0, min(max, base·2^(retry-1))). */
export function backoffDelayMs(retry: number, policy: RetryPolicy): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, retry - 1));
  return Math.floor(policy.random() * ceiling);
}

/** Minimal header lookup (Headers, or a plain record). */
export type HeaderSource = { get(name: string): string | null } | Record<string, string | string[] | undefined>;

function header(h: HeaderSource | undefined, name: string): string | undefined {
  if (!h) return undefined;
  if (typeof (h as { get?: unknown }).get === 'function') return (h as { get(n: string): string | null }).get(name) ?? undefined;
  const v = (h as Record<string, string | string[] | undefined>)[name];
  return Array.isArray(v) ? v[0] : v;
}

/** Server-requested wait in ms from `retry-after-ms`, or `retry-after` (seconds or an HTTP date); undefined if absent/invalid. */
export function parseRetryAfterMs(headers: HeaderSource | undefined, now: number = Date.now()): number | undefined {
  const ms = header(headers, 'retry-after-ms');
  if (ms !== undefined && ms.trim() !== '') {
    const n = Number(ms);
    if (Number.isFinite(n) && n >= 0) return Math.ceil(n);
  }
  const ra = header(headers, 'retry-after')?.trim();
  if (!ra) return undefined;
  if (/^\d+(\.\d+)?$/.test(ra)) return Math.ceil(Number(ra) * 1000);
  const at = Date.parse(ra);
  return Number.isFinite(at) ? Math.max(0, at - now) : undefined;
}

/** The decision after a failed attempt. */
export type RetryDecision = { retry: true; delayMs: number } | { retry: false; why: 'not_retryable' | 'exhausted' | 'wait_too_long'; waitMs?: number };

/**
 * Decides whether to retry after `attemptsSoFar` attempts. A server-requested wait is honoured exactly when
 * it is within the cap; a longer one ends the side (waiting the cap and retrying would only be refused again).
 */
export function decideRetry(retryable: boolean, attemptsSoFar: number, policy: RetryPolicy, retryAfterMs?: number): RetryDecision {
  if (!retryable) return { retry: false, why: 'not_retryable' };
  if (attemptsSoFar > policy.maxRetries) return { retry: false, why: 'exhausted' };
  if (retryAfterMs !== undefined) {
    if (retryAfterMs > policy.retryAfterCapMs) return { retry: false, why: 'wait_too_long', waitMs: retryAfterMs };
    return { retry: true, delayMs: retryAfterMs };
  }
  return { retry: true, delayMs: backoffDelayMs(attemptsSoFar, policy) };
}

/** Resolves true after `ms`, or false as soon as `signal` aborts; never leaves a timer behind. */
export function sleep(ms: number, signal?: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve(false);
    const onAbort = () => { clearTimeout(timer); resolve(false); };
    const timer = setTimeout(() => { signal?.removeEventListener('abort', onAbort); resolve(true); }, Math.max(0, ms));
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}
