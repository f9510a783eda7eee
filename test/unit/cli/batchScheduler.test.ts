import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BatchScheduler, type SchedulerTask, type TaskOutcome } from '../../../src/cli/batchScheduler';

const delay = (ms: number) => new Promise((r) => setTimeout(r, ms));
const tasks = (n: number, providers: (i: number) => string[]): SchedulerTask[] => Array.from({ length: n }, (_, i) => ({ id: `t${i}`, providers: providers(i) }));

/** Tracks how many tasks (and per provider) run at once. */
function tracker() {
  let now = 0;
  let peak = 0;
  const per = new Map<string, number>();
  const peakPer = new Map<string, number>();
  return {
    enter(t: SchedulerTask) {
      now += 1; peak = Math.max(peak, now);
      for (const p of t.providers) { per.set(p, (per.get(p) ?? 0) + 1); peakPer.set(p, Math.max(peakPer.get(p) ?? 0, per.get(p) as number)); }
    },
    leave(t: SchedulerTask) { now -= 1; for (const p of t.providers) per.set(p, (per.get(p) ?? 1) - 1); },
    get peak() { return peak; },
    peakOf: (p: string) => peakPer.get(p) ?? 0,
  };
}

describe('BatchScheduler', () => {
  test('never exceeds the global concurrency and runs every task once', async () => {
    const tr = tracker();
    const ran: string[] = [];
    const s = new BatchScheduler({ concurrency: 3, providerLimit: () => Infinity,
      run: async (t): Promise<TaskOutcome> => { tr.enter(t); ran.push(t.id); await delay(5); tr.leave(t); return { kind: 'done' }; } });
    const sum = await s.run(tasks(10, () => ['x', 'y']));
    assert.equal(sum.done, 10);
    assert.equal(tr.peak, 3);
    assert.deepEqual([...ran].sort(), tasks(10, () => []).map((t) => t.id).sort());
  });

  test('per-provider limit caps one provider while others keep the global slots busy', async () => {
    const tr = tracker();
    const s = new BatchScheduler({ concurrency: 6, providerLimit: (p) => (p === 'slow' ? 2 : Infinity),
      run: async (t): Promise<TaskOutcome> => { tr.enter(t); await delay(8); tr.leave(t); return { kind: 'done' }; } });
    const sum = await s.run(tasks(16, (i) => (i % 2 ? ['slow', 'b'] : ['fast', 'b'])));
    assert.equal(sum.done, 16);
    assert.equal(tr.peakOf('slow'), 2);
    assert.ok(tr.peak > 2, `peak ${tr.peak}`);
  });

  test('a rate-limit backoff pauses the provider, halves its concurrency, and requeued tasks finish', async () => {
    const tr = tracker();
    const starts: { id: string; at: number; attempt: number }[] = [];
    let pausedAt = 0;
    let resumeAt = 0;
    const s: BatchScheduler<SchedulerTask> = new BatchScheduler<SchedulerTask>({ concurrency: 4, providerLimit: () => Infinity,
      run: async (t, ctx): Promise<TaskOutcome> => {
        starts.push({ id: t.id, at: Date.now(), attempt: ctx.attempt });
        tr.enter(t);
        await delay(5);
        tr.leave(t);
        if (t.id === 't0' && ctx.attempt === 0) { pausedAt = Date.now(); resumeAt = pausedAt + 60; return { kind: 'requeue', provider: 'p', resumeAt }; }
        return { kind: 'done' };
      } });
    const sum = await s.run(tasks(12, () => ['p']));
    assert.equal(sum.done, 12);
    assert.equal(sum.failed, 0);
    assert.equal(sum.requeues, 1);
    const afterPause = starts.filter((x) => x.at >= pausedAt);
    assert.ok(afterPause.length > 0);
    assert.ok(afterPause.every((x) => x.at >= resumeAt - 2), 'no start on the provider during its pause');
    assert.ok(starts.some((x) => x.id === 't0' && x.attempt === 1), 't0 ran again');
    assert.ok(s.limitOf('p') >= 2 && s.limitOf('p') <= 4, `limit grows back after successes: ${s.limitOf('p')}`);
  });

  test('backoff halves concurrency once per pause window', () => {
    const s = new BatchScheduler({ concurrency: 8, providerLimit: () => Infinity, run: async () => ({ kind: 'done' }) });
    const t = Date.now();
    s.backoff('p', t + 1000);
    assert.equal(s.limitOf('p'), 4);
    s.backoff('p', t + 2000);
    assert.equal(s.limitOf('p'), 4, 'a second 429 in the same window does not halve again');
    assert.equal(s.limitOf('q'), 8);
  });

  test('lastChance is set after maxRequeues so a storm cannot loop forever', async () => {
    const attempts: number[] = [];
    const s = new BatchScheduler({ concurrency: 1, providerLimit: () => Infinity, maxRequeues: 2,
      run: async (_t, ctx): Promise<TaskOutcome> => { attempts.push(ctx.attempt); return ctx.lastChance ? { kind: 'failed' } : { kind: 'requeue', provider: 'p', resumeAt: Date.now() + 1 }; } });
    const sum = await s.run(tasks(1, () => ['p']));
    assert.deepEqual(attempts, [0, 1, 2]);
    assert.equal(sum.failed, 1);
  });

  test('canStart=false stops new starts (budget); running tasks finish', async () => {
    let spent = 0;
    const s = new BatchScheduler({ concurrency: 2, providerLimit: () => Infinity, canStart: () => spent < 3,
      run: async (): Promise<TaskOutcome> => { await delay(3); spent += 1; return { kind: 'done' }; } });
    const sum = await s.run(tasks(10, () => ['p']));
    assert.equal(sum.stoppedBy, 'budget');
    assert.ok(sum.done >= 3 && sum.done <= 4, `done ${sum.done}`);
    assert.equal(sum.done + sum.notStarted, 10);
  });

  test('abort stops starting, aborts running tasks, and reports them cancelled', async () => {
    const ctl = new AbortController();
    let started = 0;
    const s = new BatchScheduler({ concurrency: 2, providerLimit: () => Infinity, signal: ctl.signal,
      run: (_t, ctx) => new Promise<TaskOutcome>((res) => {
        started += 1;
        if (started === 3) setTimeout(() => ctl.abort(), 1);
        const timer = setTimeout(() => res({ kind: 'done' }), started <= 2 ? 2 : 10_000);
        ctx.signal.addEventListener('abort', () => { clearTimeout(timer); res({ kind: 'cancelled' }); });
      }) });
    const sum = await s.run(tasks(8, () => ['p']));
    assert.equal(sum.stoppedBy, 'signal');
    assert.equal(sum.done + sum.cancelled + sum.notStarted, 8);
    assert.ok(sum.cancelled >= 1);
    assert.ok(sum.notStarted >= 4);
  });
});
