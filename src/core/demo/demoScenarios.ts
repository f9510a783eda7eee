// Scripted behaviours of the mock provider servers. A server takes one scenario or a sequence (request i uses
// entry i, the last entry repeats), e.g. [scenarios.rateLimited(1), scenarios.ok()].
import type { JudgeRule } from './demoJudge';
import type { MockUsage } from './demoWire';

/** Shape of a streamed answer. */
export interface StreamShape {
  /** Full answer text (default: deterministic filler of `chars` characters). */
  text?: string;
  /** Filler length when `text` is absent (default 600). */
  chars?: number;
  /** Delay from headers to the first text delta (default 20 ms). */
  ttftMs?: number;
  /** TTFT used instead when the request's prefix was seen before (prompt-cache hit). */
  warmTtftMs?: number;
  /** Stream rate; 4 characters count as a token (default 2000 tokens/s). */
  tokensPerSec?: number;
  /** Characters per delta (default 16). */
  chunkChars?: number;
  /** Fixed usage instead of the simulated one. */
  usage?: Partial<MockUsage>;
  /** Stop reason of a completed stream (default end_turn / stop). */
  stopReason?: string;
}

/** One scripted response. */
export type Scenario =
  | ({ type: 'ok' } & StreamShape)
  | { type: 'status'; status: number; message?: string; errorType?: string; retryAfter?: string; retryAfterMs?: string; shouldRetry?: string }
  | ({ type: 'stall'; afterChunks?: number } & StreamShape)
  | ({ type: 'reset'; afterChunks?: number } & StreamShape)
  | ({ type: 'close-early'; afterChunks?: number } & StreamShape)
  | ({ type: 'malformed'; afterChunks?: number } & StreamShape)
  | ({ type: 'content-filter'; afterChunks?: number } & StreamShape)
  | ({ type: 'stream-error'; afterChunks?: number; errorType: string } & StreamShape)
  | { type: 'echo-key'; status?: number }
  | { type: 'hang' }
  | { type: 'big-error'; status: number; bytes: number }
  | { type: 'redirect'; status: number; location: string }
  | { type: 'flood'; bytes: number; shape: 'deltas' | 'line' }
  | { type: 'byte-drip'; gapMs: number }
  | { type: 'wrong-type'; contentType: string; body: string }
  | ({ type: 'judge'; rule: JudgeRule } & StreamShape);

/** Named scenarios of the fault matrix (and handy building blocks). */
export const scenarios = {
  /** Normal stream at the given TTFT and rate, with cached-token usage on repeats. */
  ok: (shape: StreamShape = {}): Scenario => ({ type: 'ok', ...shape }),
  /** 429 with `retry-after` in seconds (or an HTTP date string). */
  rateLimited: (retryAfter: number | string = 1): Scenario => ({ type: 'status', status: 429, retryAfter: String(retryAfter), message: 'Rate limit reached for requests' }),
  /** 429 with `retry-after-ms`. */
  rateLimitedMs: (ms: number): Scenario => ({ type: 'status', status: 429, retryAfterMs: String(ms), message: 'Rate limit reached for requests' }),
  /** 500 internal error. */
  serverError: (): Scenario => ({ type: 'status', status: 500, message: 'Internal server error' }),
  /** Anthropic-style 529 overloaded_error (OpenAI-compatible servers get the same status and type). */
  overloaded: (): Scenario => ({ type: 'status', status: 529, errorType: 'overloaded_error', message: 'Overloaded' }),
  /** Headers (and `afterChunks` deltas), then silence. */
  stall: (afterChunks = 0): Scenario => ({ type: 'stall', afterChunks }),
  /** Socket destroyed mid-stream. */
  reset: (afterChunks = 3): Scenario => ({ type: 'reset', afterChunks }),
  /** Clean close without the terminal event. */
  closeEarly: (afterChunks = 3): Scenario => ({ type: 'close-early', afterChunks }),
  /** A `data:` line that is not JSON. */
  malformed: (afterChunks = 3): Scenario => ({ type: 'malformed', afterChunks }),
  /** Request read, no response headers ever (until the client gives up). */
  hang: (): Scenario => ({ type: 'hang' }),
  /** A 10 MB (by default) streamed answer. */
  big: (bytes = 10 * 1024 * 1024): Scenario => ({ type: 'ok', chars: bytes, chunkChars: 64 * 1024, tokensPerSec: 1e12, ttftMs: 0 }),
  /** Slow drip: small deltas far apart, but each gap under the idle watchdog. */
  drip: (gapMs = 60, chunks = 8): Scenario => ({ type: 'ok', chars: chunks * 4, chunkChars: 4, tokensPerSec: 1000 / gapMs, ttftMs: gapMs }),
  /** 401 bad key. */
  badKey: (): Scenario => ({ type: 'status', status: 401, message: 'invalid x-api-key' }),
  /** 404 unknown model. */
  unknownModel: (): Scenario => ({ type: 'status', status: 404, message: 'model: no-such-model' }),
  /** Content-filter stop after a few deltas (Anthropic `refusal`, OpenAI `content_filter`). */
  contentFilter: (afterChunks = 2): Scenario => ({ type: 'content-filter', afterChunks }),
  /** 400 whose body echoes the credential header the request carried. */
  echoKey: (status = 400): Scenario => ({ type: 'echo-key', status }),
  /** Error status with a huge non-JSON body. */
  bigError: (status = 502, bytes = 10 * 1024 * 1024): Scenario => ({ type: 'big-error', status, bytes }),
  /** Output cap reached (Anthropic `max_tokens`, OpenAI `length`). */
  maxTokens: (): Scenario => ({ type: 'ok', stopReason: 'max_tokens' }),
  /** A 3xx answer pointing at `location` (absolute URL: another host; a path: the same host). */
  redirect: (status: number, location: string): Scenario => ({ type: 'redirect', status, location }),
  /** An endless-looking 200 event stream: `bytes` of deltas (no terminal event), or one `data:` line that never ends. */
  flood: (bytes = 50 * 1024 * 1024, shape: 'deltas' | 'line' = 'deltas'): Scenario => ({ type: 'flood', bytes, shape }),
  /** A valid stream sent one byte every `gapMs`, forever: each gap is under the idle watchdog. */
  byteDrip: (gapMs = 1000): Scenario => ({ type: 'byte-drip', gapMs }),
  /** A 200 whose body is not an event stream (a captive portal, a misconfigured proxy). */
  wrongType: (contentType = 'text/html; charset=utf-8', body = '<html><body>Sign in to continue</body></html>'): Scenario =>
    ({ type: 'wrong-type', contentType, body }),
  /** Anthropic in-stream `error` event (e.g. overloaded_error) after some deltas. */
  streamError: (errorType = 'overloaded_error', afterChunks = 2): Scenario => ({ type: 'stream-error', errorType, afterChunks }),
  /** A judge answering in the judge format by `rule`, read from the prompt it was sent (see demoJudge.ts). */
  judge: (rule: JudgeRule, shape: StreamShape = {}): Scenario => ({ type: 'judge', rule, ...shape }),
};

/** Deterministic filler text: words from a small vocabulary, exactly `chars` characters. */
export function fillerText(chars: number): string {
  const words = ['alpha', 'beta', 'gamma', 'delta', 'patch', 'issue', 'model', 'paper', 'repo', 'test'];
  // Word i is words[(i * 7) % 10]: the sequence repeats every 10 words, so one cycle repeated is the same text (fast for 50 MB).
  const cycle = Array.from({ length: words.length }, (_, i) => `${words[(i * 7) % words.length]} `).join('');
  return cycle.repeat(Math.ceil(chars / cycle.length)).slice(0, chars);
}
