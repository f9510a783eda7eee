// Turns whatever an SDK threw (or why we aborted) into an ErrorKind + retryability, by shape (no SDK import).
import { findRefusal } from '../providers/guardedFetch';
import type { ErrorKind } from '../providers/types';
import { isRetryableStatus, parseRetryAfterMs, type HeaderSource } from './retryPolicy';

/** A failure reduced to what the retry policy and the message builder need. */
export interface ClassifiedError {
  kind: ErrorKind;
  retryable: boolean;
  httpStatus?: number;
  retryAfterMs?: number;
  /** Provider's own message or the network error code, short and single-line (redact before showing). */
  detail?: string;
  /** Network error code such as ECONNRESET. */
  code?: string;
  /** True when a 429 means an exhausted quota/balance rather than a rate. */
  quota?: boolean;
}

/** Why Pairwise itself aborted an attempt. */
export type AbortCause = 'cancel' | 'idle' | 'headers-timeout' | 'deadline' | 'too-large';

/** Marker object used as an AbortController reason so the runner can tell its own aborts apart. */
export class PairwiseAbort extends Error {
  /** `why` is one of {@link AbortCause}. */
  constructor(readonly why: AbortCause) { super(`pairwise:${why}`); this.name = 'PairwiseAbort'; }
}

/** Classification for an attempt Pairwise aborted on purpose. */
export function classifyAbort(cause: AbortCause): ClassifiedError {
  if (cause === 'cancel') return { kind: 'cancelled', retryable: false };
  if (cause === 'idle') return { kind: 'idle', retryable: true };
  if (cause === 'deadline') return { kind: 'deadline', retryable: false };
  if (cause === 'too-large') return { kind: 'too_large', retryable: false };
  return { kind: 'timeout', retryable: true };
}

const NETWORK_CODES = new Set(['ECONNRESET', 'ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'ETIMEDOUT', 'EPIPE', 'ENETUNREACH',
  'EHOSTUNREACH', 'ECONNABORTED', 'UND_ERR_SOCKET', 'UND_ERR_CONNECT_TIMEOUT', 'UND_ERR_HEADERS_TIMEOUT', 'UND_ERR_BODY_TIMEOUT', 'UND_ERR_CLOSED']);
const TYPE_KINDS: Record<string, ErrorKind> = {
  overloaded_error: 'overloaded', rate_limit_error: 'rate_limit', api_error: 'server', authentication_error: 'auth',
  permission_error: 'auth', not_found_error: 'not_found', invalid_request_error: 'bad_request', timeout_error: 'timeout',
};
const QUOTA = /insufficient_quota|quota|balance|credit|billing|payment/i;

/** Classifies a thrown SDK/network error. */
export function classifyError(err: unknown): ClassifiedError {
  const refusal = findRefusal(err);
  if (refusal) return { kind: refusal.refusal, retryable: false, httpStatus: refusal.status, detail: refusal.detail };
  const e = (err && typeof err === 'object' ? err : {}) as Record<string, unknown>;
  const status = typeof e.status === 'number' ? e.status : undefined;
  const headers = isHeaders(e.headers) ? e.headers : undefined;
  const type = errorType(e);
  const detail = providerMessage(e);
  if (status !== undefined) return fromStatus(status, type, detail, headers);
  if (type && TYPE_KINDS[type]) {
    const kind = TYPE_KINDS[type];
    return { kind, retryable: kind === 'overloaded' || kind === 'rate_limit' || kind === 'server' || kind === 'timeout', detail };
  }
  const name = typeof e.name === 'string' ? e.name : '';
  const message = typeof e.message === 'string' ? e.message : '';
  // An answer nested deeper than the SDKs can read: their error path turns a provider's error message back into JSON
  // recursively, so 200,000 nested brackets threw "Maximum call stack size exceeded", retried as a network fault.
  if (err instanceof RangeError && /call stack/i.test(message)) return { kind: 'malformed', retryable: false, detail: 'an answer nested too deeply to read' };
  if (err instanceof SyntaxError || /malformed server-sent event|Unexpected token|JSON/i.test(message) && name !== 'APIConnectionError') {
    return { kind: 'malformed', retryable: false, detail: oneLine(message) };
  }
  if (name === 'APIConnectionTimeoutError') return { kind: 'timeout', retryable: true };
  const code = networkCode(err);
  if (code) return { kind: 'network', retryable: code !== 'ENOTFOUND', code, detail: code };
  if (name === 'APIConnectionError' || /fetch failed|terminated|socket|network|other side closed/i.test(message)) {
    return { kind: 'network', retryable: true, detail: oneLine(message) };
  }
  if (name === 'AnthropicError' || name === 'OpenAIError') return { kind: 'config', retryable: false, detail: oneLine(message) };
  return { kind: 'network', retryable: true, detail: oneLine(message || String(err)) };
}

function fromStatus(status: number, type: string | undefined, detail: string | undefined, headers: HeaderSource | undefined): ClassifiedError {
  const base = { httpStatus: status, detail, retryAfterMs: parseRetryAfterMs(headers) };
  let kind: ErrorKind;
  if (status === 529 || status === 503 || type === 'overloaded_error') kind = 'overloaded';
  else if (status === 401 || status === 403) kind = 'auth';
  else if (status === 404) kind = 'not_found';
  else if (status === 408) kind = 'timeout';
  else if (status === 429) kind = 'rate_limit';
  else if (status >= 500 || status === 409) kind = 'server';
  else kind = 'bad_request';
  let retryable = kind === 'overloaded' || isRetryableStatus(status);
  const quota = status === 429 && QUOTA.test(`${type ?? ''} ${detail ?? ''}`);
  if (quota) retryable = false;
  const should = headers ? headerValue(headers, 'x-should-retry') : undefined;
  if (should === 'true') retryable = true;
  if (should === 'false') retryable = false;
  return quota ? { kind, retryable, ...base, quota } : { kind, retryable, ...base };
}

function isHeaders(h: unknown): h is HeaderSource {
  return !!h && typeof h === 'object' && typeof (h as { get?: unknown }).get === 'function';
}

function headerValue(h: HeaderSource, name: string): string | undefined {
  return (h as { get(n: string): string | null }).get(name)?.toLowerCase() ?? undefined;
}

function errorType(e: Record<string, unknown>): string | undefined {
  if (typeof e.type === 'string') return e.type;
  const body = e.error as Record<string, unknown> | undefined;
  const inner = body && typeof body === 'object' ? (body.error as Record<string, unknown> | undefined) : undefined;
  if (inner && typeof inner.type === 'string') return inner.type;
  if (body && typeof body.type === 'string' && body.type !== 'error') return body.type;
  if (body && typeof body.code === 'string') return body.code;
  return undefined;
}

/** The provider's own error text, trimmed to one short line. */
function providerMessage(e: Record<string, unknown>): string | undefined {
  const body = e.error as Record<string, unknown> | undefined;
  const inner = body && typeof body === 'object' ? (body.error as Record<string, unknown> | undefined) : undefined;
  const msg = [e.apiMessage, inner?.message, body?.message].find((m) => typeof m === 'string' && m.length > 0);
  if (typeof msg === 'string') return oneLine(msg);
  if (typeof body === 'string') return oneLine(body);
  return undefined;
}

function networkCode(err: unknown): string | undefined {
  let cur: unknown = err;
  for (let depth = 0; cur && typeof cur === 'object' && depth < 6; depth++) {
    const code = (cur as { code?: unknown }).code;
    if (typeof code === 'string' && NETWORK_CODES.has(code)) return code;
    cur = (cur as { cause?: unknown }).cause;
  }
  return undefined;
}

/** Collapses whitespace and caps length so a 10 MB error body becomes a readable line. */
export function oneLine(s: string, max = 240): string {
  const flat = s.replace(/\s+/g, ' ').trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}
