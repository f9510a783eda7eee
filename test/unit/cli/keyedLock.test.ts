import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { KeyedLock } from '../../../src/cli/keyedLock';

describe('KeyedLock', () => {
  test('one job at a time per key, in call order; other keys run in parallel; a failure does not block the queue', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    let inA = 0;
    let peakA = 0;
    const job = (key: string, name: string, ms: number, fail = false) => lock.run(key, async () => {
      if (key === 'a') { inA += 1; peakA = Math.max(peakA, inA); }
      log.push(`start ${name}`);
      await new Promise((r) => setTimeout(r, ms));
      log.push(`end ${name}`);
      if (key === 'a') inA -= 1;
      if (fail) throw new Error(name);
      return name;
    });
    const results = await Promise.allSettled([job('a', 'a1', 15, true), job('a', 'a2', 5), job('b', 'b1', 5), job('a', 'a3', 1)]);
    assert.equal(peakA, 1);
    assert.deepEqual(results.map((r) => r.status), ['rejected', 'fulfilled', 'fulfilled', 'fulfilled']);
    assert.ok(log.indexOf('start b1') < log.indexOf('end a1'), 'key b does not wait for key a');
    assert.deepEqual(log.filter((l) => l.includes(' a')), ['start a1', 'end a1', 'start a2', 'end a2', 'start a3', 'end a3']);
  });
});
