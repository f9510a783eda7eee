// The main thread starts git through a small host process (gitHostMain.ts, bundled as dist/gitHostMain.js) instead of
// forking itself. On Linux, starting a process forks the caller: its page tables are copied and every page it writes
// afterwards faults once. From the extension host or a long run, a few hundred MB, that cost ~60 ms of CPU per git call
// (measured by the context bench: most of a context build's overhead over reading the files); the host, a few tens of
// MB that write little, forks git for a few ms. The host runs each git exactly as runGit would (spawnLocal: same
// arguments, environment, caps, timeout, FIFO and memory watch) and stops them all when this process goes away.
// A small process (below HOST_ABOVE_RSS), worker threads, systems other than Linux (Node forks only there: macOS
// starts processes with posix_spawn, Windows with CreateProcess), or a host that cannot start or stopped:
// git starts here (spawnLocal).
import type { ChildProcess } from 'node:child_process';
import { isMainThread } from 'node:worker_threads';
import { forkEntry, workerEntry } from '../workers/workerEntry';
import type { FromGitHost, ToGitHost } from './gitHostProtocol';
import type { GitOptions, GitResult } from './gitTypes';
import { spawnLocal } from './spawnLocal';

interface Run {
  request: Extract<ToGitHost, { type: 'run' }>;
  opts: GitOptions;
  resolve: (r: GitResult) => void;
  onAbort?: () => void;
}

interface Host {
  proc: ChildProcess;
  ready: boolean;
  runs: Map<number, Run>;
}

/** How long the host may take to start (Node's start-up, a few tens of ms; under tsx a few hundred). */
const HOST_START_MS = 10_000;

/** undefined: not started yet; null: none in this process (unavailable, or it stopped). */
let host: Host | null | undefined;
/**
 * When git starts from the host: `auto` once this process holds more than HOST_ABOVE_RSS (then for good: the host
 * stays), `always`, or `never` (tests and the bench compare them; PAIRWISE_GIT_IN_PROCESS=1 starts at `never`).
 */
export type GitHostMode = 'auto' | 'always' | 'never';

/**
 * Below this resident size a fork costs a few ms, less than starting the host (a one-shot CLI command, ~100 ms of
 * Node start-up); the extension host and long runs are far above it.
 */
export const HOST_ABOVE_RSS = 192 * 1024 * 1024;

let mode: GitHostMode = process.env.PAIRWISE_GIT_IN_PROCESS ? 'never' : 'auto';
let nextId = 1;

/** Sets when later calls start git from the host (see GitHostMode); true is `always`, false `never`. */
export function useGitHost(m: GitHostMode | boolean): void {
  mode = m === true ? 'always' : m === false ? 'never' : m;
}

/** The host's process id while it runs (the bench counts its CPU time), else undefined. */
export function gitHostPid(): number | undefined {
  return host ? host.proc.pid : undefined;
}

/** The host's entry: dist/gitHostMain.js beside the bundle (or one folder up from the CLI's chunks), or the .ts under tsx. */
function entry(): string | undefined {
  return workerEntry('gitHostMain', __dirname);
}

function start(): Host | null {
  const path = entry();
  if (!path) return null;
  let proc: ChildProcess;
  try {
    proc = forkEntry(path, { stdio: ['ignore', 'ignore', 'ignore', 'ipc'] });
  } catch {
    return null;
  }
  const h: Host = { proc, ready: false, runs: new Map() };
  // A host that does not start in time is stopped: what waits on it starts here (git's own timeouts run in the host).
  // Decided after this thread has read its input once more: a 'ready' that came while the thread was busy counts.
  const late = setTimeout(() => setImmediate(() => { if (!h.ready) proc.kill('SIGKILL'); }), HOST_START_MS);
  late.unref();
  proc.on('message', (m: FromGitHost) => onMessage(h, m));
  proc.on('error', () => stopped(h));
  proc.on('disconnect', () => stopped(h));
  proc.on('exit', () => stopped(h));
  // Never keeps this process alive by itself: referenced only while a run waits on it (see hold).
  proc.unref();
  hold(h);
  return h;
}

/** References the host's channel while runs are waiting (or it is starting), else lets this process exit. */
function hold(h: Host): void {
  const channel = h.proc.channel;
  if (!channel) return;
  if (h.runs.size > 0 || !h.ready) channel.ref();
  else channel.unref();
}

function onMessage(h: Host, m: FromGitHost): void {
  if (m.type === 'ready') {
    // Stopped as late, it exits: what waits on it starts here (see stopped), none is sent to it.
    if (h.proc.killed) return;
    h.ready = true;
    for (const run of h.runs.values()) h.proc.send(run.request);
  } else if (m.type === 'data') {
    h.runs.get(m.id)?.opts.onData?.(Buffer.from(m.chunk.buffer, m.chunk.byteOffset, m.chunk.byteLength));
  } else {
    const run = h.runs.get(m.id);
    if (!run) return;
    h.runs.delete(m.id);
    finish(run, { ...m.result, stdout: Buffer.from(m.result.stdout.buffer, m.result.stdout.byteOffset, m.result.stdout.byteLength) });
  }
  hold(h);
}

function finish(run: Run, r: GitResult): void {
  if (run.onAbort) run.opts.signal?.removeEventListener('abort', run.onAbort);
  run.resolve(r);
}

/**
 * The host exited or could not start: runs it never began (it was not ready) start here instead; runs it had begun
 * fail (git may have done part of its work, so it is not run twice). Later calls start git here.
 */
function stopped(h: Host): void {
  if (host === h) host = null;
  const runs = [...h.runs.values()];
  h.runs.clear();
  for (const run of runs) {
    if (!h.ready) void spawnLocal(run.request.args, run.opts, run.request.env).then((r) => finish(run, r));
    else finish(run, { ok: false, code: null, stdout: Buffer.alloc(0), stderr: 'the git host process stopped', failure: 'spawn' });
  }
}

/** This process's resident size, or 0 where the system does not tell it (Linux without /proc: Node's rss() throws). */
function residentBytes(): number {
  try {
    return process.memoryUsage.rss();
  } catch {
    return 0;
  }
}

/**
 * git (args complete, env whole) through the host, or null when this thread starts git itself (not the main thread,
 * not Linux, turned off, or no host): the caller then uses spawnLocal. Never rejects.
 */
export function hostSpawn(args: readonly string[], opts: GitOptions, env: NodeJS.ProcessEnv): Promise<GitResult> | null {
  if (mode === 'never' || !isMainThread || process.platform !== 'linux') return null;
  if (host === undefined) {
    if (mode === 'auto' && residentBytes() < HOST_ABOVE_RSS) return null;
    host = start();
  }
  const h = host;
  if (!h) return null;
  if (opts.signal?.aborted) return Promise.resolve({ ok: false, code: null, stdout: Buffer.alloc(0), stderr: '', failure: 'aborted' });
  const id = nextId++;
  const request: Run['request'] = { type: 'run', id, args: [...args], cwd: opts.cwd, env, input: opts.input, okCodes: opts.okCodes,
    maxBuffer: opts.maxBuffer, timeoutMs: opts.timeoutMs, maxMemory: opts.maxMemory, stream: opts.onData !== undefined };
  return new Promise<GitResult>((resolve) => {
    const run: Run = { request, opts, resolve };
    if (opts.signal) {
      run.onAbort = () => {
        if (!h.runs.has(id)) return;
        if (h.ready) {
          h.proc.send({ type: 'abort', id });
          return;
        }
        // Not sent yet: it never starts.
        h.runs.delete(id);
        finish(run, { ok: false, code: null, stdout: Buffer.alloc(0), stderr: '', failure: 'aborted' });
        hold(h);
      };
      opts.signal.addEventListener('abort', run.onAbort, { once: true });
    }
    h.runs.set(id, run);
    hold(h);
    if (h.ready) h.proc.send(request);
  });
}
