import { test } from 'node:test';
import assert from 'node:assert/strict';
import { tasksBetween, traceEvents, type TraceEvent } from '../bench/traceTasks';

const ev = (name: string, ts: number, extra: Partial<TraceEvent> = {}): TraceEvent => ({ name, ph: 'X', ts, pid: 1, tid: 1, ...extra });

test('tasks of the marking thread between two marks, nested tasks folded into their outer task', () => {
  const events = [
    ev('ThreadControllerImpl::RunTask', 50, { dur: 10, tdur: 9 }), // before the first mark
    { name: 'pw-a', ph: 'R', ts: 100, pid: 1, tid: 1 },
    ev('ThreadControllerImpl::RunTask', 200, { dur: 90_000, tdur: 12_000 }),
    ev('ThreadControllerImpl::RunTask', 300, { dur: 1000, tdur: 900 }), // nested
    ev('ThreadControllerImpl::RunTask', 95_000, { dur: 5000, tdur: 5000, tid: 2 }), // another thread
    ev('ThreadControllerImpl::RunTask', 96_000, { dur: 2000, tdur: 1500 }),
    { name: 'pw-b', ph: 'R', ts: 100_000, pid: 1, tid: 1 },
    ev('ThreadControllerImpl::RunTask', 100_500, { dur: 80_000, tdur: 80_000 }), // after the second mark
  ];
  const t = tasksBetween(traceEvents(JSON.stringify({ traceEvents: events })), 'pw-a', 'pw-b');
  assert.deepEqual(t, [{ ts: 200, wallMs: 90, cpuMs: 12 }, { ts: 96_000, wallMs: 2, cpuMs: 1.5 }]);
});

test('a missing mark or missing thread times is an error, not an empty measurement', () => {
  assert.throws(() => tasksBetween([ev('ThreadControllerImpl::RunTask', 1, { dur: 1, tdur: 1 })], 'pw-a', 'pw-b'), /lacks the mark pw-a/);
  const noTdur = [{ name: 'pw-a', ph: 'R', ts: 0, pid: 1, tid: 1 }, ev('ThreadControllerImpl::RunTask', 1, { dur: 1 }), { name: 'pw-b', ph: 'R', ts: 9, pid: 1, tid: 1 }];
  assert.throws(() => tasksBetween(noTdur, 'pw-a', 'pw-b'), /no thread times/);
});
