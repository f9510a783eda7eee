import { SIDE_ROUTES, type SideRoute } from '../results/schema';
import { countOf, duration, fmtRate, int, mdCell, num, usd } from './format';
import { describeDecision } from './sequential';
import { servingColumns, servingNote, servingRows } from './reportServing';
import { RATER_COLUMNS, RATER_NOTE, raterAgreementLine, raterRows } from './reportRaters';
import { STYLE_COEFFICIENT_COLUMNS, STYLE_LEADERBOARD_COLUMNS, STYLE_NOTE, styleCoefficientRows, styleLeaderboardRows } from './reportStyle';
import type { Stats, Summary, UsageRow } from './types';

const ROUTE_LABEL: Record<SideRoute, string> = { pr: 'PR', issue: 'Issue', skip: 'skip', failed: 'failed', unparsed: 'unparsed' };

const row = (cells: readonly string[]): string => `| ${cells.join(' | ')} |`;
const table = (head: readonly string[], rows: readonly (readonly string[])[]): string[] =>
  [row(head), row(head.map(() => '---')), ...rows.map(row)];
const plural = (n: number, one: string, many = `${one}s`): string => `${n} ${n === 1 ? one : many}`;
const vs = (m: readonly [string, string]): string => `${mdCell(m[0])} vs ${mdCell(m[1])}`;

function leaderboardSection(s: Stats): string[] {
  const lb = s.leaderboard;
  const out = ['## Leaderboard (Bradley–Terry)', ''];
  if (lb.entries.length === 0) return [...out, '_No decided verdicts yet: the leaderboard needs at least one judged comparison._', ''];
  out.push(...table(['Rank', 'Model', 'Score', '95% CI', 'Battles', 'Note'], lb.entries.map((e) => [
    e.rankLower === e.rank ? String(e.rank) : `${e.rank} (CI allows ${e.rankLower})`, mdCell(e.model), String(Math.round(e.score)),
    `${Math.round(e.lo)} – ${Math.round(e.hi)}`, num(e.battles), e.smallSample ? `small sample (n=${e.battles})` : '',
  ])));
  out.push('', `_${lb.method}; ${plural(lb.battles, 'battle')}. Scores are relative (1000 = average of these models)._`, '');
  return out;
}

function pairsSection(s: Stats): string[] {
  const out = ['## Head to head', ''];
  if (s.pairs.length === 0) return [...out, '_No comparisons._', ''];
  out.push(...table(['Pair (first model’s view)', 'Decided', 'Wins', 'Losses', 'Ties', 'Both bad', 'Pending', 'Win rate, ties as ½', 'Win rate, ties excluded', 'May I stop?'],
    s.pairs.map((p) => [vs(p.models), String(p.n), String(p.wins), String(p.losses), String(p.ties), String(p.bothBad), String(p.pending),
      fmtRate(p.winRateTiesHalf), fmtRate(p.winRateTiesExcluded), mdCell(describeDecision(p.sequential, p.models))])));
  out.push('', `_Pending verdicts are not counted in win rates. Intervals are Wilson 95%, valid for one look at a sample size fixed in advance; fewer than ${s.smallSampleThreshold} decided comparisons are marked small sample._`,
    `_"May I stop?" uses an anytime-valid 95% confidence sequence (CS) of the ties-as-½ win rate, safe to check after every verdict: a model is better when the CS excludes 50%, equivalent when it lies within 50% ± the equivalence margin; otherwise the estimate says how many more verdicts a decision needs if the observed rate held._`, '');
  return out;
}

function outcomesSection(s: Stats): string[] {
  const out = ['## Outcomes per model', ''];
  if (s.outcomes.length === 0) return [...out, '_No runs recorded (imported battles carry no outcomes)._', ''];
  out.push(...table(['Model', 'Runs', ...SIDE_ROUTES.map((r) => ROUTE_LABEL[r])], s.outcomes.map((o) => [
    mdCell(o.model), o.smallSample ? `${o.runs} (small sample)` : String(o.runs), ...SIDE_ROUTES.map((r) => countOf(o.counts[r], o.runs)),
  ])));
  out.push('', '_Every run counts, including comparisons whose verdict is still pending._', '');
  return out;
}

function agreementSection(s: Stats): string[] {
  const out = ['## Agreement between the two sides', ''];
  if (s.agreement.length === 0) return [...out, '_No comparisons._', ''];
  for (const a of s.agreement) {
    const small = a.smallSample ? ' (small sample)' : '';
    let line = `- ${vs(a.models)}, ${a.mode} mode: routing agreed on ${a.routeAgree.successes} of ${plural(a.n, 'pair')}${small}`;
    if (a.n > 0 && !a.smallSample) line += ` — ${fmtRate(a.routeAgree)}`;
    if (a.mode === 'selection' && a.samePaperKnown > 0) {
      line += `; same paper picked in ${a.samePaper} of ${a.samePaperKnown}; of those ${a.samePaper}, ${a.samePaperDifferentOutcome} ended on different outcomes`;
    }
    out.push(`${line}.`);
  }
  out.push('');
  return out;
}

const hasAny = (u: UsageRow): boolean => u.costUsd.n + u.inputTokens.n + u.ttftMs.n + u.totalMs.n > 0;

function quantRow(model: string, metric: string, q: Summary, f: (x: number | null) => string): string[] {
  return [mdCell(model), metric, String(q.n), f(q.min), f(q.p25), f(q.median), f(q.p75), f(q.max)];
}

function usageSection(s: Stats): string[] {
  const out = ['## Cost, tokens and time per model', ''];
  const rows = s.usage.filter(hasAny);
  if (rows.length === 0) return [...out, '_No cost, token or timing data recorded._', ''];
  out.push(...table(['Model', 'Runs', 'Total cost', 'Cost basis', 'Unknown cost', 'Cost per win', 'Input tokens', 'Output tokens', 'Cached tokens read', 'Wall time (total)'],
    rows.map((u) => [mdCell(u.model), String(u.runs), u.costUsd.n ? usd(u.costUsd.total) : '—', u.costBases.join(', ') || '—', String(u.costUnknownRuns),
      u.costPerWin === null ? '—' : `${usd(u.costPerWin)} (${u.wins} wins)`, int(u.inputTokens.n ? u.inputTokens.total : null),
      int(u.outputTokens.n ? u.outputTokens.total : null), int(u.cacheReadTokens.n ? u.cacheReadTokens.total : null),
      duration(u.totalMs.n ? u.totalMs.total : null)])));
  out.push('');
  const q: string[][] = [];
  for (const u of rows) {
    if (u.costUsd.n) q.push(quantRow(u.model, 'cost', u.costUsd, usd));
    if (u.inputTokens.n) q.push(quantRow(u.model, 'input tokens', u.inputTokens, int));
    if (u.outputTokens.n) q.push(quantRow(u.model, 'output tokens', u.outputTokens, int));
    if (u.cacheReadTokens.n) q.push(quantRow(u.model, 'cached tokens read', u.cacheReadTokens, int));
    if (u.ttftMs.n) q.push(quantRow(u.model, 'time to first token', u.ttftMs, duration));
    if (u.totalMs.n) q.push(quantRow(u.model, 'wall time', u.totalMs, duration));
  }
  out.push(...table(['Model', 'Per run', 'n', 'min', 'p25', 'median', 'p75', 'max'], q), '');
  out.push('_Cost per win = known cost of runs in judged comparisons ÷ outright wins. Wall time (total) = the sum of the runs\' wall times (each side\'s request start to its end; the two sides of a comparison run in parallel)._', '');
  return out;
}

function styleSection(s: Stats): string[] {
  const sc = s.styleControl;
  if (!sc) return [];
  const out = ['## Style and size control', ''];
  if (sc.battles === 0) return [...out, '_No judged comparison has both drafts saved, so style control has nothing to fit._', ''];
  return [...out, ...table(STYLE_LEADERBOARD_COLUMNS, styleLeaderboardRows(sc).map((r) => [mdCell(r[0]), ...r.slice(1)])), '',
    ...table(STYLE_COEFFICIENT_COLUMNS, styleCoefficientRows(sc)), '', `_${sc.method}; ${plural(sc.battles, 'battle')}. ${STYLE_NOTE}_`, ''];
}

function servingSection(s: Stats): string[] {
  const rows = s.serving.filter((r) => r.cold.ttftMs.n + r.cold.totalMs.n + r.warm.runs > 0);
  const out = ['## Serving: cold vs warm', ''];
  if (rows.length === 0) return [...out, '_No timing recorded._', ''];
  return [...out, ...table(servingColumns(s.ttftThresholdsMs), servingRows(rows).map((r) => [mdCell(r[0]), ...r.slice(1)])), '', `_${servingNote(rows)}_`, ''];
}

function biasSection(s: Stats): string[] {
  const b = s.positionBias;
  const out = ['## Position bias', ''];
  if (b.n === 0) return [...out, '_No judged comparisons._', ''];
  out.push(`- The model shown on the left won ${b.leftWins}, lost ${b.rightWins}, tied ${b.ties} of ${b.n} judged comparisons.`,
    `- Left-slot win rate, ties as ½: ${fmtRate(b.leftWinRateTiesHalf)}.`,
    `- Left-slot win rate, ties excluded: ${fmtRate(b.leftWinRateTiesExcluded)}.`,
    '- With sides randomised, an interval well away from 50% suggests the slot itself sways verdicts.', '');
  return out;
}

function kappaSection(s: Stats): string[] {
  const out = ['## Rater agreement', ''];
  if (s.kappa.length === 0) out.push('_No comparison was judged by two raters._', '');
  else {
    out.push(...table(['Raters', 'Judged both', 'Observed agreement', 'Cohen’s κ'], s.kappa.map((k) => [
      `${mdCell(k.raters[0])} & ${mdCell(k.raters[1])}`, k.smallSample ? `${k.n} (small sample)` : String(k.n),
      k.observedAgreement === null ? '—' : `${Math.round(k.observedAgreement * 100)}%`, k.kappa === null ? 'undefined' : k.kappa.toFixed(2),
    ])), '', raterAgreementLine(s.raters), '');
  }
  if (s.raters.perRater.length > 1 || s.raters.items > 0) {
    out.push(...table(RATER_COLUMNS, raterRows(s.raters).map((r) => [mdCell(r[0]), ...r.slice(1)])), '', `_${RATER_NOTE}_`, '');
  }
  return out;
}

/** The full report as Markdown (used by `pairwise report` and the Markdown export). */
export function renderReportMarkdown(stats: Stats, title = 'Pairwise report'): string {
  const t = stats.totals;
  const head = [`# ${mdCell(title)}`, '',
    `${plural(t.comparisons, 'comparison')}: ${t.decided} judged, ${t.pending} pending${t.imported ? `, ${plural(t.imported, 'imported battle')}` : ''}; ${plural(t.models, 'model')}.` +
      (t.amends ? ` ${plural(t.amends, 'verdict change')} recorded.` : '') +
      (t.orphanAmends ? ` ${plural(t.orphanAmends, 'verdict change')} point to comparisons not in this file.` : ''),
    '', 'Pending verdicts count in the outcome and agreement tables but not in win rates or the leaderboard.', ''];
  return [...head, ...leaderboardSection(stats), ...styleSection(stats), ...pairsSection(stats), ...outcomesSection(stats), ...agreementSection(stats),
    ...usageSection(stats), ...servingSection(stats), ...biasSection(stats), ...kappaSection(stats)].join('\n');
}
