// Token counts are outside text: a provider (or a proxy in front of one) that reports a count as a string, a
// negative, 1e309 (JSON reads it as Infinity) or 1e308 (priced, the cost becomes Infinity) must not cost the user the
// comparison (the results file refuses a record with a non-finite number) nor write a negative cost into stats.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sseFrame } from '../../../../src/core/demo/demoWire';
import { runPair } from '../../../../src/core/run/pairRun';
import { SCHEMA_VERSION } from '../../../../src/core/results/schema';
import { validateRecord } from '../../../../src/core/results/validateRecord';
import { toSideRecord } from '../../../../src/core/session/sideRecord';
import { FAST, PROMPT, sideFor } from './pairHarness';

/** Serves one fixed event stream to every request. */
async function serve(body: string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.end(body); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const anthropic = (usage: string) => sseFrame(`{"type":"message_start","message":{"usage":${usage}}}`, 'message_start')
  + sseFrame('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hi"}}', 'content_block_delta')
  + sseFrame(`{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":${usage}}`, 'message_delta')
  + sseFrame('{"type":"message_stop"}', 'message_stop');
const openai = (usage: string) => sseFrame('{"choices":[{"delta":{"content":"hi"},"finish_reason":"stop"}]}')
  + sseFrame(`{"choices":[],"usage":${usage}}`) + sseFrame('[DONE]');

const CASES: { name: string; a: string; b: string }[] = [
  { name: 'overflow to Infinity (1e309)', a: '{"input_tokens":1e309,"output_tokens":5}', b: '{"prompt_tokens":1e309,"completion_tokens":5}' },
  { name: 'priced to Infinity (1e308)', a: '{"input_tokens":1e308,"output_tokens":5}', b: '{"prompt_tokens":10,"completion_tokens":1e308}' },
  { name: 'negative', a: '{"input_tokens":-1000000,"output_tokens":5,"cache_read_input_tokens":-7}', b: '{"prompt_tokens":-100000,"completion_tokens":-5}' },
  { name: 'strings', a: '{"input_tokens":"12","output_tokens":"x"}', b: '{"prompt_tokens":"12","completion_tokens":"x","prompt_tokens_details":{"cached_tokens":"3"}}' },
  { name: 'fractions', a: '{"input_tokens":1.5,"output_tokens":5}', b: '{"prompt_tokens":10.4,"completion_tokens":2.5,"prompt_tokens_details":{"cached_tokens":"x"}}' },
];

describe('hostile token counts', () => {
  for (const c of CASES) {
    test(`regression: ${c.name} counts still give a valid record with finite, non-negative usage and cost`, async () => {
      const a = await serve(anthropic(c.a));
      const b = await serve(openai(c.b));
      try {
        const sides = { a: sideFor({ kind: 'anthropic', url: a.url } as never), b: sideFor({ kind: 'openai', url: b.url } as never) };
        const out = await runPair({ ...sides, prompt: PROMPT, options: FAST });
        const rec = { schema: SCHEMA_VERSION, type: 'comparison', id: 'r1', time: new Date().toISOString(), repo: { name: 'repo' }, mode: 'pin',
          prompt: {}, blind: false, swapped: false, verdict: 'pending',
          sides: { a: toSideRecord(sides.a, out.a, undefined), b: toSideRecord(sides.b, out.b, undefined) } };
        // The results store validates the object itself before writing: an invalid one is refused and the comparison lost.
        const v = validateRecord(rec);
        assert.ok(v.ok, v.ok ? '' : v.error);
        for (const s of ['a', 'b'] as const) {
          const r = out[s];
          assert.ok(r.ok, r.ok ? '' : r.message);
          for (const n of Object.values(r.usage)) assert.ok(Number.isSafeInteger(n) && n >= 0, `${s}: usage ${JSON.stringify(r.usage)}`);
          assert.ok(r.cost.usd !== null && Number.isFinite(r.cost.usd) && r.cost.usd >= 0, `${s}: cost ${r.cost.usd}`);
        }
      } finally {
        await Promise.all([a.close(), b.close()]);
      }
    });
  }

  test('ordinary counts are kept exactly', async () => {
    const a = await serve(anthropic('{"input_tokens":120,"output_tokens":7,"cache_read_input_tokens":3000,"cache_creation_input_tokens":40}'));
    const b = await serve(openai('{"prompt_tokens":1200,"completion_tokens":9,"prompt_tokens_details":{"cached_tokens":1024}}'));
    try {
      const out = await runPair({ a: sideFor({ kind: 'anthropic', url: a.url } as never), b: sideFor({ kind: 'openai', url: b.url } as never), prompt: PROMPT, options: FAST });
      assert.ok(out.a.ok && out.b.ok);
      assert.deepEqual(out.a.usage, { inputTokens: 120, outputTokens: 7, cacheReadTokens: 3000, cacheWriteTokens: 40 });
      assert.deepEqual(out.b.usage, { inputTokens: 176, outputTokens: 9, cacheReadTokens: 1024, cacheWriteTokens: 0 });
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
