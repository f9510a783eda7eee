/**
 * Outside text (from a provider, a paper, a repository or a model) stays text wherever it is shown: bidi controls
 * become visible marks, markdown links and command URIs lose their syntax before VS Code's own UI sees them, and
 * matching (blind masking) runs on a normalized skeleton so zero-width characters and look-alike letters do not
 * hide a name. Pure, no DOM and no Node built-ins: the extension host and the webview both use it.
 */
import { isHighSurrogate } from './surrogates';

/** Bidi embedding/override/isolate controls and marks (U+202A–202E, U+2066–2069, U+200E/200F, U+061C). */
export const BIDI_CONTROLS = /[\u202A-\u202E\u2066-\u2069\u200E\u200F\u061C]/g;
/** Characters that render as nothing and can split a word without showing (zero-width, joiners, soft hyphen...). */
// eslint-disable-next-line no-misleading-character-class -- U+034F is listed on purpose: it renders as nothing
const INVISIBLE = /[\u00AD\u034F\u180E\u200B-\u200D\u2060-\u2064\uFEFF]/;

/** Replaces each bidi control with a visible mark such as `⟦U+202E⟧`, so nothing is silently reordered. */
export function revealBidi(text: string): string {
  return text.replace(BIDI_CONTROLS, (c) => `⟦U+${c.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}⟧`);
}

/** Whether the text carries a bidi control. */
export function hasBidiControl(text: string): boolean { BIDI_CONTROLS.lastIndex = 0; const r = BIDI_CONTROLS.test(text); BIDI_CONTROLS.lastIndex = 0; return r; }

/** Markdown link `[label](target)` (VS Code notifications turn these into live links, `command:` included). */
const MD_LINK = /\]\s*\(/g;
/** A URI scheme VS Code acts on inside the editor itself. */
const ACTIVE_SCHEME = /\b(command|vscode|vscode-insiders|vscode-file|vscode-webview):(?=\S)/gi;
/** Codicon syntax `$(name)` rendered by quick picks and the status bar. */
const CODICON = /\$\(/g;

/**
 * Makes an outside string safe to show in VS Code's own UI (notifications, quick picks, status bar, titles,
 * progress): `[x](y)` keeps its words but loses its link syntax, `command:`/`vscode:` URIs are broken
 * (`command: x`), `$(icon)` is shown literally, and bidi controls become visible marks. Idempotent.
 */
export function plainUiText(text: string): string {
  return revealBidi(text)
    .replace(MD_LINK, '] (')
    .replace(ACTIVE_SCHEME, (_m, scheme: string) => `${scheme}: `)
    .replace(CODICON, '$\u2009(');
}

/** A few look-alike letters folded to the Latin letter they imitate (Cyrillic and Greek capitals and lowercase). */
const CONFUSABLES: Readonly<Record<string, string>> = {
  // Cyrillic
  'А': 'A', 'В': 'B', 'С': 'C', 'Е': 'E', 'Н': 'H', 'І': 'I', 'Ј': 'J', 'К': 'K', 'М': 'M', 'О': 'O', 'Р': 'P', 'Ѕ': 'S', 'Т': 'T',
  'Х': 'X', 'У': 'Y', 'Ԁ': 'D', 'Ԛ': 'Q', 'Ԝ': 'W', 'Ү': 'Y', 'Ӏ': 'I',
  'а': 'a', 'с': 'c', 'е': 'e', 'і': 'i', 'ј': 'j', 'о': 'o', 'р': 'p', 'ѕ': 's', 'х': 'x', 'у': 'y', 'һ': 'h', 'ԁ': 'd', 'ԛ': 'q',
  'ԝ': 'w', 'ү': 'y', 'ӏ': 'l', 'ɡ': 'g',
  // Greek
  'Α': 'A', 'Β': 'B', 'Ε': 'E', 'Ζ': 'Z', 'Η': 'H', 'Ι': 'I', 'Κ': 'K', 'Μ': 'M', 'Ν': 'N', 'Ο': 'O', 'Ρ': 'P', 'Τ': 'T', 'Υ': 'Y', 'Χ': 'X',
  'ο': 'o', 'ν': 'v', 'ι': 'i', 'κ': 'k', 'τ': 't', 'υ': 'u', 'ρ': 'p', 'α': 'a',
  // Latin look-alikes NFKC leaves alone
  'ı': 'i', 'ȷ': 'j', 'ꓲ': 'I', 'ǀ': 'l',
};

/** A normalized view of a text, with a map from each of its UTF-16 units back to the original span it came from. */
export interface Skeleton { text: string; start(i: number): number; end(i: number): number }

/** A run of the skeleton: copied as is from the original (`same`), or one folded character. */
interface Run { at: number; from: number; len: number; to: number; same: boolean }

/**
 * The text as a matcher should see it: NFKC per character (full-width, ligatures, mathematical letters), invisible
 * and bidi characters removed, look-alike letters folded to Latin. `start`/`end` map every unit back to the original
 * so a match can be replaced in place. Returns null when no character changes (most text: the fast path).
 */
export function matchSkeleton(text: string): Skeleton | null {
  const parts: string[] = [];
  const runs: Run[] = [];
  let last = 0, at = 0;
  const copy = (upTo: number) => {
    if (upTo <= last) return;
    runs.push({ at, from: last, len: upTo - last, to: upTo, same: true });
    parts.push(text.slice(last, upTo));
    at += upTo - last;
  };
  NON_ASCII.lastIndex = 0;
  for (let m = NON_ASCII.exec(text); m; m = NON_ASCII.exec(text)) {
    const hi = m[0].charCodeAt(0);
    const pair = isHighSurrogate(hi) && m.index + 1 < text.length && (text.charCodeAt(m.index + 1) & 0xfc00) === 0xdc00;
    const ch = pair ? text.slice(m.index, m.index + 2) : m[0];
    if (pair) NON_ASCII.lastIndex = m.index + 2;
    const piece = foldChar(ch);
    if (piece === ch) continue;
    copy(m.index);
    if (piece.length) { runs.push({ at, from: m.index, len: piece.length, to: m.index + ch.length, same: false }); parts.push(piece); at += piece.length; }
    last = m.index + ch.length;
  }
  NON_ASCII.lastIndex = 0;
  if (last === 0 && runs.length === 0) return null;
  copy(text.length);
  const find = (i: number): Run => {
    let lo = 0, hi = runs.length - 1;
    while (lo < hi) { const mid = (lo + hi + 1) >> 1; if (runs[mid].at <= i) lo = mid; else hi = mid - 1; }
    return runs[lo];
  };
  return {
    text: parts.join(''),
    start: (i) => { const r = find(i); return r.same ? r.from + (i - r.at) : r.from; },
    end: (i) => { const r = find(i); return r.same ? r.from + (i - r.at) + 1 : r.to; },
  };
}

const foldCache = new Map<string, string>();
/** One character (code point) as the matcher sees it. */
function foldChar(ch: string): string {
  let piece = foldCache.get(ch);
  if (piece === undefined) {
    BIDI_CONTROLS.lastIndex = 0;
    piece = INVISIBLE.test(ch) || BIDI_CONTROLS.test(ch) ? '' : [...ch.normalize('NFKC')].map((c) => CONFUSABLES[c] ?? c).join('');
    BIDI_CONTROLS.lastIndex = 0;
    if (foldCache.size < 4096) foldCache.set(ch, piece);
  }
  return piece;
}

/** One UTF-16 unit outside ASCII (no `u` flag: much faster on long ASCII runs; surrogate pairs are joined by hand). */
const NON_ASCII = /[\u0080-\uffff]/g;
/** Normalized text for comparing names (what `matchSkeleton` produces, or the text itself when ASCII). */
export function foldForMatch(text: string): string { return matchSkeleton(text)?.text ?? text; }

/**
 * Replaces every match of `re` (global) in `text`, matching on the normalized skeleton and replacing the original
 * span it came from. `replace` returns the replacement, or null to keep the original. Returns the text and count.
 */
export function replaceNormalized(text: string, re: RegExp, replace: (match: string, group: string | undefined) => string | null): { text: string; count: number } {
  const sk = matchSkeleton(text);
  let count = 0;
  if (!sk) {
    const out = text.replace(re, (m: string, g: unknown) => {
      const r = replace(m, typeof g === 'string' ? g : undefined);
      if (r === null) return m;
      count++;
      return r;
    });
    return { text: out, count };
  }
  const parts: string[] = [];
  let last = 0;
  re.lastIndex = 0;
  for (let m = re.exec(sk.text); m; m = re.exec(sk.text)) {
    if (m[0].length === 0) { re.lastIndex++; continue; }
    const r = replace(m[0], typeof m[1] === 'string' ? m[1] : undefined);
    if (r === null) continue;
    const from = sk.start(m.index), to = sk.end(m.index + m[0].length - 1);
    if (from < last) continue;
    parts.push(text.slice(last, from), r);
    last = to;
    count++;
  }
  re.lastIndex = 0;
  parts.push(text.slice(last));
  return { text: parts.join(''), count };
}
