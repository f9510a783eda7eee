/**
 * The characters a repository-controlled name must not carry into the prompt, the manifest or a terminal: the name
 * rules refuse them (gitDirGuard.ts) and the Markdown manifest shows them escaped (manifest.ts). Regex class bodies.
 */

/** C0 and C1 controls, DEL, U+2028 and U+2029: they break or forge lines (CR, LF, NEL) or drive a terminal (ESC, CSI). */
export const LINE_BREAKING_CHARS = '\\0-\\x1f\\x7f-\\x9f\\u2028\\u2029';

/** Bidi embeddings, overrides and isolates: shown, they reorder what a person reads of a name (src/\u202eyp.exe). */
export const BIDI_CHARS = '\\u202a-\\u202e\\u2066-\\u2069';

const UNSAFE = new RegExp(`[${LINE_BREAKING_CHARS}${BIDI_CHARS}]`, 'g');

/** s with each of those characters shown as `\uXXXX`: printed or logged, it adds no line, drives no terminal, reorders nothing. */
export function escapeNameChars(s: string): string {
  return s.replace(UNSAFE, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
}
