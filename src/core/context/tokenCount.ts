/** Token counting with gpt-tokenizer's o200k encoding (fast count, early-exit limit checks). */
import { GptEncoding } from 'gpt-tokenizer/GptEncoding';
import { isHighSurrogate } from '../../shared/surrogates';
import { o200kRanks } from './o200kRanks';

let encoding: GptEncoding | undefined;

/** The o200k_base encoding, built on the first count (as gpt-tokenizer's own o200k_base module builds it). */
function o200k(): GptEncoding {
  return (encoding ??= GptEncoding.getEncodingApi('o200k_base', o200kRanks));
}

// Repository text may contain strings like "<|endoftext|>": count them as plain text. By default gpt-tokenizer
// throws on them (and scans every input for them first).
const PLAIN_TEXT = { disallowedSpecial: new Set<string>() };

/**
 * Runs of letters, of punctuation or of whitespace longer than this are counted in pieces of this length. A run is
 * one piece for the byte-pair merge, which takes time in the square of its length (gpt-tokenizer: 64,000 x's took
 * 1.2 s; a paper or file of 2,000,000 took many minutes, the thread blocked). No text of words meets this length.
 */
export const LONG_RUN_CHARS = 200;

const LONG_RUN = new RegExp(`[\\p{L}\\p{M}]{${LONG_RUN_CHARS},}|[^\\s\\p{L}\\p{N}]{${LONG_RUN_CHARS},}|\\s{${LONG_RUN_CHARS},}`, 'gu');

/** ASCII characters by the run they belong to: 1 letters, 2 punctuation, 3 whitespace, 0 digits (in no run). */
const ASCII_RUN = new Uint8Array(128).map((_, c) =>
  (c >= 65 && c <= 90) || (c >= 97 && c <= 122) ? 1 : c >= 48 && c <= 57 ? 0 : c === 32 || (c >= 9 && c <= 13) ? 3 : 2);

/**
 * The next stretch from `from` on that may hold a long run, [start, end), or null: one pass over the characters, far
 * cheaper than LONG_RUN's. A character beyond ASCII may be a letter, a mark, punctuation or a space: it extends the
 * run it is in, and a run that starts after some counts them too, so every run LONG_RUN would find lies in a stretch
 * (LONG_RUN then looks there only).
 */
function nextStretch(text: string, from: number): [number, number] | null {
  let run = 0;
  let kind = -1;
  let wild = 0;
  let start = -1;
  for (let i = from; i < text.length; i++) {
    const c = text.charCodeAt(i);
    const before = run;
    if (c >= 128) {
      wild++;
      run++;
    } else {
      const k = ASCII_RUN[c];
      if (k === 0) run = 0; // a digit is in no run
      else if (k === kind) run++;
      else run = wild + 1;
      kind = k;
      wild = 0;
    }
    if (start >= 0 && run !== before + 1) return [start, i]; // the stretch ended before this character
    if (start < 0 && run >= LONG_RUN_CHARS) start = i + 1 - run;
  }
  return start >= 0 ? [start, text.length] : null;
}

/** The text cut so that no long run is one piece (long runs in LONG_RUN_CHARS pieces), or null when it has none. */
function cutLongRuns(text: string): string[] | null {
  if (text.length < LONG_RUN_CHARS) return null;
  let parts: string[] | null = null;
  let from = 0;
  for (let s = nextStretch(text, 0); s; s = nextStretch(text, s[1])) {
    const stretch = text.slice(s[0], s[1]);
    LONG_RUN.lastIndex = 0;
    for (let m = LONG_RUN.exec(stretch); m; m = LONG_RUN.exec(stretch)) {
      const end = s[0] + m.index + m[0].length;
      let at = Math.max(s[0] + m.index, from);
      // The run's first piece joins the text before it (a one-character prefix pairs with a word, as it would).
      while (end - at > LONG_RUN_CHARS) {
        let cut = at + LONG_RUN_CHARS;
        if (isHighSurrogate(text.charCodeAt(cut - 1))) cut++;
        (parts ??= []).push(text.slice(from, cut));
        from = at = cut;
      }
    }
  }
  if (!parts) return null;
  parts.push(text.slice(from));
  return parts;
}

/** Counts tokens of text (o200k_base), special-token strings counted as plain text (long runs in pieces). */
export function countTokens(text: string): number {
  if (text.length === 0) return 0;
  const parts = cutLongRuns(text);
  if (!parts) return o200k().countTokens(text, PLAIN_TEXT);
  let n = 0;
  for (const p of parts) n += p.length === 0 ? 0 : o200k().countTokens(p, PLAIN_TEXT);
  return n;
}

/**
 * Above this many characters per token of the limit a text is counted with early exit; below it the one-pass count is
 * faster (gpt-tokenizer's limit check encodes through a generator, several times slower per character than its count).
 */
const FULL_COUNT_CHARS_PER_TOKEN = 8;

/** Returns the token count when text fits within limit, else null (texts far over the limit stop counting early). */
export function tokensWithin(text: string, limit: number): number | null {
  if (limit <= 0) return text.length === 0 ? 0 : null;
  if (text.length <= limit * FULL_COUNT_CHARS_PER_TOKEN) {
    const n = countTokens(text);
    return n <= limit ? n : null;
  }
  const parts = cutLongRuns(text);
  if (!parts) {
    const r = o200k().isWithinTokenLimit(text, limit, PLAIN_TEXT);
    return r === false ? null : r;
  }
  let n = 0;
  for (const p of parts) {
    const r = p.length === 0 ? 0 : o200k().isWithinTokenLimit(p, limit - n, PLAIN_TEXT);
    if (r === false) return null;
    n += r;
  }
  return n;
}
