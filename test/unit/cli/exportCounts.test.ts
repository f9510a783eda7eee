import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { ResultsStore } from '../../../src/core/results';
import { cli, tempDir } from './cliHarness';
import { makeComparison, makeSide } from '../../fixtures/results/makeRecord';

/** A results file with the demo's shape: four comparisons, all pending (a batch leaves verdicts to the human). */
function pendingFile(dir: string): { file: string; ids: string[] } {
  const recs = Array.from({ length: 4 }, () => makeComparison({ verdict: 'pending' }));
  mkdirSync(dir, { recursive: true });
  const file = join(dir, 'results.jsonl');
  writeFileSync(file, recs.map((r) => JSON.stringify(r)).join('\n') + '\n');
  return { file, ids: recs.map((r) => r.id) };
}

describe('pairwise export says what it wrote and what it skipped', () => {
  const t = tempDir('pw-export-count-');
  after(() => t.cleanup());

  test('export arena of all-pending results: no 0-byte file, a clear reason, non-zero exit', async () => {
    const { file } = pendingFile(join(t.dir, 'pending'));
    const out = join(t.dir, 'pending', 'battles.jsonl');
    const r = await cli(['export', '--format', 'arena', '--results', file, '-o', out]);
    assert.equal(r.code, EXIT.failure);
    assert.match(r.stderr, /nothing to export .*4 comparisons skipped: 4 verdict pending \(a battle needs a winner: judge them first\)\. No file written\./);
    assert.equal(existsSync(out), false, 'no empty file that looks like success');
  });

  test('export arena after some verdicts: counts written battles and skipped pending ones', async () => {
    const { file, ids } = pendingFile(join(t.dir, 'some'));
    const store = new ResultsStore(file);
    await store.amend({ target: ids[0], verdict: 'a' });
    await store.amend({ target: ids[1], verdict: 'tie' });
    const out = join(t.dir, 'some', 'battles.csv');
    const r = await cli(['export', '--format', 'arena', '--results', file, '-o', out]);
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.match(r.stderr, new RegExp(`pairwise export: wrote 2 battles to ${out.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}; skipped 2 comparisons: 2 verdict pending`));
    assert.equal(readFileSync(out, 'utf8').trim().split(/\r?\n/).length, 3, 'header + 2 battles');
  });

  test('export csv / jsonl / md name what they wrote (pending rows are kept in CSV)', async () => {
    const { file } = pendingFile(join(t.dir, 'table'));
    const csv = await cli(['export', '--format', 'csv', '--results', file]);
    assert.equal(csv.code, EXIT.ok);
    assert.match(csv.stderr, /wrote 4 comparison rows to stdout; skipped none/);
    const jsonl = await cli(['export', '--format', 'jsonl', '--results', file]);
    assert.match(jsonl.stderr, /wrote 4 records to stdout; skipped none/);
    const md = await cli(['export', '--format', 'md', '--results', file]);
    assert.match(md.stderr, /wrote 4 comparisons summarized to stdout/);
  });

  test('export comparator names skipped pairs and imported battles', async () => {
    const keep = [makeComparison({ verdict: 'a' }), makeComparison({ verdict: 'b' })];
    const other = makeComparison({ verdict: 'a', sides: { a: makeSide({ model: 'x' }), b: makeSide({ model: 'y' }) } });
    const imported = makeComparison({ verdict: 'a', imported: true });
    const file = join(t.dir, 'cmp.jsonl');
    writeFileSync(file, [...keep, other, imported].map((r) => JSON.stringify(r)).join('\n') + '\n');
    const r = await cli(['export', '--format', 'comparator', '--results', file]);
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.match(r.stderr, /wrote 2 examples to stdout; skipped 2 comparisons: 1 imported battles \(no drafts to show\); 1 of other model pairs/);
    assert.match(r.stderr, /4 draft texts show a placeholder: their saved blobs are missing/);
  });
});

test('report --help names the bootstrap seed actually used by default (42)', async () => {
  const help = await cli(['report', '--help']);
  assert.match(help.stdout, /--seed N\s+bootstrap seed \(default 42\)/);
  const a = await cli(['report', '--json', '--results', join(__dirname, '../../fixtures/results/v1-sample.jsonl')]);
  const b = await cli(['report', '--json', '--seed', '42', '--results', join(__dirname, '../../fixtures/results/v1-sample.jsonl')]);
  assert.equal(a.stdout, b.stdout, 'no --seed is the same as --seed 42');
});
