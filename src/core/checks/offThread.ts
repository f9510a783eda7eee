// Runs the checks in a worker thread (dist/checksWorker.js next to the bundle, or the .ts entry under tsx): the
// caller's event loop stays free, cancel is honoured, and a worker that outlives its hard limit is terminated.
import { Worker } from 'node:worker_threads';
import { WorkerChildren } from '../workers/childProcesses';
import { workerEntry } from '../workers/workerEntry';
import { buildBadges } from './checkBadges';
import { CHECK_BUDGET_MS } from './checkBudget';
import type { FromChecksWorker, ToChecksWorker } from './checksWorker';
import { emptyGrounding } from './grounding';
import { runChecks } from './runChecks';
import { DEFAULT_TEST_TIMEOUT_MS } from './testRun';
import type { CheckReport, RunChecksInput } from './types';

/** How long a cancelled worker may take to clean up (remove its scratch worktree) before it is terminated. */
export const CANCEL_GRACE_MS = 3000;

/**
 * The worker entry: dist/checksWorker.js next to the extension bundle or one folder up from the CLI's chunks
 * (dist/cli/), or checksWorker.ts beside this module when running from sources under tsx.
 */
export function checksWorkerPath(dir = __dirname): string | undefined {
  return workerEntry('checksWorker', dir);
}

function stoppedReport(input: RunChecksInput, started: number, why: { error?: string; cancelled?: boolean }): CheckReport {
  const r: CheckReport = { version: 1, route: typeof input.draft?.route === 'string' ? input.draft.route : 'unparsed', badges: [],
    grounding: emptyGrounding(), durationMs: Date.now() - started, timings: { groundingMs: 0, patchMs: 0, testMs: 0 } };
  if (why.error) r.error = why.error;
  if (why.cancelled) r.cancelled = true;
  r.badges = buildBadges(r);
  return r;
}

/** Options of {@link runChecksOffThread}. */
export interface OffThreadOptions {
  /** Worker entry; default {@link checksWorkerPath}. Without one the checks run in this thread. */
  workerPath?: string;
  /** Terminate the worker after this long (default: twice the per-check budget, plus the test timeout when tests run). */
  hardLimitMs?: number;
}

/** runChecks in a worker thread; never rejects. Cancel (input.signal) and the hard limit terminate the worker. */
export function runChecksOffThread(input: RunChecksInput, opts: OffThreadOptions = {}): Promise<CheckReport> {
  const path = opts.workerPath ?? checksWorkerPath();
  if (!path) return runChecks(input);
  const started = Date.now();
  const { signal, ...rest } = input;
  const tests = rest.allowTestRun && rest.testCommand ? (rest.testTimeoutMs ?? DEFAULT_TEST_TIMEOUT_MS) : 0;
  const hardLimit = opts.hardLimitMs ?? 2 * (rest.budgetMs ?? CHECK_BUDGET_MS) + tests + 10_000;
  return new Promise<CheckReport>((resolve) => {
    let worker: Worker;
    try { worker = new Worker(path); } catch (e) {
      resolve(stoppedReport(input, started, { error: `Checks could not start: ${e instanceof Error ? e.message : String(e)}` }));
      return;
    }
    let settled = false;
    const timers: NodeJS.Timeout[] = [];
    // What the worker started and has not seen end: stopped once it is terminated (a worker stuck in JavaScript
    // cannot act on the cancel, and the timers that would stop its git live in it).
    const children = new WorkerChildren();
    const terminate = (): void => { void worker.terminate().then(() => children.stopAll(), () => children.stopAll()); };
    const finish = (report: CheckReport, graceMs = 0): void => {
      if (settled) return;
      settled = true;
      for (const t of timers) clearTimeout(t);
      signal?.removeEventListener('abort', onAbort);
      if (graceMs > 0) setTimeout(terminate, graceMs).unref();
      else terminate();
      resolve(report);
    };
    const onAbort = (): void => {
      worker.postMessage({ type: 'cancel' } satisfies ToChecksWorker);
      timers.push(setTimeout(() => finish(stoppedReport(input, started, { cancelled: true })), CANCEL_GRACE_MS));
    };
    // At the hard limit the report comes at once, but the worker is first told to cancel, so it stops the git (and
    // the test command) it is waiting on; terminated at once, it left them running with no one to stop them.
    timers.push(setTimeout(() => {
      worker.postMessage({ type: 'cancel' } satisfies ToChecksWorker);
      worker.unref();
      finish(stoppedReport(input, started, { error: `The checks took longer than ${Math.round(hardLimit / 1000)} s and were stopped.` }), CANCEL_GRACE_MS);
    }, hardLimit));
    worker.on('message', (m: FromChecksWorker) => { if (m.type === 'done') finish(m.report); else children.note(m); });
    worker.on('error', (e) => finish(stoppedReport(input, started, { error: `Checks failed: ${e.message}` })));
    worker.on('exit', (code) => finish(stoppedReport(input, started, { error: `Checks stopped (worker exit ${code}).` })));
    signal?.addEventListener('abort', onAbort, { once: true });
    worker.postMessage({ type: 'run', input: rest } satisfies ToChecksWorker);
    if (signal?.aborted) onAbort();
  });
}
