import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { extractRefs, pathRef, symbolRef } from '../../../../src/core/checks/refExtract';
import { extractImports } from '../../../../src/core/checks/importRefs';

function texts(title: string, body: string, topDirs: string[] = []): string[] {
  return extractRefs(title, body, { topDirs: new Set(topDirs) }).map((r) => `${r.kind}:${r.text}`);
}

describe('pathRef', () => {
  test('reads line suffixes in every supported form', () => {
    assert.deepEqual(pathRef('src/a.py:12', 'body', false)?.lines, { start: 12, end: 12 });
    assert.deepEqual(pathRef('src/a.py:12-20', 'body', false)?.lines, { start: 12, end: 20 });
    assert.deepEqual(pathRef('src/a.py:12:5', 'body', false)?.lines, { start: 12, end: 12 }, 'line:column');
    assert.deepEqual(pathRef('src/a.py#L3', 'body', false)?.lines, { start: 3, end: 3 });
    assert.deepEqual(pathRef('src/a.py#L10-L20', 'body', false)?.lines, { start: 10, end: 20 });
    assert.equal(pathRef('src/a.py#L10-L20', 'body', false)?.path, 'src/a.py');
  });
  test('accepts known extensions, special names and slashes; rejects words and URLs', () => {
    assert.equal(pathRef('setup.py', 'body', false)?.kind, 'path');
    assert.equal(pathRef('Makefile', 'body', false)?.kind, 'path');
    assert.equal(pathRef('./src/x/', 'body', false)?.path, 'src/x/');
    assert.equal(pathRef('hello', 'body', false), undefined);
    assert.equal(pathRef('https://x.io/a.py', 'body', false), undefined);
    assert.equal(pathRef('Node.js', 'body', false), undefined);
    assert.equal(pathRef('3.14', 'body', false), undefined);
  });
  test('in prose, slash words need to look like folders', () => {
    assert.equal(pathRef('and/or', 'body', true), undefined);
    assert.equal(pathRef('I/O', 'body', true), undefined);
    assert.equal(pathRef('src/core', 'body', true, { topDirs: new Set(['src']) })?.kind, 'path');
    assert.equal(pathRef('a/b/c', 'body', true)?.kind, 'path');
  });
});

describe('symbolRef', () => {
  test('splits members and drops call parentheses and self/this', () => {
    assert.deepEqual(symbolRef('Dataset.load()', 'body')?.parts, ['Dataset', 'load']);
    assert.deepEqual(symbolRef('self.cache_dir', 'body')?.parts, ['cache_dir']);
    assert.deepEqual(symbolRef('Foo::bar', 'body')?.parts, ['Foo', 'bar']);
    assert.deepEqual(symbolRef('run_epoch(model, data)', 'body')?.parts, ['run_epoch']);
  });
  test('ignores keywords, tools, short names and non-identifiers', () => {
    for (const s of ['None', 'true', 'npm', 'id', 'npm test', '--fix', '1.2.3', 'a + b']) assert.equal(symbolRef(s, 'body'), undefined, s);
  });
});

describe('extractRefs', () => {
  test('finds paths, lines, symbols and prose members; skips URLs and plain words', () => {
    const got = texts('Fix `Trainer.step`', [
      'The bug is in src/train/loop.py:42 and `utils/io.py#L3-L9`.',
      'See https://example.com/src/fake.py for background, and/or ask the I/O team.',
      'Calling Model.forward twice breaks `load_checkpoint()`.',
    ].join('\n'), ['src']);
    assert.ok(got.includes('symbol:Trainer.step'));
    assert.ok(got.includes('line:src/train/loop.py:42'));
    assert.ok(got.includes('line:utils/io.py#L3-L9'));
    assert.ok(got.includes('symbol:Model.forward'));
    assert.ok(got.includes('symbol:load_checkpoint()'));
    assert.ok(!got.some((t) => t.includes('fake.py')), 'URL paths are not repo claims');
    assert.ok(!got.some((t) => t.includes('and/or') || t.includes('I/O')));
  });
  test('reads "`path` line N" prose and python tracebacks and imports in fences', () => {
    const body = 'Look at `lib/a.py` line 7.\n\n```python\nfrom pkg.mod import thing\nimport os, yaml\n```\n' +
      '```\nTraceback (most recent call last):\n  File "pkg/run.py", line 12, in <module>\n  File "/usr/lib/python3/x.py", line 1\n```';
    const refs = extractRefs('', body);
    const line = refs.find((r) => r.kind === 'line' && r.path === 'lib/a.py');
    assert.deepEqual(line?.lines, { start: 7, end: 7 });
    assert.ok(refs.some((r) => r.kind === 'line' && r.path === 'pkg/run.py' && r.lines?.start === 12));
    assert.ok(!refs.some((r) => r.path?.includes('usr/lib')), 'absolute traceback paths are from another machine');
    const mods = refs.filter((r) => r.kind === 'module').map((r) => r.module?.name);
    assert.deepEqual(mods, ['pkg.mod', 'os', 'yaml']);
  });
  test('a markdown link does not swallow the text up to the next parenthesis', () => {
    const got = texts('', 'See [docs](https://example.com/docs/a.md).\nTests in test/unit/x.test.ts and e.g. the CI/CD pipeline (I/O bound).');
    assert.deepEqual(got, ['path:test/unit/x.test.ts']);
  });
  test('de-duplicates repeated references', () => {
    const refs = extractRefs('`a/b.ts`', 'a/b.ts and `a/b.ts` again');
    assert.equal(refs.length, 1);
  });
  test('does not mine diff fences in the body (they are checked as patches)', () => {
    assert.deepEqual(extractRefs('', '```diff\n--- a/x/y.py\n+++ b/x/y.py\n```'), []);
  });
});

describe('extractImports', () => {
  test('JS import forms', () => {
    const refs = extractImports([
      "import { a } from './a';", "import type { T } from '../types';", "export * from './all';",
      "const fs = require('node:fs');", "await import('lodash/merge');", "import './side-effect';",
    ], 'js', 'patch', 'src/x.ts');
    assert.deepEqual(refs.map((r) => r.module?.name), ['./a', '../types', './all', 'node:fs', 'lodash/merge', './side-effect']);
    assert.ok(refs.every((r) => r.module?.fromFile === 'src/x.ts' && r.module.lang === 'js'));
  });
  test('python import forms, including relative ones', () => {
    const refs = extractImports(['from . import a, b as c', 'from ..core.x import y', 'import json as j, pkg.sub', 'import "not python"'], 'python', 'patch', 'p/q/r.py');
    assert.deepEqual(refs.map((r) => r.module?.name), ['.a', '.b', '..core.x', 'json', 'pkg.sub']);
  });
});
