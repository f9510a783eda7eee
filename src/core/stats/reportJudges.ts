// The report model's LLM-judge section: each judge against the human verdicts, its self-preference and check
// preferences, and its agreement matrix whose off-diagonal cells are the audit set.
import type { ReportCell, ReportSection, ReportTable } from '../../shared/reportModel';
import { fmtRate, usd } from './format';
import { figure, label, plural, section, table, text } from './reportCells';
import { JUDGE_CATEGORIES, type Decided, type JudgeStats, type KappaInterval } from './judges';
import type { Stats } from './types';

const CATEGORY: Record<Decided, string> = { a: 'A', b: 'B', tie: 'Tie', both_bad: 'Both bad' };

const kappaText = (k: KappaInterval): string => (k.value === null ? 'undefined'
  : `${k.value.toFixed(2)}${k.lo === null || k.hi === null ? '' : ` (95% CI ${k.lo.toFixed(2)} – ${k.hi.toFixed(2)})`}`);
const points = (d: number | null): string => (d === null ? '—' : `${d >= 0 ? '+' : ''}${Math.round(d * 100)} points`);

function summaryTable(js: readonly JudgeStats[]): ReportTable {
  return table('judges', 'Each judge against your verdicts', [label('Judge'), figure('Judged'), figure('With your verdict (n)'), text('Agreement'), text('Cohen’s κ'),
    text('Both orders agree'), text('First-shown draft wins'), figure('Unparsed / failed')],
  js.map((j) => [j.rater, String(j.judged), String(j.n), fmtRate(j.agreement), kappaText(j.kappa), fmtRate(j.positionConsistency), fmtRate(j.firstPositionWinRate),
    `${j.outcomes.unparsed} / ${j.outcomes.failed}`]));
}

function selfTable(js: readonly JudgeStats[]): ReportTable | null {
  const rows = js.filter((j) => j.selfPreference).map((j) => {
    const s = j.selfPreference!;
    return [j.rater, String(s.n), fmtRate(s.judgeWinRate), fmtRate(s.humanWinRate), points(s.difference)];
  });
  return rows.length ? table('judgeSelf', 'Self-preference: pairs with one side of the judge’s own model family', [label('Judge'), figure('Pairs'),
    text('Judge: own family’s win rate'), text('You, same pairs'), figure('Difference')], rows) : null;
}

function checksTable(js: readonly JudgeStats[]): ReportTable | null {
  const rows = js.filter((j) => j.checks.brokenPatch.n + j.checks.inventedRefs.n > 0).map((j) => [j.rater,
    fmtRate(j.checks.brokenPatch.judge), fmtRate(j.checks.brokenPatch.human), fmtRate(j.checks.inventedRefs.judge), fmtRate(j.checks.inventedRefs.human)]);
  return rows.length ? table('judgeChecks', 'Agreement with the objective checks: how often the pick went to the faulted draft', [label('Judge'),
    text('Patch does not apply: judge'), text('Patch does not apply: you'), text('Unverified references: judge'), text('Unverified references: you')], rows) : null;
}

/** A judge's human × judge matrix; off-diagonal cells carry their comparisons (the audit set). */
export function judgeMatrix(j: JudgeStats, index: number): ReportTable {
  const rows = JUDGE_CATEGORIES.map((h, hi) => {
    const total = j.confusion[hi].reduce((a, b) => a + b, 0);
    const cells = JUDGE_CATEGORIES.map((_, ji): ReportCell => {
      const count = j.confusion[hi][ji];
      const cell: ReportCell = { text: String(count), tone: hi === ji ? 'agree' : 'disagree', shade: total ? count / total : 0 };
      if (hi !== ji && count > 0) {
        cell.ids = j.confusionIds[hi][ji];
        cell.about = `${j.rater} said ${CATEGORY[JUDGE_CATEGORIES[ji]]} where you said ${CATEGORY[h]}`;
      }
      return cell;
    });
    return [CATEGORY[h], ...cells, String(total)];
  });
  const t = table(`judgeMatrix-${index}`, `${j.rater}: agreement matrix`, [label('You ↓ · judge →'), ...JUDGE_CATEGORIES.map((c) => figure(CATEGORY[c])), figure('Total')], rows,
    [`Audit set: ${plural(j.audit.length, 'pair')} off the diagonal, where the judge and you disagree: the dashboard opens them one by one from these cells, and pairwise export --format audit writes them all.`]);
  t.matrix = { rows: 'your verdict', columns: 'judge' };
  return t;
}

const EXPLANATION = [
  'Judges are LLMs asked to compare the two drafts; they never change your verdict and count nowhere above (not in the leaderboard, win rates or rater agreement). A and B are the recorded sides, not the screen slots or the judge’s prompt order.',
  'n = pairs the judge answered and you decided. Agreement = share of those where its verdict equals yours (Wilson 95%); Cohen’s κ corrects that for chance (seeded bootstrap 95% over pairs). Below ~30 pairs both intervals are wide; κ can be low beside high agreement when one verdict dominates.',
  'Each pair is judged twice, the drafts in both orders; orders that disagree count as a tie. Both orders agree near 100% and first-shown draft wins near 50% mean no position bias; a judge that always picks the draft shown first scores 0% and 100%.',
  'Self-preference compares, on pairs where exactly one side is of the judge’s model family, the judge’s win rate for that side with yours (ties ½); a clearly positive difference suggests it favours its own family. The checks columns count picks of the draft whose patch does not apply, or whose repository references could not be found, when the other draft passed that check: a judge well above you there is swayed by fluent but broken drafts.',
];

/** The judges section; null when no LLM judge answered any comparison. */
export function judgesSection(s: Stats): ReportSection | null {
  const js = s.judges;
  if (js.length === 0) return null;
  const lines = js.filter((j) => j.selfPreference).map((j) => `Self-preference guard: ${j.rater} shares a model family with one side in ${plural(j.selfPreference!.n, 'pair')} you judged.`);
  const cost = js.filter((j) => j.costUsd !== null).map((j) => `${j.rater} cost ${usd(j.costUsd)} over ${plural(j.judged, 'pair')} (both orders).`);
  const tables = [summaryTable(js), selfTable(js), checksTable(js), ...js.map(judgeMatrix)].filter((t): t is ReportTable => t !== null);
  return section('judges', 'LLM judges against your verdicts', { lines: [...lines, ...cost], tables, explanation: EXPLANATION,
    actions: js.some((j) => j.audit.length) ? [{ id: 'exportAudit', label: 'Export audit set' }] : [] });
}
