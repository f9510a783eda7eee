// Red-team: judge amends in a results file from elsewhere (a teammate's, a hand-edited one) must not crash readers
// or pass for a person's verdict. Each malformed judge record is refused by validation with a clear message (the
// reader then quarantines the line: nothing is lost), and a `judge:` rater without a judge record is never counted
// as a human second opinion (it would enter human-human agreement and κ).
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { foldAmends } from '../../../../src/core/results/foldAmends';
import { personRaterName } from '../../../../src/core/results/schema';
import { validateRecord } from '../../../../src/core/results/validateRecord';
import { makeAmend, makeComparison } from '../../../fixtures/results/makeRecord';

const goodOrder = { order: 'ab', answer: 'A', verdict: 'a', reason: 'ok', usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, cost: { usd: 0.01, basis: 'list' }, ttftMs: null, totalMs: 5 };
const judgeAmend = (judge: Record<string, unknown>) => ({ ...makeAmend('c1', { verdict: 'a', rater: 'judge:zai:glm-5' }), judge: { preset: 'zai', model: 'glm-5', outcome: 'consistent', ...judge } });

describe('judge records from a hostile results file', () => {
  test('a well-formed judge amend validates', () => {
    const r = validateRecord(judgeAmend({ orders: [goodOrder, { ...goodOrder, order: 'ba', answer: 'B' }], sameFamily: ['a'], promptVersion: 'pairwise-judge/1' }));
    assert.ok(r.ok, r.ok ? '' : r.error);
  });

  const bad: [string, Record<string, unknown>, RegExp][] = [
    ['a null order (readers dereference every order)', { orders: [null] }, /orders\[0\] must be an object/],
    ['an unknown order', { orders: [{ ...goodOrder, order: 'zz' }] }, /orders\[0\]\.order must be ab or ba/],
    ['an unknown answer', { orders: [{ ...goodOrder, answer: 'C' }] }, /orders\[0\]\.answer/],
    ['a verdict outside the matrix', { orders: [{ ...goodOrder, verdict: 'pending' }] }, /orders\[0\]\.verdict/],
    ['a reason that is not text', { orders: [{ ...goodOrder, reason: { html: '<img src=x>' } }] }, /orders\[0\]\.reason must be a string/],
    ['usage with a string count', { orders: [{ ...goodOrder, usage: { input: '9e999', output: 1, cacheRead: 0, cacheWrite: 0 } }] }, /orders\[0\]\.usage\.input/],
    ['a NaN-ish cost', { orders: [{ ...goodOrder, cost: { usd: 'free', basis: 'list' } }] }, /orders\[0\]\.cost\.usd/],
    ['more than two orders', { orders: [goodOrder, goodOrder, goodOrder] }, /at most two orders/],
    ['a sameFamily that is not sides', { orders: [], sameFamily: ['c'] }, /sameFamily/],
  ];
  for (const [name, judge, want] of bad) {
    test(`refused: ${name}`, () => {
      const r = validateRecord(judgeAmend(judge));
      assert.equal(r.ok, false);
      if (!r.ok) assert.match(r.error, want);
    });
  }

  test('a judge: rater without a judge record is not a human second opinion', () => {
    const c = { ...makeComparison({ verdict: 'a', rater: 'ana' }), id: 'c1' };
    const forged = makeAmend('c1', { verdict: 'b', rater: 'judge:zai:glm-5' });
    const bob = makeAmend('c1', { verdict: 'b', rater: 'bob' });
    const e = foldAmends([c, forged, bob])[0];
    assert.equal(e.verdict, 'a', 'the human verdict stays');
    assert.deepEqual(e.secondOpinions.map((o) => o.rater), ['bob'], 'only people are second opinions');
  });

  test('a person cannot be named like a judge (pairwise.rater may come from a repository\'s workspace settings)', () => {
    assert.equal(personRaterName('judge:anthropic:claude-haiku-4-5'), '');
    assert.equal(personRaterName('  ana '), 'ana');
  });
});
