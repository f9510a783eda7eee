import { usd } from './format';
import { emptyChart, escapeXml, linearScale, n2, niceTicks, svgFrame } from './svgCommon';
import type { Stats } from './types';

/** Cost vs win-rate scatter: x = mean known cost per run, y = overall win rate (ties as ½) with its Wilson interval. */
export function svgCostWinScatter(stats: Stats, width = 640, height = 360): string {
  const title = 'Mean cost per run vs win rate (ties as ½, Wilson 95% interval)';
  const pts = stats.models.flatMap((m) => {
    const u = stats.usage.find((x) => x.model === m.model);
    if (!u || u.costUsd.n === 0 || m.winRate.p === null) return [];
    return [{ model: m.model, cost: u.costUsd.total / u.costUsd.n, rate: m.winRate }];
  });
  if (pts.length === 0) return emptyChart('scatter', title, 'Needs judged comparisons with known cost.');
  const left = 56, right = 20, top = 16, bottom = 44;
  const maxCost = Math.max(...pts.map((p) => p.cost)) * 1.1 || 1;
  const xt = niceTicks(0, maxCost, 5);
  const x = linearScale(0, Math.max(maxCost, xt[xt.length - 1]), left, width - right);
  const y = linearScale(0, 1, height - bottom, top);
  const body: string[] = [];
  for (const t of [0, 0.25, 0.5, 0.75, 1]) {
    body.push(`<line class="pw-grid" x1="${left}" x2="${width - right}" y1="${n2(y(t))}" y2="${n2(y(t))}" stroke="currentColor" stroke-opacity="0.15"/>`,
      `<text class="pw-tick" x="${left - 6}" y="${n2(y(t) + 4)}" text-anchor="end">${Math.round(t * 100)}%</text>`);
  }
  for (const t of xt) body.push(`<text class="pw-tick" x="${n2(x(t))}" y="${height - bottom + 16}" text-anchor="middle">${escapeXml(usd(t))}</text>`);
  body.push(`<line class="pw-axis" x1="${left}" x2="${width - right}" y1="${height - bottom}" y2="${height - bottom}" stroke="currentColor"/>`,
    `<line class="pw-axis" x1="${left}" x2="${left}" y1="${top}" y2="${height - bottom}" stroke="currentColor"/>`);
  for (const p of pts) {
    const cx = x(p.cost);
    const onRight = cx > (left + width - right) / 2;
    const cls = p.rate.smallSample ? ' pw-small' : '';
    body.push(`<g class="pw-dot${cls}">`,
      `<title>${escapeXml(`${p.model}: ${usd(p.cost)} per run, win rate ${Math.round((p.rate.p ?? 0) * 100)}% (95% CI ${Math.round((p.rate.lo ?? 0) * 100)}–${Math.round((p.rate.hi ?? 0) * 100)}%, n=${p.rate.n})`)}</title>`,
      `<line class="pw-whisker" x1="${n2(cx)}" x2="${n2(cx)}" y1="${n2(y(p.rate.lo ?? 0))}" y2="${n2(y(p.rate.hi ?? 0))}" stroke="currentColor"/>`,
      `<circle class="pw-point" cx="${n2(cx)}" cy="${n2(y(p.rate.p ?? 0))}" r="5"/>`,
      `<text class="pw-label" x="${n2(onRight ? cx - 8 : cx + 8)}" y="${n2(y(p.rate.p ?? 0) - 6)}"${onRight ? ' text-anchor="end"' : ''}>${escapeXml(p.model + (p.rate.smallSample ? ' (small sample)' : ''))}</text>`, '</g>');
  }
  body.push(`<text class="pw-axis-label" x="${n2((left + width - right) / 2)}" y="${height - 6}" text-anchor="middle">mean cost per run (USD)</text>`);
  return svgFrame('scatter', width, height, title, body);
}
