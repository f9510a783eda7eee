// A server that sends the whole answer and then keeps the connection open (no end of the response, no FIN) must not
// hold the side: before, both kinds waited for the idle timeout (60 s by default), and that wait was recorded as the
// side's latency. Anthropic stops at `message_stop`; an OpenAI-compatible stream (whose usage chunk follows the
// finish reason) gets at most END_GRACE_MS of silence after its finish reason.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sseFrame } from '../../../../src/core/demo/demoWire';
import { END_GRACE_MS } from '../../../../src/core/run/attemptWatch';
import { runPair } from '../../../../src/core/run/pairRun';
import { FAST, PROMPT, eventLog, sideFor } from './pairHarness';

/** Writes `body` and never ends the response; `closed` counts connections the client closed. */
async function holdOpen(body: string): Promise<{ url: string; closed: () => number; close(): Promise<void> }> {
  let closed = 0;
  const server = createServer((req, res) => {
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.write(body); });
    res.on('close', () => { closed++; });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, closed: () => closed,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

const ANTHROPIC = sseFrame('{"type":"message_start","message":{"usage":{"input_tokens":5}}}', 'message_start')
  + sseFrame('{"type":"content_block_delta","index":0,"delta":{"type":"text_delta","text":"hello"}}', 'content_block_delta')
  + sseFrame('{"type":"message_delta","delta":{"stop_reason":"end_turn"},"usage":{"output_tokens":3}}', 'message_delta')
  + sseFrame('{"type":"message_stop"}', 'message_stop');
// No [DONE]: the usage chunk after the finish reason, then silence.
const OPENAI = sseFrame('{"choices":[{"delta":{"content":"hello"},"finish_reason":null}]}')
  + sseFrame('{"choices":[{"delta":{},"finish_reason":"stop"}]}') + sseFrame('{"choices":[],"usage":{"prompt_tokens":5,"completion_tokens":3}}');

describe('a connection held open after the answer', () => {
  test('regression: each side ends soon after its terminal event, keeps its usage, and closes the connection', async () => {
    const idleTimeoutMs = 6000;
    const a = await holdOpen(ANTHROPIC);
    const b = await holdOpen(OPENAI);
    const log = eventLog();
    try {
      const out = await runPair({ a: sideFor({ kind: 'anthropic', url: a.url } as never), b: sideFor({ kind: 'openai', url: b.url } as never),
        prompt: PROMPT, options: { ...FAST, idleTimeoutMs }, onEvent: log.onEvent });
      assert.ok(out.a.ok && out.b.ok);
      assert.equal(out.a.text, 'hello');
      assert.equal(out.b.text, 'hello');
      assert.deepEqual([out.a.stopReason, out.b.stopReason], ['end_turn', 'stop']);
      assert.deepEqual([out.a.timing.attempts, out.b.timing.attempts], [1, 1]);
      assert.equal(out.a.usage.outputTokens, 3);
      assert.equal(out.b.usage.outputTokens, 3, 'the usage chunk after the finish reason is kept');
      assert.ok(out.a.timing.totalMs < 1500, `anthropic ends at message_stop (${out.a.timing.totalMs} ms; the idle timeout is ${idleTimeoutMs} ms)`);
      assert.ok(out.b.timing.totalMs < END_GRACE_MS + 1500, `openai ends after the grace (${out.b.timing.totalMs} ms)`);
      await new Promise((r) => setTimeout(r, 50));
      assert.deepEqual([a.closed(), b.closed()], [1, 1], 'the client closed both connections');
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
