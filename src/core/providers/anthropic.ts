// Anthropic Messages API streaming through @anthropic-ai/sdk (imported only by providerClient's lazy import).
import Anthropic from '@anthropic-ai/sdk';
import type { Stream } from '@anthropic-ai/sdk/core/streaming';
import type { RawMessageStreamEvent } from '@anthropic-ai/sdk/resources/messages/messages';
import { AnthropicEventMapper, buildAnthropicParams } from './anthropicMapper';
import { sdkClientOptions, type ProviderSetup, type ProviderStream } from './sdkClient';

/** Builds an Anthropic client with SDK retries off and explicit auth, and streams the side's request. */
export function openAnthropic(setup: ProviderSetup): ProviderStream {
  const client = new Anthropic({
    // A credential passed in code stops the SDK reading env vars or profile files; the header below decides.
    apiKey: setup.apiKey || 'unused',
    ...sdkClientOptions(setup),
    openTelemetry: false,
  });
  const body = buildAnthropicParams(setup.prompt, setup.model, setup.maxTokens);
  return {
    async *stream(signal: AbortSignal) {
      const mapper = new AnthropicEventMapper();
      // client.post is the SDK's documented raw-request path: for these params it sends the same request as
      // messages.create, without the console.warn the latter prints for deprecated models (our logger can't silence it).
      const events = await client.post<Stream<RawMessageStreamEvent>>('/v1/messages', { body, stream: true, signal });
      for await (const ev of events) {
        for (const out of mapper.map(ev)) yield out;
        // The Messages API's last event: stop reading (and close the request), so a server that keeps the connection
        // open after it cannot hold the side until the idle timeout.
        if (ev.type === 'message_stop') return;
      }
    },
  };
}
