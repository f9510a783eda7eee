import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { csRadius, sequentialDecision } from '../../../../src/core/stats/sequential';
import { wilsonInterval } from '../../../../src/core/stats/wilson';
import { seededRandom } from '../../../../src/core/stats/prng';

// Reference radii: test/fixtures/stats/sequential_reference.py (standard library; numerical mixture integral + bisection).
const ref = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/stats/sequential_reference.json'), 'utf8')) as
  { radius: Record<string, number>; radiusAlpha10: Record<string, number> };

test('confidence-sequence radius matches the numerically integrated mixture boundary', () => {
  for (const [n, r] of Object.entries(ref.radius)) assert.ok(Math.abs(csRadius(Number(n)) - r) < 1e-9, `n=${n}: ${csRadius(Number(n))} vs ${r}`);
  for (const [n, r] of Object.entries(ref.radiusAlpha10)) assert.ok(Math.abs(csRadius(Number(n), 0.1) - r) < 1e-9, `α=.1 n=${n}`);
});

test('decisions: winner, loser, equivalent, continue with an estimate that is then enough', () => {
  assert.equal(sequentialDecision(700, 1000).decision, 'a_better');
  assert.equal(sequentialDecision(300, 1000).decision, 'b_better');
  assert.equal(sequentialDecision(2000, 4000).decision, 'equivalent');
  const c = sequentialDecision(60, 100);
  assert.equal(c.decision, 'continue');
  assert.ok(c.moreVerdicts !== null && c.moreVerdicts > 0);
  const n = 100 + (c.moreVerdicts as number);
  assert.equal(sequentialDecision(0.6 * n, n).decision, 'a_better', 'the estimate is enough if the rate holds');
  assert.equal(sequentialDecision(0.6 * (n - 1), n - 1).decision, 'continue', 'and it is the smallest such n');
  const empty = sequentialDecision(0, 0);
  assert.equal(empty.decision, 'continue');
  assert.deepEqual([empty.lo, empty.hi, empty.p], [0, 1, null]);
  assert.ok(sequentialDecision(2000, 4000, { equivalenceMargin: 0.01 }).decision === 'continue', 'a tighter margin needs more');
});

/** Fraction of simulated studies (true win rate ½, ties allowed) in which `declares` fires at some look. */
function falseWinnerRate(declares: (score: number, n: number) => boolean, studies: number, looks: number, tieRate: number): number {
  const rand = seededRandom(20261205);
  let wrong = 0;
  for (let s = 0; s < studies; s++) {
    let score = 0;
    for (let n = 1; n <= looks; n++) {
      const u = rand();
      score += u < tieRate ? 0.5 : u < tieRate + (1 - tieRate) / 2 ? 1 : 0;
      if (declares(score, n)) { wrong += 1; break; }
    }
  }
  return wrong / studies;
}

test('simulation: looking after every verdict keeps false winners at or below 5 %; the naive Wilson rule does not', (t) => {
  const looks = 500;
  const radius = Float64Array.from({ length: looks + 1 }, (_, n) => csRadius(n));
  const cs = (score: number, n: number) => Math.abs(score / n - 0.5) > radius[n];
  const wilson = (score: number, n: number) => {
    const w = wilsonInterval(score, n) as { lo: number; hi: number };
    return w.lo > 0.5 || w.hi < 0.5;
  };
  for (const tieRate of [0, 0.2]) {
    const seq = falseWinnerRate(cs, 2000, looks, tieRate);
    const naive = falseWinnerRate(wilson, 2000, looks, tieRate);
    t.diagnostic(`ties ${tieRate}: sequence ${seq}, naive Wilson ${naive}`);
    assert.ok(seq <= 0.05, `sequence false-winner rate ${seq} (ties ${tieRate})`);
    assert.ok(naive > 0.05, `naive Wilson false-winner rate ${naive} (ties ${tieRate})`);
    assert.ok(naive > 3 * seq, `naive ${naive} vs sequence ${seq}`);
  }
});

test('simulation: a pair 10 points apart is not called equivalent (±5) more than 5 % of the time', () => {
  const rand = seededRandom(7);
  let wrong = 0;
  for (let s = 0; s < 400; s++) {
    let score = 0;
    for (let n = 1; n <= 2000; n++) {
      score += rand() < 0.6 ? 1 : 0;
      const r = csRadius(n);
      const p = score / n;
      if (p - r > 0.45 && p + r < 0.55) { wrong += 1; break; }
    }
  }
  assert.ok(wrong / 400 <= 0.05, `false equivalence ${wrong / 400}`);
});
