// Worker-thread entry of the objective checks (bundled as dist/checksWorker.js): runs runChecks off the caller's
// thread, so a slow scan never blocks the extension host or the CLI's signal handling. One run per worker.
import { parentPort } from 'node:worker_threads';
import { watchChildren, type ChildEvent } from '../workers/childProcesses';
import { runChecks } from './runChecks';
import type { CheckReport, RunChecksInput } from './types';

/** Messages the caller sends: the input once, then possibly a cancel. */
export type ToChecksWorker = { type: 'run'; input: Omit<RunChecksInput, 'signal'> } | { type: 'cancel' };

/** The worker's answer, and each process it starts and ends (see childProcesses.ts). */
export type FromChecksWorker = { type: 'done'; report: CheckReport } | ({ type: 'child' } & ChildEvent);

const cancel = new AbortController();
// The caller stops what is still running should this thread be stuck when it is terminated.
watchChildren((e) => parentPort?.postMessage({ type: 'child', ...e } satisfies FromChecksWorker));
parentPort?.on('message', (m: ToChecksWorker) => {
  if (m.type === 'cancel') { cancel.abort(); return; }
  void runChecks({ ...m.input, signal: cancel.signal }).then((report) => {
    parentPort?.postMessage({ type: 'done', report } satisfies FromChecksWorker);
  });
});
