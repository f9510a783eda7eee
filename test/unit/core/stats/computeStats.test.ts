import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats } from '../../../../src/core/stats/computeStats';
import { cohensKappa } from '../../../../src/core/stats/kappa';
import { makeAmend, makeComparison, makeSide } from '../../../fixtures/results/makeRecord';
import type { ComparisonRecord } from '../../../../src/core/results/schema';

const OPUS = 'anthropic:claude-opus';
const GLM = 'zai:glm-5.2';
const glmSide = (over = {}) => makeSide({ preset: 'zai', model: 'glm-5.2', ...over });

describe('computeStats', () => {
  test('pair counts follow model identity (not the slot), pending excluded from win stats', () => {
    const recs: ComparisonRecord[] = [
      makeComparison({ verdict: 'a' }), makeComparison({ verdict: 'a', swapped: true }), makeComparison({ verdict: 'b' }),
      makeComparison({ verdict: 'tie' }), makeComparison({ verdict: 'both_bad' }), makeComparison({ verdict: 'pending' }),
      // same pair recorded the other way round: GLM in sides.a wins
      makeComparison({ sides: { a: glmSide(), b: makeSide() }, verdict: 'a' }),
    ];
    const s = computeStats(recs, { bootstrapRounds: 20 });
    assert.equal(s.pairs.length, 1);
    const p = s.pairs[0];
    assert.deepEqual(p.models, [OPUS, GLM]);
    assert.deepEqual([p.n, p.wins, p.losses, p.ties, p.bothBad, p.pending], [6, 2, 2, 1, 1, 1]);
    assert.equal(p.winRateTiesHalf.successes, 3);
    assert.equal(p.winRateTiesHalf.p, 0.5);
    assert.equal(p.winRateTiesExcluded.n, 4);
    assert.ok(p.smallSample);
    assert.deepEqual(s.totals, { comparisons: 7, decided: 6, pending: 1, imported: 0, amends: 0, orphanAmends: 0, models: 2 });
    assert.equal(s.leaderboard.battles, 6);
    const opus = s.models.find((m) => m.model === OPUS);
    assert.deepEqual([opus?.wins, opus?.losses, opus?.ties], [2, 2, 2]);
  });

  test('amends change the effective verdict used by stats', () => {
    const c = makeComparison({ verdict: 'pending' });
    const s = computeStats([c, makeAmend(c.id, { verdict: 'b' })], { bootstrapRounds: 0 });
    assert.equal(s.pairs[0].losses, 1);
    assert.equal(s.totals.amends, 1);
  });

  test('outcomes include pending and failed; imported battles have no runs', () => {
    const recs = [
      makeComparison({ sides: { a: makeSide({ route: 'pr' }), b: glmSide({ status: 'failed', route: undefined, errorKind: 'timeout' }) } }),
      makeComparison({ sides: { a: makeSide({ route: 'skip' }), b: glmSide({ route: undefined }) }, verdict: 'a' }),
      makeComparison({ imported: true, verdict: 'b' }),
    ];
    const s = computeStats(recs, { bootstrapRounds: 0 });
    const o = Object.fromEntries(s.outcomes.map((r) => [r.model, r]));
    assert.equal(o[OPUS].runs, 2);
    assert.deepEqual(o[OPUS].counts, { pr: 1, issue: 0, skip: 1, failed: 0, unparsed: 0 });
    assert.deepEqual(o[GLM].counts, { pr: 0, issue: 0, skip: 0, failed: 1, unparsed: 1 });
    assert.equal(s.totals.imported, 1);
    assert.equal(s.leaderboard.battles, 2, 'imported battles join the leaderboard');
  });

  test('agreement: routing per mode, same paper from flag or picks, different outcomes among same paper', () => {
    const recs = [
      makeComparison({ mode: 'pin' }),
      makeComparison({ mode: 'pin', sides: { a: makeSide({ route: 'pr' }), b: glmSide() } }),
      makeComparison({ mode: 'selection', selection: { samePaper: true } }),
      makeComparison({ mode: 'selection', selection: { samePaper: true }, sides: { a: makeSide({ route: 'skip' }), b: glmSide() } }),
      makeComparison({ mode: 'selection', sides: { a: makeSide({ paperPick: 'x' }), b: glmSide({ paperPick: 'y', route: 'pr' }) } }),
      makeComparison({ mode: 'selection' }),
    ];
    const s = computeStats(recs, { bootstrapRounds: 0 });
    const pin = s.agreement.find((a) => a.mode === 'pin');
    const sel = s.agreement.find((a) => a.mode === 'selection');
    assert.deepEqual([pin?.n, pin?.routeAgree.successes], [2, 1]);
    assert.deepEqual([sel?.n, sel?.routeAgree.successes, sel?.samePaperKnown, sel?.samePaper, sel?.samePaperDifferentOutcome], [4, 2, 3, 2, 1]);
  });

  test('usage summaries, cost per win and unknown costs', () => {
    const cost = (usd: number | null) => ({ usd, basis: usd === null ? 'unknown' as const : 'list' as const });
    const recs = [1, 2, 3, 4].map((i) => makeComparison({
      verdict: i <= 2 ? 'a' : i === 3 ? 'b' : 'pending',
      sides: { a: makeSide({ cost: cost(i), usage: { input: 100 * i, output: 10 * i, cacheRead: i, cacheWrite: 0 }, ttftMs: 1000 * i, totalMs: 60_000 * i }),
        b: glmSide({ cost: cost(i === 4 ? null : 0.1), totalMs: 1000 }) },
    }));
    const s = computeStats(recs, { bootstrapRounds: 0 });
    const u = Object.fromEntries(s.usage.map((r) => [r.model, r]));
    assert.equal(u[OPUS].costUsd.total, 10);
    assert.equal(u[OPUS].costUsd.median, 2.5);
    assert.equal(u[OPUS].inputTokens.p25, 175);
    assert.equal(u[OPUS].totalMs.max, 240_000);
    assert.equal(u[OPUS].wins, 2);
    assert.equal(u[OPUS].costPerWin, 3, 'known cost of judged runs (1+2+3) / 2 wins');
    assert.equal(u[GLM].costUnknownRuns, 1);
    assert.deepEqual(u[GLM].costBases, ['list', 'unknown']);
    assert.ok(Math.abs((u[GLM].costPerWin ?? 0) - 0.3) < 1e-12);
    assert.equal(u[GLM].ttftMs.n, 0);
  });

  test('position bias uses the left slot (sides.b when swapped)', () => {
    const recs = [
      makeComparison({ verdict: 'a', swapped: false }), makeComparison({ verdict: 'b', swapped: true }),
      makeComparison({ verdict: 'a', swapped: true }), makeComparison({ verdict: 'tie' }), makeComparison({ verdict: 'pending' }),
    ];
    const b = computeStats(recs, { bootstrapRounds: 0 }).positionBias;
    assert.deepEqual([b.n, b.leftWins, b.rightWins, b.ties], [4, 2, 1, 1]);
    assert.equal(b.leftWinRateTiesHalf.successes, 2.5);
    assert.equal(b.leftWinRateTiesExcluded.n, 3);
  });

  test('Cohen kappa between raters from second opinions', () => {
    const cs = ['a', 'a', 'b', 'b', 'tie', 'a'].map((v) => makeComparison({ rater: 'ana', verdict: v as ComparisonRecord['verdict'] }));
    const bob = ['a', 'b', 'b', 'b', 'tie', 'a'];
    const amends = cs.map((c, i) => makeAmend(c.id, { rater: 'bob', verdict: bob[i] as ComparisonRecord['verdict'] }));
    const s = computeStats([...cs, ...amends], { bootstrapRounds: 0 });
    assert.equal(s.kappa.length, 1);
    const k = s.kappa[0];
    assert.deepEqual(k.raters, ['ana', 'bob']);
    assert.equal(k.n, 6);
    assert.ok(Math.abs((k.observedAgreement ?? 0) - 5 / 6) < 1e-12);
    // po = 5/6; pe = (3/6)(2/6) + (2/6)(3/6) + (1/6)(1/6) = 13/36
    assert.ok(Math.abs((k.kappa ?? 0) - (5 / 6 - 13 / 36) / (1 - 13 / 36)) < 1e-12);
    assert.ok(k.smallSample);
    // ana's own verdicts stay effective
    assert.equal(s.pairs[0].wins, 3);
  });

  test('cohensKappa edge cases', () => {
    assert.deepEqual(cohensKappa([], []), { observed: null, kappa: null });
    assert.deepEqual(cohensKappa(['a', 'a'], ['a', 'a']), { observed: 1, kappa: null });
    assert.equal(cohensKappa(['a', 'b'], ['b', 'a']).kappa, -1);
  });
});
