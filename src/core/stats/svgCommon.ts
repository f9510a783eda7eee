// Shared pieces of the dashboard charts: escaping, scales, frame. Charts use currentColor and class names only
// (no colours, no inline styles) so the webview's stylesheet themes them; see CHART_CSS for the classes.
import { revealBidi } from '../../shared/outsideText';

/** Escapes text for SVG/XML content and attribute values; bidi controls (in model ids) show as visible marks. */
export function escapeXml(s: string): string {
  return revealBidi(s).replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
}

/** A number rounded for SVG coordinates. */
export function n2(x: number): string {
  return String(Math.round(x * 100) / 100);
}

// Advance widths (em) of a sans-serif UI face, by character class: a conservative estimate of rendered text width
// for layout in pure code (no DOM here); the webview also fits each chart's viewBox to its measured bounding box.
const NARROW = new Set("iljtfrI.,:;'!|()[] ");
const WIDE = new Set('mwMW@%');

/** Estimated width in px of `text` at `fontSize` (slightly generous, so labels are never clipped). */
export function textWidth(text: string, fontSize = 12): number {
  let em = 0;
  for (const ch of text) {
    if (NARROW.has(ch)) em += 0.32;
    else if (WIDE.has(ch)) em += 0.9;
    else if (ch >= 'A' && ch <= 'Z') em += 0.7;
    else if (ch >= '0' && ch <= '9') em += 0.58;
    else if (ch.charCodeAt(0) > 0x2e7f) em += 1; // CJK and other full-width characters
    else em += 0.58;
  }
  return em * fontSize;
}

/** Linear map from a data domain to a pixel range (a flat domain maps to the middle). */
export function linearScale(d0: number, d1: number, r0: number, r1: number): (x: number) => number {
  if (d1 === d0) return () => (r0 + r1) / 2;
  return (x) => r0 + ((x - d0) / (d1 - d0)) * (r1 - r0);
}

/** About `count` round tick values spanning [lo, hi]. */
export function niceTicks(lo: number, hi: number, count = 5): number[] {
  if (!(hi > lo)) return [lo];
  const raw = (hi - lo) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? 10 * mag;
  const out: number[] = [];
  for (let v = Math.ceil(lo / step) * step; v <= hi + step * 1e-9; v += step) out.push(Math.round(v / step) * step);
  return out;
}

/** Round tick values for a duration axis in ms: whole seconds or minutes (1, 2, 5, 10, 15, 30, 60 …). */
export function durationTicks(maxMs: number, count = 5): number[] {
  const unit = maxMs >= 120_000 ? 60_000 : 1000;
  const steps = [1, 2, 5, 10, 15, 30, 60, 120, 240];
  const raw = maxMs / unit / count;
  const step = (steps.find((s) => s >= raw) ?? Math.ceil(raw)) * unit;
  const out: number[] = [];
  for (let v = 0; v <= maxMs + step * 1e-9 || out.length < 2; v += step) out.push(v);
  return out;
}

/** Wraps chart content in an accessible SVG root with a title and the chart's class. */
export function svgFrame(kind: string, width: number, height: number, title: string, body: string[]): string {
  const id = `pw-${kind}-title`;
  return [`<svg xmlns="http://www.w3.org/2000/svg" class="pw-chart pw-chart-${escapeXml(kind)}" viewBox="0 0 ${width} ${height}" width="${width}" height="${height}" role="img" aria-labelledby="${id}" fill="currentColor" font-family="inherit" font-size="12">`,
    `<title id="${id}">${escapeXml(title)}</title>`, ...body, '</svg>'].join('\n');
}

/** An SVG saying there is nothing to chart yet. */
export function emptyChart(kind: string, title: string, message: string): string {
  return svgFrame(kind, 360, 60, title, [`<text class="pw-empty" x="10" y="34" fill-opacity="0.7">${escapeXml(message)}</text>`]);
}

/** Suggested stylesheet for the chart classes, using VS Code theme variables (copy into the webview CSS). */
export const CHART_CSS = `.pw-chart { color: var(--vscode-foreground); }
.pw-axis, .pw-grid { stroke: currentColor; }
.pw-grid { stroke-opacity: 0.15; }
.pw-whisker { stroke: currentColor; }
.pw-point { fill: var(--vscode-charts-blue); }
.pw-box { fill: var(--vscode-charts-blue); fill-opacity: 0.35; stroke: var(--vscode-charts-blue); }
.pw-median { stroke: var(--vscode-charts-orange); }
.pw-route-pr { fill: var(--vscode-charts-green); fill-opacity: 1; }
.pw-route-issue { fill: var(--vscode-charts-blue); fill-opacity: 1; }
.pw-route-skip { fill: var(--vscode-charts-yellow); fill-opacity: 1; }
.pw-route-failed { fill: var(--vscode-charts-red); fill-opacity: 1; }
.pw-route-unparsed { fill: var(--vscode-charts-purple); fill-opacity: 1; }
.pw-small { fill-opacity: 0.5; }
.pw-serving-cold { fill: var(--vscode-charts-orange); }
.pw-serving-warm { fill: var(--vscode-charts-blue); }
.pw-threshold { stroke: var(--vscode-charts-red); stroke-opacity: 0.7; }`;
