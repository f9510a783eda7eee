// The imported-battle fast path gives exactly parseRecordLine's record for lines `pairwise import` writes, and
// declines (null) every other line, which then takes the ordinary path.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { importArena } from '../../../../src/core/export/arena';
import { fastImported, ImportedSides } from '../../../../src/core/results/fastImported';
import { NO_OPINIONS } from '../../../../src/core/results/foldAmends';
import { parseRecordLine } from '../../../../src/core/results/parseRecordLine';

const battles = [
  { question_id: 'q1', model_a: 'gpt-5', model_b: 'claude-opus', winner: 'model_a', tstamp: 1.7e9, judge: 'r1' },
  { question_id: 7, model_a: 'x:m1', model_b: 'm2', winner: 'tie (bothbad)', tstamp: 1.71e9 },
  { model_a: 'ü-model', model_b: 'm2', winner: 'tie', tstamp: 1.72e9, judge: '' },
  { question_id: 'q1', model_a: 'a', model_b: 'b', winner: 'model_b', tstamp: 1.73e9, judge: 'ana' },
];

test('lines written by import give the same record as parseRecordLine, shared sides included', () => {
  const { records } = importArena(battles.map((b) => JSON.stringify(b)).join('\n'), 'jsonl', { now: new Date(0) });
  assert.equal(records.length, battles.length);
  const sides = new ImportedSides();
  for (const r of records) {
    const line = JSON.stringify(r);
    const slow = parseRecordLine(line);
    assert.ok(slow.ok);
    assert.deepEqual(fastImported(line, sides), slow.record, line);
    const eff = fastImported(line, sides, NO_OPINIONS);
    assert.deepEqual(eff, { ...slow.record, amendCount: 0, secondOpinions: [], judgeOpinions: [] });
  }
  const a = fastImported(JSON.stringify(records[0]), sides), b = fastImported(JSON.stringify(records[0]), sides);
  assert.ok(a && b && a.sides === b.sides && Object.isFrozen(a.sides.a) && a !== b);
});

test('any other line is declined', () => {
  const { records } = importArena(JSON.stringify(battles[0]), 'jsonl', { now: new Date(0) });
  const line = JSON.stringify(records[0]);
  const sides = new ImportedSides();
  assert.ok(fastImported(line, sides));
  const variants = [
    line.replace('"gpt-5"', '"gpt\\u002d5"'), // an escape
    line.replace('"claude-opus"', '""'), // empty model (invalid)
    line.replace('"schema":1', '"schema":0'),
    line.replace(/"time":"[^"]+"/, '"time":"2026-13-45T99:00:00.000Z"'),
    line.replace('"imported":true', '"imported":true,"notes":"x"'),
    line.replace('"blind":true,"swapped":false', '"swapped":false,"blind":true'),
    line.replace('"verdict":"a"', '"verdict":"maybe"'),
    line.replace('"rater":"r1"', '"rater":"r\\"1"'),
    `${line} `,
    line.replace('{"name":"imported"}', '{"name":"imported","remote":"x"}'),
  ];
  for (const v of variants) assert.equal(fastImported(v, sides), null, v);
});
