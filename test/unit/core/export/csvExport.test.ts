import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { csvField, parseCsv } from '../../../../src/core/export/csvFormat';
import { CSV_COLUMNS, exportCsv, exportJsonl } from '../../../../src/core/export/exportTable';
import { parseRecordLine } from '../../../../src/core/results/parseRecordLine';
import { makeAmend, makeComparison, makeSide } from '../../../fixtures/results/makeRecord';

describe('CSV', () => {
  test('quotes commas, quotes, newlines and edge spaces; guards formulas', () => {
    assert.equal(csvField('plain'), 'plain');
    assert.equal(csvField('a,b'), '"a,b"');
    assert.equal(csvField('say "hi"'), '"say ""hi"""');
    assert.equal(csvField('two\nlines'), '"two\nlines"');
    assert.equal(csvField(' pad'), '" pad"');
    assert.equal(csvField('=HYPERLINK("x")'), `"'=HYPERLINK(""x"")"`);
    assert.equal(csvField('-1'), "'-1");
    assert.equal(csvField(-1), '-1');
    assert.equal(csvField('=1', false), '=1');
    assert.equal(csvField(null), '');
    assert.equal(csvField(true), 'true');
    assert.equal(csvField(NaN), '');
    assert.equal(csvField(0.0043349999999999994), '0.004335', 'no float noise');
    assert.equal(csvField(0.1 + 0.2), '0.3');
    assert.equal(csvField(1733412345.123), '1733412345.123');
    assert.equal(csvField(42), '42');
  });

  test('parseCsv reads back what csvField writes, including CRLF, BOM and quoted newlines', () => {
    const r = parseCsv('\ufeffa,b,c\r\n"x,1","he said ""no""","multi\nline"\r\n,,\r\n');
    assert.deepEqual(r.rows, [['a', 'b', 'c'], ['x,1', 'he said "no"', 'multi\nline'], ['', '', '']]);
    assert.equal(parseCsv('a\n"open').error, 'unterminated quoted field at end of file');
    assert.deepEqual(parseCsv('x,y').rows, [['x', 'y']]);
  });

  test('exportCsv writes one row per comparison with the effective verdict', () => {
    const c1 = makeComparison({ verdict: 'pending', notes: 'needs, "care"\nlater', sides: { a: makeSide({ usage: { input: 5, output: 6, cacheRead: 7, cacheWrite: 8 }, cost: { usd: 0.25, basis: 'list' }, title: '=cmd' }), b: makeSide({ preset: 'zai', model: 'glm-5.2' }) } });
    const c2 = makeComparison({ verdict: 'a' });
    const csv = exportCsv([c1, c2, makeAmend(c1.id, { verdict: 'b' })]);
    assert.ok(csv.endsWith('\r\n'));
    const { rows, error } = parseCsv(csv);
    assert.equal(error, undefined);
    assert.deepEqual(rows[0], [...CSV_COLUMNS]);
    assert.equal(rows.length, 3);
    const row = Object.fromEntries(CSV_COLUMNS.map((c, i) => [c, rows[1][i]]));
    assert.equal(row.verdict, 'b');
    assert.equal(row.winner_model, 'zai:glm-5.2');
    assert.equal(row.amend_count, '1');
    assert.equal(row.notes, 'needs, "care"\nlater');
    assert.equal(row.a_title, "'=cmd");
    assert.equal(row.a_cost_usd, '0.25');
    assert.equal(row.a_cache_write_tokens, '8');
    assert.ok(rows.every((r) => r.length === CSV_COLUMNS.length));
  });
});

test('exportJsonl keeps raw records (amends included), each line parses', () => {
  const c = makeComparison();
  const text = exportJsonl([c, makeAmend(c.id, { verdict: 'tie' })]);
  const lines = text.trimEnd().split('\n');
  assert.equal(lines.length, 2);
  assert.ok(lines.every((l) => parseRecordLine(l).ok));
  assert.equal(exportJsonl([]), '');
});
