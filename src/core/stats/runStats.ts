import type { EffectiveComparison } from '../results/foldAmends';
import { modelKey, SIDE_ROUTES, sideOutcome, type Mode, type SideRecord, type SideRoute } from '../results/schema';
import { summarize } from './summary';
import { rateOf } from './wilson';
import type { AgreementRow, OutcomeRow, PositionBias, UsageRow } from './types';

/** How each model's runs ended, counting pending comparisons too (imported battles have no runs). */
export function outcomeTable(comparisons: readonly EffectiveComparison[], smallBelow = 10): OutcomeRow[] {
  const rows = new Map<string, OutcomeRow>();
  const add = (s: SideRecord) => {
    const m = modelKey(s);
    let r = rows.get(m);
    if (!r) {
      r = { model: m, runs: 0, counts: Object.fromEntries(SIDE_ROUTES.map((k) => [k, 0])) as Record<SideRoute, number>, smallSample: false };
      rows.set(m, r);
    }
    r.runs += 1;
    r.counts[sideOutcome(s)] += 1;
  };
  for (const c of comparisons) {
    if (c.imported) continue;
    add(c.sides.a); add(c.sides.b);
  }
  return [...rows.values()].map((r) => ({ ...r, smallSample: r.runs < smallBelow })).sort((x, y) => (x.model < y.model ? -1 : 1));
}

/** Whether both sides picked the same paper: the recorded flag, else equal paperPick values when both known. */
export function samePaperOf(c: EffectiveComparison): boolean | undefined {
  if (c.selection?.samePaper !== undefined) return c.selection.samePaper;
  const a = c.sides.a.paperPick;
  const b = c.sides.b.paperPick;
  return a !== undefined && b !== undefined ? a === b : undefined;
}

/** Agreement of the two sides per model pair and mode (routing; in selection mode, paper picks). */
export function agreementTable(comparisons: readonly EffectiveComparison[], smallBelow = 10): AgreementRow[] {
  const acc = new Map<string, { models: [string, string]; mode: Mode; n: number; agree: number; known: number; same: number; sameDiff: number }>();
  for (const c of comparisons) {
    if (c.imported) continue;
    const ka = modelKey(c.sides.a);
    const kb = modelKey(c.sides.b);
    const models: [string, string] = kb < ka ? [kb, ka] : [ka, kb];
    const key = `${models.join('\u0000')}\u0000${c.mode}`;
    let r = acc.get(key);
    if (!r) { r = { models, mode: c.mode, n: 0, agree: 0, known: 0, same: 0, sameDiff: 0 }; acc.set(key, r); }
    const agree = sideOutcome(c.sides.a) === sideOutcome(c.sides.b);
    r.n += 1;
    if (agree) r.agree += 1;
    const same = c.mode === 'selection' ? samePaperOf(c) : undefined;
    if (same !== undefined) {
      r.known += 1;
      if (same) { r.same += 1; if (!agree) r.sameDiff += 1; }
    }
  }
  return [...acc.values()].map((r) => ({ models: r.models, mode: r.mode, n: r.n, routeAgree: rateOf(r.agree, r.n, smallBelow),
    samePaperKnown: r.known, samePaper: r.same, samePaperDifferentOutcome: r.sameDiff, smallSample: r.n < smallBelow }))
    .sort((x, y) => (x.models.join() < y.models.join() ? -1 : x.models.join() > y.models.join() ? 1 : x.mode < y.mode ? -1 : 1));
}

/** Cost, tokens and timing per model over its own runs, with cost per outright win. */
export function usageTable(comparisons: readonly EffectiveComparison[]): UsageRow[] {
  interface Acc { runs: number; unknown: number; cost: number[]; inp: number[]; out: number[]; cache: number[]; ttft: number[]; total: number[]; wins: number; decidedCost: number; bases: Set<string> }
  const acc = new Map<string, Acc>();
  const add = (s: SideRecord, won: boolean, decided: boolean) => {
    const m = modelKey(s);
    let r = acc.get(m);
    if (!r) { r = { runs: 0, unknown: 0, cost: [], inp: [], out: [], cache: [], ttft: [], total: [], wins: 0, decidedCost: 0, bases: new Set() }; acc.set(m, r); }
    r.runs += 1;
    if (s.cost) r.bases.add(s.cost.cacheBasis && s.cost.cacheBasis !== 'listed' ? `${s.cost.basis} (cache ${s.cost.cacheBasis === 'derived' ? 'derived from vendor multipliers' : 'at input rate'})` : s.cost.basis);
    if (s.cost && s.cost.usd !== null) {
      r.cost.push(s.cost.usd);
      if (decided) r.decidedCost += s.cost.usd;
    } else r.unknown += 1;
    if (s.usage) { r.inp.push(s.usage.input); r.out.push(s.usage.output); r.cache.push(s.usage.cacheRead); }
    if (typeof s.ttftMs === 'number') r.ttft.push(s.ttftMs);
    if (typeof s.totalMs === 'number') r.total.push(s.totalMs);
    if (won) r.wins += 1;
  };
  for (const c of comparisons) {
    if (c.imported) continue;
    const decided = c.verdict !== 'pending';
    add(c.sides.a, c.verdict === 'a', decided);
    add(c.sides.b, c.verdict === 'b', decided);
  }
  return [...acc.entries()].map(([model, r]) => ({
    model, runs: r.runs, costUnknownRuns: r.unknown, costUsd: summarize(r.cost), inputTokens: summarize(r.inp), outputTokens: summarize(r.out),
    cacheReadTokens: summarize(r.cache), ttftMs: summarize(r.ttft), totalMs: summarize(r.total), wins: r.wins,
    costPerWin: r.wins > 0 && r.cost.length > 0 ? r.decidedCost / r.wins : null, costBases: [...r.bases].sort(),
  })).sort((x, y) => (x.model < y.model ? -1 : 1));
}

/** Win rate of the model shown in the left slot (sides.a unless swapped), over decided own comparisons. */
export function positionBias(comparisons: readonly EffectiveComparison[], smallBelow = 10): PositionBias {
  let left = 0, right = 0, ties = 0;
  for (const c of comparisons) {
    if (c.imported || c.verdict === 'pending') continue;
    if (c.verdict === 'tie' || c.verdict === 'both_bad') { ties += 1; continue; }
    const leftSide = c.swapped ? 'b' : 'a';
    if (c.verdict === leftSide) left += 1; else right += 1;
  }
  const n = left + right + ties;
  return { n, leftWins: left, rightWins: right, ties, leftWinRateTiesHalf: rateOf(left + ties / 2, n, smallBelow),
    leftWinRateTiesExcluded: rateOf(left, left + right, smallBelow) };
}
