// Per-attempt instrumentation: when the request left, when headers came, and the headers/idle watchdogs,
// fed by a fetch wrapper the SDKs call instead of the global fetch.
import { PairwiseAbort } from './errorClassifier';

/** Callbacks the instrumented fetch calls for the attempt in flight. */
export interface AttemptHooks {
  onSend(): void;
  onHeaders(): void;
  /** `bytes` more arrived; false when the attempt went over its output cap (it has been aborted). */
  onBytes(bytes: number): boolean;
}

/** Mutable slot holding the current attempt's hooks (attempts of one side never overlap). */
export interface HooksSlot {
  current?: AttemptHooks;
}

/** fetch that reports send, headers and every body chunk to the slot's current hooks, then passes the bytes on (up to the cap). */
export function tappedFetch(slot: HooksSlot, base?: typeof globalThis.fetch): typeof globalThis.fetch {
  return async (input: string | URL | Request, init?: RequestInit): Promise<Response> => {
    const hooks = slot.current;
    hooks?.onSend();
    const res = await (base ?? globalThis.fetch)(input, init);
    hooks?.onHeaders();
    if (!hooks || !res.body || res.status === 204 || res.status === 304) return res;
    const tap = new TransformStream<Uint8Array, Uint8Array>({
      transform(chunk, ctl) {
        if (hooks.onBytes(chunk.byteLength)) ctl.enqueue(chunk);
        else ctl.error(new PairwiseAbort('too-large'));
      },
    });
    return new Response(res.body.pipeThrough(tap), { status: res.status, statusText: res.statusText, headers: res.headers });
  };
}

/** Longest silence after an answer's terminal event before the rest of the stream is cut off. */
export const END_GRACE_MS = 2000;

/**
 * Watchdogs of one attempt: aborts its controller when headers take longer than `headersTimeoutMs`, when
 * no byte arrives for `idleTimeoutMs` after the headers, or when the body passes `maxBytes`.
 * `dispose()` clears every timer for good.
 */
export class AttemptWatch implements AttemptHooks {
  /** performance.now() when the request was handed to fetch. */
  sentPerf: number | undefined;
  /** Date.now() at the same moment. */
  sentEpoch: number | undefined;
  private headersTimer: NodeJS.Timeout | undefined;
  private idleTimer: NodeJS.Timeout | undefined;
  private disposed = false;
  private received = 0;
  /** Set by {@link onEnded}: an idle abort from now on cuts off only what follows the answer. */
  ended = false;

  /** `onSent` runs once, when the request leaves. */
  constructor(private readonly ctl: AbortController, private readonly idleTimeoutMs: number,
    private readonly headersTimeoutMs: number, private readonly onSent?: (epoch: number, perf: number) => void,
    private readonly maxBytes = Number.POSITIVE_INFINITY) {}

  /** The request left. */
  onSend(): void {
    if (this.disposed || this.sentPerf !== undefined) return;
    this.sentPerf = performance.now();
    this.sentEpoch = Date.now();
    this.headersTimer = setTimeout(() => this.ctl.abort(new PairwiseAbort('headers-timeout')), this.headersTimeoutMs);
    this.onSent?.(this.sentEpoch, this.sentPerf);
  }

  /** Response headers arrived: switch from the headers timeout to the idle watchdog. */
  onHeaders(): void {
    if (this.disposed) return;
    clearTimeout(this.headersTimer);
    this.headersTimer = undefined;
    this.idleTimer = setTimeout(() => this.ctl.abort(new PairwiseAbort('idle')), this.idleTimeoutMs);
  }

  /**
   * The answer's terminal event arrived: what may still follow (OpenAI's usage chunk) gets at most
   * {@link END_GRACE_MS} of silence, so a server that keeps the connection open cannot hold the side for the idle timeout.
   */
  onEnded(): void {
    if (this.disposed || this.ended) return;
    this.ended = true;
    clearTimeout(this.idleTimer);
    this.idleTimer = setTimeout(() => this.ctl.abort(new PairwiseAbort('idle')), Math.min(this.idleTimeoutMs, END_GRACE_MS));
  }

  /** A body chunk arrived: restart the idle countdown, or abort when the body went over the cap. */
  onBytes(bytes: number): boolean {
    this.received += bytes;
    if (this.received > this.maxBytes) {
      if (!this.ctl.signal.aborted) this.ctl.abort(new PairwiseAbort('too-large'));
      return false;
    }
    if (!this.disposed) this.idleTimer?.refresh();
    return true;
  }

  /** Clears both timers; later calls are ignored (a refreshed timer would otherwise come back to life). */
  dispose(): void {
    this.disposed = true;
    clearTimeout(this.headersTimer);
    clearTimeout(this.idleTimer);
    this.headersTimer = undefined;
    this.idleTimer = undefined;
  }
}
