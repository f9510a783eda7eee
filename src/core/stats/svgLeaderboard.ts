import { emptyChart, escapeXml, linearScale, n2, niceTicks, svgFrame, textWidth } from './svgCommon';
import type { Leaderboard } from './types';

/** Leaderboard chart: one row per model, a dot at the Bradley–Terry score and a whisker for its 95% interval. */
export function svgLeaderboard(lb: Leaderboard, width = 640): string {
  const title = 'Bradley–Terry leaderboard with bootstrap 95% intervals';
  if (lb.entries.length === 0) return emptyChart('leaderboard', title, 'No judged comparisons yet.');
  const rowH = 28;
  const labelOf = (e: Leaderboard['entries'][number]): string => `${e.rank}. ${e.model}${e.smallSample ? ' (small sample)' : ''}`;
  // The label column is as wide as the longest label (measured, not a fixed margin), up to half the chart; a longer
  // label is shortened with an ellipsis (the row's <title> keeps the full name).
  const maxLabel = width / 2 - 16;
  const left = Math.round(Math.min(maxLabel, Math.max(64, ...lb.entries.map((e) => textWidth(labelOf(e))))) + 16);
  const fit = (t: string): string => {
    if (textWidth(t) <= maxLabel) return t;
    let s = t;
    while (s.length > 1 && textWidth(`${s}…`) > maxLabel) s = s.slice(0, -1);
    return `${s}…`;
  };
  const right = 30;
  const top = 16;
  const height = top + lb.entries.length * rowH + 40;
  const lo = Math.min(...lb.entries.map((e) => e.lo));
  const hi = Math.max(...lb.entries.map((e) => e.hi));
  const pad = Math.max(10, (hi - lo) * 0.05);
  const ticks = niceTicks(lo - pad, hi + pad, 5);
  const d0 = Math.min(lo - pad, ticks[0]);
  const d1 = Math.max(hi + pad, ticks[ticks.length - 1]);
  const x = linearScale(d0, d1, left, width - right);
  const axisY = top + lb.entries.length * rowH + 6;
  const body: string[] = [];
  for (const t of ticks) {
    body.push(`<line class="pw-grid" x1="${n2(x(t))}" x2="${n2(x(t))}" y1="${top}" y2="${axisY}" stroke="currentColor" stroke-opacity="0.15"/>`,
      `<text class="pw-tick" x="${n2(x(t))}" y="${axisY + 16}" text-anchor="middle">${Math.round(t)}</text>`);
  }
  body.push(`<line class="pw-axis" x1="${left}" x2="${width - right}" y1="${axisY}" y2="${axisY}" stroke="currentColor"/>`);
  lb.entries.forEach((e, i) => {
    const cy = top + i * rowH + rowH / 2;
    const cls = e.smallSample ? ' pw-small' : '';
    const label = fit(labelOf(e));
    body.push(`<g class="pw-row${cls}">`,
      `<title>${escapeXml(`${e.model}: ${Math.round(e.score)} (95% CI ${Math.round(e.lo)}–${Math.round(e.hi)}), ${e.battles} battles`)}</title>`,
      `<text class="pw-label" x="${left - 8}" y="${n2(cy + 4)}" text-anchor="end">${escapeXml(label)}</text>`,
      `<line class="pw-whisker" x1="${n2(x(e.lo))}" x2="${n2(x(e.hi))}" y1="${n2(cy)}" y2="${n2(cy)}" stroke="currentColor" stroke-width="2"/>`,
      `<line class="pw-whisker" x1="${n2(x(e.lo))}" x2="${n2(x(e.lo))}" y1="${n2(cy - 5)}" y2="${n2(cy + 5)}" stroke="currentColor"/>`,
      `<line class="pw-whisker" x1="${n2(x(e.hi))}" x2="${n2(x(e.hi))}" y1="${n2(cy - 5)}" y2="${n2(cy + 5)}" stroke="currentColor"/>`,
      `<circle class="pw-point" cx="${n2(x(e.score))}" cy="${n2(cy)}" r="5"/>`, '</g>');
  });
  body.push(`<text class="pw-axis-label" x="${n2((left + width - right) / 2)}" y="${height - 4}" text-anchor="middle">score (1000 = average)</text>`);
  return svgFrame('leaderboard', width, height, title, body);
}
