// The one report model (src/shared/reportModel.ts) built from the statistics: the Markdown report and the dashboard
// both render it, so each table exists once. A new section is one builder here.
import type { ReportModel, ReportSection } from '../../shared/reportModel';
import { agreementSection, biasSection, leaderboardSection, outcomesSection, overviewSection, pairsSection } from './reportSections';
import { usageSection } from './reportUsage';
import { servingSection } from './reportServing';
import { styleSection } from './reportStyle';
import { ratersSection } from './reportRaters';
import { judgesSection } from './reportJudges';
import { ppiReportSection } from './reportPpi';
import type { Stats } from './types';

/** Section builders in reading order; a builder returns null when its section does not apply. */
const SECTIONS: readonly ((s: Stats) => ReportSection | null)[] = [
  overviewSection, leaderboardSection, styleSection, pairsSection, outcomesSection, agreementSection, usageSection, servingSection, biasSection, ratersSection, judgesSection, ppiReportSection,
];

/** The report as ordered sections of explained tables and chart references. */
export function buildReportModel(stats: Stats, title = 'Pairwise report'): ReportModel {
  return { title, sections: SECTIONS.map((f) => f(stats)).filter((s): s is ReportSection => s !== null) };
}
