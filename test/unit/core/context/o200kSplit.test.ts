import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { openSync, readdirSync, readFileSync, readSync, closeSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { isWithinTokenLimit } from 'gpt-tokenizer/encoding/o200k_base';
import { O200K_TOKEN_SPLIT_REGEX } from 'gpt-tokenizer/encodingParams/constants';
import { asciiPieceEnd, pieceEnd } from '../../../../src/core/context/o200kSplit';
import { seededRandom } from '../../../../src/core/stats/prng';
import { countTokens, cutLongRuns, LONG_RUN_CHARS, tokensWithin } from '../../../../src/core/context/tokenCount';
import { referenceCount as ownCount } from './o200kReference';

// The counter splits ASCII text itself and counts each piece once per process; these tests hold it to gpt-tokenizer's
// own split regex and counts, piece for piece, on real files and on random text full of the characters the regex
// treats specially.

const PLAIN = { disallowedSpecial: new Set<string>() };

/** gpt-tokenizer's pieces of text. */
function regexPieces(text: string): string[] {
  return Array.from(text.matchAll(O200K_TOKEN_SPLIT_REGEX), (m) => m[0]);
}

/** The pieces as the counter walks them, and how many of them took the regex (a character beyond ASCII decided). */
function walkedPieces(text: string): { pieces: string[]; byRegex: number } {
  const pieces: string[] = [];
  let byRegex = 0;
  for (let p = 0; p < text.length; ) {
    const e = pieceEnd(text, p);
    assert.ok(e > p, `no progress at ${p}`);
    if (asciiPieceEnd(text, p) < 0) byRegex++;
    pieces.push(text.slice(p, e));
    p = e;
  }
  return { pieces, byRegex };
}

/** Index of the first difference of two lists of pieces, or -1. */
function firstDifference(a: string[], b: string[]): number {
  for (let i = 0; i < Math.max(a.length, b.length); i++) if (a[i] !== b[i]) return i;
  return -1;
}

function assertSameSplit(text: string, label: string): number {
  const want = regexPieces(text);
  const got = walkedPieces(text);
  const at = firstDifference(got.pieces, want);
  if (at >= 0) assert.fail(`${label}: piece ${at}: ${JSON.stringify(got.pieces.slice(Math.max(0, at - 2), at + 3))} vs ${JSON.stringify(want.slice(Math.max(0, at - 2), at + 3))}`);
  return got.byRegex;
}

/** The count before the fast counter: gpt-tokenizer on each part cutLongRuns leaves. */
function referenceCount(text: string): number {
  let n = 0;
  for (const p of cutLongRuns(text) ?? [text]) n += ownCount(p);
  return n;
}

/** Text files under dir (sorted, recursive), by name, until maxChars of text; binaries (a NUL byte) left out. */
function textFiles(dir: string, keep: (name: string) => boolean, maxChars: number): string[] {
  const out: string[] = [];
  let chars = 0;
  const walk = (d: string) => {
    for (const name of readdirSync(d).sort()) {
      if (chars >= maxChars) return;
      const path = join(d, name);
      if (statSync(path).isDirectory()) walk(path);
      else if (keep(name) && !isBinary(path)) {
        const text = readFileSync(path, 'utf8');
        out.push(text);
        chars += text.length;
      }
    }
  };
  walk(dir);
  return out;
}

function isBinary(path: string): boolean {
  const head = Buffer.alloc(8192);
  const fd = openSync(path, 'r');
  try {
    return head.subarray(0, readSync(fd, head, 0, head.length, 0)).includes(0);
  } finally {
    closeSync(fd);
  }
}

// Heavy in what the regex treats specially: every kind of ASCII whitespace, '/', contractions in both cases, digits,
// both cases of letters, punctuation and control characters; and, more rarely, letters, marks, digits and spaces beyond
// ASCII, a title-case and a modifier letter, characters of two UTF-16 units, lone surrogates and special-token text.
const ASCII_ALPHABET = [
  ' ', ' ', ' ', ' ', '  ', '\t', '\r', '\n', '\n', '\r\n', '\v', '\f', '/', '//', "'", "'", "'s", "'S", "'t", "'T", "'re", "'RE", "'rE",
  "'ve", "'VE", "'m", "'M", "'ll", "'LL", "'lL", "'l", "'d", "'D", "'v", "'r", 's', 't', 'd', 'm', 'll', 've', 're', 'e', 'l',
  '0', '1', '7', '42', '123', '9999', 'a', 'b', 'z', 'x', 'A', 'B', 'Z', 'S', 'T', 'LL', 'Hello', 'WORLD', 'camelCase', 'iPhone',
  '.', ',', ';', ':', '!', '?', '-', '_', '=', '(', ')', '{', '}', '[', ']', '<', '>', '"', '`', '#', '$', '%', '&', '*', '+', '\\',
  '|', '^', '~', '@', '\0', '\x01', '\x08', '\x0e', '\x1b', '\x1c', '\x1f', '\x7f', '<|endoftext|>', '<|im_start|>',
];
const WIDE_ALPHABET = [
  'é', 'ß', 'Ü', 'ñ', '日本', 'ж', 'Ж', '\u0301', '\u0308', 'ǅ', 'ʰ', '\u00a0', '\u2003', '\u3000', '\ufeff', '\u0085', '\u2028',
  '🙂', '𝐀', '👍🏽', '\ud800', '\udc00', '٣', '²', '½', '’', '—', '€', '…',
];

function randomText(next: () => number, length: number, wide: number): string {
  let s = '';
  while (s.length < length) {
    const from = next() < wide ? WIDE_ALPHABET : ASCII_ALPHABET;
    s += from[Math.floor(next() * from.length)];
  }
  return s;
}

describe('the o200k pre-tokenizer against gpt-tokenizer\'s split regex', () => {
  test('every text file of several packages (TypeScript\'s lib and its translated messages, openai, eslint) splits and counts exactly the same', () => {
    const nm = join(__dirname, '../../../../node_modules');
    const files = [
      ...textFiles(join(nm, 'typescript/lib'), (n) => n.endsWith('.d.ts'), 5_000_000),
      ...['ja', 'ru', 'de', 'zh-cn', 'pl'].flatMap((l) => textFiles(join(nm, 'typescript/lib', l), () => true, 1_000_000)),
      ...textFiles(join(nm, 'openai'), (n) => n.endsWith('.md') || n.endsWith('.d.ts'), 1_500_000),
      ...textFiles(join(nm, 'eslint/lib'), (n) => n.endsWith('.js'), 1_500_000),
    ];
    let chars = 0;
    let bytes = 0;
    let pieces = 0;
    let byRegex = 0;
    let wideFiles = 0;
    for (const [i, text] of files.entries()) {
      byRegex += assertSameSplit(text, `file ${i}`);
      pieces += regexPieces(text).length;
      assert.equal(countTokens(text), referenceCount(text), `file ${i}`);
      chars += text.length;
      bytes += Buffer.byteLength(text);
      if (/[^\0-\x7f]/.test(text)) wideFiles++;
    }
    console.log(`# compared ${files.length} files, ${chars} characters (${bytes} bytes, ${wideFiles} files with characters beyond ASCII), ${pieces} pieces, ${byRegex} of them cut by the regex`);
    assert.ok(chars > 8_000_000 && wideFiles > 5 && byRegex > 50_000 && byRegex < pieces / 10, `${chars} ${wideFiles} ${byRegex} ${pieces}`);
  });

  test('seeded random text heavy in whitespace, apostrophes, digits, case changes and characters beyond ASCII', () => {
    const next = seededRandom(20261206);
    let cases = 0;
    for (const wide of [0, 0.02, 0.3]) {
      for (let i = 0; i < 4000; i++) {
        const text = randomText(next, Math.floor(next() * 60), wide);
        assertSameSplit(text, `case ${JSON.stringify(text)}`);
        const n = ownCount(text);
        assert.equal(countTokens(text), n, JSON.stringify(text));
        for (let limit = 0; limit <= n + 1; limit++) assert.equal(tokensWithin(text, limit), n <= limit ? n : null, `${JSON.stringify(text)} within ${limit}`);
        cases++;
      }
    }
    console.log(`# ${cases} random texts, every limit from 0 to one over the count`);
  });

  test('long runs (letters, punctuation, whitespace, beyond ASCII) count as before, in pieces of LONG_RUN_CHARS', () => {
    const next = seededRandom(42);
    const runs = ['x', 'ab', 'Ab', '=', '-/', ' ', '\t', '\n', ' \n', 'é', 'x\u0301', '日', '\u00a0', '.🙂'];
    for (const run of runs) {
      for (const len of [199, 200, 201, 450, 1000]) {
        const body = run.repeat(Math.ceil(len / run.length)).slice(0, len);
        for (const text of [body, `a ${body} b`, `${randomText(next, 30, 0.1)}${body}${randomText(next, 30, 0.1)}`]) {
          assert.equal(countTokens(text), referenceCount(text), `${JSON.stringify(run)} x ${len}`);
          const n = referenceCount(text);
          for (const limit of [1, n - 1, n, n + 1]) assert.equal(tokensWithin(text, limit), n <= limit ? n : null);
        }
      }
      // The shortest run that is cut (one over LONG_RUN_CHARS) at every offset within a block of half that length.
      for (let at = 0; at <= LONG_RUN_CHARS / 2; at++) {
        const text = `${'1'.repeat(at)}${run.repeat(LONG_RUN_CHARS + 1).slice(0, LONG_RUN_CHARS + 1)}2`;
        assert.ok(cutLongRuns(text) || run.includes("🙂"), `${JSON.stringify(run)} at ${at}`); // the regex counts 🙂 as one
        assert.equal(countTokens(text), referenceCount(text), `${JSON.stringify(run)} at ${at}`);
      }
    }
  });

  test('the limit check gives the count or null at every limit on a real file, as gpt-tokenizer\'s own does', () => {
    const text = readFileSync(join(__dirname, '../../../../src/core/context/tokenCount.ts'), 'utf8');
    assert.equal(cutLongRuns(text), null);
    const n = ownCount(text);
    for (let limit = 0; limit <= n + 2; limit++) {
      assert.equal(tokensWithin(text, limit), limit < n ? null : n, `limit ${limit}`);
      if (limit % 50 !== 0 && Math.abs(limit - n) > 1) continue;
      const own = isWithinTokenLimit(text, limit, PLAIN);
      assert.equal(tokensWithin(text, limit), limit <= 0 || own === false ? null : own, `limit ${limit}`);
    }
  });
});
