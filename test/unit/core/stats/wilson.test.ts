import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rateOf, wilsonInterval } from '../../../../src/core/stats/wilson';
import { quantileSorted, summarize } from '../../../../src/core/stats/summary';
import { seededRandom } from '../../../../src/core/stats/prng';

test('Wilson interval matches textbook values', () => {
  const a = wilsonInterval(8, 10);
  assert.ok(a);
  assert.ok(Math.abs(a.lo - 0.4902) < 1e-4 && Math.abs(a.hi - 0.9433) < 1e-4, JSON.stringify(a));
  const b = wilsonInterval(0, 5);
  assert.ok(b && b.lo === 0 && Math.abs(b.hi - 0.4345) < 1e-4);
  const c = wilsonInterval(50, 100);
  assert.ok(c && Math.abs(c.lo - 0.4038) < 1e-4 && Math.abs(c.hi - 0.5962) < 1e-4);
  assert.equal(wilsonInterval(0, 0), null);
});

test('rateOf flags small samples and handles n = 0', () => {
  assert.deepEqual(rateOf(0, 0), { successes: 0, n: 0, p: null, lo: null, hi: null, smallSample: true });
  assert.equal(rateOf(3, 9).smallSample, true);
  assert.equal(rateOf(3, 10).smallSample, false);
  assert.equal(rateOf(2.5, 5).p, 0.5);
});

test('quantiles use linear interpolation (numpy default)', () => {
  assert.equal(quantileSorted([1, 2, 3, 4], 0.25), 1.75);
  assert.equal(quantileSorted([1, 2, 3, 4], 0.5), 2.5);
  assert.equal(quantileSorted([], 0.5), null);
  assert.deepEqual(summarize([5, 1, 3]), { n: 3, total: 9, min: 1, p25: 2, median: 3, p75: 4, max: 5 });
  assert.equal(summarize([]).median, null);
});

test('seeded PRNG is reproducible and roughly uniform', () => {
  const a = seededRandom(7);
  const b = seededRandom(7);
  const xs = Array.from({ length: 10000 }, () => a());
  assert.deepEqual(xs.slice(0, 5), Array.from({ length: 5 }, () => b()));
  assert.ok(xs.every((x) => x >= 0 && x < 1));
  const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
  assert.ok(Math.abs(mean - 0.5) < 0.02);
  assert.notEqual(seededRandom(8)(), seededRandom(7)());
});
