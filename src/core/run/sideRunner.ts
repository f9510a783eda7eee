// One side of a pair: prepare the client, run attempts under the retry policy, optionally a warm repeat.
// Never throws: every outcome is a DraftResult and every string leaving here is redacted.
import { computeCost } from '../providers/pricing';
import { openProvider, type ProviderStream } from '../providers/providerClient';
import type { Cost, DraftResult, PromptInput, ResolvedSide, SideId, Timing, Usage, WarmRepeat } from '../providers/types';
import { AttemptWatch, tappedFetch, type HooksSlot } from './attemptWatch';
import { classifyAbort, classifyError, PairwiseAbort, type AbortCause, type ClassifiedError } from './errorClassifier';
import { failureMessage, incompleteNotice, missingKeyMessage, retryingMessage, type MessageContext } from './errorMessages';
import { redactSecrets, StreamRedactor } from './redactSecrets';
import { decideRetry, retryPolicyWith, sleep, type RetryDecision, type RetryPolicy } from './retryPolicy';
import type { RunEvent, RunOptions } from './types';

/** Defaults for {@link RunOptions} numbers. */
export const RUN_DEFAULTS = Object.freeze({ maxTokens: 8192, idleTimeoutMs: 60_000, headersTimeoutMs: 120_000,
  maxOutputBytes: 16 * 1024 * 1024, sideDeadlineMs: 900_000 });

const TRUNCATING_STOPS = new Set(['max_tokens', 'length', 'model_context_window_exceeded']);
const FILTER_STOPS = new Set(['content_filter', 'refusal']);

/** A side's client, built once and reused by retries, retrySide and the warm repeat. */
export interface PreparedSide {
  provider?: ProviderStream;
  slot: HooksSlot;
  /** Set when the side cannot run at all (missing key, SDK failed to load). */
  failure?: ClassifiedError;
}

/** Everything a side run needs. */
export interface SideRunConfig {
  side: SideId;
  resolved: ResolvedSide;
  prompt: PromptInput;
  options: RunOptions;
  emit: (e: RunEvent) => void;
  secrets: readonly (string | undefined)[];
}

/** Builds the SDK client for a side (lazy SDK import); never rejects. */
export async function prepareSide(cfg: Pick<SideRunConfig, 'resolved' | 'prompt' | 'options'>): Promise<PreparedSide> {
  const slot: HooksSlot = {};
  const { preset, apiKey, spec } = cfg.resolved;
  if (preset.auth !== 'none' && !apiKey) return { slot, failure: { kind: 'config', retryable: false } };
  try {
    const provider = await openProvider({ preset, model: spec.model, apiKey, prompt: cfg.prompt,
      maxTokens: cfg.options.maxTokens ?? RUN_DEFAULTS.maxTokens, fetch: tappedFetch(slot, cfg.options.fetch) });
    return { slot, provider };
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    return { slot, failure: { kind: 'config', retryable: false, detail: `Could not set up ${preset.label}: ${detail}` } };
  }
}

type AttemptOutcome = {
  chunks: string[]; usage?: Usage; stopReason?: string; terminal: boolean; ttftMs: number | null; error?: ClassifiedError;
};

/** A single run of one side (a retrySide makes a new one). */
export class SideRun {
  /** Epoch ms of the first send, once it happened. */
  firstSentAt: number | undefined;
  /** performance.now() of the first send (for the start gap between sides). */
  firstSentPerf: number | undefined;
  private readonly cancelCtl = new AbortController();
  private readonly ctx: MessageContext;
  private readonly policy: RetryPolicy;
  private started = false;

  /** `prepared` may be shared with earlier runs of the same side. */
  constructor(private readonly cfg: SideRunConfig, private readonly prepared: PreparedSide) {
    const o = cfg.options;
    const { preset, spec } = cfg.resolved;
    this.ctx = { label: preset.label, model: spec.model, baseUrl: preset.baseUrl, envKey: preset.envKey,
      idleTimeoutMs: o.idleTimeoutMs ?? RUN_DEFAULTS.idleTimeoutMs, headersTimeoutMs: o.headersTimeoutMs ?? RUN_DEFAULTS.headersTimeoutMs,
      maxOutputBytes: positive(o.maxOutputBytes) ?? RUN_DEFAULTS.maxOutputBytes, sideDeadlineMs: positive(o.sideDeadlineMs) ?? RUN_DEFAULTS.sideDeadlineMs };
    this.policy = retryPolicyWith(o.retry);
  }

  /** Stops the side: the attempt in flight or the retry wait ends and the side fails as cancelled. */
  cancel(): void {
    this.stop('cancel');
  }

  private stop(why: AbortCause): void {
    if (!this.cancelCtl.signal.aborted) this.cancelCtl.abort(new PairwiseAbort(why));
  }

  /** Runs attempts until success, a final failure, cancel or the side deadline; emits events; never rejects. */
  async run(): Promise<DraftResult> {
    const deadline = setTimeout(() => this.stop('deadline'), this.ctx.sideDeadlineMs);
    try {
      return await this.runAttempts();
    } finally {
      clearTimeout(deadline);
    }
  }

  private async runAttempts(): Promise<DraftResult> {
    const startPerf = performance.now();
    const startEpoch = Date.now();
    const timing = (attempts: number, ttftMs: number | null): Timing => ({ sentAt: this.firstSentAt ?? startEpoch, ttftMs,
      totalMs: Math.round(performance.now() - (this.firstSentPerf ?? startPerf)), attempts });
    if (this.prepared.failure || !this.prepared.provider) {
      const f = this.prepared.failure ?? { kind: 'config' as const, retryable: false };
      const message = f.detail ?? missingKeyMessage(this.ctx);
      return this.finish({ ok: false, kind: f.kind, message: this.redact(message), retryable: false, partialText: '', timing: timing(0, null) });
    }
    let attempts = 0;
    for (;;) {
      attempts++;
      const out = await this.attempt(this.prepared.provider, true);
      if (!out.error) return this.finish(await this.success(out, attempts, timing));
      const err = out.error;
      const decision: RetryDecision = this.cancelCtl.signal.aborted ? { retry: false, why: 'not_retryable' }
        : decideRetry(err.retryable, attempts, this.policy, err.retryAfterMs);
      const failed = (c: ClassifiedError, d?: RetryDecision): DraftResult => ({ ok: false, kind: c.kind,
        message: this.redact(failureMessage(c, this.ctx, attempts, d)), ...(c.httpStatus ? { httpStatus: c.httpStatus } : {}),
        retryable: c.retryable, partialText: this.redact(out.chunks.join(''), false), timing: timing(attempts, out.ttftMs),
        ...(out.usage ? { usage: out.usage } : {}) });
      if (!decision.retry) return this.finish(failed(err, decision));
      const resumeAt = Date.now() + decision.delayMs;
      this.emit({ side: this.cfg.side, type: 'retrying', attempt: attempts + 1, reason: this.redact(retryingMessage(err, this.ctx, decision.delayMs)), resumeAt });
      this.log(`side ${this.cfg.side}: attempt ${attempts} failed (${err.kind}${err.httpStatus ? ` ${err.httpStatus}` : ''}); waiting ${decision.delayMs} ms`);
      if (!(await sleep(decision.delayMs, this.cancelCtl.signal))) return this.finish(failed(this.abortClass(this.cancelCtl.signal.reason)));
    }
  }

  private async success(out: AttemptOutcome, attempts: number, timing: (a: number, t: number | null) => Timing): Promise<DraftResult> {
    const text = this.redact(out.chunks.join(''), false);
    const t = timing(attempts, out.ttftMs);
    if (out.stopReason && FILTER_STOPS.has(out.stopReason)) {
      const c: ClassifiedError = { kind: 'content_filter', retryable: false, detail: out.stopReason };
      return { ok: false, kind: 'content_filter', message: this.redact(failureMessage(c, this.ctx, attempts)), retryable: false,
        partialText: text, timing: t, ...(out.usage ? { usage: out.usage } : {}) };
    }
    const usage = out.usage ?? { inputTokens: 0, outputTokens: 0, cacheReadTokens: 0, cacheWriteTokens: 0 };
    const result: DraftResult = { ok: true, text, usage, cost: this.cost(out.usage), timing: t,
      stopReason: out.terminal ? out.stopReason ?? 'end' : 'incomplete',
      truncated: !out.terminal || (out.stopReason !== undefined && TRUNCATING_STOPS.has(out.stopReason)) };
    if (!out.terminal) result.notice = this.redact(incompleteNotice(this.ctx));
    if (this.cfg.options.warmRepeat && !this.cancelCtl.signal.aborted) result.warm = await this.warmRepeat(out.ttftMs);
    return result;
  }

  private async warmRepeat(coldTtftMs: number | null): Promise<WarmRepeat> {
    const out = await this.attempt(this.prepared.provider as ProviderStream, false);
    if (out.error) return { coldTtftMs, warmTtftMs: null, cachedShare: null, error: this.redact(failureMessage(out.error, this.ctx, 1)) };
    const u = out.usage;
    const prompt = u ? u.inputTokens + u.cacheReadTokens + u.cacheWriteTokens : 0;
    const warm: WarmRepeat = { coldTtftMs, warmTtftMs: out.ttftMs, cachedShare: u && prompt > 0 ? u.cacheReadTokens / prompt : null };
    if (u) { warm.usage = u; warm.cost = this.cost(u); }
    return warm;
  }

  private cost(usage: Usage | undefined): Cost {
    if (!usage) return { usd: null, basis: 'unknown' };
    return computeCost(usage, this.cfg.resolved.spec.model, this.cfg.resolved.pricingOverride);
  }

  /** One request: streams it, feeding events when `live`; the outcome carries an error instead of throwing. */
  private async attempt(provider: ProviderStream, live: boolean): Promise<AttemptOutcome> {
    const ctl = new AbortController();
    const onCancel = () => ctl.abort(this.cancelCtl.signal.reason);
    this.cancelCtl.signal.addEventListener('abort', onCancel, { once: true });
    if (this.cancelCtl.signal.aborted) onCancel();
    const attemptStart = performance.now();
    const watch = new AttemptWatch(ctl, this.ctx.idleTimeoutMs, this.ctx.headersTimeoutMs, (epoch, perf) => {
      if (!live || this.started) return;
      this.started = true;
      this.firstSentAt = epoch;
      this.firstSentPerf = perf;
      this.emit({ side: this.cfg.side, type: 'started', at: epoch });
    }, this.ctx.maxOutputBytes);
    this.prepared.slot.current = watch;
    const out: AttemptOutcome = { chunks: [], terminal: false, ttftMs: null };
    const side = this.cfg.side;
    const shown = new StreamRedactor(this.cfg.secrets);
    const show = (text: string) => { if (live && text) this.emit({ side, type: 'delta', text }); };
    try {
      for await (const ev of provider.stream(ctl.signal)) {
        if (ev.type === 'text') {
          if (out.ttftMs === null) {
            out.ttftMs = Math.round(performance.now() - (watch.sentPerf ?? attemptStart));
            if (live) this.emit({ side, type: 'firstToken', ttftMs: out.ttftMs });
          }
          out.chunks.push(ev.text);
          show(shown.push(ev.text));
        } else if (ev.type === 'usage') {
          out.usage = ev.usage;
          if (live) this.emit({ side, type: 'usage', usage: ev.usage });
        } else if (ev.type === 'stop') out.stopReason = ev.reason;
        else { out.terminal = true; watch.onEnded(); }
      }
      if (ctl.signal.aborted && !out.terminal) out.error = this.abortClass(ctl.signal.reason);
    } catch (err) {
      // After the answer ended, cutting off a connection held open is no failure (a cancel still is).
      const tailCut = out.terminal && watch.ended && this.abortClass(ctl.signal.reason).kind === 'idle';
      if (!tailCut) out.error = ctl.signal.aborted ? this.abortClass(ctl.signal.reason) : classifyError(err);
    } finally {
      show(shown.flush());
      watch.dispose();
      if (this.prepared.slot.current === watch) this.prepared.slot.current = undefined;
      this.cancelCtl.signal.removeEventListener('abort', onCancel);
    }
    return out;
  }

  private abortClass(reason: unknown): ClassifiedError {
    // Aborted by the SDK's own signal handling: the reason may arrive wrapped, so look one level down too.
    if (!(reason instanceof PairwiseAbort) && reason instanceof Error && reason.cause instanceof PairwiseAbort) return classifyAbort(reason.cause.why);
    return classifyAbort(reason instanceof PairwiseAbort ? reason.why : 'cancel');
  }

  private finish(result: DraftResult): DraftResult {
    this.emit({ side: this.cfg.side, type: result.ok ? 'done' : 'failed', result });
    return result;
  }

  private redact(text: string, patterns = true): string {
    return redactSecrets(text, this.cfg.secrets, { patterns });
  }

  private emit(e: RunEvent): void {
    try { this.cfg.emit(e); } catch (err) { this.log(`event handler threw: ${err instanceof Error ? err.message : String(err)}`); }
  }

  private log(line: string): void {
    try { this.cfg.options.log?.(this.redact(line)); } catch { /* a broken logger must not stop the run */ }
  }
}

function positive(n: number | undefined): number | undefined {
  return typeof n === 'number' && Number.isFinite(n) && n > 0 ? n : undefined;
}
