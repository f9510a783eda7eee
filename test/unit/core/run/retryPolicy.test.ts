import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import {
  DEFAULT_RETRY_POLICY, backoffDelayMs, decideRetry, isRetryableStatus, parseRetryAfterMs, retryPolicyWith, sleep,
} from '../../../../src/core/run/retryPolicy';
import { timerCount } from './pairHarness';

describe('parseRetryAfterMs', () => {
  const now = Date.parse('2026-11-25T12:00:00Z');
  test('seconds, fractional seconds, HTTP date, retry-after-ms (preferred)', () => {
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': '12' }), now), 12_000);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': '0.25' }), now), 250);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': 'Wed, 25 Nov 2026 12:00:30 GMT' }), now), 30_000);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': 'Wed, 25 Nov 2026 11:00:00 GMT' }), now), 0, 'past date means now');
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': '12', 'retry-after-ms': '1500.5' }), now), 1501);
    assert.equal(parseRetryAfterMs({ 'retry-after': ['3'] }, now), 3000);
  });

  test('absent or garbage gives undefined', () => {
    assert.equal(parseRetryAfterMs(undefined), undefined);
    assert.equal(parseRetryAfterMs(new Headers()), undefined);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after': 'soon' })), undefined);
    assert.equal(parseRetryAfterMs(new Headers({ 'retry-after-ms': '-5' })), undefined);
  });
});

describe('backoff and decisions', () => {
  test('full jitter: uniform below an exponentially growing, capped ceiling', () => {
    const p = retryPolicyWith({ baseDelayMs: 100, maxDelayMs: 1000, random: () => 0.999999 });
    assert.deepEqual([1, 2, 3, 4, 5].map((n) => backoffDelayMs(n, p)), [99, 199, 399, 799, 999]);
    assert.equal(backoffDelayMs(3, retryPolicyWith({ baseDelayMs: 100, random: () => 0 })), 0);
  });

  test('retryable statuses', () => {
    assert.deepEqual([408, 409, 429, 500, 502, 503, 529].map(isRetryableStatus), [true, true, true, true, true, true, true]);
    assert.deepEqual([400, 401, 403, 404, 413, 422].map(isRetryableStatus), [false, false, false, false, false, false]);
  });

  test('default: 3 retries, 60 s retry-after cap', () => {
    assert.equal(DEFAULT_RETRY_POLICY.maxRetries, 3);
    assert.equal(DEFAULT_RETRY_POLICY.retryAfterCapMs, 60_000);
    const p = retryPolicyWith({ random: () => 0.5 });
    assert.deepEqual(decideRetry(true, 1, p), { retry: true, delayMs: 500 });
    assert.deepEqual(decideRetry(true, 3, p), { retry: true, delayMs: 2000 });
    assert.deepEqual(decideRetry(true, 4, p), { retry: false, why: 'exhausted' });
    assert.deepEqual(decideRetry(false, 1, p), { retry: false, why: 'not_retryable' });
    assert.deepEqual(decideRetry(true, 1, p, 12_000), { retry: true, delayMs: 12_000 }, 'server wait honoured exactly');
    assert.deepEqual(decideRetry(true, 1, p, 61_000), { retry: false, why: 'wait_too_long', waitMs: 61_000 });
  });

  test('bad overrides fall back to defaults', () => {
    const p = retryPolicyWith({ maxRetries: -1, baseDelayMs: Number.NaN });
    assert.equal(p.maxRetries, 3);
    assert.equal(p.baseDelayMs, 1000);
    assert.equal(retryPolicyWith({ maxRetries: 0 }).maxRetries, 0);
  });
});

describe('sleep', () => {
  test('resolves true after the wait', async () => {
    const t0 = performance.now();
    assert.equal(await sleep(30), true);
    assert.ok(performance.now() - t0 >= 25);
  });

  test('abort ends the wait at once and clears its timer', async () => {
    const before = timerCount();
    const ctl = new AbortController();
    const p = sleep(60_000, ctl.signal);
    assert.equal(timerCount(), before + 1);
    ctl.abort();
    assert.equal(await p, false);
    assert.equal(timerCount(), before);
    assert.equal(await sleep(10, ctl.signal), false, 'already aborted');
  });
});
