// The WebAssembly term counter (termScan.wat) must count exactly what the search regex counts on the same bytes read as
// latin1: held to the regex rules on random texts and terms, through the index on random files, at the search's
// length cap, and its module must be what the .wat compiles to.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { CodeIndex, SEARCH_CHARS } from '../../../../src/core/context/codeSearch';
import { importSpecs } from '../../../../src/core/context/importGraph';
import { buildCodeQuery, MAX_QUERY_TERM_CHARS } from '../../../../src/core/context/queryTerms';
import { MAX_TERM_CHARS, TermScanner, termScanInstances } from '../../../../src/core/context/termScan';
import { seededRandom } from '../../../../src/core/stats/prng';
import { countsByRegex, plainHits, randomText } from './searchReference';

const ROOT = join(__dirname, '..', '..', '..', '..');

function pick<T>(rnd: () => number, xs: readonly T[]): T {
  return xs[Math.floor(rnd() * xs.length)];
}

// Overlapping terms (prefixes of each other, one-letter ones), any case, camel humps, digits, separators, and latin1
// bytes a case-insensitive regex must not fold to ASCII (µ, ÿ, é, ß), NUL and DEL.
const LETTERS = ['a', 'b', 'c', '1'];
const PIECES = ['a', 'b', 'c', 'A', 'B', 'C', '1', 'ab', 'Ab', 'aB', 'ABC', 'bca', '_', ' ', '.', '\n', '\0', '\x7f', 'é', 'É', 'µ', 'ÿ', 'ß', 'K'];

describe('WebAssembly term counter', () => {
  test('counts what the regex counts, in the same order, on 15,000 random texts and term sets', () => {
    const rnd = seededRandom(2026);
    let matched = 0;
    for (let i = 0; i < 15_000; i++) {
      const terms = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 5) }, () => randomText(rnd, LETTERS, 4) || 'a'))];
      const text = randomText(rnd, PIECES, 40);
      const scanner = TermScanner.for(terms, 1000);
      assert.ok(scanner);
      const bytes = Buffer.from(text, 'latin1');
      const got = [...(scanner.count(bytes, bytes.length) ?? new Map<string, number>())];
      const want = [...countsByRegex(terms, text)];
      assert.deepEqual(got, want, JSON.stringify({ terms, text }));
      if (want.length) matched++;
    }
    assert.ok(matched > 7_500, `only ${matched} texts matched a term`);
  });

  test('the filter that tests sixteen positions at once passes no match: up to 40 terms sharing its eight buckets, texts across many 16-byte windows, bytes it folds onto letters and digits (10,000 cases)', () => {
    const rnd = seededRandom(1207);
    const letters = ['a', 'e', 'r', 's', 't', 'o', 'p', 'q', 'x', 'z', '0', '1', '9'];
    // Control bytes 0x10-0x19 and 0x01 fold onto digits and `!` (| 0x20), `@` onto a backquote, bytes past 0x7f onto
    // others past it: the filter lets them through, the exact test must not count them.
    const pieces = ['a', 'e', 'r', 's', 'T', 'O', 'P', 'ERR', 'err', 'or', 'Stream', 'strea', 'x', '0', '1', '9', ' ', '_', '.', '\n',
      '\x10', '\x11', '\x19', '\x01', '@', '[', '\x7f', '\x80', 'é', 'Á', 'ß', '\xff', 'aB', 'zZ'];
    let matched = 0;
    for (let i = 0; i < 10_000; i++) {
      // Terms of two to eight characters, and now and then one of one (a query with many one-letter terms is the regex's).
      const terms = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 40) }, (_, k) => (k === 0 && rnd() < 0.2 ? pick(rnd, letters) : `${pick(rnd, letters)}${pick(rnd, letters)}${randomText(rnd, letters, 6)}`)))];
      const text = randomText(rnd, pieces, 120);
      const scanner = TermScanner.for(terms, 2000);
      assert.ok(scanner);
      const bytes = Buffer.from(text, 'latin1');
      const want = [...countsByRegex(terms, text)];
      assert.deepEqual([...(scanner.count(bytes, bytes.length) ?? new Map<string, number>())], want, JSON.stringify({ terms, text }));
      if (want.length) matched++;
    }
    assert.ok(matched > 2_000, `only ${matched} texts matched a term`);
  });

  test('one instance serves every scanner: scanners of different queries used in turn (one growing the memory) count as the regex does', () => {
    const rnd = seededRandom(77);
    const scanners = Array.from({ length: 8 }, (_, i) => {
      const terms = [...new Set(Array.from({ length: 1 + Math.floor(rnd() * 6) }, () => randomText(rnd, LETTERS, 5) || 'b'))];
      // The last one holds texts far larger than the others: installing it grows the shared memory.
      const maxBytes = i === 7 ? 700_000 : 1000;
      const scanner = TermScanner.for(terms, maxBytes);
      assert.ok(scanner);
      return { terms, scanner, maxBytes };
    });
    let matched = 0;
    for (let r = 0; r < 4000; r++) {
      const { terms, scanner, maxBytes } = pick(rnd, scanners);
      const text = maxBytes > 1000 && r % 50 === 0 ? randomText(rnd, PIECES, 200_000).slice(0, maxBytes) : randomText(rnd, PIECES, 40);
      const bytes = Buffer.from(text, 'latin1');
      const want = [...countsByRegex(terms, text)];
      assert.deepEqual([...(scanner.count(bytes, bytes.length) ?? new Map<string, number>())], want, JSON.stringify({ terms, text: text.slice(0, 80) }));
      if (want.length) matched++;
    }
    assert.ok(matched > 2000, `only ${matched} texts matched a term`);
    assert.equal(termScanInstances(), 1, 'one module instance for the whole process');
  });

  test('the index gives the same hits, definitions and imports from bytes as from text, on 2,000 random repositories', () => {
    const rnd = seededRandom(31);
    const words = ['Stream', 'stream', 'streamParser', 'parse', 'Parser', 'rate', 'RateLimitError', 'limit', 'API', 'apiClient', 'x', '9'];
    const layout = ['\n', ' ', '(', ')', ':', '.', 'def ', 'class ', 'import ', "from './", "'", '_', 'é'];
    let withHits = 0;
    for (let r = 0; r < 2000; r++) {
      const q = { terms: [{ term: 'stream', weight: 2 }, { term: 'parse', weight: 1 }, { term: 'ratelimiterror', weight: 3 }, { term: 'api', weight: 1 }],
        identifiers: new Set(['stream', 'ratelimiterror', 'parse']) };
      const fromText = new CodeIndex(q, importSpecs);
      const fromBytes = new CodeIndex(q, importSpecs);
      for (let f = 0; f < 6; f++) {
        const text = randomText(rnd, [...words, ...layout], 60);
        const path = `src/m${f}.${pick(rnd, ['py', 'ts', 'md'])}`;
        const code = !path.endsWith('.md');
        fromText.add(path, text, code);
        fromBytes.addBytes(path, Buffer.from(text, 'latin1'), code);
      }
      const want = plainHits(fromText.hits());
      if (want.size) withHits++;
      assert.deepEqual(plainHits(fromBytes.hits()), want);
      assert.deepEqual(fromBytes.specs, fromText.specs);
    }
    assert.ok(withHits > 1500, `only ${withHits} repositories had a hit`);
  });

  test('only the first SEARCH_CHARS bytes count, up to a match that ends on the last one', () => {
    const q = { terms: [{ term: 'stream', weight: 1 }], identifiers: new Set<string>() };
    const head = `${' '.repeat(SEARCH_CHARS - 6)}stream`;
    const text = `${head}stream stream`;
    const fromText = new CodeIndex(q);
    const fromBytes = new CodeIndex(q);
    fromText.add('a.py', text, false);
    fromBytes.addBytes('a.py', Buffer.from(text, 'latin1'), false);
    assert.deepEqual(plainHits(fromBytes.hits()), plainHits(fromText.hits()));
    const scanner = TermScanner.for(['stream'], SEARCH_CHARS);
    assert.deepEqual([...(scanner?.count(Buffer.from(text, 'latin1'), SEARCH_CHARS) ?? [])], [['stream', 1]]);
    assert.throws(() => scanner?.count(Buffer.from(text, 'latin1'), SEARCH_CHARS + 1), /holds 160000/);
  });

  test('terms it cannot fold exactly, or too many one-letter terms, are left to the regex (same hits)', () => {
    for (const terms of [['naïve'], ['rate_limit'], ['Stream'], [], ['a', 'b', 'c', 'd', 'e', 'f', 'g']]) assert.equal(TermScanner.for(terms, 100), null, terms.join());
    assert.ok(TermScanner.for(['a', 'b', 'c', 'd', 'e', 'f'], 100), 'six one-letter terms begin 222 pairs: the counter takes them');
    const q = { terms: [{ term: 'naïve', weight: 1 }, { term: 'bayes', weight: 1 }], identifiers: new Set<string>() };
    const fromText = new CodeIndex(q);
    const fromBytes = new CodeIndex(q);
    const text = 'NAÏVE Bayes; naïveBayes';
    fromText.add('a.py', Buffer.from(text, 'utf8').toString('latin1'), false);
    fromBytes.addBytes('a.py', Buffer.from(text, 'utf8'), false);
    assert.deepEqual(plainHits(fromBytes.hits()), plainHits(fromText.hits()));
    assert.deepEqual([...(fromBytes.hits().get('a.py')?.terms ?? [])].sort(), ['bayes']);
  });

  test('a long term is left to the regex: a hostile paper and file cannot make the count take the term\'s length per byte', () => {
    assert.ok(TermScanner.for(['a'.repeat(MAX_TERM_CHARS)], 100));
    assert.equal(TermScanner.for(['stream', 'a'.repeat(MAX_TERM_CHARS + 1)], 100), null);
    // A paper calling `aaa…a9()` (10,000 letters) made that one term (now at most MAX_QUERY_TERM_CHARS long); a file
    // of 160 KB of `a`s starts it at every byte. The trie walk took 10,000 steps per byte there (about 7 s for this
    // one file); the regex skips ahead.
    const long = `${'a'.repeat(MAX_QUERY_TERM_CHARS - 1)}9`;
    const query = buildCodeQuery([{ title: 'Rate limits', abstract: '', text: `We call ${long}() on each stream.`, source: 'file' }]);
    assert.ok(query.terms.some((t) => t.term === long), 'the paper makes the long term');
    const file = Buffer.alloc(SEARCH_CHARS, 'a');
    const fromText = new CodeIndex(query, importSpecs);
    const fromBytes = new CodeIndex(query, importSpecs);
    const t0 = performance.now();
    fromBytes.addBytes('src/blob.js', file, true);
    const ms = performance.now() - t0;
    fromText.add('src/blob.js', file.toString('latin1'), true);
    assert.deepEqual(plainHits(fromBytes.hits()), plainHits(fromText.hits()));
    assert.ok(ms < 2000, `one file took ${ms.toFixed(0)} ms`);
  });

  test('termScanWasm.ts is what termScan.wat compiles to', async () => {
    const { termScanModule } = (await import(join(ROOT, 'scripts', 'wasm.mjs'))) as { termScanModule: () => Promise<string> };
    assert.equal(readFileSync(join(ROOT, 'src', 'core', 'context', 'termScanWasm.ts'), 'utf8'), await termScanModule());
  });
});
