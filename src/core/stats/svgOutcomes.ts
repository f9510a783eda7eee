import { SIDE_ROUTES, type SideRoute } from '../results/schema';
import { emptyChart, escapeXml, n2, svgFrame } from './svgCommon';
import type { OutcomeRow } from './types';

const LABEL: Record<SideRoute, string> = { pr: 'PR', issue: 'Issue', skip: 'skip', failed: 'failed', unparsed: 'unparsed' };
/** Fallback shading (no colours) so the stack stays readable before the stylesheet applies. */
const OPACITY: Record<SideRoute, number> = { pr: 0.9, issue: 0.6, skip: 0.35, failed: 0.15, unparsed: 0.05 };

/** Stacked horizontal bars: share of each model's runs that ended as PR / Issue / skip / failed / unparsed. */
export function svgOutcomeBars(outcomes: readonly OutcomeRow[], width = 640): string {
  const title = 'How each model’s runs ended';
  const rows = outcomes.filter((o) => o.runs > 0);
  if (rows.length === 0) return emptyChart('outcomes', title, 'No runs recorded.');
  const rowH = 30, left = 200, right = 20, top = 30;
  const barW = width - left - right;
  const height = top + rows.length * rowH + 10;
  const body: string[] = [];
  SIDE_ROUTES.forEach((r, i) => {
    const lx = left + i * 84;
    body.push(`<rect class="pw-route-${r}" x="${lx}" y="6" width="12" height="12" fill-opacity="${OPACITY[r]}" stroke="currentColor" stroke-width="0.5"/>`,
      `<text class="pw-legend" x="${lx + 16}" y="16">${LABEL[r]}</text>`);
  });
  rows.forEach((o, i) => {
    const y = top + i * rowH;
    let x = left;
    body.push(`<text class="pw-label" x="${left - 8}" y="${y + 17}" text-anchor="end">${escapeXml(`${o.model} (n=${o.runs}${o.smallSample ? ', small sample' : ''})`)}</text>`);
    for (const r of SIDE_ROUTES) {
      const c = o.counts[r];
      if (c === 0) continue;
      const w = (c / o.runs) * barW;
      body.push(`<rect class="pw-route-${r}" x="${n2(x)}" y="${y + 4}" width="${n2(w)}" height="18" fill-opacity="${OPACITY[r]}" stroke="currentColor" stroke-width="0.5">` +
        `<title>${escapeXml(`${o.model}: ${LABEL[r]} ${c} / ${o.runs} (${Math.round((100 * c) / o.runs)}%)`)}</title></rect>`);
      x += w;
    }
  });
  return svgFrame('outcomes', width, height, title, body);
}
