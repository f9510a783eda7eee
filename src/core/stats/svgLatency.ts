import { duration } from './format';
import { durationTicks, emptyChart, escapeXml, linearScale, n2, svgFrame } from './svgCommon';
import type { Summary, UsageRow } from './types';

/** Box plot per model of per-run wall time (or TTFT): whiskers min–max, box p25–p75, line at the median. */
export function svgLatencyBoxPlot(usage: readonly UsageRow[], metric: 'totalMs' | 'ttftMs' = 'totalMs', width = 640): string {
  const what = metric === 'totalMs' ? 'wall time' : 'time to first token';
  const title = `Per-run ${what} by model (min, p25, median, p75, max)`;
  const rows = usage.map((u) => ({ model: u.model, s: u[metric] as Summary })).filter((r) => r.s.n > 0);
  if (rows.length === 0) return emptyChart('latency', title, `No ${what} recorded.`);
  const rowH = 34, left = 200, right = 30, top = 12;
  const height = top + rows.length * rowH + 40;
  const max = Math.max(...rows.map((r) => r.s.max ?? 0)) || 1;
  const ticks = durationTicks(max, 5);
  const x = linearScale(0, Math.max(max, ticks[ticks.length - 1]), left, width - right);
  const axisY = top + rows.length * rowH + 4;
  const body: string[] = [];
  for (const t of ticks) {
    body.push(`<line class="pw-grid" x1="${n2(x(t))}" x2="${n2(x(t))}" y1="${top}" y2="${axisY}" stroke="currentColor" stroke-opacity="0.15"/>`,
      `<text class="pw-tick" x="${n2(x(t))}" y="${axisY + 16}" text-anchor="middle">${t === 0 ? '0' : escapeXml(duration(t))}</text>`);
  }
  body.push(`<line class="pw-axis" x1="${left}" x2="${width - right}" y1="${axisY}" y2="${axisY}" stroke="currentColor"/>`);
  rows.forEach(({ model, s }, i) => {
    const cy = top + i * rowH + rowH / 2;
    const [mn, q1, md, q3, mx] = [s.min, s.p25, s.median, s.p75, s.max].map((v) => x(v ?? 0));
    body.push(`<g class="pw-box-row">`,
      `<title>${escapeXml(`${model}: n=${s.n}, min ${duration(s.min)}, p25 ${duration(s.p25)}, median ${duration(s.median)}, p75 ${duration(s.p75)}, max ${duration(s.max)}`)}</title>`,
      `<text class="pw-label" x="${left - 8}" y="${n2(cy + 4)}" text-anchor="end">${escapeXml(`${model} (n=${s.n})`)}</text>`,
      `<line class="pw-whisker" x1="${n2(mn)}" x2="${n2(q1)}" y1="${n2(cy)}" y2="${n2(cy)}" stroke="currentColor"/>`,
      `<line class="pw-whisker" x1="${n2(q3)}" x2="${n2(mx)}" y1="${n2(cy)}" y2="${n2(cy)}" stroke="currentColor"/>`,
      `<rect class="pw-box" x="${n2(q1)}" y="${n2(cy - 9)}" width="${n2(Math.max(1, q3 - q1))}" height="18" fill-opacity="0.3" stroke="currentColor"/>`,
      `<line class="pw-median" x1="${n2(md)}" x2="${n2(md)}" y1="${n2(cy - 9)}" y2="${n2(cy + 9)}" stroke="currentColor" stroke-width="2"/>`, '</g>');
  });
  return svgFrame('latency', width, height, title, body);
}
