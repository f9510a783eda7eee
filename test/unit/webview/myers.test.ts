import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { diffArrays } from 'diff';
import { Interner, myersDiff, type EditRun } from '../../../webview/compare/myers';

/** Applies runs to a; returns the result and the edit cost. */
function apply(a: number[], b: number[], runs: EditRun[]): { out: number[]; cost: number } {
  const out: number[] = [];
  let i = 0, j = 0, cost = 0;
  for (const r of runs) {
    if (r.op === 'equal') { for (let k = 0; k < r.count; k++) { assert.equal(a[i + k], b[j + k], 'equal run must match'); out.push(a[i + k]); } i += r.count; j += r.count; }
    else if (r.op === 'delete') { i += r.count; cost += r.count; }
    else { for (let k = 0; k < r.count; k++) out.push(b[j + k]); j += r.count; cost += r.count; }
  }
  assert.equal(i, a.length); assert.equal(j, b.length);
  return { out, cost };
}

describe('myersDiff', () => {
  test('small known cases', () => {
    assert.deepEqual(myersDiff([], [], { maxCost: 10 }), []);
    assert.deepEqual(myersDiff([1, 2, 3], [1, 2, 3], { maxCost: 10 }), [{ op: 'equal', count: 3 }]);
    assert.deepEqual(myersDiff([1, 2, 3], [1, 3], { maxCost: 10 }), [{ op: 'equal', count: 1 }, { op: 'delete', count: 1 }, { op: 'equal', count: 1 }]);
    assert.deepEqual(myersDiff([], [5, 6], { maxCost: 10 }), [{ op: 'insert', count: 2 }]);
  });

  test('random sequences: valid script with the same minimal cost as jsdiff', () => {
    let seed = 42;
    const rnd = (n: number) => ((seed = (seed * 1103515245 + 12345) % 2147483648), seed % n);
    for (let trial = 0; trial < 300; trial++) {
      const a = Array.from({ length: rnd(40) }, () => rnd(6));
      const b = Array.from({ length: rnd(40) }, () => rnd(6));
      const runs = myersDiff(a, b, { maxCost: 1000 });
      assert.ok(runs);
      const { out, cost } = apply(a, b, runs);
      assert.deepEqual(out, b);
      const ref = diffArrays(a, b).reduce((s, c) => s + (c.added || c.removed ? c.count : 0), 0);
      assert.equal(cost, ref, `trial ${trial}`);
      for (let i = 1; i < runs.length; i++) assert.notEqual(runs[i].op, runs[i - 1].op, 'runs are merged');
    }
  });

  test('gives up over the cost cap or past the deadline', () => {
    const a = Array.from({ length: 500 }, (_, i) => i), b = Array.from({ length: 500 }, (_, i) => i + 1000);
    assert.equal(myersDiff(a, b, { maxCost: 100 }), null);
    let t = 0;
    assert.equal(myersDiff(a, b, { maxCost: 5000, deadline: 5, now: () => (t += 1) }), null);
    assert.ok(myersDiff(a, b, { maxCost: 1000 }));
  });

  test('Interner gives equal strings equal ids', () => {
    const i = new Interner();
    assert.deepEqual([...i.ids32(['a', 'b', 'a'])], [0, 1, 0]);
  });
});
