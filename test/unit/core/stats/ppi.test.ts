import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ppiMean, tunedLambda } from '../../../../src/core/stats/ppi';
import { ppiBradleyTerry, type PpiPairInput } from '../../../../src/core/stats/ppiBradleyTerry';
import { seededRandom } from '../../../../src/core/stats/prng';
import { Z95 } from '../../../../src/core/stats/wilson';

// Reference: test/fixtures/stats/ppi_reference.py (Python standard library; λ by golden-section search on the variance,
// Bradley–Terry by its own Newton solver and Gauss–Jordan inverse).
const dir = join(__dirname, '../../../fixtures/stats');
const input = JSON.parse(readFileSync(join(dir, 'ppi_input.json'), 'utf8')) as { models: [string, string]; y: number[]; fl: number[]; fu: number[] }[];
const ref = JSON.parse(readFileSync(join(dir, 'ppi_reference.json'), 'utf8')) as {
  pairs: { n: number; N: number; lambda: number; humanOnly: [number, number]; combined: [number, number]; effectiveHuman: number }[];
  bt: { humanOnly: Record<string, [number, number]>; combined: Record<string, [number, number]>; effectiveHuman: number };
};

const close = (a: number, b: number, tol: number, what: string) => assert.ok(Math.abs(a - b) <= tol, `${what}: ${a} vs ${b}`);

test('PPI++ win rates match the independently computed reference (λ, estimate, standard error, effective verdicts)', () => {
  input.forEach((p, i) => {
    const r = ref.pairs[i];
    const m = ppiMean(p.y, p.fl, p.fu);
    assert.equal(m.n, r.n);
    assert.equal(m.N, r.N);
    close(m.lambda, r.lambda, 1e-9, `pair ${i} λ`);
    close(m.humanOnly?.estimate ?? NaN, r.humanOnly[0], 1e-12, `pair ${i} human-only`);
    close(m.humanOnly?.se ?? NaN, r.humanOnly[1], 1e-12, `pair ${i} human-only se`);
    close(m.combined?.estimate ?? NaN, r.combined[0], 1e-9, `pair ${i} combined`);
    close(m.combined?.se ?? NaN, r.combined[1], 1e-9, `pair ${i} combined se`);
    close(m.effectiveHuman ?? NaN, r.effectiveHuman, 1e-6, `pair ${i} effective human verdicts`);
    close((m.combined?.hi ?? 0) - (m.combined?.estimate ?? 0), Math.min(Z95 * r.combined[1], 1 - r.combined[0]), 1e-9, `pair ${i} upper bound`);
  });
  assert.equal(ref.pairs[4].lambda, 0, 'the fixture covers a pair below the minimum of human verdicts');
  assert.equal(ref.pairs[5].lambda, 0, 'and a contrary judge (λ clipped at 0)');
});

test('PPI Bradley–Terry matches the reference: human-only and combined scores, intervals, effective verdicts', () => {
  const pairs: PpiPairInput[] = input.map((p) => ({ models: p.models, mean: ppiMean(p.y, p.fl, p.fu) }));
  const bt = ppiBradleyTerry(pairs);
  assert.equal(bt.entries.length, 4);
  for (const e of bt.entries) {
    const [hs, hse] = ref.bt.humanOnly[e.model];
    const [cs, cse] = ref.bt.combined[e.model];
    close(e.humanOnly.score, hs, 1e-6, `${e.model} human-only score`);
    close((e.humanOnly.hi - e.humanOnly.lo) / 2, Z95 * hse, 1e-6, `${e.model} human-only half-width`);
    close(e.combined.score, cs, 1e-6, `${e.model} combined score`);
    close((e.combined.hi - e.combined.lo) / 2, Z95 * cse, 1e-6, `${e.model} combined half-width`);
    assert.ok(e.combined.hi - e.combined.lo <= e.humanOnly.hi - e.humanOnly.lo + 1e-9, `${e.model}: combined is not wider`);
  }
  close(bt.effectiveHuman ?? NaN, ref.bt.effectiveHuman, 1e-6, 'effective human verdicts of the leaderboard');
});

test('edge cases: no human verdict, no judge-only labels, constant labels, mismatched lengths', () => {
  const none = ppiMean([], [], [0, 1, 1]);
  assert.equal(none.humanOnly, null);
  assert.equal(none.combined, null);
  const y = [1, 0, 1, 1, 0.5, 1, 0, 1, 1, 0, 1, 1];
  const noJudgeOnly = ppiMean(y, y, []);
  assert.equal(noJudgeOnly.lambda, 0, 'nothing to borrow without judge-only labels');
  assert.deepEqual(noJudgeOnly.combined, noJudgeOnly.humanOnly);
  assert.equal(tunedLambda(y, y.map(() => 0.5), [1, 0, 1]), 0, 'a constant judge label carries nothing');
  const perfect = ppiMean(y, y, Array.from({ length: 500 }, (_, i) => (i % 3 === 0 ? 0 : 1)));
  assert.ok(perfect.lambda > 0.9, `a judge that always agrees gets λ near 1 (${perfect.lambda})`);
  assert.ok((perfect.effectiveHuman ?? 0) > 5 * y.length, 'and is worth many human verdicts');
  assert.throws(() => ppiMean([1, 0], [1], []), /2 human scores but 1 judge labels/);
  const few = ppiMean(y.slice(0, 9), y.slice(0, 9), [1, 1, 0, 1]);
  assert.equal(few.lambda, 0, 'below 10 human verdicts the judge is not used');
});

/** A simulated pair: human score 1 / ½ / 0, and a judge that gives the human's label with probability `acc`, else one of the other two. */
function simulator(seed: number, pWin: number, pTie: number) {
  const rand = seededRandom(seed);
  const human = () => { const u = rand(); return u < pTie ? 0.5 : u < pTie + pWin ? 1 : 0; };
  const others: Record<string, [number, number]> = { 1: [0.5, 0], 0.5: [1, 0], 0: [1, 0.5] };
  const judge = (y: number, acc: number) => (rand() < acc ? y : others[String(y)][rand() < 0.5 ? 0 : 1]);
  return { rand, human, judge };
}

function study(sim: ReturnType<typeof simulator>, n: number, N: number, judgeOf: (y: number) => number) {
  const y = new Float64Array(n), fl = new Float64Array(n), fu = new Float64Array(N);
  for (let i = 0; i < n; i++) { y[i] = sim.human(); fl[i] = judgeOf(y[i]); }
  for (let i = 0; i < N; i++) fu[i] = judgeOf(sim.human());
  return ppiMean(y, fl, fu);
}

const P_WIN = 0.5, P_TIE = 0.2, TRUTH = P_WIN + P_TIE / 2;

test('simulation: combined 95 % intervals cover the true win rate in ≥ 93 % of 2,000 studies for judges 55–95 % accurate', (t) => {
  const judges: [string, (sim: ReturnType<typeof simulator>) => (y: number) => number][] = [
    ...[0.55, 0.65, 0.75, 0.85, 0.95].map((acc): [string, (sim: ReturnType<typeof simulator>) => (y: number) => number] => [`accuracy ${acc}`, (sim) => (y) => sim.judge(y, acc)]),
    ['biased (says "first model wins" 60 % of the time, else right)', (sim) => (y) => (sim.rand() < 0.6 ? 1 : y)],
  ];
  for (const [name, make] of judges) {
    const sim = simulator(name.length * 7919, P_WIN, P_TIE);
    const judgeOf = make(sim);
    let covered = 0, widthC = 0, widthH = 0, eff = 0;
    const studies = 2000;
    for (let s = 0; s < studies; s++) {
      const m = study(sim, 100, 1000, judgeOf);
      const c = m.combined as NonNullable<typeof m.combined>;
      if (c.lo <= TRUTH && TRUTH <= c.hi) covered += 1;
      widthC += (c.hi - c.lo) / studies;
      widthH += ((m.humanOnly?.hi ?? 0) - (m.humanOnly?.lo ?? 0)) / studies;
      eff += (m.effectiveHuman ?? 0) / studies;
    }
    t.diagnostic(`${name}: coverage ${(covered / studies).toFixed(4)}, mean width combined ${widthC.toFixed(4)} vs human-only ${widthH.toFixed(4)}, 100 human verdicts worth ${eff.toFixed(1)}`);
    assert.ok(covered / studies >= 0.93, `${name}: coverage ${covered / studies}`);
  }
});

test('simulation: a judge agreeing 85 % with humans reaches the human-only width with ≥ 40 % fewer human verdicts', (t) => {
  const M = 2000; // comparisons of the pair; the judge labels all of them, humans some
  const n0 = 200;
  const width = (n: number, useJudge: boolean, seed: number): number => {
    const sim = simulator(seed, P_WIN, P_TIE);
    let w = 0;
    const studies = 400;
    for (let s = 0; s < studies; s++) {
      const m = study(sim, n, M - n, (y) => sim.judge(y, 0.85));
      const e = (useJudge ? m.combined : m.humanOnly) as NonNullable<typeof m.combined>;
      w += (2 * Z95 * e.se) / studies;
    }
    return w;
  };
  const target = width(n0, false, 5);
  let lo = 10, hi = n0; // smallest n whose combined width is at most the target: bisection
  while (hi - lo > 1) {
    const mid = Math.floor((lo + hi) / 2);
    if (width(mid, true, 5) <= target) hi = mid; else lo = mid;
  }
  const saving = 1 - hi / n0;
  t.diagnostic(`human-only width at ${n0} verdicts: ${target.toFixed(4)}; combined reaches it with ${hi} human verdicts (${(saving * 100).toFixed(1)} % fewer)`);
  assert.ok(saving >= 0.4, `saving ${saving}`);
});

test('simulation: a useless or contrary judge never makes the interval wider than human-only', () => {
  const sim = simulator(99, P_WIN, P_TIE);
  const judges = [() => [1, 0.5, 0][Math.floor(sim.rand() * 3)], (y: number) => 1 - y];
  for (const judgeOf of judges) {
    for (let s = 0; s < 500; s++) {
      const m = study(sim, 40, 400, judgeOf);
      assert.ok((m.combined?.se ?? 0) <= (m.humanOnly?.se ?? 0) + 1e-15, 'combined se ≤ human-only se');
      assert.ok((m.effectiveHuman ?? 40) >= 40 - 1e-9);
    }
  }
  const contrary = study(sim, 100, 1000, (y) => 1 - y);
  assert.equal(contrary.lambda, 0, 'a judge that says the opposite gets λ = 0');
});

test('simulation: Bradley–Terry combined intervals cover the true scores (≥ 93 %) and are narrower with a good judge', (t) => {
  const theta = [0.6, 0.2, -0.2, -0.6];
  const models = ['m1', 'm2', 'm3', 'm4'];
  const mean = theta.reduce((s, x) => s + x, 0) / theta.length;
  const truth = theta.map((x) => 1000 + (400 / Math.LN10) * (x - mean));
  for (const acc of [0.55, 0.75, 0.95]) {
    const rand = seededRandom(Math.round(acc * 1000));
    const others: Record<string, [number, number]> = { 1: [0.5, 0], 0.5: [1, 0], 0: [1, 0.5] };
    const judge = (y: number) => (rand() < acc ? y : others[String(y)][rand() < 0.5 ? 0 : 1]);
    let covered = 0, total = 0, widthC = 0, widthH = 0;
    const studies = 500;
    for (let s = 0; s < studies; s++) {
      const pairs: PpiPairInput[] = [];
      for (let i = 0; i < 4; i++) for (let j = i + 1; j < 4; j++) {
        // E[score] = σ(θ_i − θ_j) exactly, with 10 % ties (Bradley–Terry holds for ties-as-½ scores).
        const sig = 1 / (1 + Math.exp(theta[j] - theta[i]));
        const q = (sig - 0.05) / 0.9;
        const draw = () => (rand() < 0.1 ? 0.5 : rand() < q ? 1 : 0);
        const y = Array.from({ length: 40 }, draw);
        pairs.push({ models: [models[i], models[j]], mean: ppiMean(y, y.map(judge), Array.from({ length: 400 }, () => judge(draw()))) });
      }
      const bt = ppiBradleyTerry(pairs);
      for (const e of bt.entries) {
        const tr = truth[models.indexOf(e.model)];
        total += 1;
        if (e.combined.lo <= tr && tr <= e.combined.hi) covered += 1;
        widthC += e.combined.hi - e.combined.lo;
        widthH += e.humanOnly.hi - e.humanOnly.lo;
      }
    }
    t.diagnostic(`judge accuracy ${acc}: BT coverage ${(covered / total).toFixed(4)}, mean width combined ${(widthC / total).toFixed(1)} vs human-only ${(widthH / total).toFixed(1)} points`);
    assert.ok(covered / total >= 0.93, `BT coverage ${covered / total} at accuracy ${acc}`);
    assert.ok(widthC <= widthH, 'combined not wider on average');
  }
});
