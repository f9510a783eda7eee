import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { REDACTED, containsSecret, redactSecrets } from '../../../../src/core/run/redactSecrets';
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
