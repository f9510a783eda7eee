import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DeltaBatcher, type BatchClock } from '../../../src/extension/panels/deltaBatcher';
import type { CompareEvent } from '../../../src/shared/compareProtocol';

/** A manual clock: timers fire only when the test says so. */
function manualClock(): BatchClock & { fire(): void; pending(): number } {
  const timers = new Map<number, () => void>();
  let next = 1;
  return {
    setTimeout: (fn) => { timers.set(next, fn); return next++; },
    clearTimeout: (h) => { timers.delete(h as number); },
    fire: () => { const fns = [...timers.values()]; timers.clear(); for (const f of fns) f(); },
    pending: () => timers.size,
  };
}

test('deltas are held and sent as one delta per slot when the timer fires', () => {
  const clock = manualClock();
  const out: CompareEvent[] = [];
  const b = new DeltaBatcher((e) => out.push(e), 50, clock);
  for (const t of ['He', 'll', 'o']) b.push({ type: 'delta', slot: 'left', text: t });
  b.push({ type: 'delta', slot: 'right', text: 'Wor' });
  b.push({ type: 'delta', slot: 'right', text: 'ld' });
  assert.equal(out.length, 0);
  assert.equal(clock.pending(), 1, 'one timer for the whole batch');
  clock.fire();
  assert.deepEqual(out, [{ type: 'delta', slot: 'left', text: 'Hello' }, { type: 'delta', slot: 'right', text: 'World' }]);
  clock.fire();
  assert.equal(out.length, 2, 'nothing left to send');
});

test('any other event first sends the held deltas, so order and text are kept', () => {
  const clock = manualClock();
  const out: CompareEvent[] = [];
  const b = new DeltaBatcher((e) => out.push(e), 50, clock);
  b.push({ type: 'delta', slot: 'left', text: 'ab' });
  b.push({ type: 'delta', slot: 'left', text: 'c' });
  b.push({ type: 'status', slot: 'left', status: { kind: 'done' } });
  assert.deepEqual(out, [{ type: 'delta', slot: 'left', text: 'abc' }, { type: 'status', slot: 'left', status: { kind: 'done' } }]);
  assert.equal(clock.pending(), 0, 'the timer is cleared once the deltas went out');
});

test('flush sends at once; dispose drops what is held and stops the timer', () => {
  const clock = manualClock();
  const out: CompareEvent[] = [];
  const b = new DeltaBatcher((e) => out.push(e), 50, clock);
  b.push({ type: 'delta', slot: 'right', text: 'x' });
  b.flush();
  assert.deepEqual(out, [{ type: 'delta', slot: 'right', text: 'x' }]);
  b.push({ type: 'delta', slot: 'right', text: 'y' });
  b.dispose();
  assert.equal(clock.pending(), 0);
  clock.fire();
  assert.equal(out.length, 1);
});

test('with the real clock, a burst of 100 deltas arrives as one event after the batch interval', async () => {
  const out: CompareEvent[] = [];
  const b = new DeltaBatcher((e) => out.push(e), 20);
  for (let i = 0; i < 100; i++) b.push({ type: 'delta', slot: 'left', text: String(i % 10) });
  await new Promise((r) => setTimeout(r, 60));
  assert.equal(out.length, 1);
  assert.equal(out[0].type === 'delta' ? out[0].text.length : 0, 100);
});

test('a burst past the size cap goes out at once, in order', () => {
  const clock = manualClock();
  const out: CompareEvent[] = [];
  const b = new DeltaBatcher((e) => out.push(e), 50, clock, 10);
  b.push({ type: 'delta', slot: 'right', text: 'r' });
  for (const t of ['01234', '56789', 'ab']) b.push({ type: 'delta', slot: 'left', text: t });
  assert.deepEqual(out, [{ type: 'delta', slot: 'right', text: 'r' }, { type: 'delta', slot: 'left', text: '0123456789' }]);
  clock.fire();
  assert.deepEqual(out.at(-1), { type: 'delta', slot: 'left', text: 'ab' });
});
