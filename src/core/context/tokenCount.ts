/**
 * Token counting, exactly as gpt-tokenizer's o200k encoding counts (special-token strings such as "<|endoftext|>" count
 * as plain text): the text split into the split regex's pieces by o200kSplit's one pass, each piece's byte-pair merge
 * counted on o200kTable's typed arrays once per process and then from a cache (early exit for limit checks).
 */
import { isHighSurrogate } from '../../shared/surrogates';
import { o200kRanks } from './o200kRanks';
import { pieceEnd } from './o200kSplit';
import { RankTable } from './o200kTable';

let ranks: RankTable | undefined;

/** o200k_base's ranks by their bytes, built on the first count (the table's strings are then garbage). */
function table(): RankTable {
  return (ranks ??= RankTable.from(o200kRanks()));
}

let utf8 = new Uint8Array(1024);
const encoder = new TextEncoder();

/**
 * The most bytes of one piece merged at once. cutLongRuns leaves pieces of at most LONG_RUN_CHARS characters and a
 * leading one (800 bytes beyond ASCII); only a punctuation run's tail of alternating line breaks and slashes
 * (` ?[^\s\p{L}\p{N}]+[\r\n/]*`) runs on further. The table's merge takes n log n time for it (gpt-tokenizer: n
 * squared, 1.1 s for 64,000 characters) but 40 bytes of work arrays per byte: a longer piece (a 20 MB paper of `\n/`
 * would need 800 MB) is merged in parts of this many bytes, and its count may then differ from gpt-tokenizer's by a
 * token or two per part.
 */
const MAX_MERGE_BYTES = 65_536;

/** Tokens of the piece text[p, e) of the split regex: its UTF-8 bytes merged (in MAX_MERGE_BYTES parts past that). */
function mergeCount(text: string, p: number, e: number): number {
  if (utf8.length < 3 * (e - p)) utf8 = new Uint8Array(6 * (e - p));
  let n = 0;
  for (let i = p; i < e; i++) {
    const c = text.charCodeAt(i);
    if (c >= 128) {
      n = encoder.encodeInto(text.slice(p, e), utf8).written;
      break;
    }
    utf8[n++] = c;
  }
  if (n <= MAX_MERGE_BYTES) return table().count(utf8, 0, n);
  let tokens = 0;
  for (let at = 0; at < n; at += MAX_MERGE_BYTES) tokens += table().count(utf8, at, Math.min(n, at + MAX_MERGE_BYTES));
  return tokens;
}

/**
 * Runs of letters, of punctuation or of whitespace longer than this are counted in pieces of this length. A run is
 * one piece for the byte-pair merge, which takes time in the square of its length (gpt-tokenizer: 64,000 x's took
 * 1.2 s; a paper or file of 2,000,000 took many minutes, the thread blocked). No text of words meets this length.
 */
export const LONG_RUN_CHARS = 200;

/** A code point's runs: letters or marks ([\p{L}\p{M}]), punctuation ([^\s\p{L}\p{N}], marks too), whitespace (\s). */
const IN_WORD = 1;
const IN_PUNCT = 2;
const IN_SPACE = 4;
const WORD_CHAR = /[\p{L}\p{M}]/u;
const PUNCT_CHAR = /[^\s\p{L}\p{N}]/u;
const SPACE_CHAR = /\s/u;
/** The runs of each code point (bit 3 set once known; 1.1 MB, filled as code points are met). */
let knownRuns: Uint8Array | undefined;

/** The runs (IN_WORD, IN_PUNCT, IN_SPACE) a code point belongs to. */
function runsOf(cp: number): number {
  const known = (knownRuns ??= new Uint8Array(0x110000));
  const r = known[cp];
  if (r !== 0) return r & 7;
  const ch = String.fromCodePoint(cp);
  const runs = (WORD_CHAR.test(ch) ? IN_WORD : 0) | (PUNCT_CHAR.test(ch) ? IN_PUNCT : 0) | (SPACE_CHAR.test(ch) ? IN_SPACE : 0);
  known[cp] = runs | 8;
  return runs;
}

/**
 * The matches of /[\p{L}\p{M}]{N,}|[^\s\p{L}\p{N}]{N,}|\s{N,}/gu (N = LONG_RUN_CHARS) in s, [start, end) in UTF-16
 * offsets, in one pass over its code points: the regex tried each alternative at each position, up to N - 1 characters
 * each (a text of 199-letter words between digits: 2.5 s per MB). At each position from the left, the first
 * alternative whose run from there holds N code points matches the whole run, and the search goes on after it; where
 * each kind's run from a position ends is found once for all the positions in that run.
 */
function forEachLongRun(s: string, visit: (start: number, end: number) => void): void {
  // Per kind (word, punctuation, space): where the run through the positions asked about ends, in UTF-16 offsets and
  // in code points (valid while the position is before it).
  const ends = [0, 0, 0];
  const endCps = [0, 0, 0];
  let p = 0;
  let cps = 0;
  while (p < s.length) {
    let kind = -1;
    for (let k = 0; k < 3 && kind < 0; k++) {
      if (p >= ends[k]) {
        let q = p;
        let n = cps;
        while (q < s.length) {
          const cp = s.codePointAt(q) as number;
          if (!(runsOf(cp) & (1 << k))) break;
          q += cp > 0xffff ? 2 : 1;
          n++;
        }
        ends[k] = q;
        endCps[k] = n;
      }
      if (endCps[k] - cps >= LONG_RUN_CHARS) kind = k;
    }
    if (kind >= 0) {
      visit(p, ends[kind]);
      cps = endCps[kind];
      p = ends[kind];
    } else {
      p += (s.codePointAt(p) as number) > 0xffff ? 2 : 1;
      cps++;
    }
  }
}

/** The matches of forEachLongRun, as [start, end) pairs. */
export function longRuns(s: string): [number, number][] {
  const out: [number, number][] = [];
  forEachLongRun(s, (start, end) => out.push([start, end]));
  return out;
}

/** ASCII characters by the run they belong to: 1 letters, 2 punctuation, 3 whitespace, 0 digits (in no run). */
const ASCII_RUN = new Uint8Array(128).map((_, c) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : c >= 48 && c <= 57 ? 0 : c === 32 || (c >= 9 && c <= 13) ? 3 : 2);

/** The text cut so that no long run is one piece (long runs in LONG_RUN_CHARS pieces), or null when it has none. */
export function cutLongRuns(text: string): string[] | null {
  if (text.length < LONG_RUN_CHARS) return null;
  const parts: string[] = [];
  let from = 0;
  forEachLongRun(text, (start, end) => {
    let at = Math.max(start, from);
    // The run's first piece joins the text before it (a one-character prefix pairs with a word, as it would).
    while (end - at > LONG_RUN_CHARS) {
      let cut = at + LONG_RUN_CHARS;
      if (isHighSurrogate(text.charCodeAt(cut - 1))) cut++;
      parts.push(text.slice(from, cut));
      from = at = cut;
    }
  });
  if (parts.length === 0) return null;
  parts.push(text.slice(from));
  return parts;
}

/**
 * Whether text may hold a long run: one of LONG_RUN_CHARS characters holds an aligned block of half that length whose
 * ASCII characters are all of one run's kind, so text without such a block has none (checking a block mostly stops
 * after a few characters, where cutLongRuns looks at each).
 */
function mayHoldLongRun(text: string): boolean {
  const block = LONG_RUN_CHARS / 2;
  for (let b = 0; b + block <= text.length; b += block) {
    let kind = -1;
    let i = b;
    for (; i < b + block; i++) {
      const c = text.charCodeAt(i);
      if (c >= 128) continue;
      const k = ASCII_RUN[c];
      if (k === 0 || (kind >= 0 && k !== kind)) break;
      kind = k;
    }
    if (i === b + block) return true;
  }
  return false;
}

/** Pieces longer than this are counted afresh each time (the cache holds the short ones that recur). */
const CACHED_PIECE_CHARS = 128;
/** Slots of the piece cache (a power of two); it holds at most half as many pieces and starts over when full. */
const SLOTS = 1 << 16;
const slotKeys = new Array<string | undefined>(SLOTS).fill(undefined);
const slotHashes = new Int32Array(SLOTS);
const slotCounts = new Int32Array(SLOTS);
let cachedPieces = 0;

/**
 * A copy of text[p, e) that holds no reference to text. V8 cuts a substring of 13 characters or more as a view of its
 * whole string: kept in the cache, one such piece would keep the whole prompt or file it came from alive.
 */
function copyOf(text: string, p: number, e: number): string {
  return Buffer.from(text.slice(p, e), 'utf16le').toString('utf16le');
}

/**
 * Tokens of the piece text[p, e) of the split regex (its count alone is its count within any text), from a
 * per-process cache looked up without cutting the piece out (FNV-1a hash, open addressing).
 */
function countPiece(text: string, p: number, e: number): number {
  if (e - p > CACHED_PIECE_CHARS) return mergeCount(text, p, e);
  let h = 0x811c9dc5 | 0;
  for (let i = p; i < e; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  let slot = h & (SLOTS - 1);
  for (let key = slotKeys[slot]; key !== undefined; key = slotKeys[slot]) {
    if (slotHashes[slot] === h && key.length === e - p && text.startsWith(key, p)) return slotCounts[slot];
    slot = (slot + 1) & (SLOTS - 1);
  }
  const piece = copyOf(text, p, e);
  const n = mergeCount(text, p, e);
  if (cachedPieces >= SLOTS / 2) {
    slotKeys.fill(undefined);
    cachedPieces = 0;
    slot = h & (SLOTS - 1);
  }
  slotKeys[slot] = piece;
  slotHashes[slot] = h;
  slotCounts[slot] = n;
  cachedPieces++;
  return n;
}

/**
 * Tokens of text as gpt-tokenizer counts it (the sum of its pieces' counts), or a number over limit once the count
 * passes it. o200kSplit cuts the pieces; each is merged once per process, then counted from the cache.
 */
function countWhole(text: string, limit: number): number {
  let n = 0;
  for (let p = 0; p < text.length && n <= limit; ) {
    const e = pieceEnd(text, p);
    n += e - p === 1 && text.charCodeAt(p) < 128 ? 1 : countPiece(text, p, e); // each ASCII character is a token
    p = e;
  }
  return n;
}

/** Tokens of text, or a number over limit once the count passes it (long runs counted in pieces). */
function countUpTo(text: string, limit: number): number {
  let n = 0;
  for (const p of (mayHoldLongRun(text) && cutLongRuns(text)) || [text]) {
    n += countWhole(p, limit - n);
    if (n > limit) break;
  }
  return n;
}

/** Counts tokens of text (o200k_base), special-token strings counted as plain text (long runs in pieces). */
export function countTokens(text: string): number {
  return text.length === 0 ? 0 : countUpTo(text, Infinity);
}

/** Returns the token count when text fits within limit, else null (the count stops once past the limit). */
export function tokensWithin(text: string, limit: number): number | null {
  if (limit <= 0) return text.length === 0 ? 0 : null;
  const n = countUpTo(text, limit);
  return n <= limit ? n : null;
}
