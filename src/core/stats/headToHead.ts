import type { EffectiveComparison } from '../results/foldAmends';
import type { BareBattles } from '../results/foldStream';
import { modelKey, type Verdict } from '../results/schema';
import type { Battle } from './bradleyTerry';
import { BattleTally, tallyBattles } from './battleTally';
import { sequentialDecision, type SequentialOptions } from './sequential';
import { rateOf } from './wilson';
import type { ModelRecord, PairStats } from './types';

/** a's score for a decided verdict (1, ½, 0), or null for pending. */
export function scoreOfVerdict(v: Verdict): number | null {
  if (v === 'a') return 1;
  if (v === 'b') return 0;
  if (v === 'tie' || v === 'both_bad') return 0.5;
  return null;
}

/** Decided comparisons as battles between model identities (self-matches left out). */
export function battlesOf(comparisons: readonly EffectiveComparison[]): Battle[] {
  const out: Battle[] = [];
  for (const c of comparisons) {
    const y = scoreOfVerdict(c.verdict);
    if (y === null) continue;
    const a = modelKey(c.sides.a);
    const b = modelKey(c.sides.b);
    if (a !== b) out.push({ a, b, y });
  }
  return out;
}

/**
 * Decided comparisons counted per model pair and outcome (self-matches left out): what battlesOf gives, without a
 * battle per verdict. With `bare` (a compact fold's untouched imported battles), its groups count too, merged by
 * file position so each pair slot is created where its first battle is, exactly as over the expanded list.
 */
export function tallyOf(comparisons: readonly EffectiveComparison[], bare?: BareBattles | null): BattleTally {
  const t = new BattleTally();
  const groups = bare?.groups ?? [];
  let g = 0;
  const addGroups = (before: number): void => {
    for (; g < groups.length && groups[g].first < before; g++) {
      const x = groups[g];
      const y = scoreOfVerdict(x.verdict);
      const a = modelKey(x.sides.a);
      const b = modelKey(x.sides.b);
      if (y !== null && a !== b) t.add(a, b, y, x.count);
    }
  };
  for (let i = 0; i < comparisons.length; i++) {
    if (bare) addGroups(bare.positions[i]);
    const c = comparisons[i];
    const y = scoreOfVerdict(c.verdict);
    if (y === null) continue;
    const a = modelKey(c.sides.a);
    const b = modelKey(c.sides.b);
    if (a !== b) t.add(a, b, y);
  }
  addGroups(Infinity);
  return t;
}

interface PairAcc { models: [string, string]; wins: number; losses: number; ties: number; bothBad: number; pending: number }

/** Per model pair: wins / losses / ties / both-bad and the two labelled win rates of the first model. */
export function pairStats(comparisons: readonly EffectiveComparison[], smallBelow = 10, sequential: SequentialOptions = {}, bare?: BareBattles | null): PairStats[] {
  const acc = new Map<string, PairAcc>();
  const add = (sides: EffectiveComparison['sides'], verdict: Verdict, n: number): void => {
    const ka = modelKey(sides.a);
    const kb = modelKey(sides.b);
    const flipped = kb < ka;
    const models: [string, string] = flipped ? [kb, ka] : [ka, kb];
    const key = `${models[0]}\u0000${models[1]}`;
    let p = acc.get(key);
    if (!p) { p = { models, wins: 0, losses: 0, ties: 0, bothBad: 0, pending: 0 }; acc.set(key, p); }
    switch (verdict) {
      case 'pending': p.pending += n; break;
      case 'tie': p.ties += n; break;
      case 'both_bad': p.bothBad += n; break;
      case 'a': if (flipped) p.losses += n; else p.wins += n; break;
      case 'b': if (flipped) p.wins += n; else p.losses += n; break;
    }
  };
  for (const c of comparisons) add(c.sides, c.verdict, 1);
  for (const g of bare?.groups ?? []) add(g.sides, g.verdict, g.count);
  return [...acc.values()].map((p) => {
    const n = p.wins + p.losses + p.ties + p.bothBad;
    const decisive = p.wins + p.losses;
    return { ...p, n, winRateTiesHalf: rateOf(p.wins + 0.5 * (p.ties + p.bothBad), n, smallBelow),
      winRateTiesExcluded: rateOf(p.wins, decisive, smallBelow), smallSample: n < smallBelow,
      sequential: sequentialDecision(p.wins + 0.5 * (p.ties + p.bothBad), n, sequential) };
  }).sort((x, y) => y.n - x.n || (x.models.join() < y.models.join() ? -1 : 1));
}

/** Each model's totals over all its decided battles, with a ties-as-half win rate. */
export function modelRecords(battles: readonly Battle[] | BattleTally, smallBelow = 10): ModelRecord[] {
  const t = battles instanceof BattleTally ? battles : tallyBattles(battles);
  const acc = new Map<string, { wins: number; losses: number; ties: number }>();
  const get = (m: string) => {
    let r = acc.get(m);
    if (!r) { r = { wins: 0, losses: 0, ties: 0 }; acc.set(m, r); }
    return r;
  };
  for (let s = 0; s < t.size; s++) {
    const ra = get(t.a[s]);
    const rb = get(t.b[s]);
    ra.wins += t.wins[s]; rb.losses += t.wins[s];
    ra.losses += t.losses[s]; rb.wins += t.losses[s];
    ra.ties += t.ties[s]; rb.ties += t.ties[s];
  }
  return [...acc.entries()].map(([model, r]) => {
    const battlesN = r.wins + r.losses + r.ties;
    return { model, battles: battlesN, ...r, winRate: rateOf(r.wins + 0.5 * r.ties, battlesN, smallBelow) };
  }).sort((x, y) => (x.model < y.model ? -1 : 1));
}
