import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { emptySlotStats } from '../../../src/shared/compare/viewState';
import { formatCost, formatMs, formatTokens, statItems, statusLine, UNKNOWN } from '../../../webview/compare/statsFormat';

describe('statsFormat', () => {
  test('times', () => {
    assert.equal(formatMs(null), UNKNOWN);
    assert.equal(formatMs(849.6), '850 ms');
    assert.equal(formatMs(12_340), '12.3 s');
    assert.equal(formatMs(125_000), '2 m 05 s');
    assert.equal(formatMs(Number.NaN), UNKNOWN);
  });
  test('tokens', () => {
    assert.equal(formatTokens(null), UNKNOWN);
    assert.equal(formatTokens(950), '950');
    assert.equal(formatTokens(12_345), '12.3k');
    assert.equal(formatTokens(5800), '5.8k', 'a cached count next to "In 11.9k" uses the same k format');
    assert.equal(formatTokens(1000), '1.0k');
    assert.equal(formatTokens(999_960), '1.00M');
    assert.equal(formatTokens(1_200_000), '1.20M');
  });
  test('cost: unknown is a dash, never $0', () => {
    assert.equal(formatCost(null), UNKNOWN);
    assert.equal(formatCost(0.5, 'unknown'), UNKNOWN);
    assert.equal(formatCost(0.01234, 'list'), '$0.0123');
    assert.equal(formatCost(0.00001, 'list'), '<$0.0001');
    assert.equal(formatCost(0, 'list'), '$0.0000');
    assert.equal(formatCost(3.456, 'user'), '$3.46');
  });
  test('stat items hide the cost while blind', () => {
    const s = { ...emptySlotStats(), costUsd: 0.2, costBasis: 'list' as const, ttftMs: 300 };
    const blind = statItems(s, { hideCost: true });
    assert.deepEqual(blind.map((i) => i.key), ['ttft', 'total', 'in', 'out', 'cached', 'cost']);
    assert.equal(blind.find((i) => i.key === 'cost')?.value, 'hidden');
    assert.equal(statItems(s, { hideCost: false }).find((i) => i.key === 'cost')?.value, '$0.2000');
    assert.equal(blind[0].value, '300 ms');
    assert.equal(blind[1].value, UNKNOWN);
  });
  test('status lines', () => {
    assert.equal(statusLine({ kind: 'streaming', tokPerSec: 41.6 }, 0).text, 'Streaming · 42 tok/s');
    assert.equal(statusLine({ kind: 'retrying', reason: 'rate limited', resumeAt: 10_500, attempt: 2 }, 0).text, 'Retrying in 11 s (attempt 2): rate limited');
    assert.equal(statusLine({ kind: 'failed', message: 'HTTP 401: check the key', retryable: false }, 0).tone, 'error');
    assert.equal(statusLine({ kind: 'done' }, 0).text, 'Done');
  });
});
