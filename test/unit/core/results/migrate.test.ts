import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { migrate, schemaOf, type Migration } from '../../../../src/core/results/migrate';
import { readAllResults } from '../../../../src/core/results/readResults';
import type { ComparisonRecord } from '../../../../src/core/results/schema';

const FIX = resolve(__dirname, '../../../fixtures/results');

describe('migrate', () => {
  test('legacy v0 fixture reads as v1 records', async () => {
    const { records, problems } = await readAllResults(`${FIX}/legacy-v0.jsonl`, { quarantine: false });
    assert.deepEqual(problems, []);
    assert.equal(records.length, 4);
    assert.ok(records.every((r) => r.schema === 1));
    const [c1, c2, c3, a4] = records as [ComparisonRecord, ComparisonRecord, ComparisonRecord, unknown];
    assert.equal(c1.time, '2026-01-01T00:00:00.000Z');
    assert.equal(c1.verdict, 'a');
    assert.equal(c1.mode, 'pin');
    assert.deepEqual(c1.repo, { name: 'mlx' });
    assert.equal(c1.paper?.title, 'SplitK quantized matmul');
    assert.deepEqual(c1.sides.a.usage, { input: 1200, output: 3400, cacheRead: 800, cacheWrite: 0 });
    assert.deepEqual(c1.sides.a.cost, { usd: 1.25, basis: 'list' });
    assert.equal(c1.sides.a.totalMs, 491000);
    assert.equal(c1.sides.a.ttftMs, 2100);
    assert.deepEqual(c1.sides.b, { preset: 'zai', model: 'glm-5.2', status: 'ok' });
    assert.equal(c2.mode, 'selection');
    assert.equal(c2.verdict, 'both_bad');
    assert.equal(c2.sides.b.status, 'failed');
    assert.equal(c2.sides.b.route, 'failed');
    assert.deepEqual(c2.sides.b.cost, { usd: null, basis: 'unknown' });
    assert.equal(c3.verdict, 'pending');
    assert.deepEqual(a4, { schema: 1, type: 'amend', id: 'legacy-4', target: 'legacy-3', time: '2026-01-01T03:00:00.000Z', verdict: 'b' });
  });

  test('v1 fixture reads unchanged', async () => {
    const { records, problems } = await readAllResults(`${FIX}/v1-sample.jsonl`, { quarantine: false });
    assert.deepEqual(problems, []);
    assert.equal(records.length, 2);
    assert.equal((records[0] as ComparisonRecord).sides.b.baseUrlHost, 'api.z.ai');
  });

  test('framework applies steps in order and refuses gaps and newer schemas', () => {
    const steps: Migration[] = [
      { from: 1, describe: 'rename a->b', up: ({ a, ...r }) => ({ ...r, b: a }) },
      { from: 2, describe: 'double b', up: (r) => ({ ...r, b: (r.b as number) * 2 }) },
    ];
    assert.deepEqual(migrate({ schema: 1, a: 3 }, steps, 3), { ok: true, raw: { schema: 3, b: 6 }, from: 1 });
    assert.deepEqual(migrate({ schema: 3, b: 1 }, steps, 3), { ok: true, raw: { schema: 3, b: 1 }, from: 3 });
    const gap = migrate({ schema: 0 }, steps, 3);
    assert.equal(gap.ok, false);
    const newer = migrate({ schema: 4 }, steps, 3);
    assert.ok(!newer.ok && newer.newer);
    assert.equal(schemaOf({ v: 0 }), 0);
    assert.equal(schemaOf({}), 0);
    assert.equal(migrate([1, 2]).ok, false);
  });
});
