// Pure mapping between Pairwise's prompt/events and Chat Completions wire shapes (no SDK import).
import { reportedTokens } from './reportedTokens';
import type { PromptInput, ProviderEvent } from './types';

/** The streaming request body Pairwise sends (a subset of ChatCompletionCreateParamsStreaming). */
export interface OpenAIParams {
  model: string;
  stream: true;
  stream_options: { include_usage: true };
  messages: { role: 'system' | 'user'; content: string }[];
  max_tokens?: number;
  max_completion_tokens?: number;
}

/** Separator between prompt blocks; part of the byte-stable prefix, so never change it casually. */
export const BLOCK_SEPARATOR = '\n\n';

/**
 * Builds the request: system message, then one user message with the cacheable blocks first and the task
 * last, so providers with automatic prefix caching see a stable prefix.
 */
export function buildOpenAIParams(prompt: PromptInput, model: string, maxTokens: number,
  maxTokensField: 'max_tokens' | 'max_completion_tokens' = 'max_tokens'): OpenAIParams {
  const parts = prompt.blocks.map((b) => b.text).filter((t) => t.length > 0);
  if (prompt.task) parts.push(prompt.task);
  const messages: OpenAIParams['messages'] = [];
  if (prompt.system) messages.push({ role: 'system', content: prompt.system });
  messages.push({ role: 'user', content: parts.length ? parts.join(BLOCK_SEPARATOR) : '(empty prompt)' });
  const params: OpenAIParams = { model, stream: true, stream_options: { include_usage: true }, messages };
  params[maxTokensField] = maxTokens;
  return params;
}

/** The chunk fields the mapper reads (structurally compatible with the SDK's ChatCompletionChunk). */
export interface OpenAIChunk {
  choices?: { delta?: { content?: string | null } | null; finish_reason?: string | null }[] | null;
  usage?: {
    prompt_tokens?: number | null;
    completion_tokens?: number | null;
    prompt_tokens_details?: { cached_tokens?: number | null } | null;
  } | null;
}

/** Maps one chunk to provider events; a `finish_reason` counts as the terminal event. */
export function mapOpenAIChunk(chunk: OpenAIChunk): ProviderEvent[] {
  const out: ProviderEvent[] = [];
  const choice = chunk.choices?.[0];
  const text = choice?.delta?.content;
  if (text) out.push({ type: 'text', text });
  if (chunk.usage) {
    // A count that is not a plain number in range (a string, a negative, 1e309) counts as not reported (0).
    const prompt = reportedTokens(chunk.usage.prompt_tokens) ?? 0;
    const cached = Math.min(prompt, reportedTokens(chunk.usage.prompt_tokens_details?.cached_tokens) ?? 0);
    out.push({ type: 'usage', usage: { inputTokens: prompt - cached, outputTokens: reportedTokens(chunk.usage.completion_tokens) ?? 0, cacheReadTokens: cached, cacheWriteTokens: 0 } });
  }
  if (choice?.finish_reason) out.push({ type: 'stop', reason: choice.finish_reason }, { type: 'end' });
  return out;
}
