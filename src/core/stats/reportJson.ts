import type { SequentialDecision, SequentialResult } from './sequential';
import type { ServingRow } from './serving';
import type { StyleControl } from './styleControl';
import type { RaterStats } from './raters';
import type { PpiSection } from './ppiData';
import { JUDGE_CATEGORIES, type JudgeStats } from './judges';
import type { AgreementRow, KappaRow, OutcomeRow, PositionBias, Rate, Stats, Summary } from './types';

/** Identifies the JSON report format; bump `version` on breaking changes. */
export const REPORT_JSON_FORMAT = { format: 'pairwise-report', version: 1 } as const;

/** A win rate in the JSON report: p and Wilson 95% bounds are fractions 0..1 (null when n = 0). */
export interface ReportRate { p: number | null; lo: number | null; hi: number | null; successes: number; n: number; smallSample: boolean }

/**
 * The documented JSON report.
 * - pairs[]: one per unordered model pair; `modelA` is the alphabetically first model and every count and
 *   rate is from its side. `counts.n` = decided comparisons (pending excluded). `winRate.tiesHalf` counts ties
 *   and both-bad as half a win; `winRate.tiesExcluded` uses decisive verdicts only. `decision` is what the
 *   anytime-valid confidence sequence in `sequential` allows now: a_better (modelA), b_better, equivalent (within
 *   ±equivalenceMargin of ½) or continue (`sequential.moreVerdicts` ≈ verdicts still needed if the rate held).
 * - models[]: one per model; `bt` is the Bradley–Terry score on the Elo-like scale (1000 + 400·log10 odds)
 *   with bootstrap 95% bounds, or null when the model has no decided battle; `record` is its overall W/L/T;
 *   `outcomes` how its runs ended (PR / Issue / skip / failed / unparsed, pending included); `usage` per-run
 *   summaries (cost in USD, tokens, ttftMs, totalMs in milliseconds).
 * - serving[]: one per model. `cold` = the recorded runs, `warm` = the identical request repeated right after
 *   (`pairwise.warmRepeat`); each with ttftMs / totalMs {n, median, p90, p95, max} in ms, `cache.share` = cached
 *   prompt tokens ÷ all prompt tokens, and `ttftAbove[]` = runs whose first token took longer than each threshold.
 *   `costPerWin` and `correct.costPerCorrect` (known cost of all its runs ÷ drafts passing `correct.check`) in USD.
 * - styleControl: raw and style-controlled Bradley–Terry scores (Wald 95% bounds) over battles whose drafts could be
 *   read, and each covariate's coefficient (logit per SD of its normalized difference) with its interval; null when
 *   the drafts were not read.
 * - raters: over comparisons judged by two or more raters (own verdict + other raters' amends), Fleiss' kappa and
 *   Krippendorff's alpha (nominal: a / b / tie / both_bad) with seeded bootstrap 95% bounds; perRater[] with tie and
 *   both-bad shares, mean rubric rating and leniency (its mean minus everyone's), and left-slot win rate.
 * - ppi: one entry per LLM judge (rater `judge:<preset>:<model>`). pairs[]: models (scores from the first one's side),
 *   `mean.humanOnly` (mean of the human verdicts, ties ½, normal 95% bounds) next to `mean.combined` (PPI++: the
 *   judge's labels on comparisons no human judged, rectified by human − λ·judge on those a human did), `lambda` (weight
 *   on the judge, 0 = human-only), `n` human verdicts, `N` judge-only labels, `effectiveHuman` (n × Var human-only ÷
 *   Var combined), `agreement` (judge = human share). bt: human-only and combined Bradley–Terry scores with Wald bounds.
 * - judges[]: one per LLM judge (rater `judge:<preset>:<model>`; judges count nowhere else). `n` = pairs with a judge
 *   verdict (both orders agreeing, or disagreeing = tie) and a decided human verdict; `agreement` (Wilson 95%) and
 *   `kappa` (Cohen's, seeded bootstrap 95% over pairs) over those n; `positionConsistency` = share of pairs whose two
 *   orders agree; `firstPositionWinRate` = share of decisive order answers (A or B) that picked the draft shown first;
 *   `selfPreference` = over pairs with exactly one side of the judge's family, its win rate for that side vs the
 *   humans' on the same pairs (ties ½); `confusion.counts[h][j]` = human × judge over `categories`; `audit` = ids of
 *   the off-diagonal pairs; `checks` = how often the judge (and the human, same pairs) picked the draft whose patch
 *   does not apply / whose references are unverified when the other draft's check passed.
 */
export interface ReportJson {
  format: 'pairwise-report';
  version: 1;
  totals: Stats['totals'];
  smallSampleThreshold: number;
  leaderboard: { method: string; battles: number; bootstrapRounds: number; seed: number };
  pairs: {
    modelA: string; modelB: string;
    counts: { n: number; wins: number; losses: number; ties: number; bothBad: number; pending: number };
    winRate: { tiesHalf: ReportRate; tiesExcluded: ReportRate };
    smallSample: boolean;
    decision: SequentialDecision;
    sequential: SequentialResult;
  }[];
  models: {
    model: string;
    bt: { score: number; lo: number; hi: number; rank: number; rankLower: number; battles: number } | null;
    record: { battles: number; wins: number; losses: number; ties: number; winRate: ReportRate } | null;
    outcomes: { runs: number; counts: OutcomeRow['counts'] } | null;
    usage: { runs: number; costUnknownRuns: number; costPerWin: number | null; costBases: string[];
      costUsd: Summary; inputTokens: Summary; outputTokens: Summary; cacheReadTokens: Summary; ttftMs: Summary; totalMs: Summary } | null;
  }[];
  agreement: { modelA: string; modelB: string; mode: AgreementRow['mode']; n: number; routeAgree: ReportRate;
    samePaperKnown: number; samePaper: number; samePaperDifferentOutcome: number }[];
  positionBias: { n: number; leftWins: number; rightWins: number; ties: number; tiesHalf: ReportRate; tiesExcluded: ReportRate };
  kappa: KappaRow[];
  ttftThresholdsMs: number[];
  serving: ServingRow[];
  styleControl: StyleControl | null;
  raters: RaterStats;
  ppi: PpiSection;
  judges: (Omit<JudgeStats, 'confusion' | 'confusionIds'> & { confusion: { rows: 'human'; columns: 'judge'; categories: typeof JUDGE_CATEGORIES; counts: number[][] } })[];
}

const rate = (r: Rate): ReportRate => ({ p: r.p, lo: r.lo, hi: r.hi, successes: r.successes, n: r.n, smallSample: r.smallSample });

/** Converts computed statistics to the documented JSON report shape. */
export function reportJson(stats: Stats): ReportJson {
  const names = new Set<string>([...stats.leaderboard.entries.map((e) => e.model), ...stats.models.map((m) => m.model),
    ...stats.outcomes.map((o) => o.model), ...stats.usage.map((u) => u.model)]);
  const bt = new Map(stats.leaderboard.entries.map((e) => [e.model, e]));
  const order = [...names].sort((a, b) => (bt.get(a)?.rank ?? Infinity) - (bt.get(b)?.rank ?? Infinity) || (a < b ? -1 : 1));
  const pb: PositionBias = stats.positionBias;
  return {
    ...REPORT_JSON_FORMAT,
    totals: stats.totals,
    smallSampleThreshold: stats.smallSampleThreshold,
    leaderboard: { method: stats.leaderboard.method, battles: stats.leaderboard.battles, bootstrapRounds: stats.leaderboard.bootstrapRounds, seed: stats.leaderboard.seed },
    pairs: stats.pairs.map((p) => ({ modelA: p.models[0], modelB: p.models[1],
      counts: { n: p.n, wins: p.wins, losses: p.losses, ties: p.ties, bothBad: p.bothBad, pending: p.pending },
      winRate: { tiesHalf: rate(p.winRateTiesHalf), tiesExcluded: rate(p.winRateTiesExcluded) }, smallSample: p.smallSample,
      decision: p.sequential.decision, sequential: p.sequential })),
    models: order.map((model) => {
      const e = bt.get(model);
      const rec = stats.models.find((m) => m.model === model);
      const o = stats.outcomes.find((x) => x.model === model);
      const u = stats.usage.find((x) => x.model === model);
      return {
        model,
        bt: e ? { score: e.score, lo: e.lo, hi: e.hi, rank: e.rank, rankLower: e.rankLower, battles: e.battles } : null,
        record: rec ? { battles: rec.battles, wins: rec.wins, losses: rec.losses, ties: rec.ties, winRate: rate(rec.winRate) } : null,
        outcomes: o ? { runs: o.runs, counts: o.counts } : null,
        usage: u ? { runs: u.runs, costUnknownRuns: u.costUnknownRuns, costPerWin: u.costPerWin, costBases: u.costBases, costUsd: u.costUsd,
          inputTokens: u.inputTokens, outputTokens: u.outputTokens, cacheReadTokens: u.cacheReadTokens, ttftMs: u.ttftMs, totalMs: u.totalMs } : null,
      };
    }),
    agreement: stats.agreement.map((a) => ({ modelA: a.models[0], modelB: a.models[1], mode: a.mode, n: a.n, routeAgree: rate(a.routeAgree),
      samePaperKnown: a.samePaperKnown, samePaper: a.samePaper, samePaperDifferentOutcome: a.samePaperDifferentOutcome })),
    positionBias: { n: pb.n, leftWins: pb.leftWins, rightWins: pb.rightWins, ties: pb.ties, tiesHalf: rate(pb.leftWinRateTiesHalf), tiesExcluded: rate(pb.leftWinRateTiesExcluded) },
    kappa: stats.kappa,
    ttftThresholdsMs: stats.ttftThresholdsMs,
    serving: stats.serving,
    styleControl: stats.styleControl,
    raters: stats.raters,
    ppi: stats.ppi,
    judges: stats.judges.map(({ confusion, confusionIds: _ids, ...j }) => ({ ...j, confusion: { rows: 'human', columns: 'judge', categories: JUDGE_CATEGORIES, counts: confusion } })),
  };
}
