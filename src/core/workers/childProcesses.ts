/**
 * The processes a worker thread starts (git, the test command), told to whoever runs the worker: a worker stuck in
 * JavaScript when it is terminated cannot stop them itself (their timers live in it), so the caller does.
 */
import { readFileSync } from 'node:fs';
import { killTree } from '../git/gitWatch';

/** A process started or ended; `group`: it leads a process group of its own (the test command's shell). */
export interface ChildEvent {
  pid: number;
  running: boolean;
  group?: boolean;
}

let listener: ((e: ChildEvent) => void) | null = null;

/** Sets (or clears) who hears of the processes this thread starts and ends; one listener per thread. */
export function watchChildren(l: ((e: ChildEvent) => void) | null): void {
  listener = l;
}

/** Spawners call this when a child starts (pid undefined: it did not) and when it ends. */
export function childEvent(pid: number | undefined, running: boolean, group = false): void {
  if (pid !== undefined && listener) listener(group ? { pid, running, group } : { pid, running });
}

/** Registries with processes still to stop: stopped when this process exits first (its workers die with it). */
const pending = new Set<WorkerChildren>();
let exitHook = false;

/** The processes a worker reported running and not ended, to stop once the worker is gone (or this process exits). */
export class WorkerChildren {
  private readonly running = new Map<number, boolean>();

  constructor() {
    pending.add(this);
    if (!exitHook) {
      exitHook = true;
      process.on('exit', () => { for (const r of [...pending]) r.stopAll(); });
    }
  }

  /** Records one event from the worker. */
  note(e: ChildEvent): void {
    if (e.running) this.running.set(e.pid, e.group === true);
    else this.running.delete(e.pid);
  }

  /**
   * SIGKILLs what is still running (a group as a whole, a git with the processes it started). Only a process whose
   * parent is this process is signalled: an id the worker saw end without saying so may be another program's by now.
   * A group whose leader has exited but was never reaped (the stuck worker could not) is still signalled: the leader's
   * id, and so its group's, cannot be reused while it is a zombie, and what the test command left running is in it.
   */
  stopAll(): number {
    let n = 0;
    for (const [pid, group] of this.running) {
      const state = childState(pid);
      if (state === null || (state === 'exited' && !group)) continue;
      try {
        if (group) process.kill(-pid, 'SIGKILL');
        else killTree(pid);
        n++;
      } catch {
        // already gone
      }
    }
    this.running.clear();
    pending.delete(this);
    return n;
  }
}

/**
 * Whether pid is a child of this process: 'running', 'exited' (a zombie not yet reaped), or null when it is not ours or
 * cannot be told (Linux: /proc; elsewhere null, so nothing is signalled).
 */
function childState(pid: number): 'running' | 'exited' | null {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'latin1');
  } catch {
    return null;
  }
  // "pid (comm) state ppid …": comm may hold spaces and parentheses; the fields after its last ')' are fixed.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  if (Number(fields[1]) !== process.pid) return null;
  return fields[0] === 'Z' ? 'exited' : 'running';
}
