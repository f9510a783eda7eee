import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { computeDraftDiff, foldSame, type DiffBlock } from '../../../webview/compare/textDiff';

type Change = Extract<DiffBlock, { kind: 'change' }>;
const changes = (blocks: DiffBlock[]) => blocks.filter((b): b is Change => b.kind === 'change');

describe('computeDraftDiff', () => {
  test('line diff with numbers and word highlights inside a changed pair', () => {
    const a = 'title\nthe quick brown fox\nend\n';
    const b = 'title\nthe quick red fox\nend\n';
    const d = computeDraftDiff(a, b);
    assert.equal(d.lineDiff, 'ok');
    assert.deepEqual([d.added, d.removed, d.unchanged], [1, 1, 2]);
    const [c] = changes(d.blocks);
    assert.equal(c.skipped, null);
    assert.equal(c.del[0].no, 2);
    assert.equal(c.add[0].no, 2);
    assert.deepEqual(c.del[0].segs, [{ kind: 'same', text: 'the quick ' }, { kind: 'del', text: 'brown' }, { kind: 'same', text: ' fox' }]);
    assert.deepEqual(c.add[0].segs, [{ kind: 'same', text: 'the quick ' }, { kind: 'add', text: 'red' }, { kind: 'same', text: ' fox' }]);
  });

  test('segments rebuild each line exactly, across multi-line hunks', () => {
    const a = 'x\nalpha beta\ngamma delta\nepsilon\ny';
    const b = 'x\nalpha BETA\ngamma\nnew line here\nepsilon\ny';
    const d = computeDraftDiff(a, b);
    for (const c of changes(d.blocks)) {
      for (const l of [...c.del, ...c.add]) if (l.segs) assert.equal(l.segs.map((s) => s.text).join(''), l.text);
      for (const l of c.del) assert.ok(l.segs?.every((s) => s.kind !== 'add'));
      for (const l of c.add) assert.ok(l.segs?.every((s) => s.kind !== 'del'));
    }
    const rebuiltB = d.blocks.flatMap((bl) => bl.kind === 'same' ? bl.lines : bl.add.map((l) => l.text)).join('\n');
    assert.equal(rebuiltB, b);
  });

  test('pure additions and deletions are one-sided hunks (no word diff needed)', () => {
    const d = computeDraftDiff('a\nb\n', 'a\nb\nc\n');
    const [c] = changes(d.blocks);
    assert.equal(c.skipped, 'one_sided');
    assert.equal(c.add[0].text, 'c');
    assert.equal(d.wordDiffSkipped, 0);
  });

  test('a hunk pair over the size cap skips word highlighting', () => {
    const a = `start\n${'old words here '.repeat(50)}\nend`;
    const b = `start\n${'new words there '.repeat(50)}\nend`;
    const d = computeDraftDiff(a, b, { maxHunkChars: 500 });
    const [c] = changes(d.blocks);
    assert.equal(c.skipped, 'too_large');
    assert.equal(c.del[0].segs, null);
    assert.equal(d.wordDiffSkipped, 1);
  });

  test('the global time budget stops word diffs once spent', () => {
    let t = 0;
    const now = () => (t += 10); // each clock read costs 10 ms
    const a = Array.from({ length: 20 }, (_, i) => `same ${i}\nold ${i} text`).join('\n');
    const b = Array.from({ length: 20 }, (_, i) => `same ${i}\nnew ${i} text`).join('\n');
    const d = computeDraftDiff(a, b, { now, timeBudgetMs: 50 });
    const cs = changes(d.blocks);
    assert.equal(cs.length, 20);
    assert.ok(cs.some((c) => c.skipped === null), 'some highlighted');
    assert.ok(cs.some((c) => c.skipped === 'time_budget'), 'later ones skipped');
    assert.equal(d.wordDiffSkipped, cs.filter((c) => c.skipped === 'time_budget').length);
  });

  test('identical and empty inputs', () => {
    assert.deepEqual(computeDraftDiff('', '').blocks, []);
    const d = computeDraftDiff('a\nb', 'a\nb');
    assert.equal(d.blocks.length, 1);
    assert.equal(d.unchanged, 2);
    const e = computeDraftDiff('', 'new\n');
    assert.equal(e.added, 1);
  });

  test('two different 50 KB drafts stay under 150 ms', () => {
    const words = 'cache paper repo test patch issue route model token stream retry budget verdict diff'.split(' ');
    let seed = 7;
    const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
    const draft = () => { let s = ''; while (s.length < 50_000) s += Array.from({ length: 12 }, () => words[Math.floor(rnd() * words.length)]).join(' ') + '\n'; return s; };
    const t0 = performance.now();
    const d = computeDraftDiff(draft(), draft());
    assert.ok(performance.now() - t0 < 150 * 3, 'generous bound for a loaded CI machine');
    assert.ok(d.added > 0 && d.removed > 0);
  });
});

describe('foldSame', () => {
  test('keeps context around changes and folds the middle', () => {
    const lines = Array.from({ length: 20 }, (_, i) => String(i));
    assert.deepEqual(foldSame(lines, 3, false, false), { head: 3, hidden: 14, tail: 3 });
    assert.deepEqual(foldSame(lines, 3, true, false), { head: 0, hidden: 17, tail: 3 });
    assert.deepEqual(foldSame(lines, 3, false, true), { head: 3, hidden: 17, tail: 0 });
    assert.deepEqual(foldSame(lines.slice(0, 7), 3, false, false), { head: 7, hidden: 0, tail: 0 }, 'one hidden line is not worth a fold');
  });
});
