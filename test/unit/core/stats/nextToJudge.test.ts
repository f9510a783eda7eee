import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readAllResults } from '../../../../src/core/results/readResults';
import { foldAmends, type EffectiveComparison } from '../../../../src/core/results/foldAmends';
import { modelKey } from '../../../../src/core/results/schema';
import { battlesOf, scoreOfVerdict } from '../../../../src/core/stats/headToHead';
import { bradleyTerryLeaderboard, type Battle } from '../../../../src/core/stats/bradleyTerry';
import { normalCdf, orderPending, orderToJudge, topRelevance } from '../../../../src/core/stats/nextToJudge';
import { wilsonInterval } from '../../../../src/core/stats/wilson';
import { makeComparison, makeSide } from '../../../fixtures/results/makeRecord';

const pairOf = (c: EffectiveComparison): [string, string] => [modelKey(c.sides.a), modelKey(c.sides.b)];

test('normal CDF', () => {
  for (const [x, p] of [[0, 0.5], [1.959963984540054, 0.975], [-1, 0.15865525393145707], [3, 0.9986501019683699]]) assert.ok(Math.abs(normalCdf(x) - p) < 2e-7, `Φ(${x})`);
});

test('with no verdict yet, pairs are interleaved (round robin) instead of file order', () => {
  const items = [...Array(3).fill(['a', 'b']), ...Array(3).fill(['a', 'c']), ...Array(3).fill(['b', 'c'])].map((m, i) => ({ i, m: m as [string, string] }));
  const order = orderToJudge(items, (x) => x.m, []).map((x) => x.i);
  assert.deepEqual(order, [0, 3, 6, 1, 4, 7, 2, 5, 8]);
});

test('models clearly out of the race lose relevance; the top pair comes first; self-matches go last', () => {
  const battles: Battle[] = [];
  const add = (a: string, b: string, wins: number, losses: number) => {
    for (let i = 0; i < wins; i++) battles.push({ a, b, y: 1 });
    for (let i = 0; i < losses; i++) battles.push({ a, b, y: 0 });
  };
  add('x', 'y', 11, 9); add('x', 'z', 19, 1); add('y', 'z', 18, 2);
  const r = topRelevance(battles);
  assert.deepEqual(r.topPair, ['x', 'y']);
  assert.equal(r.relevance.get('x'), 1);
  assert.ok((r.relevance.get('z') ?? 1) < 0.01, `z is far behind: ${r.relevance.get('z')}`);
  const items = [{ id: 1, m: ['x', 'z'] }, { id: 2, m: ['y', 'z'] }, { id: 3, m: ['x', 'x'] }, { id: 4, m: ['y', 'x'] }, { id: 5, m: ['x', 'y'] }] as { id: number; m: [string, string] }[];
  assert.deepEqual(orderToJudge(items, (x) => x.m, battles).map((x) => x.id), [4, 5, 2, 1, 3], 'top pair, then y–z (18–2, wider than x–z at 19–1), then x–z');
  assert.deepEqual(orderToJudge([], (x: { m: [string, string] }) => x.m, battles), []);
});

test('orderPending keeps oldest first within a pair and uses decided verdicts', () => {
  const glm = makeSide({ preset: 'zai', model: 'glm' });
  const mini = makeSide({ preset: 'oa', model: 'mini' });
  const decided = [...Array(15)].map((_, i) => makeComparison({ verdict: i < 14 ? 'a' : 'b', sides: { a: makeSide(), b: mini } }));
  const p1 = makeComparison({ sides: { a: makeSide(), b: mini } });
  const p2 = makeComparison({ sides: { a: makeSide(), b: glm } });
  const p3 = makeComparison({ sides: { a: glm, b: makeSide() } });
  const all = foldAmends([...decided, p3, p1, p2]);
  const pending = all.filter((c) => c.verdict === 'pending');
  const order = orderPending(pending, all).map((c) => c.id);
  assert.deepEqual(order, [p2.id, p3.id, p1.id], 'opus vs glm (no verdict yet, widest) first, oldest first within the pair; the well-measured pair last');
});

/** Reveals the recorded verdicts one at a time in the given policy's order; returns how many it took for the top pair's half-width ≤ 0.10. */
function replay(comparisons: readonly EffectiveComparison[], top: [string, string], adaptive: boolean): number {
  const hidden = new Map(comparisons.map((c) => [c.id, c.verdict]));
  let pending = comparisons.map((c) => ({ ...c, verdict: 'pending' as const }));
  const decided: Battle[] = [];
  let score = 0, n = 0;
  for (let step = 1; pending.length > 0; step++) {
    const pick = adaptive ? orderToJudge(pending, pairOf, decided)[0] : pending[0];
    pending = pending.filter((c) => c !== pick);
    const y = scoreOfVerdict(hidden.get(pick.id) ?? 'pending') as number;
    const [a, b] = pairOf(pick);
    decided.push({ a, b, y });
    if ((a === top[0] && b === top[1]) || (a === top[1] && b === top[0])) {
      score += a === top[0] ? y : 1 - y;
      n += 1;
      const ci = wilsonInterval(score, n);
      if (ci && (ci.hi - ci.lo) / 2 <= 0.1) return step;
    }
  }
  return Infinity;
}

// Fixture: test/fixtures/stats/replay_results.jsonl, written by replay_results.py (five models, 1,200 recorded verdicts in random order).
test('replay: reaching a ±10-point half-width on the top pair takes ≥ 30 % fewer verdicts than file order', async (t) => {
  const { records, problems } = await readAllResults(join(__dirname, '../../../fixtures/stats/replay_results.jsonl'), { quarantine: false });
  assert.equal(problems.length, 0);
  const comparisons = foldAmends(records);
  assert.equal(comparisons.length, 1200);
  const lb = bradleyTerryLeaderboard(battlesOf(comparisons), { rounds: 0 });
  const top: [string, string] = [lb.entries[0].model, lb.entries[1].model];
  assert.deepEqual([...top].sort(), ['sim:m1', 'sim:m2'], 'the full file ranks the true top pair first');
  const uniform = replay(comparisons, top, false);
  const adaptive = replay(comparisons, top, true);
  const saving = 1 - adaptive / uniform;
  t.diagnostic(`verdicts to ±10 points on ${top.join(' vs ')}: file order ${uniform}, what-to-judge-next order ${adaptive} (${(saving * 100).toFixed(1)} % fewer)`);
  assert.ok(Number.isFinite(uniform) && Number.isFinite(adaptive));
  assert.ok(saving >= 0.3, `saving ${saving}`);
});
