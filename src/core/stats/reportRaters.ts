// The report model's rater-agreement section: Cohen's kappa per pair of raters, Fleiss' kappa and Krippendorff's alpha
// across them, and each rater's habits.
import type { ReportSection, ReportTable } from '../../shared/reportModel';
import { fmtRate } from './format';
import { figure, label, section, table, text } from './reportCells';
import type { Agreement, RaterStats } from './raters';
import type { Stats } from './types';

const agr = (a: Agreement): string => (a.value === null ? 'undefined' : `${a.value.toFixed(2)}${a.lo === null || a.hi === null ? '' : ` (95% CI ${a.lo.toFixed(2)} – ${a.hi.toFixed(2)})`}`);

/** One line: items, raters, Fleiss' kappa and Krippendorff's alpha with bootstrap intervals. */
function raterAgreementLine(r: RaterStats): string {
  return `${r.items} comparisons judged by two or more of ${r.raters} raters: Fleiss' κ ${agr(r.fleissKappa)}, ` +
    `Krippendorff's α (nominal) ${agr(r.krippendorffAlpha)}; ${r.bootstrapRounds} seeded bootstrap resamples of comparisons.`;
}

/** What these numbers mean and when not to trust them. */
const RATER_NOTE = 'κ and α near 1 mean raters agree far beyond chance, near 0 no better than chance; with fewer than ~30 shared comparisons the intervals are wide. ' +
  'Leniency = a rater\'s mean rubric rating minus the mean of everyone\'s; it compares raters only if they judged similar comparisons. A left-slot win rate far from 50% with randomised sides suggests the slot sways that rater.';

/** Pairwise Cohen's kappa, the across-raters line, and one row per rater (people only: LLM judges have their own section). */
export function ratersSection(s: Stats): ReportSection {
  const title = 'Rater agreement';
  const tables: ReportTable[] = [];
  const lines: string[] = [];
  if (s.kappa.length === 0) lines.push('No comparison was judged by two raters.');
  else {
    tables.push(table('kappa', 'Cohen’s κ over comparisons two raters judged', [label('Raters'), figure('Judged both'), figure('Observed agreement'), figure('Cohen’s κ')],
      s.kappa.map((k) => [`${k.raters[0]} & ${k.raters[1]}`, k.smallSample ? `${k.n} (small sample)` : String(k.n),
        k.observedAgreement === null ? '—' : `${Math.round(k.observedAgreement * 100)}%`, k.kappa === null ? 'undefined' : k.kappa.toFixed(2)])));
    lines.push(raterAgreementLine(s.raters));
  }
  const r = s.raters;
  if (r.perRater.length > 1 || r.items > 0) {
    tables.push(table('raters', 'Each rater: ties, both-bad, leniency, left-slot wins', [label('Rater'), figure('Verdicts'), text('Ties'), text('Both bad'),
      figure('Mean rating given'), figure('Leniency (vs all raters)'), text('Left slot won (own verdicts, decisive)')],
    r.perRater.map((x) => [x.rater, String(x.verdicts), fmtRate(x.tieShare), fmtRate(x.bothBadShare),
      x.meanRating === null ? '—' : `${x.meanRating.toFixed(2)} (${x.ratings} ratings)`,
      x.leniency === null ? '—' : `${x.leniency >= 0 ? '+' : ''}${x.leniency.toFixed(2)}`, fmtRate(x.leftWinRate)])));
  }
  if (tables.length === 0) return section('raters', title, { empty: 'No comparison was judged by two raters.' });
  return section('raters', title, { lines, tables, explanation: [RATER_NOTE] });
}
