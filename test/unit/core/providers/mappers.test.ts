import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { AnthropicEventMapper, MAX_CACHE_BREAKPOINTS, buildAnthropicParams } from '../../../../src/core/providers/anthropicMapper';
import { buildOpenAIParams, mapOpenAIChunk } from '../../../../src/core/providers/openaiMapper';
import type { ProviderEvent } from '../../../../src/core/providers/types';

const breakpoints = (p: ReturnType<typeof buildAnthropicParams>) =>
  [...(p.system ?? []), ...p.messages[0].content].filter((b) => b.cache_control).length;

describe('buildAnthropicParams', () => {
  test('system and last cacheable block are breakpoints; the task never is', () => {
    const p = buildAnthropicParams({ system: 'S', blocks: [{ kind: 'repo', text: 'R' }, { kind: 'paper', text: 'P' }], task: 'T' }, 'claude-opus-4-7', 100);
    assert.deepEqual(p.system, [{ type: 'text', text: 'S', cache_control: { type: 'ephemeral' } }]);
    assert.deepEqual(p.messages, [{ role: 'user', content: [
      { type: 'text', text: 'R', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'P', cache_control: { type: 'ephemeral' } },
      { type: 'text', text: 'T' },
    ] }]);
    assert.equal(p.max_tokens, 100);
    assert.equal(p.stream, true);
  });

  test('never more than 4 breakpoints, and the last block always has one', () => {
    const blocks = Array.from({ length: 7 }, (_, i) => ({ kind: 'repo', text: `B${i}` }));
    const p = buildAnthropicParams({ system: 'S', blocks, task: 'T' }, 'm', 10);
    assert.equal(breakpoints(p), MAX_CACHE_BREAKPOINTS);
    const content = p.messages[0].content;
    assert.ok(content[6].cache_control, 'last cacheable block marked');
    assert.equal(content[7].cache_control, undefined, 'task unmarked');
    const noSystem = buildAnthropicParams({ system: '', blocks, task: 'T' }, 'm', 10);
    assert.equal(noSystem.system, undefined, 'empty system omitted');
    assert.equal(breakpoints(noSystem), MAX_CACHE_BREAKPOINTS);
  });

  test('empty blocks are skipped; an empty prompt still sends valid content', () => {
    const p = buildAnthropicParams({ system: '', blocks: [{ kind: 'repo', text: '' }], task: '' }, 'm', 10);
    assert.deepEqual(p.messages[0].content, [{ type: 'text', text: '(empty prompt)' }]);
  });
});

describe('AnthropicEventMapper', () => {
  test('maps text, cumulative usage incl. cache tokens, stop reason and terminal event', () => {
    const m = new AnthropicEventMapper();
    const out: ProviderEvent[] = [
      { type: 'message_start', message: { usage: { input_tokens: 12, output_tokens: 1, cache_creation_input_tokens: 300, cache_read_input_tokens: 0 } } },
      { type: 'content_block_start' },
      { type: 'ping' },
      { type: 'content_block_delta', delta: { type: 'text_delta', text: 'Hel' } },
      { type: 'content_block_delta', delta: { type: 'input_json_delta' } },
      { type: 'content_block_delta', delta: { type: 'text_delta', text: 'lo' } },
      { type: 'content_block_stop' },
      { type: 'message_delta', delta: { stop_reason: 'max_tokens' }, usage: { output_tokens: 42, input_tokens: null, cache_read_input_tokens: null } },
      { type: 'message_stop' },
    ].flatMap((e) => m.map(e));
    assert.deepEqual(out, [
      { type: 'usage', usage: { inputTokens: 12, outputTokens: 1, cacheReadTokens: 0, cacheWriteTokens: 300 } },
      { type: 'text', text: 'Hel' },
      { type: 'text', text: 'lo' },
      { type: 'usage', usage: { inputTokens: 12, outputTokens: 42, cacheReadTokens: 0, cacheWriteTokens: 300 } },
      { type: 'stop', reason: 'max_tokens' },
      { type: 'end' },
    ]);
  });
});

describe('buildOpenAIParams / mapOpenAIChunk', () => {
  test('system message, blocks then task in one user message, include_usage, chosen max-tokens field', () => {
    const p = buildOpenAIParams({ system: 'S', blocks: [{ kind: 'repo', text: 'R' }, { kind: 'paper', text: '' }], task: 'T' }, 'glm-5', 50);
    assert.deepEqual(p, { model: 'glm-5', stream: true, stream_options: { include_usage: true }, max_tokens: 50,
      messages: [{ role: 'system', content: 'S' }, { role: 'user', content: 'R\n\nT' }] });
    const o = buildOpenAIParams({ system: '', blocks: [], task: 'T' }, 'gpt-5', 9, 'max_completion_tokens');
    assert.equal(o.max_completion_tokens, 9);
    assert.equal(o.max_tokens, undefined);
    assert.deepEqual(o.messages, [{ role: 'user', content: 'T' }]);
  });

  test('cached tokens become cacheReadTokens and are taken out of inputTokens', () => {
    assert.deepEqual(mapOpenAIChunk({ choices: [], usage: { prompt_tokens: 1000, completion_tokens: 80, prompt_tokens_details: { cached_tokens: 768 } } }),
      [{ type: 'usage', usage: { inputTokens: 232, outputTokens: 80, cacheReadTokens: 768, cacheWriteTokens: 0 } }]);
    assert.deepEqual(mapOpenAIChunk({ usage: { prompt_tokens: 10, completion_tokens: 2 } }),
      [{ type: 'usage', usage: { inputTokens: 10, outputTokens: 2, cacheReadTokens: 0, cacheWriteTokens: 0 } }]);
  });

  test('content deltas, finish_reason as terminal, empty role chunk ignored', () => {
    assert.deepEqual(mapOpenAIChunk({ choices: [{ delta: { content: '' }, finish_reason: null }] }), []);
    assert.deepEqual(mapOpenAIChunk({ choices: [{ delta: { content: 'hi' }, finish_reason: null }] }), [{ type: 'text', text: 'hi' }]);
    assert.deepEqual(mapOpenAIChunk({ choices: [{ delta: {}, finish_reason: 'content_filter' }] }), [{ type: 'stop', reason: 'content_filter' }, { type: 'end' }]);
  });
});
