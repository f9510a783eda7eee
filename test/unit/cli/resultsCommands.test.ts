import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { copyFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { latestPerCell } from '../../../src/core/results/latestPerCell';
import { CSV_COLUMNS } from '../../../src/core/export';
import { ResultsStore, type ResultRecord } from '../../../src/core/results';
import { cli, comparisons, ROOT, startMocks, tempDir, writeMatrix } from './cliHarness';

const SEED = join(ROOT, 'test/fixtures/results/seed-19.jsonl');
const SAMPLE = join(ROOT, 'test/fixtures/results/v1-sample.jsonl');
const BATTLES = join(ROOT, 'test/fixtures/cli/battles.jsonl');

describe('pairwise report / export / merge / import', () => {
  const t = tempDir('pw-results-');
  let seed = '';
  before(() => { seed = join(t.dir, 'seed.jsonl'); copyFileSync(SEED, seed); });
  after(() => t.cleanup());

  test('report: Markdown tables by default, the documented JSON with --json, filters narrow it', async () => {
    const md = await cli(['report', '--results', seed]);
    assert.equal(md.code, EXIT.ok, md.stderr);
    assert.match(md.stdout, /^# Pairwise report/);
    assert.match(md.stdout, /## Outcomes per model/);
    assert.match(md.stdout, /anthropic:claude-opus \| 19[^|]*\| 5 \/ 19 \(26%\)/);
    const json = JSON.parse((await cli(['report', '--results', seed, '--json'])).stdout) as { format: string; version: number; totals: { comparisons: number } };
    assert.equal(json.format, 'pairwise-report');
    assert.equal(json.version, 1);
    assert.equal(json.totals.comparisons, 19);
    const pin = JSON.parse((await cli(['report', '--results', seed, '--json', '--mode', 'pin'])).stdout) as { totals: { comparisons: number } };
    assert.equal(pin.totals.comparisons, 10);
    const repo = JSON.parse((await cli(['report', '--results', seed, '--json', '--repo', 'mlx'])).stdout) as { totals: { comparisons: number } };
    assert.equal(repo.totals.comparisons, 1);
  });

  test('export: csv (one row per comparison), jsonl (raw), md, arena; -o writes a file', async () => {
    const csv = await cli(['export', '--format', 'csv', '--results', seed]);
    assert.equal(csv.code, EXIT.ok);
    const lines = csv.stdout.trim().split(/\r?\n/);
    assert.equal(lines[0], CSV_COLUMNS.join(','));
    assert.equal(lines.length, 20);
    const jsonl = await cli(['export', '--format', 'jsonl', '--results', SAMPLE]);
    assert.deepEqual(jsonl.stdout.trim().split('\n').map((l) => (JSON.parse(l) as ResultRecord).id), comparisonsAndAmends(SAMPLE));
    const out = join(t.dir, 'exports', 'report.md');
    const md = await cli(['export', '--format', 'md', '--results', seed, '-o', out]);
    assert.equal(md.code, EXIT.ok);
    assert.equal(md.stdout, '');
    assert.match(readFileSync(out, 'utf8'), /^# Pairwise report/);
    const arena = await cli(['export', '--format', 'arena', '--results', SAMPLE]);
    const battles = arena.stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l) as { model_a: string; winner: string });
    assert.ok(battles.length >= 1 && battles.every((b) => b.model_a && b.winner));
    const arenaCsv = join(t.dir, 'battles.csv');
    await cli(['export', '--format', 'arena', '--results', SAMPLE, '-o', arenaCsv]);
    assert.match(readFileSync(arenaCsv, 'utf8'), /model_a/);
  });

  test('export comparator: drafts come from the saved blobs of a batch', async () => {
    const mocks = await startMocks();
    try {
      const matrix = writeMatrix(join(t.dir, 'cmp'), mocks, { repeats: 1 }, 1);
      const results = join(t.dir, 'cmp', 'results.jsonl');
      assert.equal((await cli(['batch', '--matrix', matrix, '--yes', '--results', results])).code, EXIT.ok);
      const store = new ResultsStore(results);
      for (const r of comparisons(results)) await store.amend({ target: r.id, verdict: 'a' });
      const res = await cli(['export', '--format', 'comparator', '--results', results, '--pair', 'mock-a:model-one,mock-b:model-two']);
      assert.equal(res.code, EXIT.ok, res.stderr);
      const file = JSON.parse(res.stdout) as { examples: { output_text_a: string; output_text_b: string }[] };
      assert.equal(file.examples.length, 2);
      assert.match(file.examples[0].output_text_a, /===ROUTE===\nISSUE/);
      assert.match(file.examples[0].output_text_b, /===ROUTE===\nSKIP/);
    } finally {
      await mocks.close();
    }
  });

  test('merge: dedupes by id, appends only what is new, reports conflicts', async () => {
    const out = join(t.dir, 'merged.jsonl');
    const first = JSON.parse((await cli(['merge', seed, SAMPLE, seed, '-o', out, '--json'])).stdout) as { appended: number; duplicates: number; records: number };
    assert.equal(first.records, 21);
    assert.equal(first.appended, 21);
    assert.equal(first.duplicates, 19);
    const again = JSON.parse((await cli(['merge', SAMPLE, '-o', out, '--json'])).stdout) as { appended: number };
    assert.equal(again.appended, 0);
    assert.equal(readFileSync(out, 'utf8').trim().split('\n').length, 21);
  });

  test('import --format arena: imported once, problems on stderr, counted by report', async () => {
    const results = join(t.dir, 'imported.jsonl');
    const r = await cli(['import', '--format', 'arena', BATTLES, '--results', results, '--json']);
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { file: results, imported: 3, alreadyPresent: 0, problems: 1 });
    assert.match(r.stderr, /battles\.jsonl:4: /);
    const again = JSON.parse((await cli(['import', '--format', 'arena', BATTLES, '--results', results, '--json'])).stdout) as { imported: number; alreadyPresent: number };
    assert.equal(again.imported, 0);
    assert.equal(again.alreadyPresent, 3);
    const rep = JSON.parse((await cli(['report', '--results', results, '--json'])).stdout) as { totals: { comparisons: number; imported: number } };
    assert.equal(rep.totals.imported, 3);
  });

  test('a missing input file: report, export and merge exit non-zero with a clear message and write nothing', async () => {
    const missing = join(t.dir, 'missing.jsonl');
    const report = await cli(['report', '--results', missing]);
    assert.equal(report.code, EXIT.failure);
    assert.equal(report.stdout, '', 'no "0 comparisons" report');
    assert.match(report.stderr, /pairwise report: no results file at .*missing\.jsonl/);
    const exportOut = join(t.dir, 'never.csv');
    const exp = await cli(['export', '--format', 'csv', '--results', missing, '-o', exportOut]);
    assert.equal(exp.code, EXIT.failure);
    assert.match(exp.stderr, /pairwise export: no results file at .*missing\.jsonl/);
    assert.equal(existsSync(exportOut), false, 'no header-only CSV');
    const mergeOut = join(t.dir, 'never-merged.jsonl');
    const merge = await cli(['merge', seed, missing, '-o', mergeOut]);
    assert.equal(merge.code, EXIT.failure);
    assert.match(merge.stderr, /pairwise merge: no results file at .*missing\.jsonl\. Nothing was merged\./);
    assert.equal(existsSync(mergeOut), false, 'nothing merged when one input is missing');
    const folder = await cli(['report', '--results', t.dir]);
    assert.equal(folder.code, EXIT.failure);
    assert.match(folder.stderr, /is not a file/);
  });

  test('import --format arena: a row with an out-of-range timestamp is skipped with its line number, the rest imports', async () => {
    const src = join(t.dir, 'bad-row.jsonl');
    writeFileSync(src, ['{"model_a":"a","model_b":"b","winner":"model_a","tstamp":1682351591}',
      '{"model_a":"a","model_b":"b","winner":"model_b","tstamp":1e300}',
      '{"model_a":"c","model_b":"d","winner":"tie","tstamp":1682351592}'].join('\n'));
    const results = join(t.dir, 'bad-row-results.jsonl');
    const r = await cli(['import', '--format', 'arena', src, '--results', results, '--json']);
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), { file: results, imported: 2, alreadyPresent: 0, problems: 1 });
    assert.match(r.stderr, /bad-row\.jsonl:2: tstamp 1e\+300 is not a time/);
  });

  test('latestPerCell keeps only the last attempt of a batch cell (and its amends)', () => {
    const base = { schema: 1, type: 'comparison', time: '2026-01-01T00:00:00Z', repo: { name: 'r' }, mode: 'pin', prompt: {}, blind: true, swapped: false, verdict: 'pending',
      sides: { a: { preset: 'p', model: 'm', status: 'failed' }, b: { preset: 'q', model: 'n', status: 'ok' } } };
    const recs = [
      { ...base, id: 'x1', cellId: 'c1' }, { ...base, id: 'x2', cellId: 'c2' }, { schema: 1, type: 'amend', id: 'am', target: 'x1', time: base.time, verdict: 'b' },
      { ...base, id: 'x3', cellId: 'c1' }, { ...base, id: 'y' },
    ] as unknown as ResultRecord[];
    assert.deepEqual(latestPerCell(recs).map((r) => r.id), ['x2', 'x3', 'y']);
  });
});

function comparisonsAndAmends(file: string): string[] {
  return readFileSync(file, 'utf8').trim().split('\n').map((l) => (JSON.parse(l) as ResultRecord).id);
}
