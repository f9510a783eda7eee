// The leaderboard's bootstrap draws each resample as one multinomial over (pair, outcome) counts instead of n uniform
// battle indices. These tests check that this is the same resampling: the binomial sampler against exact
// probabilities, and the leaderboard's intervals against a per-battle bootstrap (the previous implementation) on a fixture.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { logFactorial, sampleBinomial, sampleMultinomial } from '../../../../src/core/stats/binomial';
import { bradleyTerryLeaderboard, BT_OFFSET, BT_SCALE, fitLogitRatings, type Battle } from '../../../../src/core/stats/bradleyTerry';
import { tallyBattles } from '../../../../src/core/stats/battleTally';
import { seededRandom } from '../../../../src/core/stats/prng';
import { quantileSorted } from '../../../../src/core/stats/summary';

/** Exact P(X = k) for Binomial(n, p). */
const pmf = (n: number, p: number, k: number): number => Math.exp(logFactorial(n) - logFactorial(k) - logFactorial(n - k) + k * Math.log(p) + (n - k) * Math.log1p(-p));

test('logFactorial matches a direct sum, across the table and Stirling ranges', () => {
  let direct = 0;
  for (let k = 1; k <= 2000; k++) {
    direct += Math.log(k);
    assert.ok(Math.abs(logFactorial(k) - direct) < 1e-9 * Math.max(1, direct), `ln(${k}!)`);
  }
  assert.equal(logFactorial(0), 0);
});

test('binomial draws follow the exact distribution (chi-square), for inversion and BTRS regimes and p above ½', () => {
  const rand = seededRandom(2026);
  const draws = 40_000;
  for (const [n, p] of [[12, 0.3], [1000, 0.004], [60, 0.5], [500, 0.12], [100_000, 0.37], [2_000_000, 0.0031], [40, 0.93]] as const) {
    const hist = new Map<number, number>();
    let sum = 0, sq = 0;
    for (let d = 0; d < draws; d++) {
      const x = sampleBinomial(n, p, rand);
      assert.ok(Number.isInteger(x) && x >= 0 && x <= n);
      hist.set(x, (hist.get(x) ?? 0) + 1);
      sum += x; sq += x * x;
    }
    const mean = sum / draws, variance = sq / draws - mean * mean;
    const sd = Math.sqrt(n * p * (1 - p));
    assert.ok(Math.abs(mean - n * p) < 5 * sd / Math.sqrt(draws), `mean of Bin(${n}, ${p}): ${mean}`);
    assert.ok(Math.abs(variance / (sd * sd) - 1) < 0.05, `variance of Bin(${n}, ${p}): ${variance} vs ${sd * sd}`);
    // Pool the values into bins expected to hold at least 50 draws each, then chi-square against the exact pmf.
    const centre = Math.round(n * p);
    const lo = Math.max(0, Math.floor(centre - 6 * sd - 2)), hi = Math.min(n, Math.ceil(centre + 6 * sd + 2));
    let chi = 0, bins = 0, expAcc = 0, obsAcc = 0, tailExp = 1;
    for (let k = lo; k <= hi; k++) {
      const e = pmf(n, p, k) * draws;
      tailExp -= e / draws;
      expAcc += e; obsAcc += hist.get(k) ?? 0;
      if (expAcc >= 50) { chi += (obsAcc - expAcc) ** 2 / expAcc; bins += 1; expAcc = 0; obsAcc = 0; }
    }
    expAcc += tailExp * draws;
    if (expAcc > 0) { chi += (obsAcc - expAcc) ** 2 / expAcc; bins += 1; }
    // 99.9th percentile of chi-square with `bins - 1` degrees of freedom (Wilson–Hilferty).
    const df = bins - 1;
    const crit = df * (1 - 2 / (9 * df) + 3.09 * Math.sqrt(2 / (9 * df))) ** 3;
    assert.ok(chi < crit, `Bin(${n}, ${p}): chi-square ${chi.toFixed(1)} over ${df} df, critical ${crit.toFixed(1)}`);
  }
});

test('a multinomial draw spends exactly n and matches each kind\'s mean', () => {
  const rand = seededRandom(5);
  const counts = Float64Array.from([500, 0, 3, 12_000, 1, 7000]);
  const n = counts.reduce((s, v) => s + v, 0);
  const out = new Float64Array(counts.length);
  const means = new Float64Array(counts.length);
  const rounds = 4000;
  for (let r = 0; r < rounds; r++) {
    sampleMultinomial(counts, rand, out);
    assert.equal(out.reduce((s, v) => s + v, 0), n);
    assert.equal(out[1], 0, 'a kind never seen is never drawn');
    out.forEach((v, i) => { means[i] += v / rounds; });
  }
  counts.forEach((c, i) => {
    const p = c / n, se = Math.sqrt(n * p * (1 - p) / rounds);
    assert.ok(Math.abs(means[i] - c) <= 5 * se + 1e-9, `kind ${i}: mean ${means[i]} vs ${c}`);
  });
});

/** The previous leaderboard bootstrap: n uniform battle indices per resample. */
function perBattleIntervals(battles: readonly Battle[], rounds: number, seed: number): Map<string, [number, number]> {
  const models = [...new Set(battles.flatMap((b) => [b.a, b.b]))].sort();
  const idx = new Map(models.map((m, i) => [m, i]));
  const pairs: [number, number][] = [];
  const key = new Map<number, number>();
  const bp = new Int32Array(battles.length), by = new Float64Array(battles.length);
  battles.forEach((b, k) => {
    let i = idx.get(b.a) as number, j = idx.get(b.b) as number, y = b.y;
    if (i > j) { [i, j] = [j, i]; y = 1 - y; }
    let p = key.get(i * models.length + j);
    if (p === undefined) { p = pairs.length; key.set(i * models.length + j, p); pairs.push([i, j]); }
    bp[k] = p; by[k] = y;
  });
  const pi = Int32Array.from(pairs.map((x) => x[0])), pj = Int32Array.from(pairs.map((x) => x[1]));
  const S = new Float64Array(pairs.length), N = new Float64Array(pairs.length);
  const rand = seededRandom(seed);
  const samples = models.map(() => new Float64Array(rounds));
  for (let r = 0; r < rounds; r++) {
    S.fill(0); N.fill(0);
    for (let d = 0; d < battles.length; d++) {
      const b = Math.floor(rand() * battles.length);
      S[bp[b]] += by[b]; N[bp[b]] += 1;
    }
    const t = fitLogitRatings(models.length, pi, pj, S, N, 0.01);
    t.forEach((v, m) => { samples[m][r] = BT_OFFSET + BT_SCALE * v; });
  }
  return new Map(models.map((m, i) => {
    const s = samples[i].sort();
    return [m, [quantileSorted(s, 0.025) as number, quantileSorted(s, 0.975) as number]];
  }));
}

test('the multinomial bootstrap gives the per-battle bootstrap\'s intervals (within Monte Carlo noise)', () => {
  const rand = seededRandom(17);
  const strength: Record<string, number> = { m1: 0, m2: 0.4, m3: 0.9, m4: -0.6, m5: 0.1 };
  const names = Object.keys(strength);
  const battles: Battle[] = [];
  for (let k = 0; k < 3000; k++) {
    const a = names[Math.floor(rand() * names.length)];
    let b = names[Math.floor(rand() * names.length)];
    if (a === b) b = names[(names.indexOf(a) + 1 + (k % 2)) % names.length];
    const pa = 1 / (1 + Math.exp(strength[b] - strength[a]));
    const u = rand();
    battles.push({ a, b, y: u < 0.15 ? 0.5 : rand() < pa ? 1 : 0 });
  }
  const rounds = 4000;
  const ours = bradleyTerryLeaderboard(battles, { rounds, seed: 1 });
  const tallied = bradleyTerryLeaderboard(tallyBattles(battles), { rounds, seed: 1 });
  assert.deepEqual(tallied, ours, 'battles and their tally give the same board');
  const ref = perBattleIntervals(battles, rounds, 2);
  for (const e of ours.entries) {
    const [lo, hi] = ref.get(e.model) as [number, number];
    // Each 2.5 % / 97.5 % quantile of 4000 resamples has a Monte Carlo standard error of about 0.5 points here (widths are 30–40 points).
    assert.ok(Math.abs(e.lo - lo) < 3 && Math.abs(e.hi - hi) < 3, `${e.model}: [${e.lo.toFixed(1)}, ${e.hi.toFixed(1)}] vs per-battle [${lo.toFixed(1)}, ${hi.toFixed(1)}]`);
    assert.ok(Math.abs((e.hi - e.lo) / (hi - lo) - 1) < 0.1, `${e.model}: width ${(e.hi - e.lo).toFixed(1)} vs ${(hi - lo).toFixed(1)}`);
  }
});
