// Byte-exact wire frames of the two streaming APIs the mock servers speak (Anthropic Messages SSE and
// OpenAI Chat Completions SSE), plus their error-body shapes.

/** Which wire format a mock speaks. */
export type WireKind = 'anthropic' | 'openai';

/** Usage the mock reports, in the mock's own terms. */
export interface MockUsage {
  input: number;
  output: number;
  cacheRead: number;
  cacheWrite: number;
}

/** One SSE frame; Anthropic names its events, OpenAI sends bare `data:` lines. */
export function sseFrame(data: string, event?: string): string {
  return `${event ? `event: ${event}\n` : ''}data: ${data}\n\n`;
}

/** Anthropic `message_start` with input-side usage (cache fields included). */
export function anthropicMessageStart(id: string, model: string, u: MockUsage): string {
  return sseFrame(JSON.stringify({ type: 'message_start', message: { id, type: 'message', role: 'assistant', model, content: [],
    stop_reason: null, stop_sequence: null, usage: { input_tokens: u.input, cache_creation_input_tokens: u.cacheWrite,
      cache_read_input_tokens: u.cacheRead, output_tokens: 1 } } }), 'message_start');
}

/** Anthropic `content_block_start` of a text block. */
export function anthropicBlockStart(): string {
  return sseFrame(JSON.stringify({ type: 'content_block_start', index: 0, content_block: { type: 'text', text: '' } }), 'content_block_start');
}

/** Anthropic `ping`. */
export function anthropicPing(): string {
  return sseFrame(JSON.stringify({ type: 'ping' }), 'ping');
}

/** Anthropic text delta. */
export function anthropicDelta(text: string): string {
  return sseFrame(JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text } }), 'content_block_delta');
}

/** Anthropic end of the stream: block stop, message_delta with stop reason and final usage, message_stop. */
export function anthropicEnd(stopReason: string, u: MockUsage): string {
  return sseFrame(JSON.stringify({ type: 'content_block_stop', index: 0 }), 'content_block_stop')
    + sseFrame(JSON.stringify({ type: 'message_delta', delta: { stop_reason: stopReason, stop_sequence: null },
      usage: { input_tokens: u.input, cache_creation_input_tokens: u.cacheWrite, cache_read_input_tokens: u.cacheRead, output_tokens: u.output } }), 'message_delta')
    + sseFrame(JSON.stringify({ type: 'message_stop' }), 'message_stop');
}

/** Anthropic in-stream `error` event. */
export function anthropicErrorEvent(type: string, message: string): string {
  return sseFrame(JSON.stringify({ type: 'error', error: { type, message } }), 'error');
}

/** OpenAI chunk with a content delta and/or a finish reason. */
export function openaiChunk(id: string, model: string, content: string | null, finishReason: string | null = null, role = false): string {
  const delta: Record<string, string> = {};
  if (role) delta.role = 'assistant';
  if (content !== null) delta.content = content;
  return sseFrame(JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_760_000_000, model,
    choices: [{ index: 0, delta, logprobs: null, finish_reason: finishReason }] }));
}

/** OpenAI final usage chunk (`stream_options.include_usage`), then the `[DONE]` sentinel when asked. */
export function openaiUsageChunk(id: string, model: string, u: MockUsage): string {
  const prompt = u.input + u.cacheRead;
  return sseFrame(JSON.stringify({ id, object: 'chat.completion.chunk', created: 1_760_000_000, model, choices: [],
    usage: { prompt_tokens: prompt, completion_tokens: u.output, total_tokens: prompt + u.output,
      prompt_tokens_details: { cached_tokens: u.cacheRead } } }));
}

/** The OpenAI terminal sentinel. */
export const OPENAI_DONE = sseFrame('[DONE]');

const ANTHROPIC_TYPES: Record<number, string> = { 400: 'invalid_request_error', 401: 'authentication_error', 403: 'permission_error',
  404: 'not_found_error', 408: 'timeout_error', 413: 'request_too_large', 429: 'rate_limit_error', 500: 'api_error', 529: 'overloaded_error' };
const OPENAI_TYPES: Record<number, [string, string | null]> = { 400: ['invalid_request_error', null], 401: ['invalid_request_error', 'invalid_api_key'],
  404: ['invalid_request_error', 'model_not_found'], 429: ['requests', 'rate_limit_exceeded'], 500: ['server_error', null], 503: ['server_error', 'overloaded'] };

/** JSON error body in the provider's real shape. */
export function errorBody(kind: WireKind, status: number, message: string, type?: string): string {
  if (kind === 'anthropic') {
    return JSON.stringify({ type: 'error', error: { type: type ?? ANTHROPIC_TYPES[status] ?? 'api_error', message }, request_id: 'req_mock' });
  }
  const [t, code] = OPENAI_TYPES[status] ?? ['server_error', null];
  return JSON.stringify({ error: { message, type: type ?? t, param: null, code } });
}
