/**
 * Batches streamed deltas on their way to the compare webview: a provider streams ~100 tiny deltas a second per
 * side, and every message costs the workbench and both webview frames a task (test/bench/render.bench.ts). Deltas
 * are held for `ms` and sent as one delta per slot; any other event first sends what is held, so the receiver sees
 * every event in order and the concatenated text is unchanged. No `vscode` import: unit-tested in Node.
 */
import type { CompareEvent, SlotId } from '../../shared/compareProtocol';

/** Timer functions, injectable for tests. */
export interface BatchClock { setTimeout(fn: () => void, ms: number): unknown; clearTimeout(handle: unknown): void }

const realClock: BatchClock = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) };

/** How long deltas are held (20 updates a second at most per slot: the webview re-renders at most 10 times a second). */
export const DELTA_BATCH_MS = 50;
/** Held text beyond this many characters goes out at once: a burst never becomes one multi-megabyte message. */
export const DELTA_BATCH_MAX_CHARS = 256 * 1024;

/** Holds deltas per slot and emits them, merged, before any other event, after `ms` or past `maxChars`. */
export class DeltaBatcher {
  private readonly held = new Map<SlotId, string>();
  private timer: unknown = null;

  constructor(private readonly emit: (e: CompareEvent) => void, private readonly ms = DELTA_BATCH_MS, private readonly clock: BatchClock = realClock,
    private readonly maxChars = DELTA_BATCH_MAX_CHARS) {}

  /** Passes an event on: deltas are held, anything else goes out at once after the held deltas. */
  push(e: CompareEvent): void {
    if (e.type !== 'delta') { this.flush(); this.emit(e); return; }
    const text = (this.held.get(e.slot) ?? '') + e.text;
    this.held.set(e.slot, text);
    if (text.length >= this.maxChars) { this.flush(); return; }
    if (this.timer === null) this.timer = this.clock.setTimeout(() => this.flush(), this.ms);
  }

  /** Emits the held deltas now (one per slot). */
  flush(): void {
    if (this.timer !== null) { this.clock.clearTimeout(this.timer); this.timer = null; }
    if (!this.held.size) return;
    const out = [...this.held];
    this.held.clear();
    for (const [slot, text] of out) this.emit({ type: 'delta', slot, text });
  }

  /** Drops what is held and stops the timer. */
  dispose(): void {
    if (this.timer !== null) this.clock.clearTimeout(this.timer);
    this.timer = null;
    this.held.clear();
  }
}
