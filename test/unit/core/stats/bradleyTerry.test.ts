import { test } from 'node:test';
import assert from 'node:assert/strict';
import { bradleyTerryLeaderboard, BT_SCALE, type Battle } from '../../../../src/core/stats/bradleyTerry';
import { seededRandom } from '../../../../src/core/stats/prng';

const rep = (n: number, b: Battle): Battle[] => Array.from({ length: n }, () => ({ ...b }));
const score = (lb: ReturnType<typeof bradleyTerryLeaderboard>, m: string): number => lb.entries.find((e) => e.model === m)?.score ?? NaN;

/** Independent check: Hunter's MM algorithm for Bradley–Terry without ties. */
function mm(battles: Battle[], models: string[]): Map<string, number> {
  const p = new Map(models.map((m) => [m, 1]));
  for (let it = 0; it < 5000; it++) {
    const next = new Map<string, number>();
    for (const i of models) {
      let w = 0, d = 0;
      for (const b of battles) {
        if (b.a !== i && b.b !== i) continue;
        const j = b.a === i ? b.b : b.a;
        if ((b.a === i && b.y === 1) || (b.b === i && b.y === 0)) w += 1;
        d += 1 / ((p.get(i) as number) + (p.get(j) as number));
      }
      next.set(i, w / d);
    }
    const g = Math.exp(models.reduce((s, m) => s + Math.log(next.get(m) as number), 0) / models.length);
    for (const m of models) p.set(m, (next.get(m) as number) / g);
  }
  return p;
}

test('recovers log-odds differences of a transitive data set', () => {
  const battles = [
    ...rep(70, { a: 'A', b: 'B', y: 1 }), ...rep(30, { a: 'A', b: 'B', y: 0 }),
    ...rep(70, { a: 'B', b: 'C', y: 1 }), ...rep(30, { a: 'C', b: 'B', y: 1 }),
    ...rep(845, { a: 'A', b: 'C', y: 1 }), ...rep(155, { a: 'A', b: 'C', y: 0 }),
  ];
  const lb = bradleyTerryLeaderboard(battles, { rounds: 50, ridge: 1e-9 });
  const expected = BT_SCALE * Math.log(7 / 3);
  assert.ok(Math.abs(score(lb, 'A') - score(lb, 'B') - expected) < 1.5, `${score(lb, 'A') - score(lb, 'B')} vs ${expected}`);
  assert.ok(Math.abs(score(lb, 'B') - score(lb, 'C') - expected) < 1.5);
  assert.ok(Math.abs((score(lb, 'A') + score(lb, 'B') + score(lb, 'C')) / 3 - 1000) < 1e-6, 'centred on 1000');
  assert.deepEqual(lb.entries.map((e) => [e.model, e.rank]), [['A', 1], ['B', 2], ['C', 3]]);
  for (const e of lb.entries) assert.ok(e.lo <= e.score && e.score <= e.hi);
  assert.equal(lb.battles, battles.length);
});

test('agrees with the MM algorithm on random data', () => {
  const rand = seededRandom(3);
  const strength: Record<string, number> = { m1: 0, m2: 0.5, m3: 1, m4: -0.7 };
  const names = Object.keys(strength);
  const battles: Battle[] = [];
  for (let k = 0; k < 600; k++) {
    const a = names[Math.floor(rand() * 4)];
    let b = names[Math.floor(rand() * 4)];
    if (a === b) b = names[(names.indexOf(a) + 1) % 4];
    const pa = 1 / (1 + Math.exp(strength[b] - strength[a]));
    battles.push({ a, b, y: rand() < pa ? 1 : 0 });
  }
  const lb = bradleyTerryLeaderboard(battles, { rounds: 0, ridge: 1e-9 });
  const p = mm(battles, names);
  for (const x of names) for (const y of names) {
    const ours = score(lb, x) - score(lb, y);
    const theirs = BT_SCALE * Math.log((p.get(x) as number) / (p.get(y) as number));
    assert.ok(Math.abs(ours - theirs) < 0.05, `${x}-${y}: ${ours} vs ${theirs}`);
  }
});

test('bootstrap is reproducible with a seed and ties count as half', () => {
  const battles = [...rep(6, { a: 'X', b: 'Y', y: 1 }), ...rep(4, { a: 'X', b: 'Y', y: 0 }), ...rep(4, { a: 'X', b: 'Y', y: 0.5 })];
  const one = bradleyTerryLeaderboard(battles, { rounds: 100, seed: 11 });
  const two = bradleyTerryLeaderboard(battles, { rounds: 100, seed: 11 });
  const other = bradleyTerryLeaderboard(battles, { rounds: 100, seed: 12 });
  assert.deepEqual(one, two);
  assert.notDeepEqual(one.entries.map((e) => e.lo), other.entries.map((e) => e.lo));
  // X scored 8 of 14 -> log-odds 8/6
  assert.ok(Math.abs(score(one, 'X') - score(one, 'Y') - BT_SCALE * Math.log(8 / 6)) < 2);
  assert.ok(one.entries.every((e) => e.smallSample === false && e.battles === 14));
  assert.equal(one.entries[1].rankLower, 1, 'overlapping intervals share the top rank');
});

test('a perfect record stays finite; no battles gives an empty board', () => {
  const lb = bradleyTerryLeaderboard(rep(19, { a: 'P', b: 'Q', y: 1 }), { rounds: 20 });
  assert.ok(lb.entries.every((e) => Number.isFinite(e.score) && Number.isFinite(e.lo) && Number.isFinite(e.hi)));
  assert.equal(lb.entries[0].model, 'P');
  assert.deepEqual(bradleyTerryLeaderboard([]).entries, []);
});
