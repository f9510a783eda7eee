// The style-control section shared by the Markdown report and the dashboard: raw vs controlled scores, coefficients.
import type { StyleFeature } from './styleFeatures';
import type { StyleControl } from './styleControl';

const LABEL: Record<StyleFeature, string> = { proseChars: 'prose length (characters)', patchLines: 'patch lines', filesTouched: 'files touched',
  headers: 'Markdown headers', lists: 'list items', bold: 'bold spans' };

const r = (x: number): string => String(Math.round(x));

/** Leaderboard rows: model, battles, raw score and interval, controlled score and interval, change. */
export function styleLeaderboardRows(s: StyleControl): string[][] {
  return s.entries.map((e) => [e.model, String(e.battles), r(e.raw.score), `${r(e.raw.lo)} – ${r(e.raw.hi)}`, r(e.controlled.score),
    `${r(e.controlled.lo)} – ${r(e.controlled.hi)}`, `${e.controlled.score >= e.raw.score ? '+' : ''}${r(e.controlled.score - e.raw.score)}`]);
}

/** Column heads of the leaderboard rows. */
export const STYLE_LEADERBOARD_COLUMNS = ['Model', 'Battles', 'Raw score', 'Raw 95% CI', 'Style-controlled score', 'Controlled 95% CI', 'Change'];

/** Coefficient rows: covariate, coefficient per SD (logit), its interval, points per SD. */
export function styleCoefficientRows(s: StyleControl): string[][] {
  return s.coefficients.map((c) => [LABEL[c.feature], c.coef === null ? 'constant (not fitted)' : c.coef.toFixed(3),
    c.lo === null || c.hi === null ? '—' : `${c.lo.toFixed(3)} – ${c.hi.toFixed(3)}`, c.elo === null ? '—' : `${c.elo >= 0 ? '+' : ''}${r(c.elo)}`]);
}

/** Column heads of the coefficient rows. */
export const STYLE_COEFFICIENT_COLUMNS = ['Covariate (normalized difference)', 'Coefficient per SD (logit)', '95% CI', 'Score points per SD'];

/** What the style-controlled numbers mean and when not to trust them. */
export const STYLE_NOTE = 'Style control fits Bradley–Terry with each covariate\'s normalized difference (a−b)/(a+b+1) between the two drafts, standardized, as Chatbot Arena does; ' +
  'the controlled score is what remains when both drafts have equal style. A coefficient whose interval excludes 0 means that covariate sways verdicts. ' +
  'Only battles whose saved drafts could be read are used; with fewer than ~50 battles per covariate the coefficients are noise, and a covariate that tracks quality (a longer patch that really does more) is controlled away with it.';
