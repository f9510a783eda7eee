// One export-format table: `pairwise export` accepts exactly its names, renders with its renderers, and the
// older `arena` name still resolves to one of its entries.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { readFileSync } from 'node:fs';
import { cli, tempDir } from '../../cli/cliHarness';
import { EXPORT_FORMAT_NAMES, EXPORT_FORMATS, exportFormat, isExportFormat } from '../../../../src/core/export/formats';
import { ResultsStore } from '../../../../src/core/results';
import { EXIT } from '../../../../src/cli/exitCodes';

const SAMPLE = join(__dirname, '../../../fixtures/results/v1-sample.jsonl');

test('the table is the one list of names: the extension\'s and the CLI\'s', () => {
  assert.deepEqual(EXPORT_FORMAT_NAMES, ['csv', 'jsonl', 'md', 'arena-jsonl', 'arena-csv', 'comparator', 'audit']);
  for (const name of EXPORT_FORMAT_NAMES) {
    const spec = exportFormat(name);
    assert.ok(spec.label && spec.detail && spec.file.endsWith(`.${spec.extensions[0]}`), name);
  }
  assert.equal(isExportFormat('arena'), false, 'the older CLI name is an alias, not a format');
  assert.deepEqual(Object.entries(EXPORT_FORMATS).filter(([, s]) => s.options.length).map(([n]) => n), ['arena-jsonl', 'arena-csv', 'comparator']);
});

test('pairwise export renders every format of the table with the table\'s renderer', async () => {
  const store = new ResultsStore(SAMPLE);
  const { records } = await store.readAll();
  const t = tempDir('pw-formats-');
  try {
    for (const name of EXPORT_FORMAT_NAMES.filter((f) => f !== 'audit')) {
      const out = join(t.dir, `out-${name}`);
      const r = await cli(['export', '--format', name, '--results', SAMPLE, '-o', out]);
      assert.equal(r.code, EXIT.ok, `${name}: ${r.stderr}`);
      const want = await exportFormat(name).render({ records, sourcePath: SAMPLE,
        readDraft: async (id, hash) => { const b = await store.readBlob(id, hash); return b.ok ? b.text : null; } });
      assert.ok(want.ok);
      assert.equal(readFileSync(out, 'utf8'), want.text, name);
    }
    const audit = await cli(['export', '--format', 'audit', '--results', SAMPLE, '-o', join(t.dir, 'audit.csv')]);
    assert.equal(audit.code, EXIT.failure, 'no LLM judge in the sample: nothing to audit, and it says why');
    assert.match(audit.stderr, /not answered by any LLM judge/);
    const bad = await cli(['export', '--format', 'xlsx', '--results', SAMPLE]);
    assert.equal(bad.code, EXIT.usage);
    assert.match(bad.stderr, /csv, jsonl, md, arena-jsonl, arena-csv, comparator, audit/);
  } finally { t.cleanup(); }
});

test('the older --format arena picks arena-csv for a .csv file and arena-jsonl otherwise', async () => {
  const t = tempDir('pw-formats-');
  try {
    const csv = join(t.dir, 'b.csv');
    assert.equal((await cli(['export', '--format', 'arena', '--results', SAMPLE, '-o', csv])).code, EXIT.ok);
    assert.match(readFileSync(csv, 'utf8'), /^model_a,/);
    const jsonl = await cli(['export', '--format', 'arena', '--results', SAMPLE]);
    assert.match(jsonl.stdout.split("\n")[0], /^\{"question_id":"[^"]+","model_a"/);
  } finally { t.cleanup(); }
});
