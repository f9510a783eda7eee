// Shared shapes of the providers/run area (see /work/notes/interfaces.md). Pure types, no runtime code.

/** Wire protocol a provider speaks. */
export type ProviderKind = 'anthropic' | 'openai-compatible';

/** How the API key travels: `x-api-key` header, `Authorization: Bearer`, or not at all (local servers). */
export type AuthStyle = 'x-api-key' | 'bearer' | 'none';

/** A named endpoint: where requests go, how they authenticate, and what the UI calls it. */
export interface ProviderPreset {
  id: string;
  label: string;
  kind: ProviderKind;
  baseUrl: string;
  auth: AuthStyle;
  envKey?: string;
  headers?: Record<string, string>;
  /** Chat Completions field for the output cap; OpenAI's newer models reject `max_tokens`. */
  maxTokensField?: 'max_tokens' | 'max_completion_tokens';
}

/** One side as the user wrote it: `preset:model`, plus optional endpoint overrides. */
export interface SideSpec {
  preset: string;
  model: string;
  baseUrl?: string;
  headers?: Record<string, string>;
}

/** Token counts of one response; `inputTokens` excludes cache reads and cache writes. */
export interface Usage {
  inputTokens: number;
  outputTokens: number;
  cacheReadTokens: number;
  cacheWriteTokens: number;
}

/** Dollar split of a cost by token class. */
export interface CostBreakdown {
  input: number;
  output: number;
  cacheWrite: number;
  cacheRead: number;
}

/**
 * Where the prices of cached tokens came from: the price entry itself, the vendor's published cache multipliers
 * (derived), or the full input price because neither is known (said, never silent).
 */
export type CacheBasis = 'listed' | 'derived' | 'input-rate';

/** Price of one response; `usd: null` means unknown (shown as "—", never $0). */
export interface Cost {
  usd: number | null;
  basis: 'list' | 'user' | 'unknown';
  asOf?: string;
  breakdown?: CostBreakdown;
  /** Set when the response read or wrote cached tokens: how those were priced, and a note naming the rates. */
  cacheBasis?: CacheBasis;
  cacheNote?: string;
}

/** When a side was sent and how long it took; `ttftMs` is measured from the send of the attempt that answered. */
export interface Timing {
  /** Epoch ms of the first request send. */
  sentAt: number;
  ttftMs: number | null;
  /** First send to the end of the side (retries and waits included, warm repeat excluded). */
  totalMs: number;
  attempts: number;
}

/** The identical request sent again after the side finished, to see what the prompt cache buys. */
export interface WarmRepeat {
  coldTtftMs: number | null;
  warmTtftMs: number | null;
  /** Cache-read share of the warm request's prompt tokens (0..1), null when the provider reported no usage. */
  cachedShare: number | null;
  usage?: Usage;
  cost?: Cost;
  /** Set when the warm request failed; the cold result is unaffected. */
  error?: string;
}

/** Why a side failed. */
export type ErrorKind = 'auth' | 'not_found' | 'rate_limit' | 'overloaded' | 'server' | 'network' | 'timeout' | 'idle'
  | 'truncated' | 'content_filter' | 'malformed' | 'cancelled' | 'bad_request' | 'config'
  /** Refused: a 3xx answer (never followed), a 2xx that is not an event stream, more than the output cap, past the side deadline. */
  | 'redirect' | 'bad_response' | 'too_large' | 'deadline';

/**
 * How one side ended. A stream that closes without its terminal event (Anthropic `message_stop`,
 * OpenAI `finish_reason`/`[DONE]`) ends `ok: true` with `truncated: true`, `stopReason: 'incomplete'`
 * and a `notice`; its text is kept. `max_tokens`/`length` also give `truncated: true`.
 */
export type DraftResult =
  | { ok: true; text: string; usage: Usage; cost: Cost; timing: Timing; stopReason: string; truncated: boolean;
    warm?: WarmRepeat; notice?: string }
  | { ok: false; kind: ErrorKind; message: string; httpStatus?: number; retryable: boolean; partialText: string;
    timing: Timing; usage?: Usage };

/** Which slot of the pair. */
export type SideId = 'a' | 'b';

/** The prompt both sides receive: byte-stable cacheable blocks, then the task. */
export interface PromptInput {
  system: string;
  blocks: { kind: string; text: string }[];
  task: string;
}

/** Dollars per million tokens for one model. */
export interface ModelPrice {
  input: number;
  output: number;
  /** Defaults to `input` when absent (no cache-write surcharge). */
  cacheWrite?: number;
  /** Defaults to `input` when absent (no cache discount). */
  cacheRead?: number;
}

/** User price table: exact model id, or a prefix ending in `*`. */
export type PriceTable = Record<string, ModelPrice>;

/** A side ready to run: spec, the preset it resolved to, its key and optional user prices. */
export interface ResolvedSide {
  spec: SideSpec;
  preset: ProviderPreset;
  apiKey?: string;
  pricingOverride?: PriceTable;
}

/** What a provider mapper yields: text, a cumulative usage snapshot, the stop reason, and the terminal marker. */
export type ProviderEvent =
  | { type: 'text'; text: string }
  | { type: 'usage'; usage: Usage }
  | { type: 'stop'; reason: string }
  | { type: 'end' };
