// The one place Pairwise spawns git (lint forbids it elsewhere). Every call runs with SAFE_GIT_FLAGS, the safe
// environment and the repository's own drivers disabled (see safeGit.ts); no shell, never rejects.
import { spawn } from 'node:child_process';
import { realpath } from 'node:fs/promises';
import { blockingConfigFile } from './configIncludes';
import { ownGitDir } from './gitDirOwner';
import { childEvent } from '../workers/childProcesses';
import { fifoWatch, killTree } from './gitWatch';
import { driverOverrides, SAFE_GIT_FLAGS, safeGitEnv, setsWorkTree, type ConfigPairs } from './safeGit';

/** Outcome of one git invocation; never thrown. */
export interface GitResult {
  /** Exit code 0 (or one of `okCodes`). */
  ok: boolean;
  code: number | null;
  stdout: Buffer;
  stderr: string;
  /**
   * Set when git could not start, was aborted, timed out, overflowed the output or memory cap, the repo config could not be read,
   * or the folder's `.git` names another project's git directory (`foreign`: git is not run there), or git was
   * stopped while it waited to open a FIFO (`fifo`: see fifoWatch).
   */
  failure?: 'spawn' | 'aborted' | 'timeout' | 'overflow' | 'config' | 'foreign' | 'fifo';
}

/** Options of runGit. */
export interface GitOptions {
  cwd: string;
  input?: string | Buffer;
  signal?: AbortSignal;
  /** Exit codes that count as success besides 0 (git grep exits 1 when nothing matches). */
  okCodes?: number[];
  /** Output cap in bytes (default 256 MB); more fails the call with `overflow`. */
  maxBuffer?: number;
  /** Kills git after this many milliseconds (failure `timeout`); default GIT_CEILING_MS. */
  timeoutMs?: number;
  /** Kills git when it, or a git it started, holds more memory than this, in bytes (default 2 GiB; Linux; failure `overflow`). */
  maxMemory?: number;
  /** Receives stdout as it arrives instead of buffering it (the result's stdout is then empty). */
  onData?: (chunk: Buffer) => void;
}

const CONFIG_TTL_MS = 2000;

/**
 * The longest any git call may run when its caller sets no shorter timeout. Git stuck on something the watch does not
 * recognise (a read from a device, a lock never released) was otherwise waited on until the user cancelled; the
 * longest legitimate call (checking out a very large repository for the checks) takes a few minutes.
 */
export const GIT_CEILING_MS = 10 * 60_000;

/** Memory one git process may hold (Pairwise's largest calls, a listing of a million files, take a few hundred MB). */
export const MAX_GIT_MEMORY = 2 * 1024 * 1024 * 1024;

/** What Pairwise needs from a repository's effective configuration. */
interface RepoConfig {
  /** Overrides disabling every driver it defines. */
  overrides: ConfigPairs;
  /** True when it sets core.worktree (the work tree is then not simply where git found `.git`). */
  setsWorkTree: boolean;
}

/** Per-folder answers kept for CONFIG_TTL_MS (at most 64 folders; then the cache starts over). */
type FolderCache<T> = Map<string, { at: number; value: Promise<T> }>;

/** The cached answer for cwd while it is fresh, else make()'s, cached. */
function cachedFor<T>(cache: FolderCache<T>, cwd: string, make: () => Promise<T>): Promise<T> {
  const hit = cache.get(cwd);
  if (hit && Date.now() - hit.at < CONFIG_TTL_MS) return hit.value;
  const value = make();
  if (cache.size > 64) cache.clear();
  cache.set(cwd, { at: Date.now(), value });
  return value;
}

/** Why a repository's configuration is not read: one of its config files, or a file they include, would make git wait. */
interface Unreadable {
  unreadable: string;
}

const configCache: FolderCache<RepoConfig | Unreadable | null> = new Map();

/**
 * The repository's configuration at cwd as Pairwise needs it (cached for 2 s per folder); null when git cannot read
 * it; Unreadable when a file git reads first would make it wait or read without end (see blockingConfigFile: git is not run).
 */
function repoConfig(cwd: string): Promise<RepoConfig | Unreadable | null> {
  return cachedFor(configCache, cwd, () => {
    const blocking = blockingConfigFile(cwd);
    if (blocking) return Promise.resolve({ unreadable: `the repository's git files include ${blocking}, which git would wait on, read without end or follow out of the repository (a FIFO, a device, a link to one, a file far larger than git writes, or a linked worktree record git would delete through); Pairwise does not run git there` });
    return spawnGit(['config', '--null', '--list'], { cwd, maxBuffer: 16 * 1024 * 1024, timeoutMs: 10_000 }, [])
      .then((r) => {
        if (!r.ok) return null;
        const list = r.stdout.toString('utf8');
        return { overrides: driverOverrides(list), setsWorkTree: setsWorkTree(list) };
      });
  });
}

/** The configuration when it was read, else null. */
async function readConfig(cwd: string): Promise<RepoConfig | null> {
  const c = await repoConfig(cwd);
  return c && 'overrides' in c ? c : null;
}

/** Overrides disabling the drivers the repository at cwd defines (cached for 2 s per folder); null when its config is unreadable. */
export async function repoDriverOverrides(cwd: string): Promise<ConfigPairs | null> {
  return (await readConfig(cwd))?.overrides ?? null;
}

/**
 * Whether the repository at cwd sets core.worktree (cached with its configuration); null when the configuration is
 * unreadable. Without it, git's work tree is the folder where it found `.git`: cwd itself or one of its ancestors.
 */
export async function repoSetsWorkTree(cwd: string): Promise<boolean | null> {
  return (await readConfig(cwd))?.setsWorkTree ?? null;
}

const ownerCache: FolderCache<boolean> = new Map();

/**
 * True when the git directory serving cwd is its own (see ownGitDir; a submodule's, whose core.worktree names the
 * folder, is checked with `git rev-parse --show-toplevel`); cached for 2 s per folder, like the configuration.
 */
export function gitDirIsOwn(cwd: string): Promise<boolean> {
  return cachedFor(ownerCache, cwd, () => ownGitDir(cwd).then(async (o) => {
    if (typeof o === 'boolean') return o;
    // A git directory elsewhere is the folder's own only when its core.worktree names the folder (a submodule's):
    // without core.worktree git would take the folder as the work tree of whatever directory the `.git` file names.
    const config = await readConfig(cwd);
    if (!config?.setsWorkTree) return false;
    const top = await spawnGit(['rev-parse', '--show-toplevel'], { cwd, timeoutMs: 10_000 }, config.overrides);
    if (!top.ok) return false;
    return realpath(top.stdout.toString('utf8').replace(/\n$/, '')).then((t) => t === o, () => false);
  }));
}

/**
 * Runs `git <SAFE_GIT_FLAGS> <args>` in opts.cwd with the repository's drivers disabled; resolves with a GitResult.
 * Refused (`foreign`) where the folder's `.git` names another project's git directory: git would list, read and
 * write that project (its files' names in a prompt, a scratch worktree in its `.git`).
 */
export async function runGit(args: readonly string[], opts: GitOptions): Promise<GitResult> {
  if (!(await gitDirIsOwn(opts.cwd))) {
    return { ok: false, code: null, stdout: Buffer.alloc(0), stderr: 'the folder\'s .git names another project\'s git directory; Pairwise does not run git there', failure: 'foreign' };
  }
  const config = await repoConfig(opts.cwd);
  if (config && 'unreadable' in config) return { ok: false, code: null, stdout: Buffer.alloc(0), stderr: config.unreadable, failure: 'config' };
  const extra = config?.overrides;
  if (!extra) {
    const probe = await spawnGit(['config', '--null', '--list'], { cwd: opts.cwd, timeoutMs: 10_000 }, []);
    // Outside any repository `git config --list` still works; failing means git is missing or the config is broken.
    if (probe.failure === 'spawn') return probe;
    return { ok: false, code: probe.code, stdout: Buffer.alloc(0), stderr: probe.stderr || 'could not read the repository configuration', failure: 'config' };
  }
  return spawnGit(args, opts, extra);
}

/** Convenience: stdout of a successful call as UTF-8 text, or undefined. */
export async function gitText(args: readonly string[], opts: GitOptions): Promise<string | undefined> {
  const r = await runGit(args, opts);
  return r.ok ? r.stdout.toString('utf8') : undefined;
}

function spawnGit(args: readonly string[], opts: GitOptions, extra: ConfigPairs): Promise<GitResult> {
  return new Promise((resolve) => {
    let settled = false;
    const chunks: Buffer[] = [];
    let size = 0;
    let stderr = '';
    let failure: GitResult['failure'];
    // Set once git runs; done() may come first (an aborted signal, a spawn that throws), so they are not consts below it.
    const timers: { timeout?: NodeJS.Timeout; watch?: NodeJS.Timeout; drain?: NodeJS.Timeout } = {};
    const empty = Buffer.alloc(0);
    const done = (r: GitResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timers.timeout);
      clearInterval(timers.watch);
      clearTimeout(timers.drain);
      opts.signal?.removeEventListener('abort', onAbort);
      resolve(r);
    };
    // The signal stops git and every git it started (spawn's own `signal` would stop git alone: see kill).
    const onAbort = (): void => kill('aborted');
    if (opts.signal?.aborted) { done({ ok: false, code: null, stdout: empty, stderr: '', failure: 'aborted' }); return; }
    let child;
    try {
      child = spawn('git', [...SAFE_GIT_FLAGS, ...args], { cwd: opts.cwd, env: safeGitEnv(extra), windowsHide: true });
    } catch (e) {
      done({ ok: false, code: null, stdout: empty, stderr: String(e), failure: 'spawn' });
      return;
    }
    const proc = child;
    childEvent(proc.pid, true);
    // A git that git started (`worktree add` runs `git reset --hard`) holds git's output pipes too: stopping git alone
    // would leave it waiting (on a FIFO, say) and the pipes open, so no 'close' would ever come.
    function kill(why: GitResult['failure']): void {
      failure ??= why;
      // Once git has exited its process id may be another's: nothing is signalled then.
      if (proc.exitCode === null && proc.signalCode === null) killTree(proc.pid);
    }
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    timers.timeout = setTimeout(() => kill('timeout'), opts.timeoutMs || GIT_CEILING_MS);
    timers.watch = fifoWatch(proc.pid, opts.maxMemory ?? MAX_GIT_MEMORY, (why) => kill(why === 'fifo' ? 'fifo' : 'overflow'));
    const cap = opts.maxBuffer ?? 256 * 1024 * 1024;
    proc.stdout.on('data', (b: Buffer) => {
      if (failure) return;
      if (opts.onData) { opts.onData(b); return; }
      size += b.length;
      if (size > cap) { kill('overflow'); return; }
      chunks.push(b);
    });
    proc.stderr.on('data', (b: Buffer) => { if (stderr.length < 64 * 1024) stderr += b.toString('utf8'); });
    proc.on('error', (e: NodeJS.ErrnoException) => {
      done({ ok: false, code: null, stdout: empty, stderr: stderr || e.message, failure: 'spawn' });
    });
    // Should a process git started outlive it still holding the pipes, git's end is not waited for longer than this.
    proc.on('exit', () => {
      childEvent(proc.pid, false);
      clearInterval(timers.watch);
      timers.drain = setTimeout(() => { proc.stdout.destroy(); proc.stderr.destroy(); }, 2000);
    });
    proc.on('close', (code) => {
      if (opts.signal?.aborted) failure ??= 'aborted';
      const stdout = opts.onData ? empty : Buffer.concat(chunks);
      if (failure) { done({ ok: false, code, stdout, stderr, failure }); return; }
      done({ ok: code === 0 || (code !== null && (opts.okCodes ?? []).includes(code)), code, stdout, stderr });
    });
    proc.stdin.on('error', () => { /* git may exit before reading all input (e.g. bad revision) */ });
    proc.stdin.end(opts.input ?? '');
  });
}

/** A one-line, user-readable description of a failed git call. */
export function describeGitFailure(what: string, r: GitResult): string {
  if (r.failure === 'spawn') return `${what}: could not run git (${firstLine(r.stderr)}). Is git installed and on PATH?`;
  if (r.failure === 'aborted') return `${what}: cancelled`;
  if (r.failure === 'timeout') return `${what}: git took too long`;
  if (r.failure === 'overflow') return `${what}: git output, or the memory git took, was too large`;
  if (r.failure === 'config') return `${what}: could not read the repository's git configuration (${firstLine(r.stderr)})`;
  if (r.failure === 'fifo') return `${what}: git waited to open a FIFO in the repository (a crafted repository can hold one), so Pairwise stopped it`;
  if (r.failure === 'foreign') return `${what}: this folder's .git names another project's git directory, so Pairwise does not run git in it (open the project itself, or remove the .git file)`;
  return `${what}: ${firstLine(r.stderr) || `git exited with code ${r.code}`}`;
}

/** First non-empty line of a message, trimmed. */
export function firstLine(s: string): string {
  return s.split('\n').map((l) => l.trim()).find((l) => l.length > 0) ?? '';
}
