// Streaming import against the whole-text import: same records (ids, duplicates, skipped Pairwise exports, problems),
// batches appended as it goes, a second run adding nothing; and the id fingerprints' counts against a Map.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importArena } from '../../../../src/core/export/arena';
import { importArenaFile } from '../../../../src/core/export/arenaStream';
import { IdFingerprints } from '../../../../src/core/export/idFingerprints';
import { ResultsStore } from '../../../../src/core/results/resultsStore';
import { seededRandom } from '../../../../src/core/stats/prng';
import { makeComparison } from '../../../fixtures/results/makeRecord';

test('id fingerprints count like a Map, through growth and past 255 repeats', () => {
  const fp = new IdFingerprints(4);
  const ref = new Map<string, number>();
  const rand = seededRandom(4);
  for (let k = 0; k < 60_000; k++) {
    const id = k % 7 === 0 ? 'hot' : `q${Math.floor(rand() * 40_000)}`;
    const before = ref.get(id) ?? 0;
    assert.equal(fp.add(id), before, id);
    ref.set(id, before + 1);
  }
  assert.equal(fp.size, ref.size);
  for (const [id, n] of ref) assert.equal(fp.count(id), n);
  assert.equal(fp.has('never-added'), false);
  assert.ok((ref.get('hot') as number) > 255);
});

test('an ASCII id added as bytes has the fingerprint of the same id added as a string', () => {
  const fp = new IdFingerprints(4);
  const ids = ['arena-q1', 'x', 'arena-0123456789abcdef', 'a b~!'];
  for (const id of ids) { const b = Buffer.from(`..${id}..`, 'latin1'); assert.equal(fp.addBytes(b, 2, 2 + id.length), 0); }
  for (const id of ids) assert.equal(fp.count(id), 1, id);
  assert.equal(fp.add('arena-q1'), 1);
  assert.equal(fp.has('arena-q2'), false);
});

test('streaming import equals importArena over the whole text, in batches, and a re-run adds nothing', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-arena-stream-'));
  try {
    const rand = seededRandom(12);
    const own = makeComparison({ verdict: 'a' });
    const rows: string[] = [];
    for (let k = 0; k < 2500; k++) {
      const u = rand();
      if (u < 0.02) { rows.push(u < 0.01 ? '{"broken' : '[1,2]'); continue; }
      if (u < 0.04) { rows.push(''); continue; }
      const row: Record<string, unknown> = { model_a: `m${Math.floor(rand() * 4)}`, model_b: rand() < 0.5 ? 'x:m9' : 'm8', winner: ['model_a', 'model_b', 'tie', 'tie (bothbad)', 'nobody'][Math.floor(rand() * 5)],
        tstamp: rand() < 0.02 ? 'soon' : 1.7e9 + k, judge: `r${k % 3}` };
      if (rand() < 0.9) row.question_id = rand() < 0.1 ? `q${Math.floor(rand() * 50)}` : `q${k}`;
      if (rand() < 0.01) row.question_id = own.id;
      rows.push(JSON.stringify(row));
    }
    const src = join(dir, 'battles.jsonl');
    await writeFile(src, `${rows.join('\r\n')}\n`);
    const file = join(dir, 'results.jsonl');
    const store = new ResultsStore(file);
    await store.append(own);
    const now = new Date(Date.UTC(2026, 2, 3));
    const want = importArena(rows.join('\n'), 'jsonl', { skipIds: new Set([own.id]), now });
    const got = await importArenaFile(src, store, { now, batch: 300, keptProblems: 1000 });
    assert.equal(got.error, undefined);
    assert.equal(got.imported, want.records.length);
    assert.deepEqual(got.problems, want.problems);
    assert.equal(got.problemCount, want.problems.length);
    const { records } = await store.readAll({ quarantine: false });
    assert.deepEqual(records, [own, ...want.records]);
    const again = await importArenaFile(src, store, { now });
    assert.deepEqual([again.imported, again.alreadyPresent], [0, want.records.length]);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
