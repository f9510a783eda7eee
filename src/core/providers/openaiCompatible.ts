// Chat Completions streaming through the openai SDK (imported only by providerClient's lazy import).
import OpenAI from 'openai';
import type { ChatCompletionCreateParamsStreaming } from 'openai/resources/chat/completions/completions';
import { buildOpenAIParams, mapOpenAIChunk } from './openaiMapper';
import { sdkClientOptions, type ProviderSetup, type ProviderStream } from './sdkClient';

/** Builds an OpenAI-compatible client (base URL, extra headers, SDK retries off) and streams the side's request. */
export function openOpenAICompatible(setup: ProviderSetup): ProviderStream {
  const client = new OpenAI({
    apiKey: setup.apiKey || 'unused',
    organization: null,
    project: null,
    adminAPIKey: null,
    webhookSecret: null,
    ...sdkClientOptions(setup),
  });
  const params = buildOpenAIParams(setup.prompt, setup.model, setup.maxTokens,
    setup.preset.maxTokensField) as ChatCompletionCreateParamsStreaming;
  return {
    async *stream(signal: AbortSignal) {
      const chunks = await client.chat.completions.create(params, { signal });
      for await (const chunk of chunks) {
        for (const out of mapOpenAIChunk(chunk)) yield out;
      }
    },
  };
}
