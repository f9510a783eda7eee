import { after, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseMatrix } from '../../../src/cli/matrix';
import { planBatch } from '../../../src/cli/batchPlan';
import type { MockProvider } from '../../fakes/mockProviders';
import type { ComparisonRecord } from '../../../src/core/results';
import { makeComparison, makeSide } from '../../fixtures/results/makeRecord';
import { tempDir, writeMatrix } from './cliHarness';

// Planning sends nothing: the providers only need a URL.
const t = tempDir('pw-batch-order-');
after(() => t.cleanup());
const fakeMocks = { a: { url: 'http://127.0.0.1:9/' }, b: { url: 'http://127.0.0.1:9/' } } as unknown as { a: MockProvider; b: MockProvider };
const file = writeMatrix(t.dir, fakeMocks, {}, 1);
const parsed = parseMatrix(readFileSync(file, 'utf8'), dirname(file));
assert.ok(parsed.ok);
const matrix = parsed.matrix;
const pairOfCell = (c: { a: { spec: { model: string } }; b: { spec: { model: string } } }) => `${c.a.spec.model}/${c.b.spec.model}`;

test('batch order with no verdict yet: the two pairs alternate (a batch stopped early has measured both)', async () => {
  const r = await planBatch(matrix, { env: {}, cwd: t.dir, existing: [] });
  assert.ok(r.ok, r.ok ? '' : r.errors.join('; '));
  const order = r.plan.todo.map(pairOfCell);
  assert.equal(order.length, 4);
  for (let i = 1; i < order.length; i++) assert.notEqual(order[i], order[i - 1], `cells ${i - 1} and ${i} are of the same pair: ${order.join(', ')}`);
});

test('batch order after verdicts: the pair that can still decide the top rank runs first', async () => {
  const side = (preset: string, model: string) => makeSide({ preset, model });
  const existing: ComparisonRecord[] = [];
  // model-one crushes model-two (so model-two is out of the race); model-three vs model-four is level and close to the top.
  for (let i = 0; i < 12; i++) existing.push(makeComparison({ sides: { a: side('mock-a', 'model-one'), b: side('mock-b', 'model-two') }, verdict: 'a' }));
  for (let i = 0; i < 12; i++) existing.push(makeComparison({ sides: { a: side('mock-a', 'model-three'), b: side('mock-b', 'model-four') }, verdict: i % 2 ? 'a' : 'b' }));
  const r = await planBatch(matrix, { env: {}, cwd: t.dir, existing });
  assert.ok(r.ok);
  const order = r.plan.todo.map(pairOfCell);
  assert.deepEqual(order, ['model-three/model-four', 'model-three/model-four', 'model-one/model-two', 'model-one/model-two'], order.join(', '));
});
