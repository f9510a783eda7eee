// Regression: a provider (hostile, or a broken proxy) whose error answer nests its message 200,000 brackets deep made
// both SDKs throw "Maximum call stack size exceeded" (they stringify the message back into JSON recursively); the side
// was classified as a network fault, retried, and failed with "Could not keep a connection … check the network or the
// base URL". It is now a malformed answer: not retried, and the message says the provider sent something unreadable.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { openAnthropic } from '../../../../src/core/providers/anthropic';
import { openOpenAICompatible } from '../../../../src/core/providers/openaiCompatible';
import type { ProviderPreset } from '../../../../src/core/providers/types';
import { classifyError } from '../../../../src/core/run/errorClassifier';

const DEEP = `${'['.repeat(200_000)}${']'.repeat(200_000)}`;

describe('a provider answer nested too deeply to read', () => {
  let server: Server;
  let base = '';
  before(async () => {
    server = createServer((req, res) => {
      req.resume();
      if (req.url?.includes('status')) {
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(`{"error":{"type":"invalid_request_error","message":${DEEP}}}`);
        return;
      }
      res.writeHead(200, { 'content-type': 'text/event-stream' });
      res.end(req.url?.includes('messages') ? `event: error\ndata: {"type":"error","error":{"type":"api_error","message":${DEEP}}}\n\n`
        : `data: {"error":{"message":${DEEP}}}\n\n`);
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  after(() => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }));

  for (const kind of ['anthropic', 'openai'] as const) {
    for (const where of ['stream', 'status'] as const) {
      test(`regression: ${kind}, in the ${where === 'stream' ? 'event stream' : 'error status body'}: malformed, not retried`, async () => {
        const preset = { id: 'deep', kind, baseUrl: `${base}/${where}${kind === 'openai' ? '/v1' : ''}`, auth: 'none', headers: {} } as unknown as ProviderPreset;
        const setup = { preset, model: 'm', prompt: { system: 's', blocks: [{ kind: 'paper', text: 'p' }], task: 't' }, maxTokens: 10 };
        const s = kind === 'openai' ? openOpenAICompatible(setup) : openAnthropic(setup);
        let thrown: unknown;
        try { for await (const ev of s.stream(new AbortController().signal)) void ev; } catch (e) { thrown = e; }
        assert.ok(thrown, 'the stream fails');
        const c = classifyError(thrown);
        assert.equal(c.kind, 'malformed', `${c.kind}: ${c.detail ?? ''}`);
        assert.equal(c.retryable, false);
      });
    }
  }
});
