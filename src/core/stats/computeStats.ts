import { foldAmendsDetailed, type EffectiveComparison } from '../results/foldAmends';
import type { BareBattles } from '../results/foldStream';
import { modelKey } from '../results/schema';
import type { ResultRecord } from '../results/schema';
import { bradleyTerryLeaderboard } from './bradleyTerry';
import { modelRecords, pairStats, tallyOf } from './headToHead';
import { raterAgreement } from './kappa';
import { agreementTable, outcomeTable, positionBias, usageTable } from './runStats';
import { DEFAULT_TTFT_THRESHOLDS_MS, servingTable, type CorrectCheck } from './serving';
import { styleControlledLeaderboard, type StyledBattle } from './styleControl';
import { raterStats } from './raters';
import { ppiSection } from './ppiData';
import { judgeStats } from './judges';
import type { StyleMap } from './styleLoad';
import { scoreOfVerdict } from './headToHead';
import type { Stats } from './types';

/** Statistics options: bootstrap rounds and seed for the leaderboard, and the small-sample threshold. */
export interface StatsOptions {
  bootstrapRounds?: number; seed?: number; smallSampleThreshold?: number;
  /** Equivalence margin δ of the sequential decision (default 0.05 = 5 points either side of ½). */
  equivalenceMargin?: number;
  /** First-token thresholds in ms for the serving report's slow-start counts (default 10 s and 17 s). */
  ttftThresholdsMs?: readonly number[];
  /** The recorded check that makes a draft correct, for cost per correct draft (default patchApplies). */
  correctCheck?: CorrectCheck;
  /** Style features of the drafts by comparison id (loadStyleFeatures); when given, the style-controlled fit is computed. */
  styles?: StyleMap;
}

/** Computes every statistic the reports show from raw records (comparisons and amends; amends folded first). */
export function computeStats(records: Iterable<ResultRecord>, options: StatsOptions = {}): Stats {
  let amends = 0;
  const all: ResultRecord[] = [];
  for (const r of records) { all.push(r); if (r.type === 'amend') amends += 1; }
  const { comparisons, orphans } = foldAmendsDetailed(all);
  return statsOfFolded({ comparisons, amends, orphanAmends: orphans.length }, options);
}

/**
 * Comparisons already folded (foldAmendsDetailed, or foldResultsFile for a large file) with their amend counts, and
 * a compact fold's untouched imported battles (only counts: every statistic that reads more skips imported battles).
 */
export interface FoldedInput { comparisons: readonly EffectiveComparison[]; amends: number; orphanAmends: number; bare?: BareBattles | null }

/**
 * Every statistic from folded comparisons. Budget: `pairwise report` over a million verdicts must stay under 5 s and
 * 1 GB (the stats_scale bench), so each statistic is one linear pass that keeps counts or per-pair / per-model data —
 * never a per-comparison array, sort or resample over all comparisons (the leaderboard resamples pair counts; see
 * bradleyTerry.ts). Per-run figures (usage, serving) are over own runs only, not imported battles.
 */
export function statsOfFolded(folded: FoldedInput, options: StatsOptions = {}): Stats {
  const small = options.smallSampleThreshold ?? 10;
  const thresholds = [...(options.ttftThresholdsMs ?? DEFAULT_TTFT_THRESHOLDS_MS)];
  const { comparisons, amends, orphanAmends, bare } = folded;
  const battles = tallyOf(comparisons, bare);
  const leaderboard = bradleyTerryLeaderboard(battles, { rounds: options.bootstrapRounds, seed: options.seed, smallBelow: small });
  const pending = comparisons.filter((c) => c.verdict === 'pending').length + (bare?.pending ?? 0);
  const total = comparisons.length + (bare?.count ?? 0);
  const models = modelRecords(battles, small);
  const outcomes = outcomeTable(comparisons, small);
  const names = new Set([...models.map((m) => m.model), ...outcomes.map((o) => o.model)]);
  return {
    totals: { comparisons: total, decided: total - pending, pending, imported: comparisons.filter((c) => c.imported).length + (bare?.count ?? 0),
      amends, orphanAmends, models: names.size },
    leaderboard, models, pairs: pairStats(comparisons, small, { equivalenceMargin: options.equivalenceMargin }, bare), outcomes, agreement: agreementTable(comparisons, small),
    usage: usageTable(comparisons), positionBias: positionBias(comparisons, small), kappa: raterAgreement(comparisons, small),
    serving: servingTable(comparisons, { ttftThresholdsMs: thresholds, correctCheck: options.correctCheck }), ttftThresholdsMs: thresholds,
    styleControl: options.styles ? styleControlledLeaderboard(styledBattles(comparisons, options.styles)) : null,
    raters: raterStats(comparisons, { seed: options.seed, smallBelow: small }),
    ppi: ppiSection(comparisons, undefined, bare?.judgeRaters),
    judges: judgeStats(comparisons, { seed: options.seed, smallBelow: small }),
    smallSampleThreshold: small,
  };
}

/** Decided own comparisons whose two drafts have style features, as battles with covariates. */
function styledBattles(comparisons: readonly EffectiveComparison[], styles: StyleMap): StyledBattle[] {
  const out: StyledBattle[] = [];
  for (const c of comparisons) {
    const y = scoreOfVerdict(c.verdict);
    const f = styles.get(c.id);
    if (y === null || !f) continue;
    const a = modelKey(c.sides.a);
    const b = modelKey(c.sides.b);
    if (a !== b) out.push({ a, b, y, fa: f.a, fb: f.b });
  }
  return out;
}
