/**
 * o200k_base's pre-tokenizer for ASCII text, written out: one pass over char codes that cuts text into the pieces
 * gpt-tokenizer's split regex (O200K_TOKEN_SPLIT_PATTERN) gives, without the regex's match arrays. The pattern:
 *
 *   [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(contraction)?   a word, mixed case
 *   | [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(contraction)?  a word, capitals
 *   | \p{N}{1,3} | ?[^\s\p{L}\p{N}]+[\r\n/]* | \s*[\r\n]+ | \s+(?!\S) | \s+
 *
 * with contraction = '(s|d|m|t|ll|ve|re), either case. Every position starts a piece (the pieces tile the text), and a
 * piece at a position depends only on the text from there on: where a piece needs a character beyond ASCII to decide,
 * the regex itself finds that one piece, and the pass goes on from its end.
 */
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';

const UPPER = 1;
const LOWER = 2;
const DIGIT = 3;
/** \r and \n. */
const NEWLINE = 4;
/** \t, \v and \f: whitespace that may lead a word. */
const BLANK = 5;
const SPACE = 6;
/** Punctuation and control characters: [^\s\p{L}\p{N}] in ASCII (' and / among them). */
const OTHER = 7;
const END = 0;
const WIDE = 8;

const KIND = new Uint8Array(128).map((_, c) =>
  c >= 65 && c <= 90 ? UPPER
  : c >= 97 && c <= 122 ? LOWER
  : c >= 48 && c <= 57 ? DIGIT
  : c === 10 || c === 13 ? NEWLINE
  : c === 9 || c === 11 || c === 12 ? BLANK
  : c === 32 ? SPACE
  : OTHER);

/** The kind of the character at i: END past the text, WIDE beyond ASCII. */
function kindAt(text: string, i: number): number {
  if (i >= text.length) return END;
  const c = text.charCodeAt(i);
  return c < 128 ? KIND[c] : WIDE;
}

/** Length of the contraction ('s 'd 'm 't 'll 've 're, either case) whose apostrophe is at i, or 0. */
function contraction(text: string, i: number): number {
  if (text.charCodeAt(i) !== 39) return 0;
  const a = text.charCodeAt(i + 1) | 0x20;
  if (a === 115 || a === 100 || a === 109 || a === 116) return 2; // s d m t
  const b = text.charCodeAt(i + 2) | 0x20;
  return (a === 108 && b === 108) || ((a === 118 || a === 114) && b === 101) ? 3 : 0; // ll ve re
}

/** End of the word whose letters start at s (capitals, then small letters, then a contraction), or -1. */
function wordEnd(text: string, s: number): number {
  let e = s;
  while (kindAt(text, e) === UPPER) e++;
  while (kindAt(text, e) === LOWER) e++;
  if (kindAt(text, e) === WIDE) return -1; // a letter or a mark beyond ASCII would extend the word
  return e + contraction(text, e);
}

/** End of ` ?[^\s\p{L}\p{N}]+[\r\n/]*` whose punctuation starts at s, or -1. */
function punctEnd(text: string, s: number): number {
  let e = s + 1;
  let k = kindAt(text, e);
  while (k === OTHER) k = kindAt(text, ++e);
  if (k === WIDE) return -1;
  for (let c = text.charCodeAt(e); c === 10 || c === 13 || c === 47; c = text.charCodeAt(++e));
  return e;
}

/** End of the whitespace piece starting at p (no word or punctuation follows its first character), or -1. */
function spaceEnd(text: string, p: number): number {
  let e = p;
  let lastNewline = -1;
  let k = kindAt(text, e);
  for (; k === NEWLINE || k === BLANK || k === SPACE; k = kindAt(text, ++e)) if (k === NEWLINE) lastNewline = e;
  if (k === WIDE) return -1; // more whitespace, or a letter the last space would lead
  if (lastNewline >= 0) return lastNewline + 1; // \s*[\r\n]+
  if (k === END) return e; // \s+(?!\S) at the end of the text
  return e - p >= 2 ? e - 1 : e; // \s+(?!\S) leaves the last space to what follows; \s+ takes a lone one
}

/**
 * End of the o200k piece that starts at p (p < text.length), or -1 when deciding it takes a character beyond ASCII.
 * The pieces are those of gpt-tokenizer's split regex, in order, when p is where the previous piece ended.
 */
export function asciiPieceEnd(text: string, p: number): number {
  const k = kindAt(text, p);
  if (k === UPPER || k === LOWER) return wordEnd(text, p);
  if (k === DIGIT) {
    let e = p + 1;
    for (let d = kindAt(text, e); e < p + 3 && d === DIGIT; d = kindAt(text, ++e));
    return e < p + 3 && kindAt(text, e) === WIDE ? -1 : e; // a digit beyond ASCII would join the group
  }
  if (k === WIDE) return -1;
  if (k !== NEWLINE) {
    const next = kindAt(text, p + 1);
    if (next === UPPER || next === LOWER) return wordEnd(text, p + 1); // one leading character, not \r or \n
    if (next === WIDE) return -1;
    if (k === OTHER) return punctEnd(text, p);
    if (k === SPACE && next === OTHER) return punctEnd(text, p + 1);
  }
  return spaceEnd(text, p);
}

// The regex itself, for pieces that need characters beyond ASCII: a copy, sticky, so that its lastIndex is ours alone
// (gpt-tokenizer's matchAll starts from the shared regex's lastIndex).
const SPLIT = new RegExp(O200K_TOKEN_SPLIT_REGEX.source, 'uy');

/** End of the o200k piece that starts at p (p < text.length, where the previous piece ended), for any text. */
export function pieceEnd(text: string, p: number): number {
  const e = asciiPieceEnd(text, p);
  if (e >= 0) return e;
  SPLIT.lastIndex = p;
  const m = SPLIT.exec(text);
  if (!m) throw new Error(`o200k's split regex found no piece at ${p}`); // each character starts one
  return p + m[0].length;
}
