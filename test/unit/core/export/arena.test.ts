import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { exportArenaCsv, exportArenaJsonl, importArena, toArenaBattles } from '../../../../src/core/export/arena';
import { computeStats } from '../../../../src/core/stats/computeStats';
import { validateRecord } from '../../../../src/core/results/validateRecord';
import { makeAmend, makeComparison, makeSide } from '../../../fixtures/results/makeRecord';

describe('LMArena battles', () => {
  test('verdicts map to model_a / model_b / tie / tie (bothbad); pending left out', () => {
    const cs = [makeComparison({ verdict: 'a', rater: 'ana' }), makeComparison({ verdict: 'b' }), makeComparison({ verdict: 'tie' }),
      makeComparison({ verdict: 'both_bad' }), makeComparison({ verdict: 'pending' })];
    const amended = makeComparison({ verdict: 'pending' });
    const battles = toArenaBattles([...cs, amended, makeAmend(amended.id, { verdict: 'a' })]);
    assert.deepEqual(battles.map((b) => b.winner), ['model_a', 'model_b', 'tie', 'tie (bothbad)', 'model_a']);
    assert.equal(battles[0].model_a, 'anthropic:claude-opus');
    assert.equal(battles[0].model_b, 'zai:glm-5.2');
    assert.equal(battles[0].judge, 'ana');
    assert.equal(battles[0].tstamp, Date.parse(cs[0].time) / 1000);
    const csv = exportArenaCsv(cs);
    assert.ok(csv.startsWith('model_a,model_b,winner,question_id,tstamp,judge\r\n'));
    assert.match(csv, /anthropic:claude-opus,zai:glm-5\.2,tie \(bothbad\),/);
    assert.equal(exportArenaJsonl(cs).trimEnd().split('\n').length, 4);
  });

  test('round trip through CSV and JSONL gives the same battles and leaderboard counts', () => {
    const cs = Array.from({ length: 12 }, (_, i) => makeComparison({ verdict: (['a', 'b', 'tie', 'both_bad'] as const)[i % 4],
      sides: { a: makeSide({ model: i % 2 ? 'claude-opus' : 'claude-sonnet' }), b: makeSide({ preset: 'zai', model: 'glm-5.2' }) } }));
    for (const [text, fmt] of [[exportArenaCsv(cs), 'csv'], [exportArenaJsonl(cs), 'jsonl']] as const) {
      const { records, problems } = importArena(text, fmt, { now: new Date('2026-05-01T00:00:00Z') });
      assert.deepEqual(problems, []);
      assert.equal(records.length, 12);
      assert.ok(records.every((r) => r.imported === true && validateRecord(r).ok));
      assert.deepEqual(records.map((r) => r.verdict), cs.map((c) => c.verdict));
      assert.deepEqual(records.map((r) => r.time), cs.map((c) => c.time));
      assert.deepEqual(records[0].sides.a, { preset: 'anthropic', model: 'claude-sonnet', status: 'ok' });
      assert.deepEqual(toArenaBattles(records).map((b) => [b.model_a, b.model_b, b.winner]), toArenaBattles(cs).map((b) => [b.model_a, b.model_b, b.winner]));
      const s = computeStats(records, { bootstrapRounds: 0 });
      assert.equal(s.leaderboard.battles, 12);
      assert.equal(s.outcomes.length, 0, 'imported battles have no run outcomes');
    }
  });

  test('plain LMArena rows import with a fallback preset, stable ids, and row problems', () => {
    const text = [
      '{"model_a":"gpt-4","model_b":"claude-v1","winner":"model_a","tstamp":1682351591.1}',
      '{"model_a":"gpt-4","model_b":"claude-v1","winner":"model_a","tstamp":1682351591.1}',
      '{"model_a":"vicuna-13b","model_b":"gpt-4","winner":"tie (bothbad)"}',
      '{"model_a":"x","model_b":"y","winner":"model_c"}',
      'garbage',
      '{"question_id":"q9","model_a":"a","model_b":"b","winner":"both_bad"}',
    ].join('\n');
    const one = importArena(text, 'jsonl', { preset: 'lmarena', now: new Date('2026-05-01T00:00:00Z'), skipIds: new Set(['q9']) });
    const two = importArena(text, 'jsonl', { preset: 'lmarena', now: new Date('2026-05-01T00:00:00Z') });
    assert.deepEqual(one.records.map((r) => r.verdict), ['a', 'a', 'both_bad']);
    assert.deepEqual(one.records[0].sides.a, { preset: 'lmarena', model: 'gpt-4', status: 'ok' });
    assert.equal(one.records[0].time, new Date(1682351591100).toISOString());
    assert.equal(one.records[2].time, '2026-05-01T00:00:00.000Z');
    assert.notEqual(one.records[0].id, one.records[1].id, 'identical rows stay two battles');
    assert.deepEqual(one.records.map((r) => r.id), two.records.slice(0, 3).map((r) => r.id), 'ids are stable across imports');
    assert.equal(two.records[3].id, 'arena-q9');
    assert.deepEqual(one.problems.map((p) => p.line), [4, 5, 6]);
    assert.match(one.problems[0].message, /model_c/);
    assert.match(importArena('a,b\n1,2', 'csv').problems[0].message, /header must include/);
  });

  test('a bad row (out-of-range or non-numeric timestamp) is skipped with its line number; the rows after it still import', () => {
    const jsonl = [
      '{"model_a":"a","model_b":"b","winner":"model_a","tstamp":1682351591}',
      '{"model_a":"a","model_b":"b","winner":"model_b","tstamp":1e300}',
      '{"model_a":"a","model_b":"b","winner":"model_b","tstamp":"yesterday"}',
      '{"model_a":"c","model_b":"d","winner":"tie","tstamp":9e12}',
      '{"model_a":"e","model_b":"f","winner":"model_a"}',
    ].join('\n');
    const r = importArena(jsonl, 'jsonl', { now: new Date('2026-05-01T00:00:00Z') });
    assert.deepEqual(r.records.map((x) => x.sides.a.model), ['a', 'e']);
    assert.deepEqual(r.problems.map((p) => p.line), [2, 3, 4]);
    for (const p of r.problems) assert.match(p.message, /tstamp .* not a time.*row skipped/);
    const csv = importArena('model_a,model_b,winner,tstamp\na,b,model_a,99999999999999999\nc,d,model_b,1682351591\n', 'csv');
    assert.deepEqual(csv.problems.map((p) => p.line), [2]);
    assert.equal(csv.records.length, 1);
  });
});

