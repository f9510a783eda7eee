import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { canonicalJson } from '../../../../src/core/context/manifest';
import { seededRandom } from '../../../../src/core/stats/prng';

/** Independent reference: every key sorted as a string, undefined members dropped, written out by hand. */
function reference(v: unknown): string {
  if (v === null || typeof v !== 'object') return JSON.stringify(v) ?? 'null';
  if (Array.isArray(v)) return `[${v.map((x) => (x === undefined ? 'null' : reference(x))).join(',')}]`;
  const obj = v as Record<string, unknown>;
  const parts = Object.keys(obj).sort().filter((k) => obj[k] !== undefined).map((k) => `${JSON.stringify(k)}:${reference(obj[k])}`);
  return `{${parts.join(',')}}`;
}

const KEYS = ['path', 'reason', 'detail', 'a', 'Z', 'é', '10', '9', '0', '__proto__', 'files', 'x y', '"q"', ''];

function randomValue(rnd: () => number, depth: number): unknown {
  const r = rnd();
  if (depth > 3 || r < 0.35) {
    const p = [null, true, false, 0, -0, 1.5, -7, 1e21, 'text', 'ünï\u2028"\\', '', undefined, () => 1][Math.floor(rnd() * 13)];
    return p;
  }
  if (r < 0.6) return Array.from({ length: Math.floor(rnd() * 4) }, () => randomValue(rnd, depth + 1));
  // JSON.parse makes `__proto__` an own key, as a hostile file's manifest would.
  const obj = JSON.parse('{}') as Record<string, unknown>;
  const n = Math.floor(rnd() * 5);
  for (let i = 0; i < n; i++) {
    const k = KEYS[Math.floor(rnd() * KEYS.length)];
    Object.defineProperty(obj, k, { value: randomValue(rnd, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return obj;
}

describe('canonicalJson', () => {
  test('matches an independent sorted-key writer on 3,000 random values (integer-like keys, __proto__, functions, undefined)', () => {
    const rnd = seededRandom(20261205);
    let objects = 0;
    for (let i = 0; i < 3000; i++) {
      const v = randomValue(rnd, 0);
      if (v && typeof v === 'object') objects++;
      assert.equal(canonicalJson(v), reference(v), `value ${i}`);
    }
    assert.ok(objects > 1000, 'the generator made objects and arrays');
  });

  test('a toJSON method is not called (the value is written as its own members)', () => {
    const d = { when: new Date(0), b: { toJSON: () => 'replaced', z: 1 } };
    assert.equal(canonicalJson(d), reference(d));
    assert.equal(canonicalJson(d), '{"b":{"toJSON":null,"z":1},"when":{}}', 'a function member is written as null');
  });

  test('regression: an array or a function with a toJSON method is written as the reference writes it (the sorted copy missed their toJSON)', () => {
    const arr = Object.assign([1, { b: 2, a: 1 }], { toJSON: () => 'replaced' });
    const plain = Object.assign([1, 2], { toJSON: () => 'replaced' });
    const fn = Object.assign(() => 1, { toJSON: () => 'from fn' });
    const values: unknown[] = [plain, { a: plain }, arr, { a: arr }, fn, { f: fn }, [fn], { z: 1, a: [plain, fn] }];
    for (const v of values) assert.equal(canonicalJson(v), reference(v));
    assert.equal(canonicalJson({ a: plain }), '{"a":[1,2]}', 'an array is written by its elements');
    assert.equal(canonicalJson({ f: fn, g: () => 1 }), '{"f":"from fn","g":null}', 'as before today: a function is written as JSON writes it');
  });

  test('regression: boxed primitives are written as objects by their own members, like the reference (native JSON unwraps them)', () => {
    const boxed: unknown[] = [new Number(5), new String(''), new String('ab'), new Boolean(false), Object.assign(new Number(1), { z: 2, a: 1 }), { k: [new Boolean(true)] }];
    for (const v of boxed) assert.equal(canonicalJson(v), reference(v));
    assert.equal(canonicalJson({ n: new Number(5), s: 'x' }), '{"n":{},"s":"x"}');
  });

  test('keys sort as strings, not as numbers', () => {
    assert.equal(canonicalJson({ b: 1, 10: 'ten', 9: 'nine', a: [{ y: 1, x: undefined, w: null }] }), '{"10":"ten","9":"nine","a":[{"w":null,"y":1}],"b":1}');
  });
});
