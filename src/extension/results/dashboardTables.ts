/** The dashboard's tables and charts built from core statistics (pure: no vscode). */
import type { DashboardSvg, DashboardTable } from '../../shared/dashboardProtocol';
import { SIDE_ROUTES, type SideRoute } from '../../core/results/schema';
import { duration, fmtRate, int, num, usd } from '../../core/stats/format';
import { svgLeaderboard } from '../../core/stats/svgLeaderboard';
import { svgCostWinScatter } from '../../core/stats/svgScatter';
import { svgLatencyBoxPlot } from '../../core/stats/svgLatency';
import { svgOutcomeBars } from '../../core/stats/svgOutcomes';
import { describeDecision } from '../../core/stats/sequential';
import { servingColumns, servingRows } from '../../core/stats/reportServing';
import { svgServingTtft } from '../../core/stats/svgServing';
import { RATER_COLUMNS, raterAgreementLine, raterRows } from '../../core/stats/reportRaters';
import { STYLE_COEFFICIENT_COLUMNS, STYLE_LEADERBOARD_COLUMNS, styleCoefficientRows, styleLeaderboardRows } from '../../core/stats/reportStyle';
import type { Rate, Stats, Summary, UsageRow } from '../../core/stats/types';

type Cell = string | number | null;
const ROUTE_LABEL: Record<SideRoute, string> = { pr: 'PR', issue: 'Issue', skip: 'skip', failed: 'failed', unparsed: 'unparsed' };
const vs = (m: readonly [string, string]): string => `${m[0]} vs ${m[1]}`;
const small = (flag: boolean, n: number): string => (flag ? `small sample (n=${n})` : '');
const bounds = (r: Rate): string => (r.lo === null || r.hi === null ? '—' : `${Math.round(r.lo * 100)}–${Math.round(r.hi * 100)}%`);
/** A rate as "67% (6 of 9)"; its interval goes in the next column and the small-sample flag in the note. */
const share = (r: Rate): string => (r.p === null ? 'no data' : `${Math.round(r.p * 100)}% (${num(r.successes)} of ${r.n})`);

function summaryTable(s: Stats): DashboardTable {
  const t = s.totals;
  return { title: 'Totals', columns: ['Comparisons', 'Judged', 'Pending', 'Imported', 'Verdict changes', 'Models'],
    rows: [[t.comparisons, t.decided, t.pending, t.imported, t.amends, t.models]] };
}

function pairsTable(s: Stats): DashboardTable {
  return { title: 'Head to head (first model’s view; Wilson 95% intervals; pending not counted)',
    columns: ['Pair', 'Decided', 'Wins', 'Losses', 'Ties', 'Both bad', 'Pending', 'Win rate, ties as ½', '95% CI', 'Win rate, ties excluded', '95% CI ', 'May I stop? (anytime-valid)', 'Note'],
    rows: s.pairs.map((p) => [vs(p.models), p.n, p.wins, p.losses, p.ties, p.bothBad, p.pending, share(p.winRateTiesHalf), bounds(p.winRateTiesHalf),
      share(p.winRateTiesExcluded), bounds(p.winRateTiesExcluded), describeDecision(p.sequential, p.models), small(p.smallSample, p.n)]) };
}

function agreementTable(s: Stats): DashboardTable {
  return { title: 'Agreement between the two sides', columns: ['Pair', 'Mode', 'Pairs', 'Same outcome', '95% CI', 'Same paper picked', 'Same paper, different outcome', 'Note'],
    rows: s.agreement.map((a) => [vs(a.models), a.mode, a.n, share(a.routeAgree), bounds(a.routeAgree),
      a.mode === 'selection' && a.samePaperKnown ? `${a.samePaper} of ${a.samePaperKnown}` : '—',
      a.mode === 'selection' && a.samePaper ? `${a.samePaperDifferentOutcome} of ${a.samePaper}` : '—', small(a.smallSample, a.n)]) };
}

function quantRow(model: string, metric: string, q: Summary, f: (x: number | null) => string): Cell[] {
  return [model, metric, q.n, f(q.min), f(q.p25), f(q.median), f(q.p75), f(q.max), f(q.total)];
}

function usageTable(s: Stats): DashboardTable {
  const rows: Cell[][] = [];
  const metrics: [keyof UsageRow & ('costUsd' | 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'ttftMs' | 'totalMs'), string, (x: number | null) => string][] = [
    ['costUsd', 'cost', usd], ['inputTokens', 'input tokens', int], ['outputTokens', 'output tokens', int], ['cacheReadTokens', 'cached tokens read', int],
    ['ttftMs', 'time to first token', duration], ['totalMs', 'wall time', duration]];
  for (const u of s.usage) for (const [k, label, f] of metrics) if (u[k].n) rows.push(quantRow(u.model, label, u[k], f));
  return { title: 'Cost, tokens and time per run (quantiles)', columns: ['Model', 'Per run', 'n', 'min', 'p25', 'median', 'p75', 'max', 'total'], rows };
}

function costPerWinTable(s: Stats): DashboardTable {
  return { title: 'Cost per win (known cost of runs in judged comparisons ÷ outright wins)',
    columns: ['Model', 'Runs', 'Total cost', 'Cost basis', 'Runs with unknown cost', 'Wins', 'Cost per win'],
    rows: s.usage.map((u) => [u.model, u.runs, u.costUsd.n ? usd(u.costUsd.total) : '—', u.costBases.join(', ') || '—', u.costUnknownRuns, u.wins,
      u.costPerWin === null ? '—' : usd(u.costPerWin)]) };
}

function styleTables(s: Stats): DashboardTable[] {
  const sc = s.styleControl;
  if (!sc || sc.battles === 0) return [];
  return [{ title: `Raw vs style-controlled leaderboard (${sc.battles} battles with saved drafts)`, columns: STYLE_LEADERBOARD_COLUMNS, rows: styleLeaderboardRows(sc) },
    { title: 'Style covariates: how much each sways verdicts (interval excluding 0 = it does)', columns: STYLE_COEFFICIENT_COLUMNS, rows: styleCoefficientRows(sc) }];
}

function servingTable(s: Stats): DashboardTable {
  return { title: 'Serving: cold vs warm (warm = the same request repeated; TTFT = time to first token)', columns: servingColumns(s.ttftThresholdsMs),
    rows: servingRows(s.serving.filter((r) => r.cold.ttftMs.n + r.cold.totalMs.n + r.warm.runs > 0)) };
}

function biasTable(s: Stats): DashboardTable {
  const b = s.positionBias;
  return { title: 'Position bias (did the left slot win more often?)',
    columns: ['Judged', 'Left won', 'Right won', 'Ties', 'Left win rate, ties as ½', 'Left win rate, ties excluded'],
    rows: b.n ? [[b.n, b.leftWins, b.rightWins, b.ties, fmtRate(b.leftWinRateTiesHalf), fmtRate(b.leftWinRateTiesExcluded)]] : [] };
}

function kappaTable(s: Stats): DashboardTable {
  return { title: 'Rater agreement (Cohen’s κ over comparisons two raters judged)', columns: ['Raters', 'Judged both', 'Observed agreement', 'Cohen’s κ', 'Note'],
    rows: s.kappa.map((k) => [`${k.raters[0]} & ${k.raters[1]}`, k.n, k.observedAgreement === null ? '—' : `${Math.round(k.observedAgreement * 100)}%`,
      k.kappa === null ? 'undefined' : k.kappa.toFixed(2), small(k.smallSample, k.n)]) };
}

function ratersTables(s: Stats): DashboardTable[] {
  const r = s.raters;
  const out: DashboardTable[] = [];
  if (r.items > 0) out.push({ title: 'Agreement across raters (bootstrap 95% intervals)', columns: ['Summary'], rows: [[raterAgreementLine(r)]] });
  if (r.perRater.length > 1) out.push({ title: 'Each rater: ties, both-bad, leniency, left-slot wins', columns: RATER_COLUMNS, rows: raterRows(r) });
  return out;
}

/** Every dashboard table below the charts, in reading order; tables without rows are left out (the totals always stay).
 * The leaderboard and outcome counts sit beside their charts (dashboardSvgs). */
export function dashboardTables(stats: Stats): DashboardTable[] {
  const rest = [...styleTables(stats), pairsTable(stats), agreementTable(stats), usageTable(stats), costPerWinTable(stats),
    servingTable(stats), biasTable(stats), kappaTable(stats), ...ratersTables(stats)].filter((t) => t.rows.length > 0);
  return [summaryTable(stats), ...rest];
}

function timeTable(s: Stats, key: 'totalMs' | 'ttftMs', title: string): DashboardTable {
  return { title, columns: ['Model', 'Runs', 'Median', 'p25–p75', 'Max'],
    rows: s.usage.filter((u) => u[key].n).map((u) => [u.model, u[key].n, duration(u[key].median), `${duration(u[key].p25)}–${duration(u[key].p75)}`, duration(u[key].max)]) };
}

function winCostTable(s: Stats): DashboardTable {
  return { title: 'Wins and cost per model', columns: ['Model', 'Runs', 'Wins', 'Total cost', 'Cost per win'],
    rows: s.usage.map((u) => [u.model, u.runs, u.wins, u.costUsd.n ? usd(u.costUsd.total) : '—', u.costPerWin === null ? '—' : usd(u.costPerWin)]) };
}

function leaderboardCounts(s: Stats): DashboardTable {
  return { title: 'Scores with 95% intervals, and battles per model', columns: ['Rank', 'Model', 'Score', '95% CI', 'Battles'],
    rows: s.leaderboard.entries.map((e) => [e.rankLower === e.rank ? String(e.rank) : `${e.rank} (CI allows ${e.rankLower})`,
      e.smallSample ? `${e.model} (small sample)` : e.model, Math.round(e.score), `${Math.round(e.lo)}–${Math.round(e.hi)}`, e.battles]) };
}

function outcomeCounts(s: Stats): DashboardTable {
  return { title: 'Outcomes per model (every run, pending verdicts included)', columns: ['Model', 'Runs', ...SIDE_ROUTES.map((r) => ROUTE_LABEL[r])],
    rows: s.outcomes.map((o) => [o.smallSample ? `${o.model} (small sample)` : o.model, o.runs, ...SIDE_ROUTES.map((r) => o.counts[r] ?? 0)]) };
}

/** The dashboard charts (leaderboard whiskers, cost vs win rate, latency box plots, outcome bars), each with its counts. */
export function dashboardSvgs(stats: Stats): DashboardSvg[] {
  return [
    { title: `Leaderboard: ${stats.leaderboard.method}`, svg: svgLeaderboard(stats.leaderboard), table: leaderboardCounts(stats) },
    { title: 'Cost vs win rate', svg: svgCostWinScatter(stats), table: winCostTable(stats) },
    { title: 'Wall time per run', svg: svgLatencyBoxPlot(stats.usage, 'totalMs'), table: timeTable(stats, 'totalMs', 'Wall time per run') },
    { title: 'Time to first token', svg: svgLatencyBoxPlot(stats.usage, 'ttftMs'), table: timeTable(stats, 'ttftMs', 'Time to first token') },
    { title: 'Time to first token, cold vs warm', svg: svgServingTtft(stats.serving, stats.ttftThresholdsMs) },
    { title: 'Outcomes', svg: svgOutcomeBars(stats.outcomes), table: outcomeCounts(stats) },
  ];
}
