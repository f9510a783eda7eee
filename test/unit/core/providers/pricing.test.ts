import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { PRICING_AS_OF, cachePrices, computeCost, formatCost, listPrice, normalizeModelId, priceTableFrom, userPrice } from '../../../../src/core/providers/pricing';
import type { Usage } from '../../../../src/core/providers/types';

const M = 1_000_000;
const usage = (u: Partial<Usage>): Usage => ({ inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0, ...u });

describe('normalizeModelId', () => {
  test('drops vendor prefix and date suffix, maps dots to dashes', () => {
    assert.equal(normalizeModelId('claude-opus-4-20250514'), 'claude-opus-4');
    assert.equal(normalizeModelId('anthropic/claude-opus-4.1'), 'claude-opus-4-1');
    assert.equal(normalizeModelId('gpt-5-2025-08-07'), 'gpt-5');
    assert.equal(normalizeModelId('Z-AI/GLM-4.6'), 'glm-4-6');
  });
});

describe('list prices', () => {
  test('model families resolve to their rows', () => {
    assert.deepEqual(listPrice('claude-opus-4-7'), { input: 5, output: 25, cacheWrite: 6.25, cacheRead: 0.5 });
    assert.equal(listPrice('claude-opus-4-5-20251101')?.input, 5);
    assert.equal(listPrice('claude-opus-4-1-20250805')?.input, 15);
    assert.equal(listPrice('claude-opus-4-20250514')?.output, 75);
    assert.equal(listPrice('claude-sonnet-4-5-20250929')?.input, 3);
    assert.equal(listPrice('claude-haiku-4-5')?.output, 5);
    assert.equal(listPrice('gpt-5')?.cacheRead, 0.125);
    assert.equal(listPrice('gpt-5-mini')?.input, 0.25);
    assert.equal(listPrice('glm-4.6')?.output, 2.2);
    assert.equal(listPrice('glm-5')?.input, 1);
    assert.equal(listPrice('z-ai/glm-5.1')?.input, 1.4);
    assert.equal(listPrice('kimi-k2-0905-preview')?.input, 0.6);
    assert.equal(listPrice('moonshotai/kimi-k2.6')?.output, 4);
  });

  test('near misses stay unknown rather than borrowing a wrong price', () => {
    for (const m of ['gpt-5-pro', 'claude-opus-4-10', 'glm-50', 'kimi-k3', 'qwen3:8b', 'mock-model']) assert.equal(listPrice(m), undefined, m);
  });
});

describe('computeCost', () => {
  test('list basis with breakdown and date', () => {
    const c = computeCost(usage({ inputTokens: 1000, outputTokens: 2000, cacheWriteTokens: 10_000, cacheReadTokens: 50_000 }), 'claude-opus-4-7');
    assert.equal(c.basis, 'list');
    assert.equal(c.asOf, PRICING_AS_OF);
    const expected = (1000 * 5 + 2000 * 25 + 10_000 * 6.25 + 50_000 * 0.5) / M;
    assert.ok(Math.abs((c.usd ?? 0) - expected) < 1e-12);
    assert.ok(Math.abs((c.breakdown?.cacheRead ?? 0) - 0.025) < 1e-12);
  });

  test('unknown model gives usd null and basis unknown (never $0)', () => {
    const c = computeCost(usage({ inputTokens: 5000, outputTokens: 100 }), 'my-finetune-v3');
    assert.deepEqual(c, { usd: null, basis: 'unknown' });
    assert.equal(formatCost(c), '—');
  });

  test('user table overrides list prices: exact id first, then longest prefix*', () => {
    const table = { 'gpt-5': { input: 1, output: 1 }, 'my-*': { input: 2, output: 2 }, 'my-lab-*': { input: 3, output: 3, cacheRead: 0.3 } };
    const c = computeCost(usage({ inputTokens: M, outputTokens: M, cacheReadTokens: M }), 'gpt-5', table);
    assert.equal(c.basis, 'user');
    assert.equal(c.asOf, undefined);
    assert.ok(Math.abs((c.usd ?? 0) - (1 + 1 + 0.1)) < 1e-12, 'no cacheRead price: derived from OpenAI\'s GPT-5 multiplier (0.1× input)');
    assert.equal(c.cacheBasis, 'derived');
    assert.equal(userPrice('my-lab-7b', table)?.input, 3);
    assert.equal(userPrice('my-other', table)?.input, 2);
    assert.equal(userPrice('claude-opus-4-7', table), undefined);
    assert.equal(computeCost(usage({ outputTokens: M }), 'claude-opus-4-7', table).basis, 'list');
  });

  test('priceTableFrom keeps valid rows and reports the rest', () => {
    const { table, problems } = priceTableFrom({ a: { input: 1, output: 2 }, b: { input: 'x', output: 1 }, c: { input: -1, output: 1 } });
    assert.deepEqual(Object.keys(table), ['a']);
    assert.equal(problems.length, 2);
    assert.equal(priceTableFrom('nope').problems.length, 1);
  });
});

describe('formatCost', () => {
  test('renders small, normal and large amounts; null and NaN as a dash', () => {
    assert.equal(formatCost(null), '—');
    assert.equal(formatCost(undefined), '—');
    assert.equal(formatCost(Number.NaN), '—');
    assert.equal(formatCost(0), '$0.00');
    assert.equal(formatCost(0.00421), '$0.0042');
    assert.equal(formatCost({ usd: 1.234, basis: 'list' }), '$1.23');
    assert.equal(formatCost(1234.5), '$1,235');
  });
});

describe('prompt-cache pricing when the price entry has no cache rates', () => {
  test('derived from each vendor\'s published multipliers, and the basis says so', () => {
    const table = { 'claude-x-*': { input: 4, output: 20 }, 'glm-9': { input: 1, output: 3 }, 'kimi-k9': { input: 0.8, output: 3 } };
    const u = usage({ inputTokens: 0, cacheReadTokens: M, cacheWriteTokens: M });
    const claude = computeCost(u, 'claude-x-1', table);
    assert.ok(Math.abs((claude.usd ?? 0) - (4 * 0.1 + 4 * 1.25)) < 1e-12, 'Anthropic: read 0.1×, 5-minute write 1.25× input');
    assert.equal(claude.cacheBasis, 'derived');
    assert.match(claude.cacheNote ?? '', /Anthropic's published multipliers \(read 0\.1×, write 1\.25× input\)/);
    const glm = computeCost(u, 'glm-9', table);
    assert.ok(Math.abs((glm.usd ?? 0) - (1 * 0.2 + 1 * 1)) < 1e-12, 'z.ai: cached input 0.2×, no write surcharge');
    const kimi = computeCost(u, 'kimi-k9', table);
    assert.ok(Math.abs((kimi.usd ?? 0) - (0.8 * 0.25 + 0.8)) < 1e-12);
    assert.ok((claude.usd ?? 0) < 4 * 2, 'caching shows a saving on reads');
  });

  test('a vendor without published multipliers: the input rate, never silently', () => {
    const c = computeCost(usage({ cacheReadTokens: M }), 'my-model', { 'my-model': { input: 2, output: 2 } });
    assert.equal(c.usd, 2);
    assert.equal(c.cacheBasis, 'input-rate');
    assert.match(c.cacheNote ?? '', /no cache price known for my-model: cached tokens charged at the full input price/);
  });

  test('listed cache rates are used as is; no cache tokens, no cache basis', () => {
    assert.equal(computeCost(usage({ cacheReadTokens: M }), 'claude-opus-4-7').cacheBasis, 'listed');
    assert.equal(computeCost(usage({ inputTokens: M }), 'claude-opus-4-7').cacheBasis, undefined);
    assert.deepEqual(cachePrices('gpt-5', { input: 2, output: 8, cacheRead: 0.7 }).read, 0.7, 'a partial entry keeps its own read price');
  });
});
