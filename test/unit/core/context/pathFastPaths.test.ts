// The listing read and the import graph decide most paths with one regex before splitting them, and the git listing is
// parsed in one pass; these tests hold each fast path to the plain rules it stands in for, on random inputs.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { unsafeRepoPath } from '../../../../src/core/context/gitDirGuard';
import { importSpecs, resolveImports } from '../../../../src/core/context/importGraph';
import { gitPaths } from '../../../../src/core/context/listRepoFiles';
import { renderRepoMap } from '../../../../src/core/context/repoMap';
import { seededRandom } from '../../../../src/core/stats/prng';
import { TermScanner } from '../../../../src/core/context/termScan';

/** The path rules written out component by component (the reference). */
function unsafeByParts(path: string): string | null {
  // eslint-disable-next-line no-control-regex
  if (path === '' || /[\0-\x1f\x7f-\x9f\u2028\u2029]/.test(path)) return 'empty or control characters';
  if (path.startsWith('/') || path.includes('\\') || /^[a-z]:/i.test(path)) return 'absolute path';
  const parts = path.split('/');
  if (parts.some((c) => c === '..')) return 'contains ..';
  if (parts.some((c) => c === '' || c === '.')) return 'empty or . component';
  if (parts.some(namesGitDir)) return 'inside .git';
  if (/[\u202a-\u202e\u2066-\u2069]/.test(path)) return 'bidi control characters';
  return null;
}

/** `.git` as NTFS or HFS+ may read a name: HFS+-ignorable code points dropped, an NTFS stream and trailing dots and spaces cut, any case; or `git~1`. */
function namesGitDir(c: string): boolean {
  let s = c.replace(/[\u200c-\u200f\u202a-\u202e\u206a-\u206f\ufeff]/g, '');
  const colon = s.indexOf(':');
  if (colon >= 0) s = s.slice(0, colon);
  while (s.endsWith('.') || s.endsWith(' ')) s = s.slice(0, -1);
  s = s.toLowerCase();
  return s === '.git' || s === 'git~1';
}

/** A module path resolved against a folder, segment by segment (the reference). */
function joinByParts(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

function randomPath(rnd: () => number, pieces: string[], prefix = ''): string {
  let s = prefix;
  const n = Math.floor(rnd() * 8);
  for (let i = 0; i < n; i++) s += pieces[Math.floor(rnd() * pieces.length)];
  return s;
}

describe('path fast paths', () => {
  test('unsafeRepoPath agrees with the component rules on 100,000 random paths (.git in any case, ., .., //, drive letters, control characters)', () => {
    const rnd = seededRandom(4242);
    const pieces = ['a', 'b', '.', '/', 'g', 'i', 't', 'G', 'I', 'T', '\\', ':', 'c', '\x01', '\x1f', ' ', '..', '.git', '.GiT', 'x/', '/.', 'é', '\u2028', '~1', 'GIT~1', '\u200c', '\ufeff', 'İ', '\x7f', '\x9b', '\u202e', '\u2067', '\u200d'];
    let refused = 0;
    for (let i = 0; i < 100_000; i++) {
      const p = randomPath(rnd, pieces);
      const want = unsafeByParts(p);
      if (want) refused++;
      assert.equal(unsafeRepoPath(p), want, JSON.stringify(p));
    }
    assert.ok(refused > 20_000 && refused < 90_000, `both kinds of path were drawn (${refused} refused)`);
    for (const p of ['src/a.ts', '.github/x.yml', '.gitignore', 'a/.gitx/b', '...', 'ab:c', 'git~2/a', 'a/.git-blame-ignore-revs', '.g it/x']) assert.equal(unsafeRepoPath(p), null, p);
    for (const p of ['.git', 'a/.GIT/config', 'a//b', 'a/./b', 'a/../b', 'a/', '/etc/passwd', 'C:/x', 'a\\b', 'a\nb', '.git./config', 'a/.git /b', 'GIT~1/HEAD', '.git::$INDEX_ALLOCATION/config', '.g\u200cit/config']) assert.notEqual(unsafeRepoPath(p), null, p);
  });

  test('relative JS imports resolve as segment-by-segment joining would, on 50,000 random specifiers, from the text and from the bytes', () => {
    const rnd = seededRandom(777);
    const pieces = ['a', '.', '/', '..', 'b', './', '../', '//', '.x', '.js', 'c.mjs', '.cjs', 'é'];
    // A folder whose name is not latin1 takes the segment-by-segment route from the bytes too.
    const dirs = ['', 'src', 'src/lib', 'a/b/c', 'x.js/é', '中文/lib'];
    const scanner = TermScanner.for(['import'], 1 << 16);
    assert.ok(scanner);
    let checked = 0;
    for (let i = 0; i < 50_000; i++) {
      const dir = dirs[i % dirs.length];
      // Most end in a name; some in `/..`, `/.` or nothing (the module string then names a folder, or is no specifier).
      const rel = `${randomPath(rnd, pieces, rnd() < 0.5 ? './' : '../')}${['z', 'z', 'z', '', '/..', '/.'][Math.floor(rnd() * 6)]}`;
      const file = dir ? `${dir}/m.ts` : 'm.ts';
      const rels = [rel, `${rel}.js`];
      const text = rels.map((r, k) => `import x${k} from '${r}';\n`).join('');
      const named = rels.filter((r) => /^\.{1,2}\/[^'"\n]+$/.test(r));
      const want = [...new Set(named.map((r) => `jsbase:${joinByParts(dir, r).replace(/\.(m?js|cjs)$/, '')}`))];
      // The file's bytes are UTF-8, read as latin1 by the search (see importSpecs).
      const bytes = Buffer.from(text, 'utf8');
      assert.deepEqual(importSpecs(file, bytes.toString('latin1')), want, `${file} imports ${rel}`);
      scanner.count(bytes, bytes.length);
      assert.deepEqual(importSpecs(file, { bytes, quoteDots: scanner.quoteDots(bytes.length) }), want, `bytes: ${file} imports ${rel}`);
      checked++;
    }
    assert.equal(checked, 50_000);
  });
});

describe('imports of files with non-ASCII names', () => {
  test('regression: an import of a file named in UTF-8 resolves to it, from the bytes and from the text (its bytes read as latin1 named no file)', () => {
    const scanner = TermScanner.for(['import'], 1 << 16);
    assert.ok(scanner);
    for (const dir of ['src', 'é/ü', '中文']) {
      const paths = new Set([`${dir}/main.ts`, `${dir}/données.ts`, '日本/コード.ts']);
      const bytes = Buffer.from(`import { a } from './données';\nimport b from '${dir.split('/').map(() => '..').join('/')}/日本/コード.js';\n`, 'utf8');
      scanner.count(bytes, bytes.length);
      const fromBytes = importSpecs(`${dir}/main.ts`, { bytes, quoteDots: scanner.quoteDots(bytes.length) });
      assert.deepEqual(fromBytes, importSpecs(`${dir}/main.ts`, bytes.toString('latin1')), dir);
      const edges = resolveImports(paths, new Map([[`${dir}/main.ts`, fromBytes]]));
      assert.deepEqual([...(edges.get(`${dir}/main.ts`) ?? [])].sort(), [`${dir}/données.ts`, '日本/コード.ts'].sort(), dir);
    }
  });
});

describe('git listing parse', () => {
  test('gitPaths gives what de-duplicating and sorting every name gives, on 20,000 random listings (repeats near and far, unsorted tails, empty names)', () => {
    const rnd = seededRandom(99);
    const names = ['a', 'a/b', 'a/c', 'b', 'B', 'c.ts', 'src/x.ts', 'src/y.ts', 'z', 'é'];
    for (let i = 0; i < 20_000; i++) {
      const n = Math.floor(rnd() * 9);
      let list = Array.from({ length: n }, () => names[Math.floor(rnd() * names.length)]);
      if (rnd() < 0.5) list = [...new Set(list)].sort(); // most listings are already in order
      const out = list.join('\0') + (rnd() < 0.5 ? '\0' : '');
      const want = [...new Set(out.split('\0').filter(Boolean))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
      assert.deepEqual(gitPaths(out), want, JSON.stringify(list));
    }
  });
});

describe('repo map folder reuse', () => {
  test('regression: a root file listed after a path with a leading slash (git lists one from a crafted index) stays at the root', () => {
    // The folder reused from the previous path was keyed without its slash: '/a' (folder '') and 'b' (the root) matched.
    const map = renderRepoMap([{ path: '/a', score: 0 }, { path: 'b', score: 0 }], 2000);
    assert.equal(map.text, '<repo-map files="2" shown="2">\nb\n/\n  a\n</repo-map>');
    const deeper = renderRepoMap([{ path: '/x/y', score: 0 }, { path: 'x/z', score: 0 }, { path: 'z', score: 0 }], 2000);
    assert.equal(deeper.text, renderRepoMap([{ path: 'z', score: 0 }, { path: 'x/z', score: 0 }, { path: '/x/y', score: 0 }], 2000).text, 'the order of the listing does not move a file to another folder');
    assert.match(deeper.text, /^z$/m, 'z is shown at the root');
  });
});
