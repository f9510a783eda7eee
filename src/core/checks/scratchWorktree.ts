// Temporary detached worktrees for applying a draft's patch without touching the user's working tree.
// Each lives in os.tmpdir()/pairwise-wt-<pid>-<random>/wt, recorded by an owner file Pairwise writes there;
// a sweep on the next run removes those left behind by a process that was killed. The sweep only ever looks
// in the temp folder for folders it made: never at paths the repository names (`.git/worktrees/*/gitdir`).
import { createHash } from 'node:crypto';
import { lstat, mkdtemp, readdir, readFile, realpath, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve, sep } from 'node:path';
import lockfile from 'proper-lockfile';
import { textNoWait } from '../git/readNoWait';
import { describeGitFailure, runGit } from '../git/runGit';

/** Prefix of every scratch directory, so stale ones are recognisable. */
export const WORKTREE_PREFIX = 'pairwise-wt-';
/** The record Pairwise writes in each scratch folder it creates; the sweep removes only folders holding it. */
export const OWNER_FILE = '.pairwise-scratch';

/** A scratch worktree: `path` is the checkout, `dir` the temp folder holding it. */
export interface ScratchWorktree {
  repoRoot: string;
  dir: string;
  path: string;
}

const active = new Set<string>();

/** Scratch directories older than this are swept even if their process id is alive (pid reuse). */
const STALE_AGE_MS = 24 * 60 * 60 * 1000;

const repoLocks = new Map<string, Promise<unknown>>();
/**
 * Runs git's worktree bookkeeping (add, remove, record pruning, sweep) for one repo one at a time in this process:
 * pruning racing a half-made `worktree add` would remove the new entry ("Preparing worktree" failures).
 */
function withRepoLock<T>(repoRoot: string, fn: () => Promise<T>): Promise<T> {
  const prev = repoLocks.get(repoRoot) ?? Promise.resolve();
  const locked = () => withSharedLock(repoRoot, fn);
  const next = prev.then(locked, locked);
  const tail = next.catch(() => undefined);
  repoLocks.set(repoRoot, tail);
  void tail.then(() => { if (repoLocks.get(repoRoot) === tail) repoLocks.delete(repoRoot); });
  return next;
}

/**
 * The same serialisation across threads and processes (checks run in worker threads, each with its own module
 * state, and several CLI processes may check one repo): a lock directory in the temp folder named by the repo.
 * If the lock cannot be taken the bookkeeping runs anyway (as before), never failing the checks for it.
 */
async function withSharedLock<T>(repoRoot: string, fn: () => Promise<T>): Promise<T> {
  const path = join(tmpdir(), `pairwise-wtlock-${createHash('sha256').update(repoRoot).digest('hex').slice(0, 16)}`);
  const release = await lockfile.lock(path, { realpath: false, stale: 30_000, retries: { retries: 300, minTimeout: 10, maxTimeout: 100 } })
    .catch(() => undefined);
  try {
    return await fn();
  } finally {
    await release?.().catch(() => undefined);
  }
}

/**
 * Creates a detached worktree of `commit`. Without `checkout` only its index is filled (`git read-tree`,
 * no files written: enough for `git apply --cached --check`, and fast on large repos); with `checkout`
 * the files are written too (for a test run). Never throws.
 */
export async function createScratchWorktree(repoRoot: string, commit: string, signal?: AbortSignal, checkout = false):
  Promise<{ ok: true; wt: ScratchWorktree } | { ok: false; error: string }> {
  let dir: string;
  try {
    dir = await realpath(await mkdtemp(join(tmpdir(), `${WORKTREE_PREFIX}${process.pid}-`)));
    await writeFile(join(dir, OWNER_FILE), `${process.pid}\n`, { flag: 'wx' });
  } catch (e) {
    return { ok: false, error: `Could not create a temporary folder: ${(e as Error).message}` };
  }
  const wt: ScratchWorktree = { repoRoot, dir, path: join(dir, 'wt') };
  active.add(dir);
  const add = ['worktree', 'add', '--detach', '--force', ...(checkout ? [] : ['--no-checkout']), wt.path, commit];
  // Not interrupted by the signal: a killed `worktree add` leaves a locked entry.
  // Serialised per repo in this process; one retry covers a race with another process's prune (git's error, not one
  // Pairwise stopped it for: a FIFO, a refused repository).
  let r = await withRepoLock(repoRoot, () => runGit(add, { cwd: repoRoot }));
  if (!r.ok && !r.failure) {
    await rm(wt.path, { recursive: true, force: true }).catch(() => undefined);
    await withRepoLock(repoRoot, () => pruneOwnRecords(repoRoot));
    r = await withRepoLock(repoRoot, () => runGit(add, { cwd: repoRoot }));
  }
  if (r.ok && !checkout) r = await runGit(['read-tree', commit], { cwd: wt.path });
  if (!r.ok || signal?.aborted) {
    await removeScratchWorktree(wt);
    return { ok: false, error: r.ok ? 'cancelled' : describeGitFailure('Creating a temporary worktree', r) };
  }
  return { ok: true, wt };
}

/** Removes a scratch worktree and its folder, and git's record of it. Never throws. */
export async function removeScratchWorktree(wt: ScratchWorktree): Promise<void> {
  try {
    await withRepoLock(wt.repoRoot, async () => {
      await runGit(['worktree', 'remove', '--force', '--force', wt.path], { cwd: wt.repoRoot });
      await rm(wt.dir, { recursive: true, force: true, maxRetries: 3 }).catch(() => undefined);
      await pruneOwnRecords(wt.repoRoot);
    });
  } finally {
    active.delete(wt.dir);
  }
}

function pidAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** True for a folder this user's Pairwise created (a real directory with the owner record) whose process is gone or which is old. */
async function isStale(dir: string): Promise<boolean> {
  if (active.has(dir)) return false;
  const m = new RegExp(`^${WORKTREE_PREFIX}(\\d+)-[A-Za-z0-9]+$`).exec(basename(dir));
  if (!m) return false;
  try {
    const st = await lstat(dir);
    if (!st.isDirectory() || (typeof process.getuid === 'function' && st.uid !== process.getuid())) return false;
    const owner = await lstat(join(dir, OWNER_FILE));
    if (!owner.isFile() || (await readFile(join(dir, OWNER_FILE), 'utf8')).trim() !== m[1]) return false;
    const pid = Number(m[1]);
    // A folder of this very process may belong to a check running in another worker thread (each thread has its
    // own `active` set): only a dead process's folders, or very old ones (pid reuse), are stale.
    if (!pidAlive(pid)) return true;
    return Date.now() - st.mtimeMs > STALE_AGE_MS;
  } catch {
    return false;
  }
}

/** True when gitdir (a worktree record's `gitdir` line) is the `.git` of a scratch worktree Pairwise makes in tmp. */
function isScratchGitdir(gitdir: string, tmp: string): boolean {
  const rel = gitdir.startsWith(tmp + sep) ? gitdir.slice(tmp.length + 1).split(sep) : [];
  return rel.length === 3 && rel[0].startsWith(WORKTREE_PREFIX) && rel[1] === 'wt' && rel[2] === '.git';
}

/**
 * Drops git's records of Pairwise's own scratch worktrees whose folder is gone: what `git worktree prune` does, but
 * for those only. prune drops every record whose folder is missing, the user's own too (a worktree on a drive not
 * mounted now), and its records would then be lost. Only real folders are looked in and removed (a link is never
 * followed); the record must name a scratch folder in the temp dir. Never throws.
 */
async function pruneOwnRecords(repoRoot: string): Promise<void> {
  try {
    const r = await runGit(['rev-parse', '--git-common-dir'], { cwd: repoRoot, timeoutMs: 10_000 });
    if (!r.ok) return;
    const records = join(resolve(repoRoot, r.stdout.toString('utf8').replace(/\n$/, '')), 'worktrees');
    if (!(await lstat(records)).isDirectory()) return;
    const tmp = await realpath(tmpdir()).catch(() => tmpdir());
    for (const id of await readdir(records)) {
      const record = join(records, id);
      if (!(await lstat(record)).isDirectory()) continue;
      const line = textNoWait(join(record, 'gitdir'), 4096, { noFollow: true })?.trim();
      const gitdir = line ? resolve(line) : '';
      if (!gitdir || !isScratchGitdir(gitdir, tmp)) continue;
      if (await lstat(dirname(gitdir)).then(() => true, () => false)) continue; // the scratch worktree is still there
      await rm(record, { recursive: true, force: true });
    }
  } catch {
    // Left for the next run (or for git's own pruning, months later).
  }
}

/**
 * Removes scratch worktrees left by a killed run: pairwise-wt-* folders directly in the temp dir that hold
 * Pairwise's owner record and whose process is gone, then git's records of them (never another worktree's: see
 * pruneOwnRecords). Paths listed by the repository are never touched. Returns the folders removed. Never throws.
 */
export function sweepStaleWorktrees(repoRoot: string): Promise<string[]> {
  return withRepoLock(repoRoot, () => sweepUnlocked(repoRoot));
}

async function sweepUnlocked(repoRoot: string): Promise<string[]> {
  const removed: string[] = [];
  try {
    const tmp = await realpath(tmpdir()).catch(() => tmpdir());
    const entries = await readdir(tmp).catch(() => [] as string[]);
    for (const name of entries) {
      const dir = join(tmp, name);
      if (!name.startsWith(WORKTREE_PREFIX) || !(await isStale(dir))) continue;
      await rm(dir, { recursive: true, force: true }).catch(() => undefined);
      removed.push(dir);
    }
    await pruneOwnRecords(repoRoot);
  } catch {
    // A failed sweep only leaves garbage for the next run; it must not fail the checks.
  }
  return removed;
}

/** Scratch folders created by this process and not yet removed (for tests and diagnostics). */
export function activeScratchDirs(): string[] {
  return [...active];
}
