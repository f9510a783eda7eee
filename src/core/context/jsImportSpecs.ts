/** JS/TS import specifiers (`jsbase:<path>`): relative module strings after from / import / require(, from text or bytes. */
import { dirOf, IMPORT_SCAN_CHARS, joinPath } from './importPaths';

// A relative module string; the words before it (from / import / require) are checked separately, which is faster.
const JS_REL = /['"](\.{1,2}\/[^'"\n]+)['"]/g;

/** True for the characters of \w. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Whether the characters before e (code(i): the one at i) spell word with a word boundary before it (at from, the window's start, there always is one). */
function wordEndsAt(code: (i: number) => number, from: number, e: number, word: string): boolean {
  const s = e - word.length;
  if (s < from) return false;
  for (let i = 0; i < word.length; i++) if (code(s + i) !== word.charCodeAt(i)) return false;
  return s === from || !isWordChar(code(s - 1));
}

/**
 * Whether a module string at `at` follows `from`, `import` or `require(`: what /(?:\bfrom|\bimport|\brequire[ \t]*\()[ \t(]*$/
 * finds in the 12 characters before it (code(i): the character at i), without cutting them out: spaces, tabs and `(`
 * back from `at`, then the word (`require` only with a `(` among them).
 */
function importBefore(code: (i: number) => number, at: number): boolean {
  const from = Math.max(0, at - 12);
  let e = at;
  let paren = false;
  for (let c = code(e - 1); e > from && (c === 32 || c === 9 || c === 40); c = code(--e - 1)) if (c === 40) paren = true;
  return wordEndsAt(code, from, e, 'from') || wordEndsAt(code, from, e, 'import') || (paren && wordEndsAt(code, from, e, 'require'));
}

/** A module path without a .js, .mjs or .cjs ending (the file it names may be TypeScript). */
function withoutJsEnding(p: string): string {
  if (p.endsWith('.js')) return p.slice(0, -3);
  return p.endsWith('.mjs') || p.endsWith('.cjs') ? p.slice(0, -4) : p;
}

/** The bytes of `jsbase:`. */
const JS_BASE = Buffer.from('jsbase:', 'latin1');
/** A string of ASCII characters only (each one byte, the same in latin1 and UTF-8). */
const ASCII = /^[\0-\x7f]*$/;
/** A character of latin1's upper half: in text read as latin1, a byte of a UTF-8 sequence. */
const HIGH = /[\x80-\xff]/;
/** A character beyond latin1: the text was not read from bytes as latin1. */
const BEYOND_LATIN1 = /[^\0-\xff]/;

/**
 * A specifier cut from text read as latin1, with the bytes of a UTF-8 name decoded as UTF-8 (a file named `é.ts`, an
 * import of `./é`): so it names the repository's path as the listing does. A string not read as latin1 is kept.
 */
function utf8Name(s: string): string {
  return HIGH.test(s) && !BEYOND_LATIN1.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}
/** Where jsSpecsAt writes a specifier before reading it as one string (grown as needed). */
let specBytes = Buffer.allocUnsafe(1024);

/** Above any position jsSpecsAt reads (IMPORT_SCAN_CHARS): leadingUps gives ups * UP + at in one number. */
const UP = 1 << 16;

/**
 * Where a module string's leading `./`, `../` and empty segments end in b[p, e) (at), and how many folders its `../`
 * climb (ups), as ups * UP + at; -1 unless the rest is one or more segments, none of them empty, `.` or `..` (what a
 * plain join can append).
 */
function leadingUps(b: Uint8Array, p: number, e: number): number {
  let ups = 0;
  for (;;) {
    if (b[p] === 0x2f) p++;
    else if (b[p] === 0x2e && b[p + 1] === 0x2f) p += 2;
    else if (b[p] === 0x2e && b[p + 1] === 0x2e && b[p + 2] === 0x2f) {
      ups++;
      p += 3;
    } else break;
  }
  const at = p;
  for (let seg = p; ; p++) {
    if (p === e || b[p] === 0x2f) {
      const len = p - seg;
      if (len === 0 || (b[seg] === 0x2e && (len === 1 || (len === 2 && b[seg + 1] === 0x2e)))) return -1;
      if (p === e) return ups * UP + at;
      seg = p + 1;
    }
  }
}

/** Bytes of a module path's .js, .mjs or .cjs ending in b[at, e) (see withoutJsEnding), else 0. */
function jsEndingBytes(b: Uint8Array, at: number, e: number): number {
  const n = e - at;
  if (n >= 3 && b[e - 3] === 0x2e && b[e - 2] === 0x6a && b[e - 1] === 0x73) return 3;
  return n >= 4 && b[e - 4] === 0x2e && (b[e - 3] === 0x6d || b[e - 3] === 0x63) && b[e - 2] === 0x6a && b[e - 1] === 0x73 ? 4 : 0;
}

/**
 * JS_REL's matches after from / import / require( (see importBefore) in bytes read as latin1, found from the positions
 * where a quote is followed by a dot (every match begins so) without decoding the text: the same specifiers, in the
 * same order. A candidate inside the previous match is none (the regex goes on after a match's closing quote). A
 * specifier that climbs and then names plain segments (nearly all) is written in one piece from the bytes: `jsbase:`,
 * the folder it climbs to, and the rest; any other is joined segment by segment.
 */
export function jsSpecsAt(dir: string, b: Uint8Array, quotes: ArrayLike<number>, out: string[]): void {
  const limit = Math.min(b.length, IMPORT_SCAN_CHARS);
  const code = (i: number) => b[i];
  // The folder a specifier climbs to is a prefix of dir, written as its bytes when ASCII (else the segment-by-segment route).
  const asciiDir = ASCII.test(dir);
  let resume = 0;
  for (let k = 0; k < quotes.length; k++) {
    const q = quotes[k];
    if (q < resume || q >= limit) continue;
    // `\.{1,2}\/` after the quote: `./` or `../`
    const s = q + 2 < limit && b[q + 2] === 0x2f ? q + 3 : q + 3 < limit && b[q + 2] === 0x2e && b[q + 3] === 0x2f ? q + 4 : -1;
    if (s < 0) continue;
    // `[^'"\n]+` then a quote, within the first IMPORT_SCAN_CHARS characters
    let e = s;
    while (e < limit && b[e] !== 0x27 && b[e] !== 0x22 && b[e] !== 0x0a) e++;
    if (e === s || e >= limit || b[e] === 0x0a) continue;
    resume = e + 1;
    if (!importBefore(code, q)) continue;
    const lead = asciiDir ? leadingUps(b, q + 1, e) : -1;
    if (lead >= 0) {
      const at = lead % UP;
      const end = e - jsEndingBytes(b, at, e);
      // dir up to its last `/` once per folder climbed (dirOf, as a length)
      let kept = dir.length;
      for (let u = Math.floor(lead / UP); u > 0 && kept > 0; u--) kept = Math.max(0, dir.lastIndexOf('/', kept - 1));
      const n = 7 + (kept ? kept + 1 : 0) + end - at;
      if (specBytes.length < n) specBytes = Buffer.allocUnsafe(2 * n);
      JS_BASE.copy(specBytes, 0);
      let j = 7;
      for (let i = 0; i < kept; i++) specBytes[j++] = dir.charCodeAt(i);
      if (kept) specBytes[j++] = 0x2f;
      for (let i = at; i < end; i++) specBytes[j++] = b[i];
      // The file's bytes are UTF-8 (a name that is not decodes to U+FFFD, as the listing can hold no such name).
      out.push(specBytes.toString('utf8', 0, n));
    } else {
      out.push(`jsbase:${withoutJsEnding(joinPath(dir, Buffer.from(b.buffer, b.byteOffset + q + 1, e - q - 1).toString('utf8')))}`);
    }
  }
}

/** JS_REL's matches after from / import / require( in text read as latin1 (see importBefore), names decoded as UTF-8. */
export function jsSpecsIn(path: string, hay: string, out: string[]): void {
  const dir = dirOf(path);
  JS_REL.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = JS_REL.exec(hay)) !== null) {
    if (!importBefore((i) => hay.charCodeAt(i), m.index)) continue;
    out.push(`jsbase:${withoutJsEnding(joinPath(dir, utf8Name(m[1])))}`);
  }
}
