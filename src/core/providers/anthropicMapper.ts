// Pure mapping between Pairwise's prompt/events and the Anthropic Messages API wire shapes (no SDK import).
import { reportedTokens } from './reportedTokens';
import type { PromptInput, ProviderEvent, Usage } from './types';

/** Anthropic allows at most this many `cache_control` breakpoints per request. */
export const MAX_CACHE_BREAKPOINTS = 4;

/** A text content block as the Messages API takes it. */
export interface AnthropicTextBlock {
  type: 'text';
  text: string;
  cache_control?: { type: 'ephemeral' };
}

/** The streaming request body Pairwise sends (a subset of MessageCreateParamsStreaming). */
export interface AnthropicParams {
  model: string;
  max_tokens: number;
  stream: true;
  system?: AnthropicTextBlock[];
  messages: { role: 'user'; content: AnthropicTextBlock[] }[];
}

/**
 * Builds the request: the system prompt and the cacheable blocks carry `cache_control` (the last block
 * always, earlier block ends while breakpoints remain, at most 4 in all); the task block comes last, uncached.
 */
export function buildAnthropicParams(prompt: PromptInput, model: string, maxTokens: number): AnthropicParams {
  const ephemeral = { type: 'ephemeral' } as const;
  let budget = MAX_CACHE_BREAKPOINTS;
  const params: AnthropicParams = { model, max_tokens: maxTokens, stream: true, messages: [] };
  if (prompt.system) {
    params.system = [{ type: 'text', text: prompt.system, cache_control: ephemeral }];
    budget--;
  }
  const blocks: AnthropicTextBlock[] = prompt.blocks.filter((b) => b.text.length > 0).map((b) => ({ type: 'text', text: b.text }));
  if (blocks.length > 0 && budget > 0) {
    blocks[blocks.length - 1].cache_control = ephemeral;
    budget--;
    for (let i = 0; i < blocks.length - 1 && budget > 0; i++, budget--) blocks[i].cache_control = ephemeral;
  }
  const content = [...blocks];
  if (prompt.task) content.push({ type: 'text', text: prompt.task });
  if (content.length === 0) content.push({ type: 'text', text: '(empty prompt)' });
  params.messages.push({ role: 'user', content });
  return params;
}

/** The raw stream event fields the mapper reads (structurally compatible with the SDK's RawMessageStreamEvent). */
export interface AnthropicStreamEvent {
  type: string;
  message?: { usage?: AnthropicUsageFields | null };
  delta?: { type?: string; text?: string; stop_reason?: string | null };
  usage?: AnthropicUsageFields | null;
}

/** Usage fields on message_start / message_delta. */
export interface AnthropicUsageFields {
  input_tokens?: number | null;
  output_tokens?: number | null;
  cache_creation_input_tokens?: number | null;
  cache_read_input_tokens?: number | null;
}

/** Folds Anthropic stream events into provider events; keeps the running usage between events. */
export class AnthropicEventMapper {
  private readonly usage: Usage = { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };

  /** Events produced by one raw stream event (often none). */
  map(ev: AnthropicStreamEvent): ProviderEvent[] {
    switch (ev.type) {
      case 'message_start':
        return this.applyUsage(ev.message?.usage);
      case 'content_block_delta':
        return ev.delta?.type === 'text_delta' && ev.delta.text ? [{ type: 'text', text: ev.delta.text }] : [];
      case 'message_delta': {
        const out = this.applyUsage(ev.usage);
        if (ev.delta?.stop_reason) out.push({ type: 'stop', reason: ev.delta.stop_reason });
        return out;
      }
      case 'message_stop':
        return [{ type: 'end' }];
      default:
        return [];
    }
  }

  private applyUsage(u: AnthropicUsageFields | null | undefined): ProviderEvent[] {
    if (!u) return [];
    // A count that is not a plain number in range (a string, a negative, 1e309) counts as not reported.
    this.usage.inputTokens = reportedTokens(u.input_tokens) ?? this.usage.inputTokens;
    this.usage.outputTokens = reportedTokens(u.output_tokens) ?? this.usage.outputTokens;
    this.usage.cacheWriteTokens = reportedTokens(u.cache_creation_input_tokens) ?? this.usage.cacheWriteTokens;
    this.usage.cacheReadTokens = reportedTokens(u.cache_read_input_tokens) ?? this.usage.cacheReadTokens;
    return [{ type: 'usage', usage: { ...this.usage } }];
  }
}
