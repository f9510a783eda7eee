// The constant-memory import (on-disk plan in hash buckets, forced with constantMemoryAbove: 0) against the in-memory
// one: byte-identical results files and identical summaries, for duplicates, re-imports, problems, an interrupted
// earlier import, CRLF and any bucket count; its temp dir is gone afterwards, also when a write fails.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { importArenaFile, type ArenaFileImportOptions } from '../../../../src/core/export/arenaStream';
import { MAX_LINE_BYTES } from '../../../../src/core/results/lineReader';
import { ResultsStore, type AppendResult } from '../../../../src/core/results/resultsStore';
import type { ResultRecord } from '../../../../src/core/results/schema';
import { seededRandom } from '../../../../src/core/stats/prng';
import { makeComparison } from '../../../fixtures/results/makeRecord';

const now = new Date(Date.UTC(2026, 2, 3));
const own = makeComparison({ verdict: 'a' });

/** Battle rows with repeated, suffix-like and numeric question ids, rows without one, and every kind of problem. */
function battleLines(n: number, seed: number): string[] {
  const rand = seededRandom(seed);
  const rows: string[] = [];
  for (let k = 0; k < n; k++) {
    const u = rand();
    if (u < 0.02) { rows.push(u < 0.01 ? '{"broken' : '[1,2]'); continue; }
    if (u < 0.03) { rows.push('   '); continue; }
    const row: Record<string, unknown> = { model_a: `m${Math.floor(rand() * 4)}`, model_b: rand() < 0.5 ? 'x:m9' : 'm8',
      winner: ['model_a', 'model_b', 'tie', 'tie (bothbad)', 'model_a', 'nobody'][Math.floor(rand() * 6)], tstamp: rand() < 0.02 ? 'soon' : 1.7e9 + k };
    const v = rand();
    if (v < 0.3) row.question_id = `q${Math.floor(rand() * 40)}`;
    else if (v < 0.4) row.question_id = `q${Math.floor(rand() * 5)}-${1 + Math.floor(rand() * 3)}`;
    else if (v < 0.45) row.question_id = Math.floor(rand() * 20);
    else if (v < 0.47) row.question_id = ['arena-q1', 'arena-q2-1', own.id, '../../escape', '/tmp/x'][Math.floor(rand() * 5)];
    else if (v < 0.5) row.id = `i${Math.floor(rand() * 10)}`;
    else if (v < 0.9) row.question_id = `u${k}`;
    rows.push(JSON.stringify(row));
  }
  return rows;
}

class FailingStore extends ResultsStore {
  private left: number;
  constructor(file: string, okBatches: number) { super(file); this.left = okBatches; }
  override appendMany(records: readonly ResultRecord[]): Promise<AppendResult> {
    if (this.left-- > 0) return super.appendMany(records);
    return Promise.resolve({ ok: false, error: 'disk full (test)' });
  }
}

/** Imports `src` into a copy of `seed` results once in memory and once planned; asserts equal bytes and summaries. */
async function same(dir: string, src: string, seedResults: string | null, planned: ArenaFileImportOptions, tag: string): Promise<void> {
  const a = join(dir, `${tag}-mem.jsonl`), b = join(dir, `${tag}-plan.jsonl`);
  if (seedResults !== null) { await writeFile(a, seedResults); await writeFile(b, seedResults); }
  const tmp = join(dir, `${tag}-tmp`);
  await mkdir(tmp);
  const want = await importArenaFile(src, new ResultsStore(a), { now, batch: 70, keptProblems: 1e6, constantMemoryAbove: Infinity });
  const got = await importArenaFile(src, new ResultsStore(b), { now, batch: 70, keptProblems: 1e6, constantMemoryAbove: 0, tempParent: tmp, ...planned });
  assert.deepEqual(got, want, tag);
  assert.ok(want.imported > 0 || want.alreadyPresent > 0, `${tag}: the import did something`);
  assert.ok((await readFile(b)).equals(await readFile(a)), `${tag}: results files differ`);
  assert.deepEqual(await readdir(tmp), [], `${tag}: temp files left`);
}

test('planned import equals the in-memory one for every bucket count, on LF and CRLF files', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-arena-plan-'));
  try {
    const rows = battleLines(3000, 5);
    const seeded = `${JSON.stringify(own)}\n`;
    for (const [eol, name] of [['\n', 'lf'], ['\r\n', 'crlf']] as const) {
      const src = join(dir, `${name}.jsonl`);
      await writeFile(src, `${rows.join(eol)}${eol}`);
      for (const buckets of [1, 2, 7, 64]) await same(dir, src, seeded, { buckets }, `${name}-${buckets}`);
      await same(dir, src, null, {}, `${name}-auto`);
    }
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('planned re-import of a partly present, interrupted results file adds only what is missing, like the in-memory one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-arena-plan-'));
  try {
    const src = join(dir, 'b.jsonl');
    await writeFile(src, `${battleLines(2500, 9).join('\n')}\n`);
    const first = join(dir, 'first.jsonl');
    const full = await importArenaFile(src, new ResultsStore(first), { now, constantMemoryAbove: Infinity });
    assert.ok(full.imported > 1000);
    const text = await readFile(first, 'utf8');
    const lines = text.split('\n');
    // Every third record kept, then a torn last line: an earlier import interrupted mid-write, with other work between.
    const partial = `${lines.filter((_, i) => i % 3 === 0 && i < lines.length - 400).join('\n')}\n${lines[lines.length - 300].slice(0, 40)}`;
    for (const buckets of [1, 3, 16]) await same(dir, src, partial, { buckets }, `partial-${buckets}`);
    const again = join(dir, 'again.jsonl');
    await writeFile(again, text);
    await same(dir, src, text, { buckets: 4 }, 'whole');
    const re = await importArenaFile(src, new ResultsStore(again), { now, constantMemoryAbove: 0, buckets: 5 });
    // Nothing added: each record of the first run is present now, or its question id is (a row naming arena-q1).
    assert.equal(re.imported, 0);
    assert.ok(re.alreadyPresent > 1000);
    assert.equal(re.alreadyPresent + re.problemCount - full.problemCount, full.imported);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('planned import reports oversize lines and keeps line numbers like the in-memory one', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-arena-plan-'));
  try {
    const src = join(dir, 'big.jsonl');
    const rows = battleLines(300, 3);
    await writeFile(src, `${rows.slice(0, 150).join('\n')}\n{"question_id":"${'x'.repeat(MAX_LINE_BYTES + 10)}"}\n${rows.slice(150).join('\n')}\n`);
    await same(dir, src, null, { buckets: 3 }, 'oversize');
    const got = await importArenaFile(src, new ResultsStore(join(dir, 'o.jsonl')), { now, constantMemoryAbove: 0, keptProblems: 1000 });
    assert.ok(got.problems.some((p) => p.line === 151 && p.message === 'line too long to be a battle'));
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});

test('the temp dir is removed when a batch cannot be written, and nothing is written outside it', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pw-arena-plan-'));
  try {
    const src = join(dir, 'b.jsonl');
    await writeFile(src, `${battleLines(1500, 11).join('\n')}\n`);
    const tmp = join(dir, 'tmp');
    await mkdir(tmp);
    const file = join(dir, 'fail.jsonl');
    const got = await importArenaFile(src, new FailingStore(file, 2), { now, batch: 100, constantMemoryAbove: 0, tempParent: tmp, buckets: 8 });
    assert.equal(got.error, 'disk full (test)');
    assert.equal(got.imported, 200);
    assert.deepEqual(await readdir(tmp), []);
    assert.deepEqual((await readdir(dir)).sort(), ['b.jsonl', 'fail.jsonl', 'tmp']);
    // Run again with a working store: it adds exactly what is missing (ids as the in-memory import gives them).
    await same(dir, src, await readFile(file, 'utf8'), { buckets: 2 }, 'resume');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
