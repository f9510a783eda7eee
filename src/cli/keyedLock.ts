// Runs async jobs one at a time per key (e.g. per repository), in call order.

/** A per-key queue: `run(key, job)` starts `job` after every earlier job of the same key settled. */
export class KeyedLock {
  private readonly tails = new Map<string, Promise<unknown>>();

  /** Runs `job` exclusively for `key`; resolves or rejects with the job's own outcome. */
  run<T>(key: string, job: () => Promise<T>): Promise<T> {
    const prev = this.tails.get(key) ?? Promise.resolve();
    const next = prev.then(job, job);
    const tail = next.catch(() => undefined);
    this.tails.set(key, tail);
    void tail.then(() => { if (this.tails.get(key) === tail) this.tails.delete(key); });
    return next;
  }
}
