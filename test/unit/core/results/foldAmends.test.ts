import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { foldAmends, foldAmendsDetailed } from '../../../../src/core/results/foldAmends';
import { filterRecords } from '../../../../src/core/results/filterRecords';
import { makeAmend, makeComparison } from '../../../fixtures/results/makeRecord';

describe('foldAmends', () => {
  test('latest amend by the own rater wins; other raters become second opinions; orphans reported', () => {
    const c = makeComparison({ verdict: 'a', rater: 'ana', notes: 'first' });
    const late = makeAmend(c.id, { verdict: 'tie', rater: 'ana', time: '2026-03-02T00:00:00.000Z' });
    const early = makeAmend(c.id, { verdict: 'b', notes: 'changed', time: '2026-03-01T00:00:00.000Z' });
    const bob = makeAmend(c.id, { verdict: 'b', rater: 'bob' });
    const orphan = makeAmend('nope', { verdict: 'a' });
    const { comparisons, orphans } = foldAmendsDetailed([c, late, early, bob, orphan, { ...late }]);
    assert.equal(comparisons.length, 1);
    const e = comparisons[0];
    assert.equal(e.verdict, 'tie');
    assert.equal(e.notes, 'changed');
    assert.equal(e.amendCount, 2);
    assert.equal(e.amendedAt, '2026-03-02T00:00:00.000Z');
    assert.deepEqual(e.secondOpinions.map((o) => [o.rater, o.verdict]), [['bob', 'b']]);
    assert.deepEqual(orphans.map((o) => o.id), [orphan.id]);
    assert.equal(c.verdict, 'a', 'input records are not mutated');
  });

  test('a judge amend never changes the verdict, even on an unnamed comparison; the latest per judge is kept', () => {
    const c = makeComparison({ verdict: 'pending' });
    const judge = { preset: 'zai', model: 'glm-5', outcome: 'consistent' as const, orders: [] };
    const j1 = { ...makeAmend(c.id, { verdict: 'a', rater: 'judge:zai:glm-5', time: '2026-03-01T00:00:00.000Z' }), judge };
    const j2 = { ...makeAmend(c.id, { verdict: 'b', rater: 'judge:zai:glm-5', time: '2026-03-02T00:00:00.000Z' }), judge };
    const human = makeAmend(c.id, { verdict: 'tie', time: '2026-03-03T00:00:00.000Z' });
    const e = foldAmends([c, j2, j1, human])[0];
    assert.equal(e.verdict, 'tie', 'the unnamed human amend still applies');
    assert.equal(e.amendCount, 1);
    assert.deepEqual(e.secondOpinions, [], 'a judge is not a second opinion of a person');
    assert.deepEqual(e.judgeOpinions.map((o) => [o.rater, o.verdict]), [['judge:zai:glm-5', 'b']]);
    const onlyJudge = foldAmends([c, j1])[0];
    assert.equal(onlyJudge.verdict, 'pending', 'a judge leaves a pending verdict pending');
  });

  test('duplicate comparison ids keep the first', () => {
    const c = makeComparison({ verdict: 'a' });
    assert.equal(foldAmends([c, { ...c, verdict: 'b' }])[0].verdict, 'a');
  });
});

describe('filterRecords', () => {
  test('filters by repo, paper, mode and time, keeping amends of kept comparisons', () => {
    const a = makeComparison({ repo: { name: 'mlx', remote: 'git@x:mlx.git' }, mode: 'pin', time: '2026-01-10T00:00:00.000Z' });
    const b = makeComparison({ repo: { name: 'dspy' }, mode: 'selection', paper: { title: 'RAS' }, time: '2026-02-10T00:00:00.000Z' });
    const am = makeAmend(a.id, { verdict: 'b' });
    const all = [a, b, am];
    assert.deepEqual(filterRecords(all, { repo: 'MLX' }).map((r) => r.id), [a.id, am.id]);
    assert.deepEqual(filterRecords(all, { repo: 'git@x:mlx.git' }).map((r) => r.id), [a.id, am.id]);
    assert.deepEqual(filterRecords(all, { paper: 'ras' }).map((r) => r.id), [b.id]);
    assert.deepEqual(filterRecords(all, { mode: 'selection' }).map((r) => r.id), [b.id]);
    assert.deepEqual(filterRecords(all, { since: '2026-02-01' }).map((r) => r.id), [b.id]);
    assert.deepEqual(filterRecords(all, { until: new Date('2026-02-01') }).map((r) => r.id), [a.id, am.id]);
    assert.equal(filterRecords(all, {}).length, 3);
  });
});

test('a later judgment carries its own slot layout into the effective view (position bias)', async () => {
  const { foldAmends } = await import('../../../../src/core/results/foldAmends');
  const base = { schema: 1, type: 'comparison' as const, id: 'c1', time: '2026-01-01T00:00:00.000Z', repo: { name: 'r' }, mode: 'pin' as const, prompt: {},
    sides: { a: { preset: 'p', model: 'a', status: 'ok' as const }, b: { preset: 'p', model: 'b', status: 'ok' as const } }, blind: false, swapped: false, verdict: 'pending' as const };
  const [c] = foldAmends([base, { schema: 1, type: 'amend', id: 'm1', target: 'c1', time: '2026-01-02T00:00:00.000Z', verdict: 'a', swapped: true, blind: true }]);
  assert.equal(c.verdict, 'a');
  assert.equal(c.swapped, true);
  assert.equal(c.blind, true);
});
