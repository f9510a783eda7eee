// A checks worker that gets stuck in JavaScript the moment its test command starts (as a runaway scan would): it
// speaks the real worker's protocol and reports its processes as dist/checksWorker.js does. The command's shell leaves
// a process running in its group and exits; the stuck worker can neither reap the shell nor stop that group.
import { parentPort } from 'node:worker_threads';
import { runTestCommand } from '../../src/core/checks/testRun';
import { watchChildren, type ChildEvent } from '../../src/core/workers/childProcesses';

watchChildren((e: ChildEvent) => {
  parentPort?.postMessage({ type: 'child', ...e });
  if (e.running) for (;;) { /* stuck */ }
});
parentPort?.on('message', (m: { type: string; input?: { repoRoot: string; testCommand?: string } }) => {
  if (m.type === 'run' && m.input?.testCommand) void runTestCommand({ command: m.input.testCommand, cwd: m.input.repoRoot });
});
