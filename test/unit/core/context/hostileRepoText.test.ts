// Regression: repository files are hostile text, read on the extension host's thread while the context is built.
// Measured before the fix on one crafted 256 KB file each: the outline's body cut (`\s*(\{|=>)` over a line of spaces)
// 33-40 s, its signature and definition patterns over lone \r line breaks 5 s each, the symbol pattern (`function`
// then 128,000 blank lines) 82 s, Python's `from ....` import pattern 0.4 s per 16 KB scanned (so 4 s for the ten
// files below), and the entropy detector's look back to a token's line start 1.2 s (5 s for four such files). Every
// case takes milliseconds now; the bench corpus gives byte-identical outlines, symbols, definitions, imports and hits.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { signatures } from '../../../../src/core/context/repoOutline';
import { definedNames, SEARCH_CHARS } from '../../../../src/core/context/codeSearch';
import { topLevelSymbols } from '../../../../src/core/context/repoSymbols';
import { IMPORT_SCAN_CHARS, importSpecs } from '../../../../src/core/context/importGraph';
import { findEntropyTokens } from '../../../../src/core/context/entropyTokens';

const FILE = 256 * 1024;

function fill(unit: string, size: number, prefix = '', suffix = ''): string {
  return prefix + unit.repeat(Math.floor((size - prefix.length - suffix.length) / unit.length)) + suffix;
}

function within<T>(limitMs: number, f: () => T): T {
  const t0 = performance.now();
  const value = f();
  const ms = performance.now() - t0;
  assert.ok(ms < limitMs, `${Math.round(ms)} ms`);
  return value;
}

describe('crafted repository files are read in linear time', () => {
  test('regression: the outline of a declaration followed by a 256 KB run of spaces or tabs', () => {
    const [sig] = within(2000, () => signatures(fill(' ', FILE, 'function f', '=\n')));
    assert.equal(sig, `L1: function f${' '.repeat(127)}…`, 'no body: cut at 140 characters as before');
    assert.deepEqual(within(2000, () => signatures(fill('\t', FILE, 'class A', ' {'))), ['L1: class A']);
    assert.deepEqual(within(2000, () => signatures(fill('\t', FILE, 'class A', '=x'))), [`L1: class A${'\t'.repeat(130)}…`]);
  });

  test('regression: signatures and definitions over lone \\r line breaks', () => {
    const text = fill('s\rfn(\r', FILE, '', '\n');
    within(2000, () => signatures(text));
    within(2000, () => definedNames(text.slice(0, SEARCH_CHARS)));
  });

  test('regression: top-level symbols after `function` and 128,000 blank lines', () => {
    assert.deepEqual(within(2000, () => topLevelSymbols('a.ts', fill('\t\n', FILE, 'function\n', '\x00'))), []);
  });

  test('regression: Python imports behind a long run of dots, ten files', () => {
    const text = fill('.', IMPORT_SCAN_CHARS, 'from\t.', '\nfrom\t\timport\t(');
    within(1500, () => { for (let i = 0; i < 10; i++) importSpecs('a.py', text); });
  });

  test('regression: the entropy detector on files of one long line of quoted tokens, four files', () => {
    const text = fill('"aB3dE5gH7jK9mN1pQ" ', FILE);
    within(2500, () => { for (let i = 0; i < 4; i++) findEntropyTokens(text); });
  });

  test('ordinary declarations read as before', () => {
    const src = 'export async function* gen(a: number): AsyncGenerator<number> {\r\n}\r\nfunction * star() {}\nfunction *bad() {}\n'
      + 'func (s *Server) Serve(l net.Listener) error {\npub(crate) fn run() -> Result<(), E> {\nimpl<T> Foo for Bar<T> {\n'
      + 'def f(x):\n    return x\nconst g = (a) => a;\n';
    assert.deepEqual(signatures(src), ['L1: export async function* gen(a: number): AsyncGenerator<number>', 'L3: function * star()',
      'L4: function *bad()', 'L5: func (s *Server) Serve(l net.Listener) error', 'L6: pub(crate) fn run() -> Result<(), E>',
      'L7: impl<T> Foo for Bar<T>', 'L8: def f(x)']);
    assert.deepEqual(definedNames(src), ['gen', 'star', 'bad', 'Serve', 'run', 'Foo', 'f']); // a keyword ends a word (definitions.test.ts)
    assert.deepEqual(topLevelSymbols('a.ts', src), ['gen', 'star', 'g']);
    assert.deepEqual(importSpecs('a.py', 'from ..pkg.mod import (a, b)\nfrom . import c\n'), ['py:..pkg.mod', 'py:..pkg.mod.a', 'py:..pkg.mod.b', 'py:.', 'py:.c']);
    assert.equal(findEntropyTokens('const x = 1;\nlogin("user", "aB3dE5gH7jK9mN1pQ")').length, 1);
  });
});
