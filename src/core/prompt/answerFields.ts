/** Normalizes one answer section (route, title, patch, prose) from a model's loosely formatted text. */
import { trimEndChars, trimStartChars } from '../text/trimChars';
import type { Route } from './types';

// Matched against a trimmed line: `\s*` on both sides of an untrimmed one backtracked quadratically over a long
// run of spaces (a draft line of 80,000 spaces after ``` took 22 s on the extension host's thread).
const FENCE_TRIMMED = /^(`{3,}|~{3,})\s*([\w+-]*)$/;

/** A fence line's match (group 2 = its language), or null: ``` or ~~~ with an optional language, spaces around. */
function fenceLine(line: string): RegExpExecArray | null {
  return FENCE_TRIMMED.exec(line.trim());
}

/** Normalizes line endings to LF. */
export function toLf(text: string): string {
  return text.indexOf('\r') < 0 ? text : text.replace(/\r\n?/g, '\n');
}

function isFence(line: string): boolean {
  return fenceLine(line) !== null;
}

/** Trims a section and removes fence lines left over from a fence wrapping the whole answer or the section. */
export function cleanSection(content: string, unwrapLangs: readonly string[] | 'any'): string {
  let lines = toLf(content).split('\n');
  while (lines.length && lines[0].trim() === '') lines.shift();
  while (lines.length && lines[lines.length - 1].trim() === '') lines.pop();
  if (lines.length === 0) return '';
  const fenceCount = lines.reduce((n, l) => n + (isFence(l) ? 1 : 0), 0);
  const first = fenceLine(lines[0]);
  const lastIsFence = lines.length > 1 && isFence(lines[lines.length - 1]);
  if (fenceCount % 2 === 1) {
    // Unbalanced: a stray closer from a fence around everything, or a stray opener.
    if (lastIsFence && !first) lines = lines.slice(0, -1);
    else if (first) lines = lines.slice(1);
  } else if (first && lastIsFence && fenceCount === 2) {
    const lang = first[2].toLowerCase();
    if (unwrapLangs === 'any' || unwrapLangs.includes(lang)) lines = lines.slice(1, -1);
  }
  return lines.join('\n').trim();
}

/** Strips markdown emphasis, quotes and a leading label from a one-line value. */
export function plainLine(text: string): string {
  const line = toLf(text).split('\n').find((l) => l.trim() !== '' && !isFence(l)) ?? '';
  let out = line.replace(/^[\s#>-]+/, '').trim();
  out = unwrap(out).replace(/^(title|route|decision|paper|pick)\s*:\s*/i, '');
  out = unwrap(out);
  // Leftover emphasis or an unmatched quote at either end; a backtick only when it has no partner.
  out = trimEndChars(trimStartChars(out, '*_"\''), '*_"\'');
  if ((out.match(/`/g) ?? []).length % 2 === 1) out = out.replace(/^`|`$/, '');
  return out.trim();
}

/** Removes wrappers that enclose the whole text (`**x**`, `_x_`, `` `x` ``, `"x"`), innermost last. */
function unwrap(text: string): string {
  let t = text.trim();
  for (let m = /^(\*\*|__|\*|_|`|"|')(.+)\1$/.exec(t); m && !m[2].includes(m[1]); m = /^(\*\*|__|\*|_|`|"|')(.+)\1$/.exec(t)) t = m[2].trim();
  return t;
}

const PR = /^(pr|pull[\s_-]*request|patch|code[\s_-]*change|merge[\s_-]*request|mr)\b/;
const ISSUE = /^(issue|github[\s_-]*issue|bug[\s_-]*report|ticket|feature[\s_-]*request|open[\s_-]*(an[\s_-]*)?issue)\b/;
const SKIP = /^(skip|skipped|none|no[\s_-]*(action|op|change|pr|issue)|nothing|pass|n\/a|decline|neither|abstain|not[\s_-]*applicable)\b/;

function classify(word: string): Route | null {
  if (PR.test(word)) return 'pr';
  if (ISSUE.test(word)) return 'issue';
  if (SKIP.test(word)) return 'skip';
  return null;
}

/** Reads a route value (PR / ISSUE / SKIP and synonyms); null when absent or ambiguous. */
export function parseRoute(content: string, warnings: string[]): Route | null {
  const line = trimEndChars(plainLine(content).toLowerCase(), '.!:;,').trim();
  if (!line) return null;
  if (/\|/.test(line) && new Set(line.split('|').map((p) => classify(p.trim())).filter(Boolean)).size > 1) {
    warnings.push(`route is ambiguous: "${line.slice(0, 60)}"`);
    return null;
  }
  const direct = classify(line);
  if (direct) return direct;
  const found = new Set<Route>();
  for (const w of line.split(/[^a-z/_-]+/)) {
    const c = w ? classify(w) : null;
    if (c) found.add(c);
  }
  if (found.size === 1) {
    const [route] = found;
    warnings.push(`route read from prose: "${line.slice(0, 60)}"`);
    return route;
  }
  warnings.push(`route not understood: "${line.slice(0, 60)}"`);
  return null;
}

const NO_PATCH = /^(none|n\/a|no patch|no diff|-+|\(none\)|empty|not applicable)\.?$/i;
const DIFF_START = /^(diff --git |--- |Index: |\+\+\+ )/;

/** Extracts a unified diff from a patch section (fenced or bare); undefined when there is none. */
export function extractPatch(content: string, warnings: string[]): string | undefined {
  const lines = toLf(content).split('\n');
  let body: string[] | null = null;
  // Prefer the first ```diff / ```patch fence anywhere in the section.
  for (let i = 0; i < lines.length && body === null; i++) {
    const f = fenceLine(lines[i]);
    if (f && /^(diff|patch|udiff)$/i.test(f[2])) {
      const end = lines.findIndex((l, j) => j > i && isFence(l));
      body = lines.slice(i + 1, end < 0 ? lines.length : end);
    }
  }
  if (body === null) body = cleanSection(lines.join('\n'), 'any').split('\n');
  const firstDiff = body.findIndex((l) => DIFF_START.test(l));
  if (firstDiff > 0) {
    warnings.push('text before the patch was dropped');
    body = body.slice(firstDiff);
  }
  let text = body.join('\n').replace(/^\n+/, '').trimEnd();
  if (!text || NO_PATCH.test(text.trim())) return undefined;
  if (firstDiff < 0 && !/^@@ /m.test(text)) warnings.push('patch does not look like a unified diff');
  text += '\n';
  return text;
}
