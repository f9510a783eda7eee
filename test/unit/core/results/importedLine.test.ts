// The byte-level recogniser of imported battles: a line it accepts becomes exactly parseRecordLine's record (as
// FoldTable keeps and rebuilds it); every near miss is declined and left to the ordinary path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importArena } from '../../../../src/core/export/arena';
import { FoldTable } from '../../../../src/core/results/foldTable';
import { matchImportedLine, parts } from '../../../../src/core/results/importedLine';
import { parseRecordLine } from '../../../../src/core/results/parseRecordLine';

const battles = [
  { question_id: 'q1', model_a: 'gpt-5', model_b: 'claude-opus', winner: 'model_a', tstamp: 1.7e9, judge: 'r1' },
  { question_id: 7, model_a: 'x:m1', model_b: 'm2', winner: 'tie (bothbad)', tstamp: 1.71e9 },
  { question_id: 'q2', model_a: 'a', model_b: 'b', winner: 'tie', tstamp: 1.72e9, judge: '' },
  { question_id: 'q3', model_a: 'a', model_b: 'b', winner: 'model_b', tstamp: 1.73e9, judge: 'ana' },
];

const accept = (line: string): boolean => { const b = Buffer.from(line, 'utf8'); return matchImportedLine(b, 0, b.length); };

test('lines written by import are accepted and rebuilt as parseRecordLine reads them', () => {
  const { records } = importArena(battles.map((b) => JSON.stringify(b)).join('\n'), 'jsonl', { now: new Date(0) });
  assert.equal(records.length, battles.length);
  const table = new FoldTable();
  for (const [k, r] of records.entries()) {
    const line = JSON.stringify(r);
    const b = Buffer.from(line, 'utf8');
    assert.ok(matchImportedLine(b, 0, b.length), line);
    const p = table.addImported(b, parts.idHash, k + 1);
    const slow = parseRecordLine(line);
    assert.ok(slow.ok);
    assert.deepEqual(table.materialize(p), { ...slow.record, amendCount: 0, secondOpinions: [], judgeOpinions: [] }, line);
    assert.equal(table.find(b, parts.idStart, parts.idEnd, parts.idHash), p);
    assert.equal(table.ids.findString(slow.record.id), p);
  }
  assert.equal(table.materialize(2).sides, table.materialize(3).sides, 'equal sides are shared');
  assert.ok(Object.isFrozen(table.materialize(0).sides.a));
});

test('near misses are declined', () => {
  const { records } = importArena(JSON.stringify(battles[0]), 'jsonl', { now: new Date(0) });
  const line = JSON.stringify(records[0]);
  assert.ok(accept(line));
  const variants = [
    line.replace('"gpt-5"', '"gpt\\u002d5"'), // an escape
    line.replace('"gpt-5"', '"gpt-ü"'), // non-ASCII
    line.replace('"claude-opus"', '""'), // empty model (invalid)
    line.replace('"arena-q1"', '"arena-q\t1"'), // raw control character (JSON.parse refuses it)
    line.replace('"schema":1', '"schema":0'),
    line.replace(/"time":"[^"]+"/, '"time":"2026-13-45T99:00:00.000Z"'),
    line.replace(/"time":"[^"]+"/, '"time":"2026-02-30T10:00:00.000Z x"'),
    line.replace('"imported":true', '"imported":true,"notes":"x"'),
    line.replace('"blind":true,"swapped":false', '"swapped":false,"blind":true'),
    line.replace('"verdict":"a"', '"verdict":"maybe"'),
    line.replace('"verdict":"a"', '"verdict":"ab"'),
    line.replace('"rater":"r1"', '"rater":"r\\"1"'),
    `${line} `,
    ` ${line}`,
    line.slice(0, -1),
    line.replace('{"name":"imported"}', '{"name":"imported","remote":"x"}'),
  ];
  for (const v of variants) { assert.notEqual(v, line); assert.equal(accept(v), false, v); }
  // Times Date.parse accepts in other forms are accepted; ones it refuses are not.
  assert.ok(accept(line.replace(/"time":"[^"]+"/, '"time":"2024-02-29T12:00:00Z"')));
  assert.ok(accept(line.replace(/"time":"[^"]+"/, '"time":"2026-01-02"')));
  assert.equal(accept(line.replace(/"time":"[^"]+"/, '"time":"not a time"')), false);
});
