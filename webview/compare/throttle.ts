/** Coalesces bursts of calls into at most one run per interval (markdown re-render <= 10/s while streaming). */

/** Timer functions, injectable for tests. */
export interface ThrottleClock { now(): number; setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void }

const realClock: ThrottleClock = {
  now: () => Date.now(),
  setTimeout: (fn, ms) => setTimeout(fn, ms),
  clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>),
};

/** A throttled runner: `schedule()` runs `fn` now if idle long enough, else once at the end of the interval. */
export interface Throttle { schedule(): void; flush(): void; cancel(): void }

/** Creates a trailing-edge throttle. */
export function createThrottle(fn: () => void, intervalMs: number, clock: ThrottleClock = realClock): Throttle {
  let last = -Infinity;
  let timer: unknown = null;
  const run = () => { timer = null; last = clock.now(); fn(); };
  return {
    schedule() {
      if (timer !== null) return;
      const wait = last + intervalMs - clock.now();
      if (wait <= 0) run(); else timer = clock.setTimeout(run, wait);
    },
    flush() { if (timer !== null) { clock.clearTimeout(timer); run(); } },
    cancel() { if (timer !== null) { clock.clearTimeout(timer); timer = null; } },
  };
}
