import { test, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, readFile, writeFile, mkdir } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { mergeResultFiles } from '../../../../src/core/export/mergeResultFiles';
import { exportMarkdown } from '../../../../src/core/export/markdownExport';
import { ResultsStore } from '../../../../src/core/results/resultsStore';
import { makeAmend, makeComparison } from '../../../fixtures/results/makeRecord';

let dir: string;
before(async () => { dir = await mkdtemp(join(tmpdir(), 'pw-merge-')); });
after(async () => { await rm(dir, { recursive: true, force: true }); });

test('merges files from several machines, deduplicating comparisons and amends by id, copying blobs', async () => {
  const shared = makeComparison({ verdict: 'a', time: '2026-01-01T00:00:00.000Z' });
  const onlyA = makeComparison({ time: '2026-01-03T00:00:00.000Z' });
  const onlyB = makeComparison({ time: '2026-01-02T00:00:00.000Z' });
  const amend = makeAmend(shared.id, { verdict: 'b', time: '2026-01-04T00:00:00.000Z' });
  const fa = join(dir, 'laptop', 'results.jsonl');
  const fb = join(dir, 'desktop', 'results.jsonl');
  const sa = new ResultsStore(fa);
  const sb = new ResultsStore(fb);
  for (const r of [shared, onlyA, amend]) await sa.append(r);
  for (const r of [shared, onlyB, amend, { ...onlyA, notes: 'edited elsewhere' }]) await sb.append(r);
  const hash = await sb.saveBlob(onlyB.id, 'draft-a', 'draft B text');
  await mkdir(join(dir, 'desktop', 'x'), { recursive: true });
  await writeFile(fb, 'not json\n', { flag: 'a' });

  const into = join(dir, 'laptop', 'results.jsonl');
  const m = await mergeResultFiles([fa, fb], { into });
  assert.deepEqual(m.records.map((r) => r.id), [shared.id, onlyB.id, onlyA.id, amend.id]);
  assert.equal(m.duplicates, 3);
  assert.deepEqual(m.conflicts, [{ id: onlyA.id, keptFrom: fa, droppedFrom: fb }]);
  assert.equal(m.problems.length, 1);
  assert.equal(m.appended, 1);
  assert.equal(m.blobDirsCopied, 1);
  const merged = await sa.readAll();
  assert.deepEqual(merged.records.map((r) => r.id).sort(), [shared.id, onlyA.id, amend.id, onlyB.id].sort());
  assert.deepEqual(await sa.readBlob(onlyB.id, hash), { ok: true, text: 'draft B text' });
  // merging again is a no-op
  const again = await mergeResultFiles([fa, fb], { into });
  assert.equal(again.appended, 0);
  assert.equal((await readFile(into, 'utf8')).trimEnd().split('\n').length, 4);
});

test('exportMarkdown applies filters before computing', () => {
  const recs = [makeComparison({ repo: { name: 'mlx' }, verdict: 'a' }), makeComparison({ repo: { name: 'dspy' }, verdict: 'b' })];
  const md = exportMarkdown(recs, { filter: { repo: 'mlx' }, bootstrapRounds: 0, title: 'mlx only' });
  assert.match(md, /^# mlx only\n/);
  assert.match(md, /1 comparison: 1 judged, 0 pending/);
});
