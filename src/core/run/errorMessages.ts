// Messages a user can act on, naming the provider by its preset label. Callers redact them before use.
import { sizeText } from '../text/sizeText';
import type { ClassifiedError } from './errorClassifier';
import type { RetryDecision } from './retryPolicy';

/** What a message may mention about the side. */
export interface MessageContext {
  label: string;
  model: string;
  baseUrl: string;
  envKey?: string;
  idleTimeoutMs: number;
  headersTimeoutMs: number;
  maxOutputBytes: number;
  sideDeadlineMs: number;
}

/** "12 s", "0.4 s" (never below 0.1 s), "2 min". */
export function formatWait(ms: number): string {
  if (ms < 1000) return `${Math.max(0.1, ms / 1000).toFixed(1)} s`;
  if (ms < 120_000) return `${Math.round(ms / 1000)} s`;
  return `${Math.round(ms / 60_000)} min`;
}

function host(url: string): string {
  try { return new URL(url).host; } catch { return url; }
}

const CODE_LABELS: Record<string, string> = {
  ECONNRESET: 'connection reset', ECONNREFUSED: 'connection refused', ENOTFOUND: 'host not found', EAI_AGAIN: 'DNS lookup failed',
  ETIMEDOUT: 'connection timed out', UND_ERR_SOCKET: 'connection closed mid-response', EPIPE: 'connection broken',
};

function codeLabel(code: string | undefined): string {
  return code ? ` (${CODE_LABELS[code] ?? code})` : '';
}

/** "<what happened>: <provider's words>. <what to do>." — the provider's detail sits next to what it explains, the advice last. */
function withDetail(text: string, c: ClassifiedError, advice = ''): string {
  const detail = c.detail ? `: ${c.detail.replace(/[.\s]+$/, '')}` : '';
  return `${text}${detail}.${advice ? ` ${advice}` : ''}`;
}

/** Text of a `retrying` event, e.g. "z.ai rate-limited this key; retrying in 12 s". */
export function retryingMessage(c: ClassifiedError, ctx: MessageContext, delayMs: number): string {
  const wait = `retrying in ${formatWait(delayMs)}`;
  switch (c.kind) {
    case 'rate_limit': return `${ctx.label} rate-limited this key; ${wait}`;
    case 'overloaded': return `${ctx.label} is overloaded${c.httpStatus ? ` (${c.httpStatus})` : ''}; ${wait}`;
    case 'server': return `${ctx.label} returned a server error${c.httpStatus ? ` (${c.httpStatus})` : ''}; ${wait}`;
    case 'network': return `Lost the connection to ${ctx.label}${codeLabel(c.code)}; ${wait}`;
    case 'timeout': return c.httpStatus
      ? `${ctx.label} timed out (${c.httpStatus}); ${wait}`
      : `${ctx.label} sent no response for ${formatWait(ctx.headersTimeoutMs)}; ${wait}`;
    case 'idle': return `${ctx.label} stopped sending for ${formatWait(ctx.idleTimeoutMs)}; ${wait}`;
    default: return `${ctx.label} failed (${c.kind}); ${wait}`;
  }
}

/** Final message of a failed side. */
export function failureMessage(c: ClassifiedError, ctx: MessageContext, attempts: number, decision?: RetryDecision): string {
  const tries = attempts > 1 ? ` after ${attempts} attempts` : '';
  if (decision && !decision.retry && decision.why === 'wait_too_long' && decision.waitMs !== undefined) {
    return `${ctx.label} ${c.kind === 'rate_limit' ? 'rate-limited this key' : 'is busy'} and asks to wait ${formatWait(decision.waitMs)}; retry this side later.`;
  }
  switch (c.kind) {
    case 'auth': {
      const env = ctx.envKey ? ` (or set ${ctx.envKey})` : '';
      return `${ctx.label} rejected the API key (${c.httpStatus ?? 'auth'}). Set it with Pairwise: Set API Key${env}.`;
    }
    case 'not_found':
      return withDetail(`${ctx.label} does not know model "${ctx.model}" (404) at ${host(ctx.baseUrl)}`, c, 'Check the model id in Pairwise: Choose Models.');
    case 'rate_limit':
      return c.quota
        ? withDetail(`${ctx.label} says this key is out of quota or credit (429)`, c, 'Top up or use another key.')
        : `${ctx.label} kept rate-limiting this key${tries}. Wait a minute, then retry this side.`;
    case 'overloaded': return `${ctx.label} stayed overloaded${tries}. Retry this side in a few minutes.`;
    case 'server': return withDetail(`${ctx.label} returned a server error (${c.httpStatus ?? 'stream error'})${tries}`, c, 'Try this side again in a minute.');
    case 'network': return `Could not keep a connection to ${ctx.label} at ${host(ctx.baseUrl)}${codeLabel(c.code)}${tries}. Check the network or the base URL, then retry this side.`;
    case 'timeout': return c.httpStatus
      ? `${ctx.label} timed out (${c.httpStatus})${tries}. Retry this side.`
      : `${ctx.label} sent no response within ${formatWait(ctx.headersTimeoutMs)}${tries}. Retry this side.`;
    case 'idle': return `${ctx.label} stopped sending data for ${formatWait(ctx.idleTimeoutMs)}${tries}. Retry this side.`;
    case 'malformed': return `${ctx.label} sent a stream line Pairwise could not parse, so the draft stops there. Retry this side.`;
    case 'content_filter': return `${ctx.label} stopped the draft with its content filter${c.detail ? ` (${c.detail})` : ''}.`;
    case 'bad_request': return withDetail(`${ctx.label} rejected the request (${c.httpStatus ?? 400})`, c);
    case 'cancelled': return 'Cancelled.';
    case 'config': return c.detail ?? `${ctx.label} is not configured correctly.`;
    case 'truncated': return `${ctx.label} ended the draft early.`;
    case 'redirect':
      return `${ctx.label} answered with a redirect (${c.httpStatus ?? '3xx'}) to ${c.detail ?? 'another address'}. Pairwise never follows redirects, `
        + `so neither the key nor the prompt went there. Check the base URL (${host(ctx.baseUrl)}).`;
    case 'bad_response':
      return `${ctx.label} answered ${c.httpStatus ?? 200} with content type ${c.detail ?? 'unknown'}, not an event stream. Check the base URL (${host(ctx.baseUrl)}).`;
    case 'too_large':
      return `${ctx.label} sent more than ${sizeText(ctx.maxOutputBytes, 'nearest')}, the output cap (pairwise.maxOutputBytes, CLI --max-output-bytes); the draft stops there.`;
    case 'deadline':
      return `${ctx.label} did not finish within ${formatWait(ctx.sideDeadlineMs)}, the side deadline (pairwise.sideDeadlineSeconds, CLI --side-deadline); the draft stops there.`;
  }
}

/** Message for a side that cannot start because it has no key. */
export function missingKeyMessage(ctx: MessageContext): string {
  const env = ctx.envKey ? ` (or set ${ctx.envKey})` : '';
  return `No API key for ${ctx.label}. Set it with Pairwise: Set API Key${env}.`;
}

/** Notice on an ok result whose stream closed before its terminal event. */
export function incompleteNotice(ctx: MessageContext): string {
  return `${ctx.label} closed the stream before it finished; the draft may be cut short.`;
}
