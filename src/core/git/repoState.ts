// Where a repository stands (HEAD, dirty, remote) read without running anything the repository names:
// HEAD from .git files, "dirty" from index stat data plus our own hashing (never `git status`/`diff`, which
// push files through clean filters), the remote with `git config --get`.
import { createHash, type Hash } from 'node:crypto';
import { constants } from 'node:fs';
import { lstat, open, readlink, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { relativeInside } from './insideRoot';
import { textNoWait } from './readNoWait';
import { runGit } from './runGit';

/** Where a comparison's repo stood: remote URL (credentials stripped), HEAD commit and dirty flag. */
export interface RepoState { name: string; remote?: string; commit?: string; dirty?: boolean }

/** Removes `user:password@` (or `:password@`) from a URL-like remote so tokens never reach a record. */
export function stripCredentials(url: string): string {
  return url.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

/** Most bytes of packed-refs readHeadCommit reads (a million refs take about 60 MB). */
const MAX_PACKED_REFS_BYTES = 64 * 1024 * 1024;

/** Reads the commit HEAD points at straight from the .git directory (no process); null when unsure. */
export async function readHeadCommit(root: string): Promise<string | null> {
  try {
    let dir = resolve(root);
    for (;;) {
      const dotGit = join(dir, '.git');
      const st = await stat(dotGit).catch(() => null);
      if (st?.isDirectory()) {
        // Read without waiting: a FIFO among them (a hostile repository) must not stall the build that asks.
        const head = textNoWait(join(dotGit, 'HEAD'))?.trim();
        if (head === undefined) return null;
        if (/^[0-9a-f]{40,64}$/.test(head)) return head;
        const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
        if (!ref || ref.split('/').includes('..')) return null;
        const loose = textNoWait(join(dotGit, ref));
        if (loose && /^[0-9a-f]{40,64}\s*$/.test(loose)) return loose.trim();
        // Its first MAX_PACKED_REFS_BYTES, whole lines only: a sparse packed-refs of 1.9 GB (free on disk) was read whole,
        // 20 s and 3.8 GB for each build.
        const packed = (textNoWait(join(dotGit, 'packed-refs'), MAX_PACKED_REFS_BYTES) ?? '').split('\n').slice(0, -1);
        const line = packed.find((l) => l.endsWith(` ${ref}`));
        return line ? line.slice(0, line.indexOf(' ')) : null;
      }
      if (st) return null; // a .git file (worktree or submodule): let git answer
      const up = dirname(dir);
      if (up === dir) return null;
      dir = up;
    }
  } catch {
    return null;
  }
}

/** Git's object id of a blob's raw bytes (sha1, or sha256 when the index holds 64-hex ids). */
function blobId(content: Buffer, hexLen: number): string {
  return blobHash(content.length, hexLen).update(content).digest('hex');
}

/** A hash of git's blob header for size bytes, their content to follow (sha1, or sha256 for 64-hex ids). */
function blobHash(size: number, hexLen: number): Hash {
  return createHash(hexLen === 64 ? 'sha256' : 'sha1').update(`blob ${size}\0`);
}

/** Most bytes readDirty hashes in all: a crafted work tree can hold huge sparse files (free on disk); past it, dirty. */
export const MAX_HASHED_BYTES = 256 * 1024 * 1024;

/**
 * Git's blob id of the regular file at abs, read in chunks (never whole: a 4 GiB file threw, a 2 GiB one took 2 GB)
 * without following a symlink or waiting on a FIFO; null when it is not a regular file or larger than budget bytes.
 */
async function fileBlobId(abs: string, hexLen: number, budget: number): Promise<{ id: string; size: number } | null> {
  const fh = await open(abs, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | (constants.O_NONBLOCK ?? 0)).catch(() => null);
  if (!fh) return null;
  try {
    const st = await fh.stat();
    if (!st.isFile() || st.size > budget) return null;
    const h = blobHash(st.size, hexLen);
    const buf = Buffer.allocUnsafe(Math.min(st.size, 1024 * 1024));
    let done = 0;
    while (done < st.size) {
      const { bytesRead } = await fh.read(buf, 0, Math.min(buf.length, st.size - done), done);
      if (bytesRead === 0) return null; // shrank while read
      h.update(buf.subarray(0, bytesRead));
      done += bytesRead;
    }
    return { id: h.digest('hex'), size: st.size };
  } finally {
    await fh.close().catch(() => undefined);
  }
}

const ENTRY_RE = /(\d{6}) ([0-9a-f]{40,64}) (\d)\t([^\0]*)\0 {2}ctime: \d+:\d+\n {2}mtime: (\d+):(\d+)\n {2}dev: \d+\tino: \d+\n {2}uid: \d+\tgid: \d+\n {2}size: (\d+)\tflags: ([0-9a-f]+)\n/gy;

/**
 * True when a tracked file under cwd differs from the index, or the index from HEAD. Files whose size and
 * mtime match the index are clean; others are hashed here (raw bytes, no filters), so a file with a clean
 * filter or line-ending conversion may read as dirty: conservative, and nothing the repository names runs. Past
 * MAX_HASHED_BYTES hashed, a changed-looking file reads as dirty too.
 * undefined when git cannot tell (not a repository, no commit).
 */
export async function readDirty(cwd: string): Promise<boolean | undefined> {
  const staged = await runGit(['diff-index', '--cached', '--quiet', '--no-ext-diff', '--no-textconv', '--ignore-submodules', 'HEAD', '--'], { cwd, timeoutMs: 30_000 });
  if (staged.failure || (staged.code !== 0 && staged.code !== 1)) return undefined;
  if (staged.code === 1) return true;
  const list = await runGit(['ls-files', '-z', '-s', '--debug'], { cwd, timeoutMs: 30_000 });
  if (!list.ok) return undefined;
  const text = list.stdout.toString('utf8');
  let budget = MAX_HASHED_BYTES;
  ENTRY_RE.lastIndex = 0;
  for (let m = ENTRY_RE.exec(text); m; m = ENTRY_RE.exec(text)) {
    const [, mode, id, stage, path, mtimeS, mtimeNs, sizeStr, flagsHex] = m;
    if (stage !== '0') return true;
    const flags = parseInt(flagsHex, 16);
    if (mode === '160000' || flags & 0x8000 || flags & 0x40000000) continue; // submodule, assume-unchanged, skip-worktree
    // A crafted index can name a path outside the work tree (`../x`, `/x`; on Windows `..\x` too): never read there;
    // such an index is dirty.
    if (path.startsWith('/') || path.split('/').some((c) => c === '..' || c === '.' || c === '')) return true;
    const abs = join(cwd, path);
    if (relativeInside(cwd, abs) === null) return true;
    const st = await lstat(abs, { bigint: true }).catch(() => null);
    if (!st) return true;
    if (mode === '120000') {
      if (!st.isSymbolicLink()) return true;
      if (blobId(Buffer.from(await readlink(abs, { encoding: 'buffer' })), id.length) !== id) return true;
      continue;
    }
    if (!st.isFile()) return true;
    if (Number(st.size % 0x100000000n) !== Number(sizeStr)) return true;
    if (st.mtimeNs / 1_000_000_000n === BigInt(mtimeS) && st.mtimeNs % 1_000_000_000n === BigInt(mtimeNs)) continue;
    const hashed = await fileBlobId(abs, id.length, budget);
    if (!hashed || hashed.id !== id) return true;
    budget -= hashed.size;
  }
  return false;
}

/** Repo identity (git plumbing only); a folder that is not a repository gives just its name. */
export async function readRepoState(root: string, name = basename(root)): Promise<RepoState> {
  const [remote, commit] = await Promise.all([
    runGit(['config', '--get', 'remote.origin.url'], { cwd: root, timeoutMs: 10_000 }),
    runGit(['rev-parse', '--verify', '--quiet', 'HEAD'], { cwd: root, timeoutMs: 10_000 }),
  ]);
  const info: RepoState = { name };
  const head = commit.ok ? commit.stdout.toString('utf8').trim() : '';
  const url = remote.ok ? remote.stdout.toString('utf8').trim() : '';
  if (url) info.remote = stripCredentials(url);
  if (/^[0-9a-f]{40,64}$/.test(head)) {
    info.commit = head;
    const dirty = await readDirty(root);
    if (dirty !== undefined) info.dirty = dirty;
  }
  return info;
}
