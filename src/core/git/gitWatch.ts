// What a git process and the processes it starts are waiting on, read from Linux's /proc (no process runs). git
// starts git itself for some commands (`worktree add` runs `git reset --hard` to check the files out): a FIFO that
// child opens makes the parent wait in its turn, so the whole tree is watched, and stopped as one.
import { readdirSync, readFileSync } from 'node:fs';

/** How long git runs before the watch first looks, and how often it looks then. */
export const FIFO_WATCH_MS = 400;

/** Most processes of one tree looked at (git starts a handful at most). */
const MAX_TREE = 64;

/** The text of a /proc file, or null (the process is gone, or /proc says nothing). */
function procText(path: string): string | null {
  try {
    return readFileSync(path, 'latin1');
  } catch {
    return null;
  }
}

/** pid and the processes it started, theirs in turn (/proc/<pid>/task/<tid>/children), parents first; [pid] where /proc lists no children. */
export function processTree(pid: number): number[] {
  const out = [pid];
  for (let i = 0; i < out.length && out.length < MAX_TREE; i++) {
    let tasks: string[];
    try {
      tasks = readdirSync(`/proc/${out[i]}/task`);
    } catch {
      continue;
    }
    for (const tid of tasks) {
      for (const c of (procText(`/proc/${out[i]}/task/${tid}/children`) ?? '').split(' ')) {
        const n = Number(c);
        if (c && Number.isInteger(n) && n > 0 && !out.includes(n)) out.push(n);
      }
    }
  }
  return out.slice(0, MAX_TREE);
}

/** SIGKILLs pid and every process it started (collected first: a killed parent's children would be handed to init). */
export function killTree(pid: number | undefined): void {
  if (pid === undefined) return;
  const tree = process.platform === 'linux' ? processTree(pid) : [pid];
  for (const p of tree.reverse()) {
    try {
      process.kill(p, 'SIGKILL');
    } catch {
      // already gone
    }
  }
}

/** Resident memory of a process in bytes (/proc/<pid>/status VmRSS), or 0. */
function rssBytes(pid: number): number {
  const m = /^VmRSS:\s*(\d+)\s*kB/m.exec(procText(`/proc/${pid}/status`) ?? '');
  return m ? Number(m[1]) * 1024 : 0;
}

/** What the watch stops git for: `fifo` (a process of the tree waits to open a FIFO) or `memory` (one holds more than maxRss bytes). */
export type WatchStop = 'fifo' | 'memory';

/**
 * Where the system says what a process waits on (Linux's /proc/<pid>/wchan), a timer that calls stop when git, or a
 * git it started, waits to open a FIFO: nothing writes to a FIFO a hostile repository holds (a `.gitignore` in a
 * folder, a loose object; an unpacked archive can hold one, a clone cannot), so git would wait until its timeout (a
 * minute for a listing; the checks' `worktree add` has none). It also stops git holding more than maxRss bytes of
 * memory: git reads some files of the git directory whole or to their end (`worktrees/<id>/gitdir`, a sparse file
 * of gigabytes free on disk), faster than a timeout helps. Elsewhere, or once /proc says nothing, the timeout alone
 * bounds the wait. Unref'd: it never keeps the process alive.
 */
export function fifoWatch(pid: number | undefined, maxRss: number, stop: (why: WatchStop) => void): NodeJS.Timeout | undefined {
  if (process.platform !== 'linux' || pid === undefined) return undefined;
  const t = setInterval(() => {
    if (procText(`/proc/${pid}/wchan`) === null) { clearInterval(t); return; }
    const tree = processTree(pid);
    if (tree.some((p) => procText(`/proc/${p}/wchan`) === 'wait_for_partner')) stop('fifo');
    else if (tree.some((p) => rssBytes(p) > maxRss)) stop('memory');
  }, FIFO_WATCH_MS);
  t.unref();
  return t;
}
