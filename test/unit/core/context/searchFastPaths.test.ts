// The code search splits identifiers in one pass and checks identifier-part starts by char code; these tests hold both
// to the regex rules they replace, on random inputs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { CodeIndex } from '../../../../src/core/context/codeSearch';
import { splitIdentifier } from '../../../../src/core/context/queryTerms';
import { seededRandom } from '../../../../src/core/stats/prng';

/** splitIdentifier as it was written with regexes (the reference). */
function splitByRegex(id: string): string[] {
  return id
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .split(/[^A-Za-z0-9]+/)
    .filter(Boolean)
    .map((p) => p.toLowerCase());
}

/** Term counts as the search made them with regex character tests (the reference). */
function countsByRegex(terms: string[], text: string): Map<string, number> {
  const re = new RegExp([...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).join('|'), 'gi');
  const out = new Map<string, number>();
  let m: RegExpExecArray | null;
  while ((m = re.exec(text)) !== null) {
    const i = m.index;
    if (i > 0) {
      const prev = text.charAt(i - 1);
      if (/[A-Za-z0-9]/.test(prev) && !(/[a-z0-9]/.test(prev) && /[A-Z]/.test(text.charAt(i)))) continue;
    }
    const t = m[0].toLowerCase();
    out.set(t, (out.get(t) ?? 0) + 1);
  }
  return out;
}

function randomText(rnd: () => number, pieces: string[], max: number): string {
  let s = '';
  const n = Math.floor(rnd() * max);
  for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)];
  return s;
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
});
