// The report model's style-control section: raw vs style-controlled scores, and how much each covariate sways verdicts.
import type { ReportSection } from '../../shared/reportModel';
import { figure, label, plural, section, table } from './reportCells';
import type { StyleFeature } from './styleFeatures';
import type { Stats } from './types';

const LABEL: Record<StyleFeature, string> = { proseChars: 'prose length (characters)', patchLines: 'patch lines', filesTouched: 'files touched',
  headers: 'Markdown headers', lists: 'list items', bold: 'bold spans' };

const r = (x: number): string => String(Math.round(x));

/** What the style-controlled numbers mean and when not to trust them. */
const STYLE_NOTE = 'Style control fits Bradley–Terry with each covariate\'s normalized difference (a−b)/(a+b+1) between the two drafts, standardized, as Chatbot Arena does; ' +
  'the controlled score is what remains when both drafts have equal style. A coefficient whose interval excludes 0 means that covariate sways verdicts. ' +
  'Only battles whose saved drafts could be read are used; with fewer than ~50 battles per covariate the coefficients are noise, and a covariate that tracks quality (a longer patch that really does more) is controlled away with it.';

/** Raw vs controlled leaderboard and the covariates' coefficients; null when the drafts were not read. */
export function styleSection(s: Stats): ReportSection | null {
  const sc = s.styleControl;
  if (!sc) return null;
  const title = 'Style and size control';
  if (sc.battles === 0) return section('style', title, { empty: 'No judged comparison has both drafts saved, so style control has nothing to fit.' });
  const board = table('styleLeaderboard', `Raw vs style-controlled leaderboard (${plural(sc.battles, 'battle')} with saved drafts)`,
    [label('Model'), figure('Battles'), figure('Raw score'), figure('Raw 95% CI'), figure('Style-controlled score'), figure('Controlled 95% CI'), figure('Change')],
    sc.entries.map((e) => [e.model, String(e.battles), r(e.raw.score), `${r(e.raw.lo)} – ${r(e.raw.hi)}`, r(e.controlled.score),
      `${r(e.controlled.lo)} – ${r(e.controlled.hi)}`, `${e.controlled.score >= e.raw.score ? '+' : ''}${r(e.controlled.score - e.raw.score)}`]));
  const coefs = table('styleCoefficients', 'Style covariates: how much each sways verdicts',
    [label('Covariate (normalized difference)'), figure('Coefficient per SD (logit)'), figure('95% CI'), figure('Score points per SD')],
    sc.coefficients.map((c) => [LABEL[c.feature], c.coef === null ? 'constant (not fitted)' : c.coef.toFixed(3),
      c.lo === null || c.hi === null ? '—' : `${c.lo.toFixed(3)} – ${c.hi.toFixed(3)}`, c.elo === null ? '—' : `${c.elo >= 0 ? '+' : ''}${r(c.elo)}`]));
  return section('style', title, { tables: [board, coefs], explanation: [`${sc.method}; ${plural(sc.battles, 'battle')}. ${STYLE_NOTE}`] });
}
