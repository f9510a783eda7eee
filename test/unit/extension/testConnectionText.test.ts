// Test Connection's ping carries the key: over plain http to another machine it is asked first (the compare send
// question and the CLI's lines warned; the test sent at once).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSide } from '../../../src/core/providers/presets';
import type { ResolvedSide } from '../../../src/core/providers/types';
import { plainHttpTestQuestion } from '../../../src/extension/testConnectionText';

function sideAt(baseUrl: string | undefined): ResolvedSide {
  const r = resolveSide({ preset: 'openai', model: 'gpt-5', ...(baseUrl ? { baseUrl } : {}) }, { env: {}, apiKey: 'sk-test' });
  assert.ok(!('error' in r), JSON.stringify(r));
  return r;
}

describe('Test Connection over plain http', () => {
  test('regression: a side reached over plain http on another machine is asked about first, naming the host; each warning once', () => {
    const q = plainHttpTestQuestion({ a: sideAt('http://llm.example.com/v1'), b: sideAt('http://llm.example.com/v1') });
    assert.ok(q);
    assert.match(q.message, /plain http/);
    assert.match(q.detail, /one short request with your key/);
    assert.equal(q.detail.match(/llm\.example\.com is reached over plain http/g)?.length, 1);
  });

  test('https, this machine, or no sides: no question', () => {
    assert.equal(plainHttpTestQuestion({ a: sideAt(undefined), b: sideAt('https://api.z.ai/api/paas/v4') }), null);
    assert.equal(plainHttpTestQuestion({ a: sideAt('http://127.0.0.1:8080/v1'), b: sideAt('http://localhost:11434/v1') }), null);
    assert.equal(plainHttpTestQuestion({}), null);
  });
});
