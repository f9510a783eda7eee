// The report model's core sections: overview, leaderboard, head to head, outcomes, agreement of the sides, position bias.
import type { ReportSection } from '../../shared/reportModel';
import { SIDE_ROUTES, type SideRoute } from '../results/schema';
import { countOf, fmtRate, num } from './format';
import { describeDecision } from './sequential';
import { figure, label, plural, section, table, text, vs } from './reportCells';
import type { Stats } from './types';

const ROUTE_LABEL: Record<SideRoute, string> = { pr: 'PR', issue: 'Issue', skip: 'skip', failed: 'failed', unparsed: 'unparsed' };

/** Totals in one sentence, and what pending verdicts count in. */
export function overviewSection(s: Stats): ReportSection {
  const t = s.totals;
  const line = `${plural(t.comparisons, 'comparison')}: ${t.decided} judged, ${t.pending} pending${t.imported ? `, ${plural(t.imported, 'imported battle')}` : ''}; ${plural(t.models, 'model')}.` +
    (t.amends ? ` ${plural(t.amends, 'verdict change')} recorded.` : '') +
    (t.orphanAmends ? ` ${plural(t.orphanAmends, 'verdict change')} point to comparisons not in this file.` : '');
  return section('overview', '', { lines: [line], explanation: ['Pending verdicts count in the outcome and agreement tables but not in win rates or the leaderboard.'] });
}

/** Bradley–Terry scores with bootstrap intervals, drawn beside the leaderboard chart. */
export function leaderboardSection(s: Stats): ReportSection {
  const lb = s.leaderboard;
  if (lb.entries.length === 0) return section('leaderboard', 'Leaderboard (Bradley–Terry)', { empty: 'No decided verdicts yet: the leaderboard needs at least one judged comparison.' });
  const rows = lb.entries.map((e) => [e.rankLower === e.rank ? String(e.rank) : `${e.rank} (CI allows ${e.rankLower})`, e.model, String(Math.round(e.score)),
    `${Math.round(e.lo)} – ${Math.round(e.hi)}`, num(e.battles), e.smallSample ? `small sample (n=${e.battles})` : '']);
  return section('leaderboard', 'Leaderboard (Bradley–Terry)', {
    tables: [table('leaderboard', 'Scores and battles per model', [text('Rank'), label('Model'), figure('Score'), figure('95% CI'), figure('Battles'), text('Note')], rows)],
    charts: [{ id: 'leaderboard', title: 'Bradley–Terry scores with 95% intervals', table: 'leaderboard' }],
    explanation: [`${lb.method}; ${plural(lb.battles, 'battle')}. Scores are relative (1000 = average of these models).`],
  });
}

/** Each model pair's record, Wilson win rates and the anytime-valid stopping decision. */
export function pairsSection(s: Stats): ReportSection {
  if (s.pairs.length === 0) return section('pairs', 'Head to head', { empty: 'No comparisons.' });
  return section('pairs', 'Head to head', {
    tables: [table('pairs', 'Head to head', [label('Pair (first model’s view)'), figure('Decided'), figure('Wins'), figure('Losses'), figure('Ties'),
      figure('Both bad'), figure('Pending'), text('Win rate, ties as ½'), text('Win rate, ties excluded'), text('May I stop?')],
    s.pairs.map((p) => [vs(p.models), String(p.n), String(p.wins), String(p.losses), String(p.ties), String(p.bothBad), String(p.pending),
      fmtRate(p.winRateTiesHalf), fmtRate(p.winRateTiesExcluded), describeDecision(p.sequential, p.models)]))],
    explanation: [`Pending verdicts are not counted in win rates. Intervals are Wilson 95%, valid for one look at a sample size fixed in advance; fewer than ${s.smallSampleThreshold} decided comparisons are marked small sample.`,
      '"May I stop?" uses an anytime-valid 95% confidence sequence (CS) of the ties-as-½ win rate, safe to check after every verdict: a model is better when the CS excludes 50%, equivalent when it lies within 50% ± the equivalence margin; otherwise the estimate says how many more verdicts a decision needs if the observed rate held.'],
  });
}

/** How each model's runs ended, beside the outcome bars. */
export function outcomesSection(s: Stats): ReportSection {
  if (s.outcomes.length === 0) return section('outcomes', 'Outcomes per model', { empty: 'No runs recorded (imported battles carry no outcomes).' });
  return section('outcomes', 'Outcomes per model', {
    tables: [table('outcomes', 'Outcomes per model', [label('Model'), figure('Runs'), ...SIDE_ROUTES.map((r) => figure(ROUTE_LABEL[r]))],
      s.outcomes.map((o) => [o.model, o.smallSample ? `${o.runs} (small sample)` : String(o.runs), ...SIDE_ROUTES.map((r) => countOf(o.counts[r], o.runs))]))],
    charts: [{ id: 'outcomes', title: 'Outcomes', table: 'outcomes' }],
    explanation: ['Every run counts, including comparisons whose verdict is still pending.'],
  });
}

/** Whether the two sides of a pair ended on the same outcome (and, in selection mode, picked the same paper). */
export function agreementSection(s: Stats): ReportSection {
  if (s.agreement.length === 0) return section('agreement', 'Agreement between the two sides', { empty: 'No comparisons.' });
  return section('agreement', 'Agreement between the two sides', {
    tables: [table('agreement', 'Agreement between the two sides', [label('Pair'), text('Mode'), figure('Pairs'), text('Same outcome'), figure('Same paper picked'), figure('Same paper, different outcome')],
      s.agreement.map((a) => [vs(a.models), a.mode, String(a.n), fmtRate(a.routeAgree),
        a.mode === 'selection' && a.samePaperKnown ? `${a.samePaper} of ${a.samePaperKnown}` : '—',
        a.mode === 'selection' && a.samePaper ? `${a.samePaperDifferentOutcome} of ${a.samePaper}` : '—']))],
    explanation: ['Same outcome = both sides ended on the same route (PR, Issue, skip; a failed run counts as an outcome), pending verdicts included. Selection mode only: how often both sides picked the same paper, and of those how often they still ended differently.'],
  });
}

/** How often the model shown in the left slot won. */
export function biasSection(s: Stats): ReportSection {
  const b = s.positionBias;
  if (b.n === 0) return section('bias', 'Position bias', { empty: 'No judged comparisons.' });
  return section('bias', 'Position bias', {
    tables: [table('bias', 'Left slot vs right slot', [figure('Judged'), figure('Left won'), figure('Right won'), figure('Ties'), text('Left-slot win rate, ties as ½'), text('Left-slot win rate, ties excluded')],
      [[String(b.n), String(b.leftWins), String(b.rightWins), String(b.ties), fmtRate(b.leftWinRateTiesHalf), fmtRate(b.leftWinRateTiesExcluded)]])],
    explanation: ['With sides randomised, an interval well away from 50% suggests the slot itself sways verdicts.'],
  });
}
