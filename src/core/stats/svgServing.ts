import { duration } from './format';
import type { ServingRow, TailSummary } from './serving';
import { durationTicks, emptyChart, escapeXml, linearScale, n2, svgFrame } from './svgCommon';

/** Cold vs warm time to first token per model: a bar to the median, a whisker to p95, a tick at p90; dashed threshold lines. */
export function svgServingTtft(rows: readonly ServingRow[], thresholdsMs: readonly number[] = [], width = 640): string {
  const title = 'Time to first token, cold vs warm (bar = median, tick = p90, whisker end = p95)';
  const bars = rows.flatMap((r) => [{ model: r.model, phase: 'cold' as const, s: r.cold.ttftMs }, { model: r.model, phase: 'warm' as const, s: r.warm.ttftMs }])
    .filter((b) => b.s.n > 0);
  if (bars.length === 0) return emptyChart('serving', title, 'No time to first token recorded.');
  const barH = 16, gap = 6, left = 220, right = 30, top = 12;
  const height = top + bars.length * (barH + gap) + 40;
  const max = Math.max(...bars.map((b) => b.s.p95 ?? 0), ...thresholdsMs) || 1;
  const ticks = durationTicks(max, 5);
  const x = linearScale(0, Math.max(max, ticks[ticks.length - 1]), left, width - right);
  const axisY = top + bars.length * (barH + gap) + 4;
  const body: string[] = [];
  for (const t of ticks) {
    body.push(`<line class="pw-grid" x1="${n2(x(t))}" x2="${n2(x(t))}" y1="${top}" y2="${axisY}" stroke="currentColor" stroke-opacity="0.15"/>`,
      `<text class="pw-tick" x="${n2(x(t))}" y="${axisY + 16}" text-anchor="middle">${t === 0 ? '0' : escapeXml(duration(t))}</text>`);
  }
  for (const t of thresholdsMs) {
    body.push(`<line class="pw-threshold" x1="${n2(x(t))}" x2="${n2(x(t))}" y1="${top}" y2="${axisY}" stroke="currentColor" stroke-dasharray="4 3"><title>${escapeXml(`threshold ${duration(t)}`)}</title></line>`);
  }
  body.push(`<line class="pw-axis" x1="${left}" x2="${width - right}" y1="${axisY}" y2="${axisY}" stroke="currentColor"/>`);
  bars.forEach(({ model, phase, s }, i) => {
    const y = top + i * (barH + gap);
    const cy = y + barH / 2;
    const v = (q: number | null) => x(q ?? 0);
    body.push(`<g class="pw-serving-row">`,
      `<title>${escapeXml(`${model}, ${phase}: ${tip(s)}`)}</title>`,
      `<text class="pw-label" x="${left - 8}" y="${n2(cy + 4)}" text-anchor="end">${escapeXml(`${model} ${phase} (n=${s.n})`)}</text>`,
      `<rect class="pw-serving-${phase}" x="${left}" y="${y}" width="${n2(Math.max(1, v(s.median) - left))}" height="${barH}" fill-opacity="${phase === 'cold' ? 0.6 : 0.3}"/>`,
      `<line class="pw-whisker" x1="${n2(v(s.median))}" x2="${n2(v(s.p95))}" y1="${n2(cy)}" y2="${n2(cy)}" stroke="currentColor"/>`,
      `<line class="pw-whisker" x1="${n2(v(s.p90))}" x2="${n2(v(s.p90))}" y1="${n2(cy - 5)}" y2="${n2(cy + 5)}" stroke="currentColor"/>`,
      `<line class="pw-whisker" x1="${n2(v(s.p95))}" x2="${n2(v(s.p95))}" y1="${n2(cy - 3)}" y2="${n2(cy + 3)}" stroke="currentColor"/>`, '</g>');
  });
  return svgFrame('serving', width, height, title, body);
}

function tip(s: TailSummary): string {
  return `n=${s.n}, median ${duration(s.median)}, p90 ${duration(s.p90)}, p95 ${duration(s.p95)}, max ${duration(s.max)}`;
}
