// The one place Pairwise spawns git (lint forbids it elsewhere). Every call runs with SAFE_GIT_FLAGS, the safe
// environment and the repository's own drivers disabled (see safeGit.ts); no shell, never rejects.
import { realpath } from 'node:fs/promises';
import { blockingConfigFile } from './configIncludes';
import { ownGitDir } from './gitDirOwner';
import { hostSpawn } from './gitHost';
import type { GitOptions, GitResult } from './gitTypes';
import { driverOverrides, SAFE_GIT_FLAGS, safeGitEnv, setsWorkTree, type ConfigPairs } from './safeGit';
import { spawnLocal } from './spawnLocal';

export { GIT_CEILING_MS, MAX_GIT_MEMORY, type GitOptions, type GitResult } from './gitTypes';

const CONFIG_TTL_MS = 2000;

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

/** git with the safe flags and environment (drivers disabled by extra): through the git host when this thread has one, else here. */
function spawnGit(args: readonly string[], opts: GitOptions, extra: ConfigPairs): Promise<GitResult> {
  const full = [...SAFE_GIT_FLAGS, ...args];
  const env = safeGitEnv(extra);
  return hostSpawn(full, opts, env) ?? spawnLocal(full, opts, env);
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
