import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats } from '../../../../src/core/stats/computeStats';
import { reportJson } from '../../../../src/core/stats/reportJson';
import { judgeRaters, pairLabels } from '../../../../src/core/stats/ppiData';
import { foldAmends } from '../../../../src/core/results/foldAmends';
import type { AmendRecord, ResultRecord, Verdict } from '../../../../src/core/results/schema';
import { makeAmend, makeComparison, makeSide } from '../../../fixtures/results/makeRecord';

const JUDGE = 'judge:zai:glm-5';
const judged = (target: string, verdict: Exclude<Verdict, 'pending'> | undefined, rater = JUDGE): AmendRecord => ({
  ...makeAmend(target, { rater, ...(verdict ? { verdict } : {}) }),
  judge: { preset: 'zai', model: 'glm-5', outcome: verdict ? 'consistent' : 'failed', orders: [] },
});

test('pair labels: human verdicts with the judge on them, judge-only labels, orientation, failed answers as ½', () => {
  const opus = makeSide();
  const glm = makeSide({ preset: 'zai', model: 'glm-5.2' });
  const c1 = makeComparison({ verdict: 'a' }); // opus (sides.a) wins; judge agrees
  const c2 = makeComparison({ verdict: 'tie', sides: { a: glm, b: opus } }); // judge says glm (sides.a)
  const c3 = makeComparison({ verdict: 'pending' }); // judge only: sides.b (glm)
  const c4 = makeComparison({ verdict: 'pending' }); // judge failed: ½
  const c5 = makeComparison({ verdict: 'b' }); // human only: the judge never ran → ½
  const c6 = makeComparison({ verdict: 'pending' }); // neither: left out
  const c7 = makeComparison({ verdict: 'a', imported: true }); // imported: left out
  const records: ResultRecord[] = [c1, c2, c3, c4, c5, c6, c7, judged(c1.id, 'a'), judged(c2.id, 'a'), judged(c3.id, 'b'), judged(c4.id, undefined),
    judged(c5.id, 'a', 'judge:other:m')];
  const comparisons = foldAmends(records);
  assert.deepEqual(judgeRaters(comparisons), ['judge:other:m', JUDGE]);
  const { pairs, both, judgeOnly } = pairLabels(comparisons, JUDGE);
  assert.equal(pairs.length, 1);
  assert.deepEqual(pairs[0].models, ['anthropic:claude-opus', 'zai:glm-5.2']);
  assert.deepEqual(pairs[0].y, [1, 0.5, 0]);
  assert.deepEqual(pairs[0].fl, [1, 0, 0.5]);
  assert.deepEqual(pairs[0].fu, [0, 0.5]);
  assert.deepEqual([both, judgeOnly], [2, 2]);
});

test('a comparison filed under a judge\'s name is not a human label', () => {
  const forged = makeComparison({ verdict: 'a', rater: JUDGE });
  const human = makeComparison({ verdict: 'b' });
  const { pairs, both, judgeOnly } = pairLabels(foldAmends([forged, human, judged(forged.id, 'a'), judged(human.id, 'a')]), JUDGE);
  assert.deepEqual(pairs[0].y, [0], 'only the person\'s verdict counts as human');
  assert.deepEqual(pairs[0].fu, [1], 'the forged one counts through the judge\'s own label');
  assert.deepEqual([both, judgeOnly], [1, 1]);
});

test('report --json carries a ppi section per judge, and none without a judge', () => {
  const records: ResultRecord[] = [];
  for (let i = 0; i < 40; i++) {
    const human: Verdict = i % 3 === 0 ? 'b' : 'a';
    const c = makeComparison({ verdict: i < 20 ? human : 'pending' });
    records.push(c, judged(c.id, i % 5 === 0 ? 'b' : human));
  }
  const json = reportJson(computeStats(records, { bootstrapRounds: 0 }));
  assert.equal(json.ppi.judges.length, 1);
  const j = json.ppi.judges[0];
  assert.equal(j.judge, JUDGE);
  assert.deepEqual([j.both, j.judgeOnly], [20, 20]);
  const m = j.pairs[0].mean;
  assert.deepEqual([m.n, m.N], [20, 20]);
  assert.ok(m.lambda > 0 && m.lambda <= 1, `λ ${m.lambda}`);
  assert.ok((m.combined?.se ?? 1) < (m.humanOnly?.se ?? 0));
  assert.ok((m.effectiveHuman ?? 0) > 20);
  assert.equal(j.bt.entries.length, 2);
  assert.ok(JSON.parse(JSON.stringify(json)).ppi.judges[0].pairs[0].mean.lambda === m.lambda, 'serialises as documented');
  assert.deepEqual(reportJson(computeStats([makeComparison({ verdict: 'a' })], { bootstrapRounds: 0 })).ppi.judges, []);
});
