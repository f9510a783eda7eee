// Classification of the errors the real SDKs throw (built with the SDKs' own error factories).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import Anthropic from '@anthropic-ai/sdk';
import OpenAI from 'openai';
import { PairwiseAbort, classifyAbort, classifyError, oneLine } from '../../../../src/core/run/errorClassifier';
import { failureMessage, formatWait, retryingMessage, type MessageContext } from '../../../../src/core/run/errorMessages';

const anthropicError = (status: number, type: string, message: string, headers: Record<string, string> = {}) =>
  Anthropic.APIError.generate(status, { type: 'error', error: { type, message } }, undefined, new Headers(headers));
const openaiError = (status: number, body: Record<string, unknown>, headers: Record<string, string> = {}) =>
  OpenAI.APIError.generate(status, { error: body }, undefined, new Headers(headers));

const ctx: MessageContext = { label: 'z.ai', model: 'glm-5', baseUrl: 'https://api.z.ai/api/paas/v4', envKey: 'ZAI_API_KEY', idleTimeoutMs: 60_000, headersTimeoutMs: 120_000,
  maxOutputBytes: 16 * 1024 * 1024, sideDeadlineMs: 900_000 };

describe('classifyError', () => {
  test('HTTP statuses from both SDKs', () => {
    const cases: [unknown, string, boolean, number][] = [
      [anthropicError(401, 'authentication_error', 'invalid x-api-key'), 'auth', false, 401],
      [anthropicError(404, 'not_found_error', 'model: x'), 'not_found', false, 404],
      [anthropicError(429, 'rate_limit_error', 'slow down', { 'retry-after': '7' }), 'rate_limit', true, 429],
      [anthropicError(529, 'overloaded_error', 'Overloaded'), 'overloaded', true, 529],
      [anthropicError(500, 'api_error', 'boom'), 'server', true, 500],
      [anthropicError(400, 'invalid_request_error', 'prompt is too long'), 'bad_request', false, 400],
      [openaiError(408, { message: 'timeout' }), 'timeout', true, 408],
      [openaiError(409, { message: 'conflict' }), 'server', true, 409],
      [openaiError(503, { message: 'busy' }), 'overloaded', true, 503],
      [openaiError(422, { message: 'bad' }), 'bad_request', false, 422],
    ];
    for (const [err, kind, retryable, status] of cases) {
      const c = classifyError(err);
      assert.deepEqual([c.kind, c.retryable, c.httpStatus], [kind, retryable, status], String(err));
    }
    assert.equal(classifyError(anthropicError(429, 'rate_limit_error', 'x', { 'retry-after': '7' })).retryAfterMs, 7000);
    assert.equal(classifyError(anthropicError(400, 'invalid_request_error', 'prompt is too long')).detail, 'prompt is too long');
  });

  test('a 429 for an exhausted quota is not retried', () => {
    const c = classifyError(openaiError(429, { message: 'You exceeded your current quota', type: 'insufficient_quota', code: 'insufficient_quota' }));
    assert.deepEqual([c.kind, c.retryable, c.quota], ['rate_limit', false, true]);
    assert.match(failureMessage(c, ctx, 1), /out of quota or credit \(429\)/);
  });

  test('x-should-retry overrides the status default', () => {
    assert.equal(classifyError(anthropicError(500, 'api_error', 'x', { 'x-should-retry': 'false' })).retryable, false);
    assert.equal(classifyError(anthropicError(400, 'invalid_request_error', 'x', { 'x-should-retry': 'true' })).retryable, true);
  });

  test('in-stream error events (no status) map by error type', () => {
    const overloaded = new Anthropic.APIError(undefined, { type: 'error', error: { type: 'overloaded_error', message: 'Overloaded' } }, undefined, new Headers());
    assert.deepEqual([classifyError(overloaded).kind, classifyError(overloaded).retryable], ['overloaded', true]);
  });

  test('network errors, malformed JSON, connection errors', () => {
    const reset = Object.assign(new TypeError('terminated'), { cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }) });
    assert.deepEqual(classifyError(reset), { kind: 'network', retryable: true, code: 'UND_ERR_SOCKET', detail: 'UND_ERR_SOCKET' });
    const refused = new Anthropic.APIConnectionError({ message: 'Connection error.', cause: Object.assign(new Error('x'), { code: 'ECONNREFUSED' }) });
    assert.equal(classifyError(refused).code, 'ECONNREFUSED');
    const dns = new OpenAI.APIConnectionError({ message: 'Connection error.', cause: Object.assign(new Error('x'), { code: 'ENOTFOUND' }) });
    assert.deepEqual([classifyError(dns).kind, classifyError(dns).retryable], ['network', false]);
    assert.equal(classifyError(new SyntaxError('Unexpected token o in JSON')).kind, 'malformed');
    assert.equal(classifyError(new Anthropic.APIConnectionTimeoutError()).kind, 'timeout');
  });

  test('our own aborts', () => {
    assert.deepEqual(classifyAbort('cancel'), { kind: 'cancelled', retryable: false });
    assert.deepEqual(classifyAbort('idle'), { kind: 'idle', retryable: true });
    assert.equal(new PairwiseAbort('headers-timeout').why, 'headers-timeout');
  });

  test('oneLine flattens and caps huge bodies', () => {
    const s = oneLine(`a\n\n b ${'x'.repeat(10_000)}`);
    assert.equal(s.length, 240);
    assert.ok(s.startsWith('a b x') && s.endsWith('…'));
  });
});

describe('messages', () => {
  test('retrying and final messages name the preset label and say what to do', () => {
    assert.equal(retryingMessage({ kind: 'rate_limit', retryable: true, httpStatus: 429 }, ctx, 12_000), 'z.ai rate-limited this key; retrying in 12 s');
    assert.equal(failureMessage({ kind: 'auth', retryable: false, httpStatus: 401 }, { ...ctx, label: 'Anthropic', envKey: undefined }, 1),
      'Anthropic rejected the API key (401). Set it with Pairwise: Set API Key.');
    assert.equal(failureMessage({ kind: 'auth', retryable: false, httpStatus: 401 }, ctx, 1),
      'z.ai rejected the API key (401). Set it with Pairwise: Set API Key (or set ZAI_API_KEY).');
    assert.match(failureMessage({ kind: 'network', retryable: true, code: 'ECONNREFUSED' }, ctx, 4), /at api\.z\.ai \(connection refused\) after 4 attempts/);
    assert.match(failureMessage({ kind: 'rate_limit', retryable: true }, ctx, 1, { retry: false, why: 'wait_too_long', waitMs: 300_000 }), /asks to wait 5 min/);
    assert.deepEqual([formatWait(40), formatWait(400), formatWait(12_400), formatWait(600_000)], ['0.1 s', '0.4 s', '12 s', '10 min']);
  });
});
