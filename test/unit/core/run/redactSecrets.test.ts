import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { sseFrame } from '../../../../src/core/demo/demoWire';
import { REDACTED, StreamRedactor, containsSecret, redactSecrets } from '../../../../src/core/run/redactSecrets';
import { runPair } from '../../../../src/core/run/pairRun';
import { scenarios, startMockProvider } from '../../../fakes/mockProviders';
import { FAST, KEYS, PROMPT, eventLog, sideFor } from './pairHarness';

describe('redactSecrets', () => {
  test('removes keys in plain, URL-encoded and JSON-escaped form', () => {
    const key = 'abc/def+ghi"jkl012';
    const text = `plain ${key} url ${encodeURIComponent(key)} json ${JSON.stringify(key)}`;
    const out = redactSecrets(text, [key]);
    assert.ok(!out.includes(key) && !out.includes(encodeURIComponent(key)) && !out.includes('abc/def+ghi\\"jkl012'));
    assert.equal(out.split(REDACTED).length - 1, 3);
  });

  test('regression: a key echoed in base64 (at any offset, either alphabet) or with every character \\u-escaped is redacted', () => {
    const keys = ['sk-proj-Abc123+/xyz_Q9', 'zai.8f3a9c1e77b24d05a1c2', 'k€y-ünïcode-1234567890'];
    let redacted = 0;
    for (const key of keys) {
      for (const prefix of ['', 'u', 'us', 'user:', 'Basic ']) {
        for (const suffix of ['', '!', '\n\n', ':x']) {
          const raw = Buffer.from(`${prefix}${key}${suffix}`, 'utf8');
          for (const b64 of [raw.toString('base64'), raw.toString('base64url')]) {
            const out = redactSecrets(`{"error":"bad credentials ${b64}"}`, [key], { patterns: false });
            assert.ok(out.includes(REDACTED), `${key} in ${b64}`);
            // What is left of the base64 decodes to no run of the key's bytes longer than a few.
            for (const rest of out.split(REDACTED)) assert.ok(!Buffer.from(rest.replace(/^.*bad credentials /, ''), 'base64').toString('utf8').includes(key.slice(2, 8)), `${key}: ${out}`);
            redacted++;
          }
        }
      }
      const escaped = key.split('').map((c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`).join('');
      for (const form of [escaped, escaped.toUpperCase().replace(/\\U/g, '\\u')]) {
        assert.equal(redactSecrets(`{"message":"key ${form} refused"}`, [key]), `{"message":"key ${REDACTED} refused"}`, form);
      }
    }
    assert.equal(redacted, 120);
    // Ordinary base64 and escapes without the key are left alone.
    const other = Buffer.from('user:another-secret-value').toString('base64');
    assert.equal(redactSecrets(`auth ${other} \\u0041\\u0042`, keys, { patterns: false }), `auth ${other} \\u0041\\u0042`);
  });

  test('catches bearer tokens and well-known key shapes even when the key is not known', () => {
    assert.equal(redactSecrets('Authorization: Bearer abcdefghijklmnop123'), `Authorization: Bearer ${REDACTED}`);
    assert.equal(redactSecrets('key sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAA done'), `key sk-ant-${REDACTED} done`);
    assert.equal(redactSecrets('sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAA', [], { patterns: false }), 'sk-ant-api03-AAAAAAAAAAAAAAAAAAAAAA', 'model text keeps look-alikes');
  });

  test('regression (issue 12): keys in use are redacted whatever their length (a short key as a whole token); undefined/empty ignored', () => {
    assert.equal(redactSecrets('draft: key=k3y9 and "k3y9", box', ['k3y9', undefined, ''], { patterns: false }), `draft: key=${REDACTED} and "${REDACTED}", box`);
    assert.equal(redactSecrets('a b c', ['a']), `${REDACTED} b c`);
    assert.equal(redactSecrets('abc', ['b']), 'abc', 'a short key inside a longer word is not a key occurrence');
    assert.equal(redactSecrets('use 1234567 now', ['1234567']), `use ${REDACTED} now`);
    assert.equal(containsSecret('token k3y9.', ['k3y9']), true);
    assert.equal(redactSecrets('a b c', [undefined, '']), 'a b c');
    assert.equal(containsSecret(`x ${KEYS.openai} y`, [undefined, KEYS.openai]), true);
    assert.equal(containsSecret('x y', [KEYS.openai]), false);
  });
});

describe('keys never leave the run', () => {
  test('a server echoing the key in an error body: not in results, events, logs or console output', async () => {
    const a = await startMockProvider({ kind: 'anthropic', scenario: scenarios.echoKey(400) });
    const b = await startMockProvider({ kind: 'openai', scenario: [scenarios.echoKey(500), scenarios.malformed(1)] });
    const printed: string[] = [];
    const methods = ['log', 'warn', 'error', 'info', 'debug'] as const;
    const saved = methods.map((m) => console[m]);
    for (const m of methods) console[m] = (...args: unknown[]) => { printed.push(args.map(String).join(' ')); };
    const log = eventLog();
    const lines: string[] = [];
    try {
      const out = await runPair({ a: sideFor(a), b: sideFor(b), prompt: PROMPT, options: { ...FAST, log: (l) => lines.push(l) }, onEvent: log.onEvent });
      assert.ok(!out.a.ok && out.a.kind === 'bad_request' && out.a.message.includes(REDACTED), JSON.stringify(out.a));
      assert.ok(!out.b.ok && out.b.kind === 'malformed', 'b: 500 echo, retried, then malformed');
      const retry = log.events.find((e) => e.side === 'b' && e.type === 'retrying');
      assert.ok(retry, 'the 500 was retried');
      const all = [JSON.stringify(out), JSON.stringify(log.events), ...lines, ...printed].join('\n');
      for (const key of Object.values(KEYS)) assert.ok(!all.includes(key), `key leaked: ${key}`);
      assert.ok(a.requests[0].body.length > 0 && a.requests[0].headers['x-api-key'] === KEYS.anthropic, 'the key did reach the server');
    } finally {
      methods.forEach((m, i) => { console[m] = saved[i]; });
      await Promise.all([a.close(), b.close()]);
    }
    assert.deepEqual(printed, [], 'SDKs print nothing');
  });
});

describe('StreamRedactor', () => {
  const key = KEYS.anthropic;
  const shown = (pieces: string[], keys: (string | undefined)[] = [key]) => {
    const r = new StreamRedactor(keys);
    return pieces.map((p) => r.push(p)).join('') + r.flush();
  };

  test('a key in any number of pieces, in any spelling, is redacted whole', () => {
    for (let cut = 1; cut < key.length; cut++) {
      assert.equal(shown([`a ${key.slice(0, cut)}`, `${key.slice(cut)} b`]), `a ${REDACTED} b`, `cut at ${cut}`);
    }
    assert.equal(shown([...`x${key}y`]), `x${REDACTED}y`, 'one character at a time');
    const odd = 'abc/def+ghi"jkl012';
    assert.equal(shown(['u=abc%2Fdef%2Bg', 'hi%22jkl012;', ' j="abc/def+ghi\\"', 'jkl012"'], [odd]), `u=${REDACTED}; j="${REDACTED}"`);
    assert.equal(shown(['tail ', key.slice(0, 6)]), `tail ${key.slice(0, 6)}`, 'a start never completed is shown at the end, as in the final text');
  });

  test('ordinary text passes through piece by piece; only an end that could begin a key waits', () => {
    const r = new StreamRedactor([key, undefined, '']);
    assert.equal(r.push('Hello, world. '), 'Hello, world. ');
    assert.equal(r.push('it is'), 'it i', 'an "s" could begin the key');
    assert.equal(r.push(' done'), 's done');
    assert.equal(r.flush(), '');
    assert.equal(shown(['plain text'], []), 'plain text', 'no keys: nothing held');
  });
});

/** Serves an event stream built from the key the request presented. */
async function echoStream(body: (key: string) => string): Promise<{ url: string; close(): Promise<void> }> {
  const server = createServer((req, res) => {
    const key = String(req.headers['x-api-key'] ?? req.headers.authorization?.replace(/^Bearer /, ''));
    req.resume();
    req.on('end', () => { res.writeHead(200, { 'content-type': 'text/event-stream' }); res.end(body(key)); });
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }) };
}

describe('keys split across stream events', () => {
  test('regression: a key echoed in two text deltas is never shown live (the view showed it until the side ended)', async () => {
    const ad = (t: string) => sseFrame(JSON.stringify({ type: 'content_block_delta', index: 0, delta: { type: 'text_delta', text: t } }), 'content_block_delta');
    const od = (t: string) => sseFrame(JSON.stringify({ choices: [{ delta: { content: t }, finish_reason: null }] }));
    const a = await echoStream((k) => sseFrame('{"type":"message_start","message":{"usage":{"input_tokens":1}}}', 'message_start')
      + ad(`your key is ${k.slice(0, 10)}`) + ad(`${k.slice(10)} ok`) + sseFrame('{"type":"message_stop"}', 'message_stop'));
    const b = await echoStream((k) => od(`key: ${k.slice(0, 5)}`) + od(k.slice(5)) + sseFrame('{"choices":[{"delta":{},"finish_reason":"stop"}]}') + sseFrame('[DONE]'));
    const log = eventLog();
    try {
      const out = await runPair({ a: sideFor({ kind: 'anthropic', url: a.url } as never), b: sideFor({ kind: 'openai', url: b.url } as never),
        prompt: PROMPT, options: FAST, onEvent: log.onEvent });
      assert.ok(out.a.ok && out.b.ok);
      assert.equal(log.text('a'), `your key is ${REDACTED} ok`);
      assert.equal(log.text('b'), `key: ${REDACTED}`);
      assert.equal(log.text('a'), out.a.text, 'the live text is the final text');
      assert.equal(log.text('b'), out.b.text);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  });
});
