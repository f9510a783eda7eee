// Shapes of computed statistics (input to the Markdown/JSON reports and the SVG charts).
import type { Mode, SideRoute } from '../results/schema';
import type { SequentialResult } from './sequential';
import type { ServingRow } from './serving';
import type { StyleControl } from './styleControl';
import type { RaterStats } from './raters';
import type { PpiSection } from './ppiData';
import type { JudgeStats } from './judges';

/** A proportion with its Wilson 95% interval; p/lo/hi are null when n is 0. */
export interface Rate { successes: number; n: number; p: number | null; lo: number | null; hi: number | null; smallSample: boolean }

/** min / p25 / median / p75 / max and total of a set of per-run values (null fields when no values). */
export interface Summary { n: number; total: number; min: number | null; p25: number | null; median: number | null; p75: number | null; max: number | null }

/** Head-to-head record of two models; wins/losses are from models[0]'s side (models sorted by name). */
export interface PairStats {
  models: [string, string];
  /** Decided comparisons (pending excluded). */
  n: number;
  wins: number;
  losses: number;
  ties: number;
  bothBad: number;
  pending: number;
  /** models[0]'s win rate counting ties and both-bad as half a win. */
  winRateTiesHalf: Rate;
  /** models[0]'s win rate over decisive verdicts only (ties and both-bad left out). */
  winRateTiesExcluded: Rate;
  smallSample: boolean;
  /** Anytime-valid confidence sequence of the ties-as-½ win rate and the stop / continue decision it allows. */
  sequential: SequentialResult;
}

/** One row of the Bradley–Terry leaderboard (Elo-like scale: 1000 + 400·log10 odds). */
export interface LeaderboardEntry {
  model: string;
  score: number;
  /** Bootstrap 2.5% / 97.5% percentiles of the score. */
  lo: number;
  hi: number;
  rank: number;
  /** 1 + number of models whose lower bound is above this model's upper bound (ranks that overlap share it). */
  rankLower: number;
  battles: number;
  smallSample: boolean;
}

/** Leaderboard plus how it was computed. */
export interface Leaderboard { entries: LeaderboardEntry[]; battles: number; bootstrapRounds: number; seed: number; method: string }

/** Per model totals over all its decided battles. */
export interface ModelRecord { model: string; battles: number; wins: number; losses: number; ties: number; winRate: Rate }

/** How a model's runs ended (pending verdicts included, imported battles left out). */
export interface OutcomeRow { model: string; runs: number; counts: Record<SideRoute, number>; smallSample: boolean }

/** Agreement between the two sides of one model pair in one mode. */
export interface AgreementRow {
  models: [string, string];
  mode: Mode;
  n: number;
  /** Both sides ended on the same outcome (failed counts as an outcome). */
  routeAgree: Rate;
  /** Selection mode: comparisons where it is known whether both picked the same paper. */
  samePaperKnown: number;
  samePaper: number;
  /** Of the same-paper comparisons, how many ended on different outcomes. */
  samePaperDifferentOutcome: number;
  smallSample: boolean;
}

/** Cost, tokens and time per model over its own (non-imported) runs. */
export interface UsageRow {
  model: string;
  runs: number;
  costUnknownRuns: number;
  costUsd: Summary;
  inputTokens: Summary;
  outputTokens: Summary;
  cacheReadTokens: Summary;
  ttftMs: Summary;
  totalMs: Summary;
  /** Outright wins in decided comparisons. */
  wins: number;
  /** Known cost of runs in decided comparisons divided by wins; null with no wins or no known cost. */
  costPerWin: number | null;
  /** Cost bases seen (list / user / unknown). */
  costBases: string[];
}

/** Win rate of whichever model was shown in the left slot. */
export interface PositionBias { n: number; leftWins: number; rightWins: number; ties: number; leftWinRateTiesHalf: Rate; leftWinRateTiesExcluded: Rate }

/** Cohen's kappa between two raters over the comparisons both judged. */
export interface KappaRow { raters: [string, string]; n: number; observedAgreement: number | null; kappa: number | null; smallSample: boolean }

/** Everything the reports print. */
export interface Stats {
  totals: { comparisons: number; decided: number; pending: number; imported: number; amends: number; orphanAmends: number; models: number };
  leaderboard: Leaderboard;
  models: ModelRecord[];
  pairs: PairStats[];
  outcomes: OutcomeRow[];
  agreement: AgreementRow[];
  usage: UsageRow[];
  positionBias: PositionBias;
  kappa: KappaRow[];
  /** Cold vs warm latency, cache share, slow-start counts and cost per win / per correct draft, per model. */
  serving: ServingRow[];
  /** First-token thresholds (ms) the serving counts use. */
  ttftThresholdsMs: number[];
  /** Raw vs style-controlled Bradley–Terry over battles whose drafts were readable; null when not requested. */
  styleControl: StyleControl | null;
  /** Fleiss' kappa and Krippendorff's alpha across raters, and each rater's habits. */
  raters: RaterStats;
  /** Human-only vs prediction-powered (human + LLM judge) win rates and Bradley–Terry scores, per judge. */
  ppi: PpiSection;
  /** Each LLM judge against the human verdicts (judges never count in the leaderboard, kappa or raters above). */
  judges: JudgeStats[];
  smallSampleThreshold: number;
}
