// Judging a results file: which pairs (selection, resume), the estimate before sending, the cost ceiling, and a
// queue over mock judges whose rules give exact consistency counts.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { estimateJudgeCost, judgeQueue, planJudging, storedJudgeContext } from '../../../../src/core/judge/judgeQueue';
import { judgeRater } from '../../../../src/core/judge/judgeComparison';
import { JUDGE_PREFER_MARK, scenarios, startMockProvider, type MockProvider } from '../../../fakes/mockProviders';
import { FAST, sideFor } from '../run/pairHarness';
import { resultsWith, type PairSpec } from './judgeFixture';

const PAIRS: PairSpec[] = [
  { id: 'p1', a: `short ${JUDGE_PREFER_MARK}`, b: 'a much longer second draft text', verdict: 'a' },
  { id: 'p2', a: 'a much longer first draft text', b: 'short', verdict: 'pending' },
  { id: 'p3', a: 'same length A', b: 'same length B', verdict: 'tie' },
  { id: 'p4', a: 'x', b: 'y', failedB: true },
];

describe('judge queue', () => {
  let mock: MockProvider;
  before(async () => { mock = await startMockProvider({ kind: 'anthropic' }); });
  after(() => mock.close());

  test('plan: selection, pairs without drafts, and resume after an answer (failed answers are judged again)', async () => {
    const fx = await resultsWith(PAIRS);
    try {
      const judge = sideFor(mock, 'claude-haiku-4-5');
      const rater = judgeRater(judge);
      let { records } = await fx.store.readAll();
      assert.deepEqual(planJudging(records, rater, 'all').todo.map((c) => c.id), ['p1', 'p2', 'p3']);
      assert.equal(planJudging(records, rater, 'all').noDrafts, 1);
      assert.deepEqual(planJudging(records, rater, 'pending').todo.map((c) => c.id), ['p2']);
      assert.deepEqual(planJudging(records, rater, 'human').todo.map((c) => c.id), ['p1', 'p3']);
      mock.setScenario([scenarios.judge('longer'), scenarios.judge('longer'), scenarios.rateLimitedMs(1)]);
      const plan = planJudging(records, rater, 'all');
      const s = await judgeQueue({ comparisons: plan.todo, store: fx.store, judge, options: { ...FAST, retry: { ...FAST.retry, maxRetries: 0 } } });
      assert.equal(s.judged, 3);
      assert.equal(s.failed, 2, 'p2 and p3 hit the 429');
      ({ records } = await fx.store.readAll());
      const again = planJudging(records, rater, 'all');
      assert.deepEqual(again.todo.map((c) => c.id), ['p2', 'p3'], 'resume: only the failed pairs again');
      assert.equal(again.answered, 1);
      assert.deepEqual(planJudging(records, 'judge:other:model', 'all').todo.length, 3, 'another judge starts from scratch');
    } finally { await fx.cleanup(); }
  });

  test('exact outcomes per rule: "first" flips on every pair, "longer" and "marked" are consistent', async () => {
    for (const [rule, expect] of [['first', { consistent: 0, inconsistent: 3 }], ['longer', { consistent: 3, inconsistent: 0 }], ['marked', { consistent: 3, inconsistent: 0 }]] as const) {
      const fx = await resultsWith(PAIRS);
      try {
        mock.setScenario(scenarios.judge(rule));
        const judge = sideFor(mock, 'claude-haiku-4-5');
        const { records } = await fx.store.readAll();
        const s = await judgeQueue({ comparisons: planJudging(records, judgeRater(judge), 'all').todo, store: fx.store, judge, options: FAST });
        assert.deepEqual({ consistent: s.consistent, inconsistent: s.inconsistent }, expect, rule);
        assert.equal(s.judged, 3);
        assert.ok(s.costUsd > 0, 'claude-haiku has a list price');
        assert.ok(s.warnings.some((w) => /claude family/.test(w)), 'self-preference warning (sides.a is claude)');
      } finally { await fx.cleanup(); }
    }
  });

  test('estimate before sending, and --max-cost stops before the pair that would pass it (nothing lost, resumable)', async () => {
    const fx = await resultsWith(PAIRS);
    try {
      mock.setScenario(scenarios.judge('longer'));
      mock.requests.length = 0;
      const judge = sideFor(mock, 'claude-haiku-4-5');
      const { records } = await fx.store.readAll();
      const todo = planJudging(records, judgeRater(judge), 'all').todo;
      const est = await estimateJudgeCost({ comparisons: todo, store: fx.store, judge });
      assert.equal(est.pairs, 3);
      assert.ok(est.usd !== null && est.usd > 0 && est.usdMax !== null && est.usdMax > est.usd);
      assert.equal(mock.requests.length, 0, 'estimating sends nothing');
      assert.deepEqual(Object.keys(est.perPair), ['p1', 'p2', 'p3']);
      // The ceiling counts what was spent plus the next pair's estimate: p1 (estimate 0) runs, then p2 would pass it.
      const max = est.perPair.p2 as number;
      const s = await judgeQueue({ comparisons: todo, store: fx.store, judge, options: FAST, maxCostUsd: max, estimates: { ...est.perPair, p1: 0 } });
      assert.equal(s.stoppedBy, 'max-cost');
      assert.equal(s.judged, 1);
      assert.equal(s.left, 2);
      const after = await fx.store.readAll();
      assert.deepEqual(planJudging(after.records, judgeRater(judge), 'all').todo.map((c) => c.id), ['p2', 'p3']);
    } finally { await fx.cleanup(); }
  });

  test('storedJudgeContext reads the saved manifest, and ignores a missing or foreign one', async () => {
    const fx = await resultsWith([PAIRS[0]]);
    try {
      const c = fx.records[0];
      assert.deepEqual(await storedJudgeContext(c, fx.store), {});
      const manifest = { schema: 'pairwise-manifest/1', files: [], papers: [] };
      const hash = await fx.store.saveBlob(c.id, 'manifest.json', JSON.stringify(manifest));
      assert.deepEqual(await storedJudgeContext({ ...c, manifestHash: hash }, fx.store), { manifest });
      const other = await fx.store.saveBlob(c.id, 'x.json', '{"schema":"other"}');
      assert.deepEqual(await storedJudgeContext({ ...c, manifestHash: other }, fx.store), {});
    } finally { await fx.cleanup(); }
  });
});
