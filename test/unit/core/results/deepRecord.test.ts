// Regression: a results file is hostile when it is imported or merged from elsewhere. A line with an extra field
// nested 100,000 levels deep (200 KB, under the line limit) was read as a record; writing it back overflowed the
// stack: `pairwise export --format jsonl` crashed with a RangeError trace and `pairwise merge` failed with "Maximum
// call stack size exceeded". Such a line is now an invalid line (named, skipped, quarantined) like any other.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readAllResults } from '../../../../src/core/results/readResults';
import { MAX_RECORD_DEPTH, parseRecordLine } from '../../../../src/core/results/parseRecordLine';
import { exportJsonl } from '../../../../src/core/export/exportTable';

const FIXTURE = join(import.meta.dirname, '../../../fixtures/results/seed-19.jsonl');

describe('a results line nested too deeply', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'pairwise-deep-record-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const [first, second] = readFileSync(FIXTURE, 'utf8').split('\n');
  const withExtra = (line: string, depth: number) => `${line.slice(0, -1)},"extra":${'['.repeat(depth)}${']'.repeat(depth)}}`;

  test('regression: 100,000 levels: reported as invalid, the other records read and export', async () => {
    const file = join(dir, 'results.jsonl');
    writeFileSync(file, `${first}\n${withExtra(second, 100_000)}\n`);
    const { records, problems } = await readAllResults(file, { quarantine: false });
    assert.equal(records.length, 1);
    assert.equal(problems.length, 1);
    assert.equal(problems[0].kind, 'invalid');
    assert.match(problems[0].message, /line 2: nested more than 512 levels deep/);
    assert.equal(exportJsonl(records).split('\n').filter(Boolean).length, 1);
  });

  test('records up to the limit still read, and write back', () => {
    const p = parseRecordLine(withExtra(second, MAX_RECORD_DEPTH - 1));
    assert.ok(p.ok, p.ok ? '' : p.message);
    assert.ok(exportJsonl([p.record]).length > 2 * MAX_RECORD_DEPTH);
    assert.ok(parseRecordLine(first).ok);
    const over = parseRecordLine(withExtra(second, MAX_RECORD_DEPTH));
    assert.ok(!over.ok && over.kind === 'invalid');
  });
});
