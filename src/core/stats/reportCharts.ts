// The SVG of each chart the report model names (the dashboard draws them; the Markdown report does not).
import type { ReportChartId, ReportModel } from '../../shared/reportModel';
import { svgLeaderboard } from './svgLeaderboard';
import { svgCostWinScatter } from './svgScatter';
import { svgLatencyBoxPlot } from './svgLatency';
import { svgOutcomeBars } from './svgOutcomes';
import { svgServingTtft } from './svgServing';
import type { Stats } from './types';

/** Chart id → its drawing; exhaustive over REPORT_CHART_IDS. */
const CHARTS: Record<ReportChartId, (s: Stats) => string> = {
  leaderboard: (s) => svgLeaderboard(s.leaderboard),
  costWin: (s) => svgCostWinScatter(s),
  wallTime: (s) => svgLatencyBoxPlot(s.usage, 'totalMs'),
  ttft: (s) => svgLatencyBoxPlot(s.usage, 'ttftMs'),
  servingTtft: (s) => svgServingTtft(s.serving, s.ttftThresholdsMs),
  outcomes: (s) => svgOutcomeBars(s.outcomes),
};

/** The SVG of every chart the model refers to, by id. */
export function reportCharts(stats: Stats, model: ReportModel): Partial<Record<ReportChartId, string>> {
  const out: Partial<Record<ReportChartId, string>> = {};
  for (const s of model.sections) for (const c of s.charts) out[c.id] ??= CHARTS[c.id](stats);
  return out;
}
