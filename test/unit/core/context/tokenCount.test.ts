import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { countTokens as ownCount, isWithinTokenLimit } from 'gpt-tokenizer/encoding/o200k_base';
import { countTokens, cutLongRuns, LONG_RUN_CHARS, longRuns, tokensWithin } from '../../../../src/core/context/tokenCount';
import { seededRandom } from '../../../../src/core/stats/prng';

const PLAIN = { disallowedSpecial: new Set<string>() };

/** The long-run regex the counter's run finder is held to (N = LONG_RUN_CHARS). */
const LONG_RUN = new RegExp(`[\\p{L}\\p{M}]{${LONG_RUN_CHARS},}|[^\\s\\p{L}\\p{N}]{${LONG_RUN_CHARS},}|\\s{${LONG_RUN_CHARS},}`, 'gu');

/** Code units of every kind of run: letters, marks, punctuation, spaces, digits, astral characters, lone surrogates. */
const RUN_UNITS = ['a', 'Z', '\u4e2d', '\u00e9', '\u0301', '!', '=', '\u2014', '\u3001', ' ', '\n', '\u3000', '\u00a0', '\ufeff', '1', '\u0663', '\u{1D400}', '\u{1F642}', '\ud800', '\udc00', '\t', "'", '\u2028', '\u01c5', '_'];

/** A random text of one to five stretches, each of one to three units, often just around LONG_RUN_CHARS long. */
function runText(rnd: () => number): string {
  let text = '';
  for (let p = 0, pieces = 1 + Math.floor(rnd() * 5); p < pieces; p++) {
    const alpha = Array.from({ length: 1 + Math.floor(rnd() * 3) }, () => RUN_UNITS[Math.floor(rnd() * RUN_UNITS.length)]);
    const len = rnd() < 0.5 ? LONG_RUN_CHARS - 10 + Math.floor(rnd() * 20) : Math.floor(rnd() * 1.5 * LONG_RUN_CHARS);
    for (let i = 0; i < len; i++) text += alpha[Math.floor(rnd() * alpha.length)];
  }
  return text;
}

describe('token counting', () => {
  test('special-token strings in repository text are counted as plain text, never thrown on', () => {
    const text = 'prompt = "hello<|endoftext|>world" // <|im_start|>user';
    const n = countTokens(text);
    assert.ok(n > 10, `${n}`);
    assert.equal(tokensWithin(text, 1000), n);
    assert.equal(tokensWithin(text, 3), null);
  });

  test('empty and limits', () => {
    assert.equal(countTokens(''), 0);
    assert.equal(tokensWithin('', 0), 0);
    assert.equal(tokensWithin('abc', 0), null);
    assert.equal(countTokens('hello world'), 2);
  });

  test('the limit check agrees with gpt-tokenizer\'s own (one-pass count near the limit, early exit far over it)', () => {
    const text = `export function f(a: number) {\n  return a * 2; // <|endoftext|> x\n}\n`.repeat(60);
    const n = countTokens(text);
    const own = (limit: number) => {
      const r = isWithinTokenLimit(text, limit, { disallowedSpecial: new Set<string>() });
      return r === false ? null : r;
    };
    for (const limit of [1, 10, Math.floor(n / 9), Math.floor(n / 2), n - 1, n, n + 1, 10 * n]) assert.equal(tokensWithin(text, limit), own(limit), `limit ${limit}`);
    assert.equal(tokensWithin(text, n), n);
  });
});

// Regression: one run of letters (or punctuation, or spaces) is one piece for the byte-pair merge, which takes time in
// the square of its length: 64,000 x's took 1.2 s to count, a paper's text layer or a file of 300,000 took half a
// minute, and 2,000,000 many minutes, with the thread (the extension host's) blocked. Runs longer than LONG_RUN_CHARS
// are now counted in pieces of that length; every other text is counted exactly as gpt-tokenizer counts it.
describe('long runs of one kind of character', () => {
  test('regression: a 300,000-character word, a rule of 300,000 \'=\' and 300,000 spaces are counted in well under a second each', () => {
    for (const run of ['x'.repeat(300_000), '='.repeat(300_000), ' '.repeat(300_000), 'ü'.repeat(300_000)]) {
      const text = `before ${run} after`;
      const t0 = performance.now();
      const n = countTokens(text);
      const within = tokensWithin(text, 100);
      const ms = performance.now() - t0;
      assert.ok(ms < 1500, `${JSON.stringify(run.slice(0, 3))}…: ${Math.round(ms)} ms`);
      assert.ok(n > 2, `${n}`);
      assert.equal(within, null);
      assert.equal(tokensWithin(text, n), n);
      assert.equal(tokensWithin(text, n - 1), null);
    }
  });

  test('a long run costs about what gpt-tokenizer counts for it whole (pieces of LONG_RUN_CHARS)', () => {
    for (const run of ['x'.repeat(2000), 'ab'.repeat(1000), '-'.repeat(2000), 'Ünïcödé'.repeat(300)]) {
      const exact = ownCount(run, PLAIN);
      const ours = countTokens(run);
      assert.ok(Math.abs(ours - exact) <= Math.ceil(run.length / LONG_RUN_CHARS) * 2, `${JSON.stringify(run.slice(0, 8))}: ${ours} vs ${exact}`);
    }
  });

  test('text without a long run counts exactly as gpt-tokenizer counts it (words, code, CJK, runs just under the length)', () => {
    const texts = [
      'def cache_merge(x):\n    return "<|endoftext|>" + ünïcödé + 日本語 + 🙂\n'.repeat(40),
      `${'y'.repeat(LONG_RUN_CHARS - 1)} ${'='.repeat(LONG_RUN_CHARS - 1)}1${' '.repeat(LONG_RUN_CHARS - 1)}x`,
      '1234567890'.repeat(500),
    ];
    for (const t of texts) assert.equal(countTokens(t), ownCount(t, PLAIN));
  });

  test('regression: words of 199 letters beyond ASCII between digits (1 MB) are cut in well under a second (the long-run regex tried 199 characters at each position: 2.5-3 s)', () => {
    for (const word of ['\u4e2d'.repeat(LONG_RUN_CHARS - 1), '\u{1D400}'.repeat(LONG_RUN_CHARS - 1)]) {
      const text = ` ${word}1`.repeat(Math.ceil(1_000_000 / (word.length + 2)));
      const t0 = performance.now();
      const parts = cutLongRuns(text);
      const ms = performance.now() - t0;
      assert.equal(parts, null);
      assert.ok(ms < 1500, `${Math.round(ms)} ms`);
    }
  });

  test('the long runs are found where the long-run regex finds them (letters, marks, punctuation, spaces, astral and lone surrogates; 3,000 random texts)', () => {
    const rnd = seededRandom(77);
    let found = 0;
    for (let it = 0; it < 3000; it++) {
      const text = runText(rnd);
      const want = [...text.matchAll(LONG_RUN)].map((m) => [m.index, m.index + m[0].length]);
      if (want.length) found++;
      assert.deepEqual(longRuns(text), want, JSON.stringify(text.slice(0, 60)));
    }
    assert.ok(found > 500, `only ${found} texts had a long run`);
  });

  test('regression: the text is cut where the long-run regex over the whole text finds the runs (a run whose first characters beyond ASCII ended the stretch before it was found a character or more late; 2,000 random texts)', () => {
    const N = LONG_RUN_CHARS;
    const byRegex = (text: string): string[] | null => {
      if (text.length < N) return null;
      const parts: string[] = [];
      let from = 0;
      for (const m of text.matchAll(LONG_RUN)) {
        const end = m.index + m[0].length;
        let at = Math.max(m.index, from);
        while (end - at > N) {
          let cut = at + N;
          const c = text.charCodeAt(cut - 1);
          if (c >= 0xd800 && c <= 0xdbff) cut++;
          parts.push(text.slice(from, cut));
          from = at = cut;
        }
      }
      if (parts.length === 0) return null;
      parts.push(text.slice(from));
      return parts;
    };
    const rnd = seededRandom(77);
    let cut = 0;
    for (let it = 0; it < 2000; it++) {
      const text = runText(rnd);
      const want = byRegex(text);
      if (want) cut++;
      assert.deepEqual(cutLongRuns(text), want, JSON.stringify(text.slice(0, 60)));
    }
    assert.ok(cut > 500, `only ${cut} texts had a long run`);
  });

  test('a cut never splits a character written as two UTF-16 units', () => {
    // 'a' then 300 mathematical bold A's (two units each): the first cut would fall between the two units of one.
    const text = `a${'𝐀'.repeat(300)}`;
    const cut = LONG_RUN_CHARS + 1;
    const expected = ownCount(text.slice(0, cut), PLAIN) + ownCount(text.slice(cut, cut + LONG_RUN_CHARS), PLAIN) + ownCount(text.slice(cut + LONG_RUN_CHARS), PLAIN);
    assert.equal(countTokens(text), expected);
  });
});

describe('the packed o200k table (what the extension reads)', () => {
  test('the Brotli-compressed JSON unpacks to gpt-tokenizer\'s table, entry for entry, and counts the same', async () => {
    const { brotliCompressSync } = await import('node:zlib');
    const { o200kRanks } = await import('../../../../src/core/context/o200kRanks');
    const { unpackRanks } = await import('../../../../src/core/context/o200kRanksPacked');
    const { GptEncoding } = await import('gpt-tokenizer/GptEncoding');
    const ranks = o200kRanks();
    const unpacked = unpackRanks(brotliCompressSync(Buffer.from(JSON.stringify(ranks))));
    assert.equal(unpacked.length, ranks.length);
    let bytesTokens = 0;
    for (let i = 0; i < ranks.length; i++) {
      const a = ranks[i];
      const b = unpacked[i];
      if (typeof a === 'string') assert.equal(b, a, `rank ${i}`);
      else {
        bytesTokens++;
        assert.deepEqual(b, a, `rank ${i}`);
      }
    }
    assert.ok(bytesTokens > 0, 'the table holds tokens stored as bytes, and they survive');
    const packed = GptEncoding.getEncodingApi('o200k_base', () => unpacked);
    const text = 'def cache_merge(x):\n    return "<|endoftext|>" + ünïcödé + 日本語 + 🙂 + "\\xff"\n'.repeat(50);
    assert.equal(packed.countTokens(text, { disallowedSpecial: new Set() }), countTokens(text));
    assert.throws(() => unpackRanks(brotliCompressSync(Buffer.from('[1,2,3]'))), /does not hold o200k_base's ranks; rebuild \(node scripts\/build.mjs\)/);
  });
});

// Regression: V8 cuts a substring of 13 characters or more as a view of its whole string, and gpt-tokenizer kept each
// piece it merged in a cache of 100,000: one long word new to the cache kept the whole prompt or file it came from
// alive (counting 40 files of 4.9 MB held 196 MB after collection). The counter now keeps copies of pieces only.
describe('memory', () => {
  test('regression: counted texts are not kept alive by the pieces cached from them', () => {
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const word = (i: number) => `qzxvbnmwplkjh${String.fromCharCode(97 + (i % 26), 97 + Math.floor(i / 26))}`;
    countTokens('warm up');
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 30; i++) {
      // ~1 MB, with a word new to every cache: one of plain letters, one with a letter beyond ASCII (the regex's path)
      const text = `${i}\n${'x = 1;\n'.repeat(150_000)} ${word(i)} ${word(i)}é`;
      assert.ok(countTokens(text) > 300_000);
      assert.equal(tokensWithin(text, 10), null);
    }
    gc();
    const heldMb = (process.memoryUsage().heapUsed - before) / 1e6;
    assert.ok(heldMb < 8, `${heldMb.toFixed(1)} MB held after counting 30 texts of 1 MB`);
  });
});

describe('a byte order mark (U+FEFF)', () => {
  test('counts as o200k\'s vocabulary has it (one token), where gpt-tokenizer drops it when looking pairs up and counts two', () => {
    // gpt-tokenizer decodes each pair's bytes with a TextDecoder, which strips a leading EF BB BF; the vocabulary holds
    // those three bytes as one token. A file saved with a BOM starts with this character.
    assert.equal(ownCount('\ufeff', PLAIN), 2);
    assert.equal(countTokens('\ufeff'), 1);
    assert.equal(countTokens('\ufeffimport x from "y";\n'), countTokens('import x from "y";\n') + 1);
  });
});

describe('a punctuation run\'s tail of alternating line breaks and slashes', () => {
  test('regression: 200,000 characters of `;` then "\\n/" repeated count in well under a second (one piece: merged whole, its time grew with its length squared)', () => {
    // ` ?[^\s\p{L}\p{N}]+[\r\n/]*` takes the whole tail; cutLongRuns leaves it (its characters alternate between a
    // space and punctuation). gpt-tokenizer took 1.1 s for 64,000 characters of it, and a file of 256 KB minutes.
    const text = `x = 1;${'\n/'.repeat(100_000)}\ny`;
    const t0 = performance.now();
    const n = countTokens(text);
    const ms = performance.now() - t0;
    assert.ok(ms < 1000, `${Math.round(ms)} ms`);
    assert.ok(n > 1000 && n < text.length, `${n} tokens`);
    assert.equal(tokensWithin(text, n), n);
    assert.equal(tokensWithin(text, 100), null);
  });

  test('regression: a piece over 1 KB counts as gpt-tokenizer counts it (it was merged in 1 KB parts: a pair across a cut was never merged)', () => {
    // One piece each (the tail alternates, so cutLongRuns leaves it); 1.5-3 KB, where gpt-tokenizer takes a few ms.
    for (const tail of ['\r\n/', '\n//', '\n\n/', '\n/']) {
      for (const head of [';', '\u2014', '\u{1F642}'.repeat(199)]) {
        const text = `x${head}${tail.repeat(700)}y`;
        assert.equal(countTokens(text), ownCount(text, PLAIN), JSON.stringify({ head: head.slice(0, 2), tail }));
      }
    }
  });

  test('long pieces beyond ASCII (letters, marks, emoji, punctuation, up to 199 characters, with and without such a tail) count as gpt-tokenizer counts them (400 random texts)', () => {
    const rnd = seededRandom(5);
    const ranges: [number, number][] = [[0x61, 0x7a], [0x4e00, 0x4e80], [0x3040, 0x3090], [0x430, 0x44f], [0x1f600, 0x1f610], [0x1d400, 0x1d420], [0xe0, 0xff], [0x21, 0x2f], [0x300, 0x310], [0x600, 0x640], [0xac00, 0xac40], [0x2010, 0x2030]];
    const at = (): number => {
      const [a, b] = ranges[Math.floor(rnd() * ranges.length)];
      return a + Math.floor(rnd() * (b - a + 1));
    };
    for (let it = 0; it < 400; it++) {
      let s = '';
      for (let p = 0, np = 1 + Math.floor(rnd() * 4); p < np; p++) {
        const main = at();
        for (let i = 0, len = Math.floor(rnd() * 199); i < len; i++) s += String.fromCodePoint(rnd() < 0.8 ? main + Math.floor(rnd() * 8) : at());
        if (rnd() < 0.3) s += '\n/'.repeat(Math.floor(rnd() * 700));
        s += rnd() < 0.5 ? ' ' : '\n';
      }
      assert.equal(countTokens(s), ownCount(s, PLAIN), JSON.stringify(s.slice(0, 80)));
    }
  });
});
