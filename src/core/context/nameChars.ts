/**
 * The characters a repository-controlled name must not carry into the prompt, the manifest or a terminal: the name
 * rules refuse them (gitDirGuard.ts) and the Markdown manifest shows them escaped (manifest.ts). Regex class bodies.
 */

/** C0 and C1 controls, DEL, U+2028 and U+2029: they break or forge lines (CR, LF, NEL) or drive a terminal (ESC, CSI). */
export const LINE_BREAKING_CHARS = '\\0-\\x1f\\x7f-\\x9f\\u2028\\u2029';

/** Bidi embeddings, overrides and isolates: shown, they reorder what a person reads of a name (src/\u202eyp.exe). */
export const BIDI_CHARS = '\\u202a-\\u202e\\u2066-\\u2069';

/**
 * Zero-width spaces, joiners and marks, word joiner and invisible operators, BOM: allowed in a name (they reorder
 * nothing), but invisible, so `src/auth\u200b.py` would read as `src/auth.py` where names are shown.
 */
export const ZERO_WIDTH_CHARS = '\u200b-\u200f\u2060-\u2064\ufeff';

const UNSAFE = new RegExp(`[${LINE_BREAKING_CHARS}${BIDI_CHARS}${ZERO_WIDTH_CHARS}]`, 'g');

/**
 * s with each of those characters (and the zero-width ones) shown as `\uXXXX`: printed or logged, it adds no line,
 * drives no terminal, reorders nothing and hides nothing.
 */
export function escapeNameChars(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
