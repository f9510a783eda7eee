// The code search splits identifiers in one pass and checks identifier-part starts by char code; these tests hold both
// to the regex rules they replace, on random inputs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeIndex } from '../../../../src/core/context/codeSearch';
import { IMPORT_SCAN_CHARS, importSpecs, resolveImports } from '../../../../src/core/context/importGraph';
import { TermScanner } from '../../../../src/core/context/termScan';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { buildCodeQuery, splitIdentifier } from '../../../../src/core/context/queryTerms';
import { seededRandom } from '../../../../src/core/stats/prng';
import { countsByRegex, jsSpecsByRegex, randomText } from './searchReference';

/** splitIdentifier as it was written with regexes (the reference). */
function splitByRegex(id: string): string[] {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase());
}

describe('search fast paths', () => {
  test('splitIdentifier agrees with the regex rules on 100,000 random identifiers (camel humps, capital runs, digits, separators, non-ASCII)', () => {
    const rnd = seededRandom(99);
    const pieces = ['a', 'b', 'A', 'B', 'Z', 'z', '0', '9', '_', '-', '.', ' ', 'é', 'É', 'HTTP', 'Resp', 'v2', 'İ', 'ß', '::', '$'];
    let multi = 0;
    for (let i = 0; i < 100_000; i++) {
      const id = randomText(rnd, pieces, 10);
      const want = splitByRegex(id);
      if (want.length > 1) multi++;
      assert.deepEqual(splitIdentifier(id), want, JSON.stringify(id));
    }
    assert.ok(multi > 30_000, `only ${multi} identifiers had several parts`);
    assert.deepEqual(splitIdentifier('parseHTTPResponse_v2'), ['parse', 'http', 'response', 'v2']);
  });

  test('term counts at identifier-part starts agree with the regex rules on 20,000 random texts (any case, humps, digits, latin1)', () => {
    const rnd = seededRandom(7);
    const terms = ['cach', 'cache', 'token', 'tokenizer', 'merg', 'str', 'stream'];
    const pieces = ['cache', 'Cache', 'CACHE', 'cach', 'token', 'Tokenizer', 'TOKENIZER', 'merge', 'Merg', 'str', 'Stream', 'x', 'X', '1', '_', ' ', '.', '\n', 'é', 'Ë', 'aB', 'ÿ'];
    let counted = 0;
    for (let i = 0; i < 20_000; i++) {
      const text = randomText(rnd, pieces, 12);
      const index = new CodeIndex({ terms: terms.map((term) => ({ term, weight: 1 })), identifiers: new Set<string>() });
      index.add('f.py', text, false);
      const want = countsByRegex(terms, text);
      const hit = index.hits().get('f.py');
      // One file of under 200 characters: BM25's idf is ln(4/3) and its length factor 1, so each term adds
      // ln(4/3) * 2.2 * f / (f + 1.2) for a count f; the score holds every count.
      let score = 0;
      for (const f of want.values()) score += (Math.log(1 + 0.5 / 1.5) * 2.2 * f) / (f + 1.2);
      assert.deepEqual([...(hit?.terms ?? [])].sort(), [...want.keys()].sort(), JSON.stringify(text));
      assert.ok(Math.abs((hit?.score ?? 0) - score) < 1e-9, `${JSON.stringify(text)}: score ${hit?.score} != ${score}`);
      if (want.size) counted++;
    }
    assert.ok(counted > 10_000, `only ${counted} texts matched a term`);
  });

  test('a hit\'s terms, sorted when first read, are most weighty first by each term\'s BM25 share (1,000 random repositories)', () => {
    const rnd = seededRandom(7);
    const terms = [{ term: 'cache', weight: 3 }, { term: 'token', weight: 1 }, { term: 'merge', weight: 2 }, { term: 'stream', weight: 0.5 }];
    const pieces = ['cache', 'Token', 'merge', 'Stream', ' ', 'x', '\n', 'cacheToken'];
    let multi = 0;
    for (let r = 0; r < 1000; r++) {
      const index = new CodeIndex({ terms, identifiers: new Set<string>() });
      const texts = Array.from({ length: 6 }, () => randomText(rnd, pieces, 300));
      texts.forEach((t, i) => index.add(`f${i}.py`, t, false));
      const n = texts.length;
      const avg = texts.reduce((a, t) => a + Math.max(200, t.length), 0) / n;
      const counts = texts.map((t) => countsByRegex(terms.map((x) => x.term), t));
      for (const [path, hit] of index.hits()) {
        const i = Number(path.slice(1, -3));
        const norm = 1.2 * (0.25 + (0.75 * Math.max(200, texts[i].length)) / avg);
        const share = (t: string) => {
          const df = counts.filter((c) => c.has(t)).length;
          const f = counts[i].get(t) ?? 0;
          return (terms.find((x) => x.term === t)!.weight * Math.log(1 + (n - df + 0.5) / (df + 0.5)) * f * 2.2) / (f + norm);
        };
        const want = [...counts[i].keys()].sort((a, b) => share(b) - share(a));
        assert.deepEqual(hit.terms, want, texts[i]);
        assert.equal(hit.terms, hit.terms, 'sorted once');
        if (want.length > 2) multi++;
      }
    }
    assert.ok(multi > 1000, `only ${multi} hits with three terms or more`);
  });

  test('path terms agree with the part-by-part rule on 30,000 random paths (prefix guard, short and long parts, any case)', () => {
    const rnd = seededRandom(11);
    const terms = ['cach', 'cache', 'api', 'apiclient', 'stream', 'line', 'tokenizer', 'limit'];
    const pieces = ['cache', 'Cache', 'api', 'API', 'Client', 'client', 'stream', 'str', 'Stre', 'lin', 'line', 'Lines', 'token', 'izer', 'lim', 'Limit', '/', '/', '-', '_', '.', '.ts', '.py', 'x', 'Q', '9'];
    let withTerms = 0;
    for (let i = 0; i < 30_000; i++) {
      const path = `${randomText(rnd, pieces, 8)}.c`;
      const index = new CodeIndex({ terms: terms.map((term) => ({ term, weight: 1 })), identifiers: new Set<string>() });
      index.add(path, '', false);
      const got = index.hits().get(path)?.pathTerms ?? [];
      const parts = path.replace(/\.[A-Za-z0-9]+$/, '').split('/').flatMap((seg) => [seg.toLowerCase(), ...splitByRegex(seg)]);
      const want = terms.filter((t) => parts.some((p) => p.startsWith(t) || (p.length >= 4 && t.startsWith(p))));
      if (want.length) withTerms++;
      assert.deepEqual(got, want, JSON.stringify(path));
    }
    assert.ok(withTerms > 10_000, `only ${withTerms} paths held a term`);
  });

  test('path terms agree with the part-by-part rule when many files share folders (the folder\'s terms worked out once)', () => {
    const rnd = seededRandom(12);
    const terms = ['cach', 'cache', 'api', 'apiclient', 'stream', 'line', 'tokenizer', 'limit'];
    const dirs = ['src', 'src/api', 'src/apiClient', 'lib/Stream', 'cache/lines', 'x/LimitCache', 'tokenizer_v2', 'a.b/line'];
    const names = ['index', 'api', 'Client', 'stream', 'lineLimit', 'q', 'TokenizerCache', '.gitignore', 'x.tar'];
    const exts = ['.ts', '.py', '', '.gz', '.c'];
    let withTerms = 0;
    for (let r = 0; r < 300; r++) {
      const index = new CodeIndex({ terms: terms.map((term) => ({ term, weight: 1 })), identifiers: new Set<string>() });
      const paths = new Set<string>();
      for (let k = 0; k < 40; k++) {
        const dir = dirs[Math.floor(rnd() * dirs.length)];
        const name = `${names[Math.floor(rnd() * names.length)]}${exts[Math.floor(rnd() * exts.length)]}`;
        paths.add(rnd() < 0.1 ? name : `${dir}/${name}`);
      }
      for (const p of paths) index.add(p, '', false);
      const hits = index.hits();
      for (const path of paths) {
        const parts = path.replace(/\.[A-Za-z0-9]+$/, '').split('/').flatMap((seg) => [seg.toLowerCase(), ...splitByRegex(seg)]);
        const want = terms.filter((t) => parts.some((p) => p.startsWith(t) || (p.length >= 4 && t.startsWith(p))));
        if (want.length) withTerms++;
        assert.deepEqual(hits.get(path)?.pathTerms ?? [], want, path);
      }
    }
    assert.ok(withTerms > 5000, `only ${withTerms} paths held a term`);
  });

  test('JS/TS import specifiers agree with the regex rules on 50,000 random texts (the words before a module string, 12 characters back; paths going down or up; names in UTF-8), from the text and from the bytes', () => {
    const rnd = seededRandom(1206);
    const scanner = TermScanner.for(['from'], 1 << 20);
    assert.ok(scanner);
    const pieces = ["'", '"', './', '../', './a', '../b.js', 'c.mjs', 'd.cjs', '/', '.', '//', 'x', '\n', ' ', '\t', '(', '((', 'from', 'import', 'require',
      'Import', 'xfrom', 'from_', '_import', 'required', 'require (', 'é', "from './m.js'", 'import("../n")', "require( './o.cjs')"];
    let found = 0;
    for (let i = 0; i < 50_000; i++) {
      const text = randomText(rnd, pieces, 30);
      const path = i % 3 === 0 ? 'm.ts' : i % 3 === 1 ? 'src/deep/m.mjs' : 'a/b/c/m.tsx';
      const want = jsSpecsByRegex(path, text);
      found += want.length;
      // The file's bytes are UTF-8; the search reads them as latin1 (a name's é is two characters there, decoded back).
      const bytes = Buffer.from(text, 'utf8');
      assert.deepEqual(importSpecs(path, bytes.toString('latin1')), want, JSON.stringify(text));
      // From the bytes, at the quote-and-dot positions the term counter reports (no text decoded).
      scanner.count(bytes, bytes.length);
      const dots: Int32Array | null = scanner.quoteDots(bytes.length);
      assert.ok(dots);
      assert.deepEqual(importSpecs(path, { bytes, quoteDots: dots }), want, `bytes: ${JSON.stringify(text)}`);
    }
    assert.ok(found > 20_000, `only ${found} specifiers found`);
    // Past the first IMPORT_SCAN_CHARS characters nothing counts: a string closing on the last of them is in, one past it out.
    for (const pad of [IMPORT_SCAN_CHARS - 16, IMPORT_SCAN_CHARS - 15, IMPORT_SCAN_CHARS - 14, IMPORT_SCAN_CHARS - 13, IMPORT_SCAN_CHARS - 4]) {
      const text = `${' '.repeat(pad)}from './a.js'\nfrom './b'`;
      const bytes = Buffer.from(text, 'latin1');
      scanner.count(bytes, bytes.length);
      assert.deepEqual(importSpecs('m.ts', { bytes, quoteDots: scanner.quoteDots(Math.min(bytes.length, IMPORT_SCAN_CHARS)) }), importSpecs('m.ts', text), `pad ${pad}`);
    }
  });

  test('JS/TS imports resolve to the same file as trying each ending in order, on 3,000 random trees', () => {
    const rnd = seededRandom(5);
    const names = ['a', 'b', 'index', 'a/index', 'b/c', 'a.json', ''];
    const endings = ['', '.ts', '.tsx', '.js', '.mjs', '.cjs', '/index.ts', '/index.js', '.d.ts', '.jsx'];
    const order = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'];
    let resolved = 0;
    for (let i = 0; i < 3000; i++) {
      const paths = new Set<string>(['src/main.ts']);
      const n = 1 + Math.floor(rnd() * 8);
      for (let k = 0; k < n; k++) paths.add(`src/${names[Math.floor(rnd() * names.length)]}${endings[Math.floor(rnd() * endings.length)]}`);
      const bases = names.map((x) => `src/${x}`);
      const specs = new Map([['src/main.ts', bases.map((b) => `jsbase:${b}`)]]);
      const got = [...(resolveImports(paths, specs).get('src/main.ts') ?? [])].sort();
      const want = new Set<string>();
      for (const v of bases) {
        const hit = [v, ...order.map((e) => `${v}${e}`)].find((c) => paths.has(c));
        if (hit && hit !== 'src/main.ts') want.add(hit);
      }
      if (want.size) resolved++;
      assert.deepEqual(got, [...want].sort(), JSON.stringify([...paths]));
    }
    assert.ok(resolved > 2000, `only ${resolved} trees resolved an import`);
  });

  test('regression: the index keeps no file\'s text (new spellings of a long term, names it defines, import specifiers)', () => {
    // V8 keeps a matched substring of 13 or more characters as a view of the whole text: kept after the visit (a new
    // spelling in the spelling table, a defined name, an import specifier), it kept that file's 100 KB alive.
    setFlagsFromString('--expose-gc');
    const gc = runInNewContext('gc') as () => void;
    const term = 'tokenizercachemerge';
    const index = new CodeIndex({ terms: [{ term, weight: 1 }], identifiers: new Set([term]) }, importSpecs);
    const spelling = (i: number) => [...term].map((c, k) => ((i >> k) & 1 ? c.toUpperCase() : c)).join('');
    gc();
    const before = process.memoryUsage().heapUsed;
    for (let i = 0; i < 400; i++) {
      const text = `from .package.module_name_${i} import thing\nclass ${spelling(i)}:\n    pass\n${'#'.repeat(100_000)}${i}\n`;
      index.add(`src/f${i}.py`, text, true);
    }
    gc();
    const heldMb = (process.memoryUsage().heapUsed - before) / 1e6;
    assert.equal(index.hits().size, 400);
    assert.ok(index.specs.get('src/f7.py')?.includes('py:.package.module_name_7'));
    assert.ok(heldMb < 12, `the index holds ${heldMb.toFixed(1)} MB after 400 files of 100 KB (40 MB of text)`);
  });

  test('regression: a word of the text found inside a code span counts as code, fast on a long brief (each word was checked against a fresh copy of every span: 4 s for 200,000 characters)', () => {
    const q = buildCodeQuery([{ title: 'Retries', abstract: '', text: 'Set `client.retry_policy` to cap retries; the policy backs off.', source: 'brief' }]);
    assert.ok(q.identifiers.has('retry_policy') && q.identifiers.has('policy'), [...q.identifiers].join(','));
    let spans = '';
    let words = '';
    for (let i = 0; spans.length < 100_000; i++) spans += `\`q${i.toString(36)}\` `;
    for (let i = 0; words.length < 100_000; i++) words += `w${i.toString(36)} `;
    const t0 = performance.now();
    const long = buildCodeQuery([{ title: 't', abstract: '', text: `${spans}${words} q1z`, source: 'brief' }]);
    const ms = performance.now() - t0;
    assert.ok(long.identifiers.has('q1z'), 'a word inside a span is code');
    assert.ok(!long.identifiers.has('w1z'), 'a word in no span is not');
    assert.ok(ms < 1500, `the query of a 200,000-character brief took ${Math.round(ms)} ms`);
  });
});
