// The serving report: per model, cold vs warm time to first token, wall time, prompt-cache share, slow-start counts,
// cost per win and cost per correct draft. Cold = the recorded run; warm = the identical request sent again right
// after (`pairwise.warmRepeat`), so the warm figures show what a provider's prompt cache buys.
import type { EffectiveComparison } from '../results/foldAmends';
import { modelKey, type SideRecord, type UsageRecord } from '../results/schema';
import { quantileSorted } from './summary';

/** Default first-token thresholds in ms (counts of runs slower than each). */
export const DEFAULT_TTFT_THRESHOLDS_MS: readonly number[] = [10_000, 17_000];

/** The check results (recorded under `checks`) that can define a correct draft. */
export const CORRECT_CHECKS = ['patchApplies', 'testsPassed', 'patchAppliesAndTestsPassed'] as const;
/** Which check makes a draft correct. */
export type CorrectCheck = (typeof CORRECT_CHECKS)[number];

/** Median, p90 and p95 (linear interpolation, numpy's default) of a set of values. */
export interface TailSummary { n: number; median: number | null; p90: number | null; p95: number | null; max: number | null }

/** How many values were above a threshold. */
export interface ThresholdCount { thresholdMs: number; above: number; of: number }

/** Prompt tokens served from the provider's cache. */
export interface CacheShare { cacheReadTokens: number; promptTokens: number; share: number | null }

/** The figures of one temperature (cold or warm) of a model's runs. */
export interface ServingPhase { runs: number; ttftMs: TailSummary; totalMs: TailSummary; cache: CacheShare; ttftAbove: ThresholdCount[] }

/** One model's serving figures. */
export interface ServingRow {
  model: string;
  cold: ServingPhase;
  warm: ServingPhase;
  /** Known cost of the model's (cold) runs in judged comparisons ÷ its outright wins; null without wins or known cost. */
  costPerWin: number | null;
  wins: number;
  /** Drafts whose recorded `correctCheck` result is known, how many passed, and known cost of all runs ÷ passed. */
  correct: { check: CorrectCheck; checked: number; passed: number; costPerCorrect: number | null };
  /** Known cost of the model's cold runs (warm repeats excluded) and how many runs had no known cost. */
  costUsd: number; costUnknownRuns: number;
}

/** Options of the serving report. */
export interface ServingOptions { ttftThresholdsMs?: readonly number[]; correctCheck?: CorrectCheck }

/** Median, p90, p95 and max of values. */
export function tailSummary(values: readonly number[]): TailSummary {
  const s = Float64Array.from(values).sort();
  return { n: s.length, median: quantileSorted(s, 0.5), p90: quantileSorted(s, 0.9), p95: quantileSorted(s, 0.95), max: s.length ? s[s.length - 1] : null };
}

/** Whether a recorded check summary passes `check`: true / false, or null when the check did not apply or was not run. */
export function draftCorrect(summary: unknown, check: CorrectCheck): boolean | null {
  if (typeof summary !== 'object' || summary === null) return null;
  const s = summary as Record<string, unknown>;
  const applies = typeof s.patchApplies === 'boolean' ? s.patchApplies : null;
  const tests = typeof s.testsPassed === 'boolean' ? s.testsPassed : null;
  if (check === 'patchApplies') return applies;
  if (check === 'testsPassed') return tests;
  if (applies === false || tests === false) return false;
  return applies === null || tests === null ? null : true;
}

class PhaseAcc {
  runs = 0;
  ttft: number[] = [];
  total: number[] = [];
  cacheRead = 0;
  prompt = 0;
  add(ttft: number | null | undefined, total: number | undefined, usage: UsageRecord | undefined): void {
    this.runs += 1;
    if (typeof ttft === 'number') this.ttft.push(ttft);
    if (typeof total === 'number') this.total.push(total);
    if (usage) {
      // `input` excludes cached tokens (providers report cache reads and writes apart), so the prompt is their sum.
      this.cacheRead += usage.cacheRead;
      this.prompt += usage.input + usage.cacheRead + usage.cacheWrite;
    }
  }
  done(thresholds: readonly number[]): ServingPhase {
    return { runs: this.runs, ttftMs: tailSummary(this.ttft), totalMs: tailSummary(this.total),
      cache: { cacheReadTokens: this.cacheRead, promptTokens: this.prompt, share: this.prompt > 0 ? this.cacheRead / this.prompt : null },
      ttftAbove: thresholds.map((t) => ({ thresholdMs: t, above: this.ttft.filter((v) => v > t).length, of: this.ttft.length })) };
  }
}

interface ModelAcc { cold: PhaseAcc; warm: PhaseAcc; wins: number; decidedCost: number; cost: number; costKnown: number; unknown: number; checked: number; passed: number }

/** Per model serving figures over its own (non-imported) runs; models sorted by name. */
export function servingTable(comparisons: readonly EffectiveComparison[], options: ServingOptions = {}): ServingRow[] {
  const thresholds = options.ttftThresholdsMs ?? DEFAULT_TTFT_THRESHOLDS_MS;
  const check = options.correctCheck ?? 'patchApplies';
  const acc = new Map<string, ModelAcc>();
  const add = (s: SideRecord, won: boolean, decided: boolean, checks: unknown) => {
    const m = modelKey(s);
    let r = acc.get(m);
    if (!r) { r = { cold: new PhaseAcc(), warm: new PhaseAcc(), wins: 0, decidedCost: 0, cost: 0, costKnown: 0, unknown: 0, checked: 0, passed: 0 }; acc.set(m, r); }
    r.cold.add(s.ttftMs, s.totalMs, s.usage);
    if (s.warm) r.warm.add(s.warm.ttftMs, s.warm.totalMs, s.warm.usage);
    const usd = s.cost?.usd;
    if (typeof usd === 'number') { r.cost += usd; r.costKnown += 1; if (decided) r.decidedCost += usd; } else r.unknown += 1;
    if (won) r.wins += 1;
    const ok = draftCorrect(checks, check);
    if (ok !== null) { r.checked += 1; if (ok) r.passed += 1; }
  };
  for (const c of comparisons) {
    if (c.imported) continue;
    const decided = c.verdict !== 'pending';
    add(c.sides.a, c.verdict === 'a', decided, c.checks?.a);
    add(c.sides.b, c.verdict === 'b', decided, c.checks?.b);
  }
  return [...acc.entries()].map(([model, r]) => ({
    model, cold: r.cold.done(thresholds), warm: r.warm.done(thresholds), wins: r.wins,
    costPerWin: r.wins > 0 && r.costKnown > 0 ? r.decidedCost / r.wins : null,
    correct: { check, checked: r.checked, passed: r.passed, costPerCorrect: r.passed > 0 && r.costKnown > 0 ? r.cost / r.passed : null },
    costUsd: r.cost, costUnknownRuns: r.unknown,
  })).sort((x, y) => (x.model < y.model ? -1 : 1));
}
