// Public surface of the statistics area (computation, reports, charts).
export * from './types';
export { computeStats, type StatsOptions } from './computeStats';
export { wilsonInterval, rateOf, Z95 } from './wilson';
export { seededRandom } from './prng';
export { summarize, quantileSorted } from './summary';
export { bradleyTerryLeaderboard, fitLogitRatings, BT_SCALE, BT_OFFSET, type Battle, type BtOptions } from './bradleyTerry';
export { battlesOf, pairStats, modelRecords, scoreOfVerdict } from './headToHead';
export { outcomeTable, agreementTable, usageTable, positionBias, samePaperOf } from './runStats';
export { cohensKappa, raterAgreement } from './kappa';
export { renderReportMarkdown } from './reportMarkdown';
export { reportJson, REPORT_JSON_FORMAT, type ReportJson, type ReportRate } from './reportJson';
export { pct, countOf, fmtRate, usd, duration, int, mdCell } from './format';
export { escapeXml, CHART_CSS } from './svgCommon';
export { svgLeaderboard } from './svgLeaderboard';
export { svgCostWinScatter } from './svgScatter';
export { svgLatencyBoxPlot } from './svgLatency';
export { svgOutcomeBars } from './svgOutcomes';
