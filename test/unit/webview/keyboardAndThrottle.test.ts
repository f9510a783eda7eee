import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { keyToAction, type KeyInput } from '../../../webview/compare/keyboard';
import { createThrottle, type ThrottleClock } from '../../../webview/compare/throttle';

const key = (k: Partial<KeyInput>): KeyInput => ({ key: '1', ctrlKey: false, metaKey: false, altKey: false, shiftKey: false, targetTag: 'BODY', targetEditable: false, ...k });

describe('keyToAction', () => {
  test('1–4 pick a verdict outside text fields', () => {
    assert.deepEqual(keyToAction(key({ key: '1' })), { type: 'verdict', index: 0 });
    assert.deepEqual(keyToAction(key({ key: '4', targetTag: 'BUTTON' })), { type: 'verdict', index: 3 });
    assert.deepEqual(keyToAction(key({ key: '2', targetTag: 'INPUT', targetType: 'radio' })), { type: 'verdict', index: 1 });
    assert.equal(keyToAction(key({ key: '5' })), null);
  });
  test('ignored while typing or with modifiers', () => {
    assert.equal(keyToAction(key({ targetTag: 'TEXTAREA' })), null);
    assert.equal(keyToAction(key({ targetTag: 'INPUT', targetType: 'text' })), null);
    assert.equal(keyToAction(key({ targetTag: 'DIV', targetEditable: true })), null);
    assert.equal(keyToAction(key({ ctrlKey: true })), null);
  });
  test('Ctrl/Cmd+Enter saves, even from the notes', () => {
    assert.deepEqual(keyToAction(key({ key: 'Enter', ctrlKey: true, targetTag: 'TEXTAREA' })), { type: 'save' });
    assert.deepEqual(keyToAction(key({ key: 'Enter', metaKey: true })), { type: 'save' });
    assert.equal(keyToAction(key({ key: 'Enter' })), null);
  });
});

function fakeClock(): ThrottleClock & { advance(ms: number): void; spend(ms: number): void } {
  let t = 0;
  const timers: { at: number; fn: () => void; id: number }[] = [];
  let nextId = 0;
  return {
    now: () => t,
    setTimeout: (fn, ms) => { const id = ++nextId; timers.push({ at: t + ms, fn, id }); return id; },
    clearTimeout: (h) => { const i = timers.findIndex((x) => x.id === h); if (i >= 0) timers.splice(i, 1); },
    /** Time passing inside a run (no timer fires meanwhile). */
    spend(ms) { t += ms; },
    advance(ms) {
      t += ms;
      for (const x of timers.filter((x) => x.at <= t)) { timers.splice(timers.indexOf(x), 1); x.fn(); }
    },
  };
}

describe('createThrottle', () => {
  test('at most one run per interval (<= 10/s), trailing call not lost', () => {
    const clock = fakeClock();
    let runs = 0;
    const th = createThrottle(() => runs++, 100, clock);
    for (let i = 0; i < 100; i++) { th.schedule(); clock.advance(10); } // 100 deltas over 1 s
    clock.advance(200);
    assert.ok(runs >= 9 && runs <= 11, `runs=${runs}`);
  });
  // Regression: a hostile draft whose Markdown takes ~1 s to render (a 300 KB table of empty cells) was rendered
  // again 100 ms after each render ended while it streamed: the view was busy 90 % of the time, for good.
  test('regression: with a busy share, a slow run is repeated only as often as keeps it to that share of the time', () => {
    const share = (busyShare?: number): number => {
      const clock = fakeClock();
      let busy = 0;
      const th = createThrottle(() => { clock.spend(400); busy += 400; }, 100, clock, busyShare);
      for (let i = 0; i < 1000; i++) { th.schedule(); clock.advance(10); } // 10 s of deltas
      return busy / clock.now();
    };
    assert.ok(share(0.25) <= 0.3, `busy ${share(0.25)}`);
    assert.ok(share(0.25) >= 0.15, `busy ${share(0.25)}: it should still render`);
    assert.ok(share() > 0.6, `without a busy share the runs take ${share()} of the time`);
    // A fast run keeps the plain interval.
    const clock = fakeClock();
    let runs = 0;
    const th = createThrottle(() => { runs++; clock.spend(5); }, 100, clock, 0.25);
    for (let i = 0; i < 100; i++) { th.schedule(); clock.advance(10); }
    clock.advance(200);
    assert.ok(runs >= 9 && runs <= 11, `runs=${runs}`);
  });

  test('flush runs a pending call now; cancel drops it', () => {
    const clock = fakeClock();
    let runs = 0;
    const th = createThrottle(() => runs++, 100, clock);
    th.schedule(); th.schedule();
    assert.equal(runs, 1);
    th.flush();
    assert.equal(runs, 2);
    th.schedule(); th.cancel(); clock.advance(500);
    assert.equal(runs, 2);
  });
});
