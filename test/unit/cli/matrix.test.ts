import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseMatrix, pathLabel } from '../../../src/cli/matrix';
import { cellId, expandMatrix, parseShard, shardCells } from '../../../src/cli/matrixCells';

const YAML = `
repos: [./repos/a, repos/b/, /abs/c]
papers:
  - arxiv:2602.15763
  - papers/idea.md
  - brief: Cache parsed tables
    title: Table cache
pairs:
  - { a: anthropic:claude-opus-4-7, b: zai:glm-5.2 }
  - { a: openai:gpt-5, b: zai:glm-5.2, bBaseUrl: http://127.0.0.1:9/v1 }
repeats: 2
limits: { anthropic: 3 }
`;

describe('matrix', () => {
  test('parses, resolves paths against the matrix folder, expands repos × papers × pairs × repeats', () => {
    const r = parseMatrix(YAML, '/work/m');
    assert.ok(r.ok, JSON.stringify(r));
    const m = r.matrix;
    assert.deepEqual(m.repos.map((x) => x.path), ['/work/m/repos/a', '/work/m/repos/b', '/abs/c']);
    assert.deepEqual(m.repos.map((x) => x.label), ['repos/a', 'repos/b', '/abs/c']);
    assert.equal(m.papers[1].key, 'papers/idea.md');
    assert.ok('ref' in m.papers[1] && m.papers[1].ref === '/work/m/papers/idea.md');
    assert.equal(m.papers[0].key, 'arxiv:2602.15763');
    assert.deepEqual(m.limits, { anthropic: 3 });
    assert.equal(m.pairs[1].bBaseUrl, 'http://127.0.0.1:9/v1');
    const cells = expandMatrix(m);
    assert.equal(cells.length, 3 * 3 * 2 * 2);
    assert.equal(new Set(cells.map((c) => c.id)).size, cells.length, 'ids are unique');
    assert.deepEqual(cells.map((c) => c.index), cells.map((_, i) => i));
  });

  test('cell ids are stable: same identity → same id, independent of matrix folder and order', () => {
    const a = parseMatrix(YAML, '/one');
    const b = parseMatrix(YAML.replace('repos: [./repos/a, repos/b/, /abs/c]', 'repos: [/abs/c, repos/b, repos/a]'), '/two');
    assert.ok(a.ok && b.ok);
    const ids = (m: typeof a) => (m.ok ? new Set(expandMatrix(m.matrix).map((c) => c.id)) : new Set());
    assert.deepEqual(ids(a), ids(b));
    assert.equal(cellId('repos/a', ['x'], { a: 'p:m', b: 'q:n' }, 'pin', 0), cellId('repos/a', ['x'], { a: 'p:m', b: 'q:n' }, 'pin', 0));
    assert.notEqual(cellId('repos/a', ['x'], { a: 'p:m', b: 'q:n' }, 'pin', 0), cellId('repos/a', ['x'], { a: 'p:m', b: 'q:n' }, 'pin', 1));
    assert.notEqual(cellId('repos/a', ['x'], { a: 'p:m', b: 'q:n' }, 'pin', 0), cellId('repos/a', ['x'], { a: 'q:n', b: 'p:m' }, 'pin', 0));
    assert.equal(pathLabel('./a/b/'), 'a/b');
  });

  test('selection mode makes the papers one pool: one cell per repo × pair × repeat', () => {
    const r = parseMatrix('mode: selection\nrepos: [r]\npool: [a.md, b.md, 2602.15760]\npairs: [{a: x:1, b: y:2}]\nrepeats: 3\n', '/m');
    assert.ok(r.ok, JSON.stringify(r));
    const cells = expandMatrix(r.matrix);
    assert.equal(cells.length, 3);
    assert.equal(cells[0].papers.length, 3);
    assert.equal(cells[0].mode, 'selection');
    assert.equal(cells[0].papers[2].key, '2602.15760', 'an unquoted arXiv id keeps its trailing zero');
  });

  test('every problem is reported with the field to fix', () => {
    const r = parseMatrix('repos: []\npapers: [{nope: 1}]\npairs: [{a: only-a}]\nrepeats: 0\nmode: race\nlimit: {}\n', '/m');
    assert.ok(!r.ok);
    const text = r.errors.join('\n');
    for (const want of ['repos must be', 'papers[0]', 'pairs[0]', 'repeats must', 'mode must', 'Unknown matrix field "limit"']) assert.ok(text.includes(want), `${want} in:\n${text}`);
    const bad = parseMatrix('repos: [a\n', '/m');
    assert.ok(!bad.ok && bad.errors[0].startsWith('The matrix is not valid YAML'));
  });

  test('shards are disjoint, balanced and cover every cell', () => {
    const r = parseMatrix(YAML, '/m');
    assert.ok(r.ok);
    const cells = expandMatrix(r.matrix);
    const n = 5;
    const shards = Array.from({ length: n }, (_, i) => shardCells(cells, { index: i + 1, count: n }));
    const all = shards.flat().map((c) => c.id);
    assert.equal(all.length, cells.length);
    assert.equal(new Set(all).size, cells.length);
    const sizes = shards.map((s) => s.length);
    assert.ok(Math.max(...sizes) - Math.min(...sizes) <= 1, `sizes ${sizes}`);
    assert.deepEqual(parseShard('2/4'), { index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', '2', 'a/b', '1/0']) assert.ok('error' in parseShard(bad), bad);
  });
});
