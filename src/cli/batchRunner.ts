// Runs a planned batch: scheduler + one pair job per cell, rate-limit requeues, spend cap, progress,
// and per-cell results appended as they finish (so a killed run loses no finished cell).
import type { JudgeComparisonResult } from '../core/judge';
import type { ResolvedSide } from '../core/providers';
import type { ResultsStore } from '../core/results';
import type { RunEvent, RunOptions } from '../core/run';
import { BatchScheduler, type SchedulerSummary, type TaskOutcome } from './batchScheduler';
import type { PlannedCell } from './batchPlan';
import { Session, type SessionPorts } from '../core/session/session';
import type { SessionRecord } from '../core/session/record';
import type { ProgressDisplay } from './progressDisplay';

/** Options of {@link runBatch}. */
export interface BatchRunOptions {
  cells: PlannedCell[];
  store: ResultsStore;
  concurrency: number;
  /** Per-provider caps keyed by preset id. */
  limits: Record<string, number>;
  maxCostUsd?: number;
  checks: boolean;
  runOptions: RunOptions;
  /** First wait before a rate-limited cell is retried; doubles per requeue, capped at 60 s. */
  backoffMs: number;
  signal?: AbortSignal;
  progress?: ProgressDisplay;
  /** Running spend, updated as cells finish (the progress line reads it). */
  meter?: SpendMeter;
  /** Clock and ids (tests fix them); events are the runner's own. */
  ports?: Pick<SessionPorts, 'now' | 'newId'>;
  /** Receives one line per finished cell (plain mode) — the caller decides where it goes. */
  onCell?: (cell: PlannedCell, status: 'done' | 'failed' | 'requeued', rec?: SessionRecord) => void;
  /** `--judge`: an LLM judge answers each recorded pair with both drafts as soon as the cell finishes. */
  judge?: { side: ResolvedSide; onJudged?: (cell: PlannedCell, r: JudgeComparisonResult) => void };
}

/** What the batch's judge did: outcomes per pair judged, and answers that could not be written. */
export interface BatchJudgeCounts { consistent: number; inconsistent: number; unparsed: number; failed: number; notWritten: number }

/** Outcome of a batch run: scheduler counts, spend, and each cell's final status. */
export interface BatchRunResult extends SchedulerSummary {
  spentUsd: number;
  unknownCostSides: number;
  /** Provider backoffs triggered by rate limits. */
  backoffs: number;
  cellStatus: Record<string, 'done' | 'failed' | 'cancelled' | 'not_started'>;
  writeErrors: string[];
  /** Present with `judge`. */
  judged?: BatchJudgeCounts;
}

/** Dollars spent so far (known prices) and sides whose cost is unknown. */
export interface SpendMeter { usd: number; unknown: number }

const RATE_LIMIT_KINDS = new Set(['rate_limit', 'overloaded']);

/** True when a retrying event says the provider rate-limited or is overloaded. */
export function isRateLimitEvent(e: RunEvent): e is Extract<RunEvent, { type: 'retrying' }> {
  if (e.type !== 'retrying') return false;
  const kind = (e as { kind?: unknown }).kind;
  return typeof kind === 'string' ? RATE_LIMIT_KINDS.has(kind) : /rate-limit|rate limit|overloaded|\b429\b|\b529\b/i.test(e.reason);
}

/** Runs every cell; resolves when all ended or the batch was stopped (Ctrl-C or --max-cost). Never rejects. */
export async function runBatch(o: BatchRunOptions): Promise<BatchRunResult> {
  const meter = o.meter ?? { usd: 0, unknown: 0 };
  let backoffs = 0;
  const writeErrors: string[] = [];
  const judged: BatchJudgeCounts | undefined = o.judge ? { consistent: 0, inconsistent: 0, unparsed: 0, failed: 0, notWritten: 0 } : undefined;
  const cellStatus: BatchRunResult['cellStatus'] = Object.fromEntries(o.cells.map((c) => [c.id, 'not_started' as const]));
  const presetOf = (key: string) => key.slice(0, key.lastIndexOf('@'));
  const scheduler: BatchScheduler<PlannedCell> = new BatchScheduler<PlannedCell>({
    concurrency: o.concurrency,
    providerLimit: (key) => o.limits[presetOf(key)] ?? Infinity,
    canStart: () => o.maxCostUsd === undefined || meter.usd < o.maxCostUsd,
    ...(o.signal ? { signal: o.signal } : {}),
    onChange: (s) => o.progress?.update(s),
    run: async (cell, ctx): Promise<TaskOutcome> => {
      let limited: { provider: string; resumeAt: number } | undefined;
      const onEvent = (e: RunEvent) => {
        if (!isRateLimitEvent(e)) return;
        const provider = e.side === 'a' ? cell.providers[0] : cell.providers[1];
        backoffs += 1;
        scheduler.backoff(provider, e.resumeAt);
      };
      const job = await new Session({
        repoRoot: cell.cell.repo.path, repo: cell.repo, prepared: cell.context, sides: { a: cell.a, b: cell.b }, store: o.store, options: o.runOptions,
        checks: o.checks, blind: true, swapped: false, cellId: cell.id, source: 'batch', signal: ctx.signal,
        shouldRecord: (rec) => {
          if (ctx.lastChance) return true;
          const side = (['a', 'b'] as const).find((s) => rec.sides[s].status === 'failed' && RATE_LIMIT_KINDS.has(rec.sides[s].errorKind ?? ''));
          if (!side) return true;
          const wait = Math.min(60_000, o.backoffMs * 2 ** ctx.attempt);
          limited = { provider: side === 'a' ? cell.providers[0] : cell.providers[1], resumeAt: Date.now() + wait };
          return false;
        },
      }, { ...o.ports, onEvent }).recorded;
      if (job.cancelled) { cellStatus[cell.id] = 'cancelled'; return { kind: 'cancelled' }; }
      if (limited) { o.onCell?.(cell, 'requeued'); return { kind: 'requeue', ...limited }; }
      for (const s of [job.record.sides.a, job.record.sides.b]) {
        if (s.cost?.usd !== undefined && s.cost.usd !== null) meter.usd += s.cost.usd;
        else if (s.status !== 'failed') meter.unknown += 1;
      }
      if (job.writeError) writeErrors.push(job.writeError);
      const failed = !job.written || job.record.sides.a.status === 'failed' || job.record.sides.b.status === 'failed';
      cellStatus[cell.id] = failed ? 'failed' : 'done';
      o.onCell?.(cell, failed ? 'failed' : 'done', job.record);
      if (o.judge && judged && job.written && job.drafts.a && job.drafts.b && !ctx.signal.aborted) {
        const { hasBothDrafts, judgeComparison } = await import('../core/judge'); // loaded only with --judge
        if (!hasBothDrafts(job.record)) return { kind: failed ? 'failed' : 'done' };
        const { maxTokens: _sides, ...judgeOptions } = o.runOptions;
        const r = await judgeComparison({ comparison: job.record, store: o.store, judge: o.judge.side, drafts: { a: job.drafts.a.raw, b: job.drafts.b.raw },
          context: { prompt: cell.context.prompt, manifest: cell.context.manifest }, options: judgeOptions, signal: ctx.signal }, { ...o.ports });
        if (r.ok) {
          for (const ord of r.record.orders) { if (ord.cost?.usd !== undefined && ord.cost.usd !== null) meter.usd += ord.cost.usd; else if (ord.usage) meter.unknown += 1; }
          if (r.written) judged[r.record.outcome] += 1;
          else if (!r.cancelled) { judged.notWritten += 1; if (r.writeError) writeErrors.push(r.writeError); }
        }
        o.judge.onJudged?.(cell, r);
      }
      return { kind: failed ? 'failed' : 'done' };
    },
  });
  const summary = await scheduler.run(o.cells);
  o.progress?.end();
  return { ...summary, spentUsd: meter.usd, unknownCostSides: meter.unknown, backoffs, cellStatus, writeErrors, ...(judged ? { judged } : {}) };
}
