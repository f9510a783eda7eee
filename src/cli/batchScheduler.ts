// Runs batch tasks with a global concurrency cap, per-provider caps, and a provider-wide backoff after
// rate limits (pause until the server's resume time, halve the provider's concurrency, grow it back by one
// per success). Pure scheduling: what a task does is the caller's `run`. Could live in core.

/** A unit of work and the providers it sends requests to (a provider may appear twice: both sides). */
export interface SchedulerTask { id: string; providers: string[] }

/** How a task ended: done, failed (recorded), requeue (rate-limited, try again later), cancelled (Ctrl-C). */
export type TaskOutcome =
  | { kind: 'done'; costUsd?: number }
  | { kind: 'failed'; costUsd?: number }
  | { kind: 'requeue'; provider: string; resumeAt: number }
  | { kind: 'cancelled' };

/** What `run` receives besides its task. */
export interface TaskContext {
  /** 0 for the first try, then 1, 2… after rate-limit requeues. */
  attempt: number;
  /** True when a requeue is no longer allowed: the task must end done or failed. */
  lastChance: boolean;
  signal: AbortSignal;
}

/** Live counts for the progress display. */
export interface SchedulerState {
  total: number;
  done: number;
  failed: number;
  running: number;
  /** Tasks waiting for a provider that is backing off (requeued after a rate limit). */
  retrying: number;
  queued: number;
  /** Providers currently paused, with their resume time (epoch ms). */
  paused: Record<string, number>;
}

/** Final counts. `notStarted` are tasks left when Ctrl-C or `canStart` stopped the batch. */
export interface SchedulerSummary { done: number; failed: number; cancelled: number; notStarted: number; requeues: number; stoppedBy?: 'signal' | 'budget' }

/** Options of {@link BatchScheduler}. */
export interface SchedulerOptions<T extends SchedulerTask> {
  concurrency: number;
  /** Configured cap of a provider (Infinity when none). */
  providerLimit: (provider: string) => number;
  run: (task: T, ctx: TaskContext) => Promise<TaskOutcome>;
  /** Checked before each start; false stops starting new tasks (e.g. --max-cost reached). */
  canStart?: () => boolean;
  /** Aborting stops new starts and aborts running tasks. */
  signal?: AbortSignal;
  /** Requeues allowed per task (default 6). */
  maxRequeues?: number;
  onChange?: (state: SchedulerState) => void;
  now?: () => number;
}

interface Entry<T> { task: T; attempt: number; notBefore: number }

/** Bounded-concurrency scheduler with per-provider limits and rate-limit backoff. */
export class BatchScheduler<T extends SchedulerTask> {
  private readonly queue: Entry<T>[] = [];
  private readonly running = new Map<string, { entry: Entry<T>; ctl: AbortController }>();
  private readonly inUse = new Map<string, number>();
  private readonly effective = new Map<string, number>();
  private readonly pausedUntil = new Map<string, number>();
  private readonly now: () => number;
  private timer: NodeJS.Timeout | undefined;
  private summary: SchedulerSummary = { done: 0, failed: 0, cancelled: 0, notStarted: 0, requeues: 0 };
  private total = 0;
  private stopped: SchedulerSummary['stoppedBy'];
  private finish: (() => void) | undefined;

  /** Nothing runs until {@link run}. */
  constructor(private readonly opts: SchedulerOptions<T>) {
    this.now = opts.now ?? Date.now;
  }

  /**
   * Pauses every new start on `provider` until `resumeAt` and halves its concurrency (once per pause window).
   * Called on a rate-limit signal, e.g. a side's `retrying` event after a 429.
   */
  backoff(provider: string, resumeAt: number): void {
    const until = this.pausedUntil.get(provider) ?? 0;
    if (until <= this.now()) this.effective.set(provider, Math.max(1, Math.floor(this.limitOf(provider) / 2)));
    if (resumeAt > until) this.pausedUntil.set(provider, resumeAt);
    this.emit();
  }

  /** Current concurrency allowed for a provider (after backoffs). */
  limitOf(provider: string): number {
    return this.effective.get(provider) ?? Math.min(this.opts.providerLimit(provider), this.opts.concurrency);
  }

  /** Runs every task and resolves when all ended or the batch was stopped (never rejects). */
  run(tasks: readonly T[]): Promise<SchedulerSummary> {
    this.total = tasks.length;
    for (const task of tasks) this.queue.push({ task, attempt: 0, notBefore: 0 });
    const onAbort = () => this.stop('signal');
    this.opts.signal?.addEventListener('abort', onAbort, { once: true });
    return new Promise<SchedulerSummary>((resolve) => {
      this.finish = () => {
        this.opts.signal?.removeEventListener('abort', onAbort);
        if (this.timer) clearTimeout(this.timer);
        resolve({ ...this.summary, notStarted: this.queue.length, ...(this.stopped ? { stoppedBy: this.stopped } : {}) });
      };
      if (this.opts.signal?.aborted) this.stop('signal');
      else this.pump();
    });
  }

  private stop(by: 'signal' | 'budget'): void {
    if (this.stopped) return;
    this.stopped = by;
    if (by === 'signal') for (const r of this.running.values()) r.ctl.abort();
    this.pump();
  }

  private runnable(e: Entry<T>, now: number): boolean {
    if (e.notBefore > now) return false;
    const need = new Map<string, number>();
    for (const p of e.task.providers) need.set(p, (need.get(p) ?? 0) + 1);
    for (const [p, n] of need) {
      if ((this.pausedUntil.get(p) ?? 0) > now) return false;
      const used = this.inUse.get(p) ?? 0;
      if (used > 0 && used + n > this.limitOf(p)) return false;
    }
    return true;
  }

  private pump(): void {
    if (this.timer) { clearTimeout(this.timer); this.timer = undefined; }
    const now = this.now();
    while (!this.stopped && this.running.size < this.opts.concurrency && this.queue.length > 0) {
      const i = this.queue.findIndex((e) => this.runnable(e, now));
      if (i < 0) break;
      if (this.opts.canStart && !this.opts.canStart()) { this.stopped = 'budget'; break; }
      const [entry] = this.queue.splice(i, 1);
      this.start(entry);
    }
    if (this.running.size === 0 && (this.stopped || this.queue.length === 0)) { this.emit(); this.finish?.(); this.finish = undefined; return; }
    if (!this.stopped && this.running.size < this.opts.concurrency && this.queue.length > 0) this.armTimer(now);
    this.emit();
  }

  /** Wakes the pump when the earliest pause or requeue delay ends (slot-limited waits wake on a finish). */
  private armTimer(now: number): void {
    let wake = Infinity;
    for (const t of this.pausedUntil.values()) if (t > now) wake = Math.min(wake, t);
    for (const e of this.queue) if (e.notBefore > now) wake = Math.min(wake, e.notBefore);
    if (wake < Infinity) this.timer = setTimeout(() => this.pump(), Math.max(1, wake - now));
  }

  private start(entry: Entry<T>): void {
    const ctl = new AbortController();
    this.running.set(entry.task.id, { entry, ctl });
    for (const p of entry.task.providers) this.inUse.set(p, (this.inUse.get(p) ?? 0) + 1);
    const maxRequeues = this.opts.maxRequeues ?? 6;
    const ctx: TaskContext = { attempt: entry.attempt, lastChance: entry.attempt >= maxRequeues, signal: ctl.signal };
    let outcome: Promise<TaskOutcome>;
    try { outcome = this.opts.run(entry.task, ctx); } catch (e) { outcome = Promise.reject(e); }
    outcome.catch((): TaskOutcome => ({ kind: 'failed' })).then((o) => this.settle(entry, o));
  }

  private settle(entry: Entry<T>, o: TaskOutcome): void {
    this.running.delete(entry.task.id);
    for (const p of entry.task.providers) this.inUse.set(p, Math.max(0, (this.inUse.get(p) ?? 1) - 1));
    if (o.kind === 'done') {
      this.summary.done += 1;
      for (const p of new Set(entry.task.providers)) {
        const eff = this.effective.get(p);
        if (eff !== undefined) this.effective.set(p, Math.min(eff + 1, Math.min(this.opts.providerLimit(p), this.opts.concurrency)));
      }
    } else if (o.kind === 'failed') this.summary.failed += 1;
    else if (o.kind === 'cancelled') this.summary.cancelled += 1;
    else {
      this.summary.requeues += 1;
      this.backoff(o.provider, o.resumeAt);
      this.queue.unshift({ task: entry.task, attempt: entry.attempt + 1, notBefore: o.resumeAt });
    }
    this.pump();
  }

  private emit(): void {
    if (!this.opts.onChange) return;
    const now = this.now();
    const paused: Record<string, number> = {};
    for (const [p, t] of this.pausedUntil) if (t > now) paused[p] = t;
    const retrying = this.queue.filter((e) => e.attempt > 0).length;
    this.opts.onChange({ total: this.total, done: this.summary.done, failed: this.summary.failed, running: this.running.size,
      retrying, queued: this.queue.length - retrying, paused });
  }
}
