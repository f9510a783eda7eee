// The parallel run: both sides prepared first, then both requests leave in the same tick; per-side cancel,
// cancel-all, retrySide. Nothing here rejects: each side ends as a DraftResult.
import type { DraftResult, ResolvedSide, SideId } from '../providers/types';
import { prepareSide, SideRun, type PreparedSide, type SideRunConfig } from './sideRunner';
import { redactSecrets } from './redactSecrets';
import type { PairOutcome, PairRunInput, RunEvent } from './types';

const SIDES: readonly SideId[] = ['a', 'b'];

/** Handle on a running pair. `start()` is idempotent; `cancel()` stops one side or both. */
export class PairRun {
  /** Latest result per side (a retrySide replaces it). */
  readonly results: Partial<Record<SideId, DraftResult>> = {};
  private readonly runs: Partial<Record<SideId, SideRun>> = {};
  private readonly running: Partial<Record<SideId, Promise<DraftResult>>> = {};
  private readonly prepared: Partial<Record<SideId, Promise<PreparedSide>>> = {};
  private readonly cancelled = new Set<SideId>();
  private readonly secrets: (string | undefined)[];
  private outcome: Promise<PairOutcome> | undefined;

  /** Nothing is sent until {@link start}. */
  constructor(private readonly input: PairRunInput) {
    this.secrets = [input.a.apiKey, input.b.apiKey];
  }

  /** Sends both sides (together) and resolves when both ended; never rejects. */
  start(): Promise<PairOutcome> {
    this.outcome ??= this.runBoth();
    return this.outcome;
  }

  /** Cancels one side, or both when `side` is omitted. Finished sides are unaffected. */
  cancel(side?: SideId): void {
    for (const s of side ? [side] : SIDES) {
      this.cancelled.add(s);
      this.runs[s]?.cancel();
    }
  }

  /**
   * Runs one side again with the same request (e.g. after a failure or cancel) and resolves with its new
   * result; while the side is still running this returns its current promise.
   */
  retrySide(side: SideId): Promise<DraftResult> {
    const current = this.running[side];
    if (!current) return this.start().then((o) => o[side]);
    if (!this.results[side]) return current;
    this.cancelled.delete(side);
    const next = (this.prepared[side] as Promise<PreparedSide>).then((prepared) => this.launch(side, prepared));
    this.running[side] = next;
    delete this.results[side];
    return next;
  }

  private async runBoth(): Promise<PairOutcome> {
    const onPairAbort = () => this.cancel();
    this.input.signal?.addEventListener('abort', onPairAbort, { once: true });
    if (this.input.signal?.aborted) this.cancel();
    try {
      for (const s of SIDES) this.prepared[s] = prepareSide({ resolved: this.side(s), prompt: this.input.prompt, options: this.input.options ?? {} });
      const [pa, pb] = await Promise.all([this.prepared.a as Promise<PreparedSide>, this.prepared.b as Promise<PreparedSide>]);
      // Both requests leave in the same tick: nothing awaits between these two calls.
      const ra = this.launch('a', pa);
      const rb = this.launch('b', pb);
      const [a, b] = await Promise.all([ra, rb]);
      const sa = this.runs.a?.firstSentPerf;
      const sb = this.runs.b?.firstSentPerf;
      const startGapMs = sa !== undefined && sb !== undefined ? Math.round(Math.abs(sa - sb) * 100) / 100 : 0;
      return { a, b, startGapMs };
    } catch (err) {
      // Defensive: a bug must still end as results, not as a rejection.
      const message = redactSecrets(`Pairwise hit an internal error: ${err instanceof Error ? err.message : String(err)}`, this.secrets);
      const fail = (s: SideId): DraftResult => this.results[s] ?? { ok: false, kind: 'config', message, retryable: false, partialText: '',
        timing: { sentAt: Date.now(), ttftMs: null, totalMs: 0, attempts: 0 } };
      return { a: fail('a'), b: fail('b'), startGapMs: 0 };
    } finally {
      this.input.signal?.removeEventListener('abort', onPairAbort);
    }
  }

  private launch(side: SideId, prepared: PreparedSide): Promise<DraftResult> {
    const cfg: SideRunConfig = { side, resolved: this.side(side), prompt: this.input.prompt, options: this.input.options ?? {},
      emit: (e: RunEvent) => this.input.onEvent?.(e), secrets: this.secrets };
    const run = new SideRun(cfg, prepared);
    this.runs[side] = run;
    if (this.cancelled.has(side)) run.cancel();
    const p = run.run().then((r) => { this.results[side] = r; return r; });
    this.running[side] = p;
    return p;
  }

  private side(s: SideId): ResolvedSide {
    return s === 'a' ? this.input.a : this.input.b;
  }
}

/** Runs both sides in parallel and resolves with both results; never rejects. */
export function runPair(input: PairRunInput): Promise<PairOutcome> {
  return new PairRun(input).start();
}
