// The several-raters rows shared by the Markdown report and the dashboard.
import { fmtRate } from './format';
import type { Agreement, RaterStats } from './raters';

const agr = (a: Agreement): string => (a.value === null ? 'undefined' : `${a.value.toFixed(2)}${a.lo === null || a.hi === null ? '' : ` (95% CI ${a.lo.toFixed(2)} – ${a.hi.toFixed(2)})`}`);

/** One line: items, raters, Fleiss' kappa and Krippendorff's alpha with bootstrap intervals. */
export function raterAgreementLine(r: RaterStats): string {
  return `${r.items} comparisons judged by two or more of ${r.raters} raters: Fleiss' κ ${agr(r.fleissKappa)}, ` +
    `Krippendorff's α (nominal) ${agr(r.krippendorffAlpha)}; ${r.bootstrapRounds} seeded bootstrap resamples of comparisons.`;
}

/** Column heads of the per-rater rows. */
export const RATER_COLUMNS = ['Rater', 'Verdicts', 'Ties', 'Both bad', 'Mean rating given', 'Leniency (vs all raters)', 'Left slot won (own verdicts, decisive)'];

/** One row per rater. */
export function raterRows(r: RaterStats): string[][] {
  return r.perRater.map((x) => [x.rater, String(x.verdicts), fmtRate(x.tieShare), fmtRate(x.bothBadShare),
    x.meanRating === null ? '—' : `${x.meanRating.toFixed(2)} (${x.ratings} ratings)`,
    x.leniency === null ? '—' : `${x.leniency >= 0 ? '+' : ''}${x.leniency.toFixed(2)}`, fmtRate(x.leftWinRate)]);
}

/** What these numbers mean and when not to trust them. */
export const RATER_NOTE = 'κ and α near 1 mean raters agree far beyond chance, near 0 no better than chance; with fewer than ~30 shared comparisons the intervals are wide. ' +
  'Leniency = a rater\'s mean rubric rating minus the mean of everyone\'s; it compares raters only if they judged similar comparisons. A left-slot win rate far from 50% with randomised sides suggests the slot sways that rater.';
