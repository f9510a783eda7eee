import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldAmends } from '../../../../src/core/results/foldAmends';
import type { AmendRecord, ComparisonRecord, ResultRecord } from '../../../../src/core/results/schema';
import { fleissKappa, krippendorffAlpha, raterStats } from '../../../../src/core/stats/raters';

// Reference: test/fixtures/stats/raters_reference.py (standard library, from rater-by-unit data; reproduces the
// published κ = 0.210 of Fleiss' 14-rater table and α = 0.743 of Krippendorff's nominal example).
const ref = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/stats/raters_reference.json'), 'utf8')) as {
  fleissExample: { counts: number[][]; kappa: number }; krippendorffExample: { counts: number[][]; alpha: number };
  verdicts: { counts: number[][]; kappa: number; alpha: number } };

test('Fleiss\' kappa and Krippendorff\'s alpha match the reference and the published examples', () => {
  assert.ok(Math.abs((fleissKappa(ref.fleissExample.counts) as number) - ref.fleissExample.kappa) < 1e-12);
  assert.equal((fleissKappa(ref.fleissExample.counts) as number).toFixed(3), '0.210');
  assert.ok(Math.abs((krippendorffAlpha(ref.krippendorffExample.counts) as number) - ref.krippendorffExample.alpha) < 1e-12);
  assert.equal((krippendorffAlpha(ref.krippendorffExample.counts) as number).toFixed(3), '0.743');
  assert.ok(Math.abs((fleissKappa(ref.verdicts.counts) as number) - ref.verdicts.kappa) < 1e-12);
  assert.ok(Math.abs((krippendorffAlpha(ref.verdicts.counts) as number) - ref.verdicts.alpha) < 1e-12);
  assert.equal(fleissKappa([]), null);
  assert.equal(krippendorffAlpha([[2, 0, 0, 0]]), null, 'one category only: alpha undefined');
});

const side = (model: string) => ({ preset: 'p', model, status: 'ok' as const });
const comp = (id: string, rater: string, verdict: ComparisonRecord['verdict'], swapped: boolean, ratings?: ComparisonRecord['ratings']): ComparisonRecord =>
  ({ schema: 1, type: 'comparison', id, time: '2026-01-01T00:00:00Z', repo: { name: 'r' }, mode: 'pin', prompt: {}, sides: { a: side('m1'), b: side('m2') },
    blind: true, swapped, verdict, rater, ratings });
const amend = (target: string, rater: string, verdict: AmendRecord['verdict']): AmendRecord =>
  ({ schema: 1, type: 'amend', id: `${target}-${rater}`, target, time: '2026-01-02T00:00:00Z', rater, verdict });

test('rater stats from comparisons and second opinions: items, agreement with intervals, leniency, left-slot wins', () => {
  const records: ResultRecord[] = [];
  for (let i = 0; i < 30; i++) {
    const v = i % 3 === 0 ? 'b' : 'a';
    records.push(comp(`c${i}`, 'ann', v, i % 2 === 0, { clarity: { a: 4, b: 3 } }));
    records.push(amend(`c${i}`, 'bob', i % 5 === 0 ? 'tie' : v));
    if (i % 2) records.push(amend(`c${i}`, 'cy', i % 7 === 0 ? 'both_bad' : v));
  }
  records.push(comp('solo', 'bob', 'a', false, { clarity: { a: 1, b: 1 } }));
  const s = raterStats(foldAmends(records), { rounds: 200, seed: 3 });
  assert.equal(s.items, 30);
  assert.equal(s.raters, 3);
  const k = s.fleissKappa, a = s.krippendorffAlpha;
  assert.ok(k.value !== null && k.lo !== null && k.hi !== null && k.lo <= k.value && k.value <= k.hi && k.hi <= 1, JSON.stringify(k));
  assert.ok(a.value !== null && a.lo !== null && a.hi !== null && a.lo <= a.value && a.value <= a.hi, JSON.stringify(a));
  assert.deepEqual(raterStats(foldAmends(records), { rounds: 200, seed: 3 }).fleissKappa, k, 'seeded: same interval twice');
  const ann = s.perRater.find((r) => r.rater === 'ann');
  const bob = s.perRater.find((r) => r.rater === 'bob');
  assert.ok(ann && bob);
  assert.equal(ann.verdicts, 30);
  assert.equal(bob.tieShare.successes, 6);
  assert.equal(bob.verdicts, 31);
  // ann rates 3.5 on average, bob 1; overall (30·7 + 2)/62
  const overall = (30 * 7 + 2) / 62;
  assert.ok(Math.abs((ann.leniency as number) - (3.5 - overall)) < 1e-12);
  assert.ok(Math.abs((bob.leniency as number) - (1 - overall)) < 1e-12);
  // left slot: swapped on even i; verdict a on i % 3 ≠ 0. Left wins when (verdict a and not swapped) or (verdict b and swapped).
  let left = 0;
  for (let i = 0; i < 30; i++) if ((i % 3 !== 0) !== (i % 2 === 0)) left += 1;
  assert.deepEqual([ann.leftWinRate.successes, ann.leftWinRate.n], [left, 30]);
});
