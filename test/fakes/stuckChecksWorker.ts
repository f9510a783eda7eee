// A checks worker that gets stuck in JavaScript while a git it started is running (as a runaway scan would): it
// speaks the real worker's protocol and reports its processes as dist/checksWorker.js does, then spins for good, so it
// can neither act on a cancel nor run the timers that would stop its git.
import { readFileSync } from 'node:fs';
import { parentPort } from 'node:worker_threads';
import { runGit } from '../../src/core/git/runGit';
import { watchChildren, type ChildEvent } from '../../src/core/workers/childProcesses';

/** The process's command line ('' once it is gone, or before it has started its program). */
function cmdline(pid: number): string {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'latin1');
  } catch {
    return '';
  }
}

watchChildren((e: ChildEvent) => {
  parentPort?.postMessage({ type: 'child', ...e });
  if (!e.running) return;
  // Stuck once its `git ls-tree` runs (runGit starts other git calls before it: the configuration probe).
  const poll = setInterval(() => {
    const line = cmdline(e.pid);
    if (line === '') clearInterval(poll);
    else if (line.includes('ls-tree')) for (;;) { /* stuck */ }
  }, 5);
});
parentPort?.on('message', (m: { type: string; input?: { repoRoot: string } }) => {
  if (m.type === 'run' && m.input) void runGit(['ls-tree', '-r', 'HEAD'], { cwd: m.input.repoRoot });
});
