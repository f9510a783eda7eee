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

/**
 * Creates a trailing-edge throttle. With busyShare, the interval also grows with the time fn itself takes, so fn
 * runs at most that share of the time (a draft whose render takes a second is not rendered ten times a second).
 */
export function createThrottle(fn: () => void, intervalMs: number, clock: ThrottleClock = realClock, busyShare?: number): Throttle {
  let last = -Infinity;
  let took = 0;
  let timer: unknown = null;
  const run = () => {
    timer = null;
    last = clock.now();
    fn();
    took = clock.now() - last;
  };
  return {
    schedule() {
      if (timer !== null) return;
      const wait = last + Math.max(intervalMs, busyShare ? took / busyShare : 0) - clock.now();
      if (wait <= 0) run(); else timer = clock.setTimeout(run, wait);
    },
    flush() { if (timer !== null) { clock.clearTimeout(timer); run(); } },
    cancel() { if (timer !== null) { clock.clearTimeout(timer); timer = null; } },
  };
}
