/** Reads candidate files safely (no symlink escapes, no FIFOs, size-capped) and sorts out what must be skipped. */
import { closeSync, constants, fstatSync, lstatSync, openSync, readSync, realpathSync } from 'node:fs';
import { join, sep } from 'node:path';
import { relativeInside } from '../git/insideRoot';
import { isGitDirName } from '../git/gitDirName';
import { gitDirIdsOf, gitDirsOf, throughGitDir, unsafeRepoPath } from './gitDirGuard';
import { classifyContent, classifyPath, skippedDirOf, type PathVerdict } from './fileFilters';
import { redactSecretPath } from './secretScan';
import type { ManifestFileOmitted } from './types';

/** A readable text file kept as a candidate for the prompt; its bytes are read again when it is needed whole. */
export interface RepoFile {
  path: string;
  /** Size in bytes when listed. */
  size: number;
  /** Where to read it (a symlink inside the root is resolved once). */
  absPath: string;
  /** Device and inode the listing read: a whole read opens that same file or nothing (see readWhole). */
  dev?: number;
  ino?: number;
  /** Paper terms found in the file's first bytes (set by the listing read's visitor). */
  terms?: string[];
}

/**
 * What a listing read does with each kept file while its first bytes are in memory (the read and the index are one
 * pass: no file's text is held after its visit).
 */
export interface FileVisitor {
  /** How many of the file's first bytes to read (at least the 8 KB its kind is judged by). */
  bytes(path: string): number;
  /** Receives a kept file and its first bytes (a view of shared memory, valid only during the call). */
  visit(file: RepoFile, head: Buffer): void;
}

/** Result of reading a listing: kept files and everything left out (skipped directories collapsed to one entry). */
export interface ReadResult {
  files: RepoFile[];
  omitted: ManifestFileOmitted[];
}

const NOFOLLOW = constants.O_NOFOLLOW ?? 0;
const NONBLOCK = constants.O_NONBLOCK ?? 0;

/** Result of reading one path: its first bytes (or all), size and resolved path, or why it was left out. */
export type ReadOutcome = { buf: Buffer; size: number; absPath: string; dev: number; ino: number } | { omit: ManifestFileOmitted; code?: string };

/** Bytes a file's kind is judged by (binary, generated header, minified). */
export const SNIFF_BYTES = 8192;

/** Reads up to `want` bytes from offset `off` of fd into buf; returns the offset reached (short at end of file). */
function readInto(fd: number, buf: Buffer, off: number, want: number): number {
  while (off < want) {
    const n = readSync(fd, buf, off, want - off, off);
    if (n === 0) break;
    off += n;
  }
  return off;
}

/**
 * Opens without following symlinks, checks it is a regular file within maxBytes, and reads up to limit bytes (one
 * read: nearly every file that gets this far is kept). With a sniffer, the file is read into the listing's one
 * buffer (valid until the next read) and judged on its first 8 KB; a skipped file's verdict is the omission.
 */
function readCapped(abs: string, path: string, maxBytes: number, limit = Infinity, scratch?: Buffer, same?: RepoFile): ReadOutcome {
  let fd: number;
  try {
    // O_NOFOLLOW: a symlink fails with ELOOP instead of being followed; O_NONBLOCK: a FIFO cannot hang the open.
    fd = openSync(abs, constants.O_RDONLY | NOFOLLOW | NONBLOCK);
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    return { omit: { path, reason: 'unreadable', detail: code ?? 'open failed' }, code };
  }
  try {
    const st = fstatSync(fd);
    if (!st.isFile()) return { omit: { path, reason: 'not_a_file' } };
    // O_NOFOLLOW guards the last component only: a folder on the way swapped for a symlink since the listing (a
    // checkout while the context builds) would lead elsewhere. The file opened must be the one listed.
    if (same?.ino !== undefined && (st.ino !== same.ino || st.dev !== same.dev)) return { omit: { path, reason: 'unreadable', detail: 'replaced since listed' } };
    if (st.size > maxBytes) return { omit: { path, reason: 'too_large', detail: `${st.size} bytes > ${maxBytes}` } };
    const want = Math.min(st.size, limit);
    const buf = scratch ? scratch.subarray(0, want) : Buffer.allocUnsafe(want);
    const off = readInto(fd, buf, 0, want);
    if (scratch) {
      const v = classifyContent(path, buf.subarray(0, Math.min(off, SNIFF_BYTES)), off < want ? off : st.size);
      if (v.skip) return omission(path, v);
    }
    return { buf: off === want ? buf : buf.subarray(0, off), size: off < want ? off : st.size, absPath: abs, dev: st.dev, ino: st.ino };
  } catch (e) {
    return { omit: { path, reason: 'unreadable', detail: (e as NodeJS.ErrnoException).code ?? 'read failed' } };
  } finally {
    closeSync(fd);
  }
}

/**
 * Reads one repo-relative path under root (up to limit bytes). Every component is resolved first (realpath):
 * the target must be a regular file inside the real root and outside any `.git` folder (or the git directory a
 * `.git` file or symlink names, see gitDirsOf), and the name rules
 * (credential files, skipped folders) apply to the resolved path as well as the listed one.
 */
export function readRepoFile(root: string, realRoot: string, path: string, maxBytes: number, limit = Infinity): ReadOutcome {
  const unsafe = unsafeRepoPath(path);
  if (unsafe) return { omit: { path, reason: 'unsafe_path', detail: unsafe } };
  let target: string;
  try {
    target = realpathSync(join(realRoot, path));
  } catch (e) {
    const code = (e as NodeJS.ErrnoException).code;
    let dangling = false;
    try {
      dangling = lstatSync(join(root, path)).isSymbolicLink();
    } catch {
      // missing
    }
    return { omit: { path, reason: 'unreadable', detail: dangling ? 'broken symlink' : code === 'ENOENT' ? 'missing' : (code ?? 'unresolvable') } };
  }
  const rel = relativeInside(realRoot, target);
  if (!rel) {
    return { omit: { path, reason: 'symlink_outside_root', detail: 'resolves outside the repository; not followed' } };
  }
  const relParts = rel.split(sep);
  const relPosix = relParts.join('/');
  // The target's name is shown (in the manifest) as the listing shows names: a secret-looking one redacted.
  const shown = (): string => redactSecretPath(relPosix) ?? relPosix;
  if (relParts.some(isGitDirName) || gitDirsOf(realRoot).some((d) => target === d || target.startsWith(d + sep)) || throughGitDir(realRoot, relParts)) {
    return { omit: { path, reason: 'git_dir', detail: `resolves to ${shown()}` } };
  }
  if (relPosix !== path) {
    const byTarget = classifyPath(relPosix);
    if (byTarget.skip) return { omit: { path, reason: byTarget.reason, detail: `resolves to ${shown()}${byTarget.detail ? `: ${byTarget.detail}` : ''}` } };
  }
  return readCapped(target, path, maxBytes, limit);
}

/**
 * Directories of one listing already checked: device and inode when each component under the real root is a real
 * directory (no symlink on the way, one lstat per directory) and it lies outside every git directory, so its files
 * need no realpath; null when not. Checked again when the listing ends (see movedDirs).
 */
type DirMemo = Map<string, { dev: number; ino: number } | null>;

const ROOT_DIR = { dev: -1, ino: -1 };

function plainDir(realRoot: string, dir: string, memo: DirMemo, gitDirs: string[], gitIds: Set<string>): boolean {
  let ok = memo.get(dir);
  if (ok === undefined) {
    const abs = dir ? join(realRoot, dir) : realRoot;
    if (gitDirs.some((d) => abs === d || abs.startsWith(d + sep))) ok = null; // inside a git directory: never plain
    else if (!dir) ok = ROOT_DIR;
    else {
      const slash = dir.lastIndexOf('/');
      ok = null;
      try {
        const st = plainDir(realRoot, slash < 0 ? '' : dir.slice(0, slash), memo, gitDirs, gitIds) ? lstatSync(abs) : null;
        // A git directory under another name (see gitDirIdsOf) is never plain either.
        if (st?.isDirectory() && !gitIds.has(`${st.dev}:${st.ino}`)) ok = { dev: st.dev, ino: st.ino };
      } catch {
        // unreadable: the full route decides
      }
    }
    memo.set(dir, ok);
  }
  return ok !== null;
}

/**
 * Folders the listing found plain that are no longer the same folder (one swapped for a symlink while the listing
 * ran, say by a checkout: the files read through it may come from outside the root or from `.git/`).
 */
function movedDirs(realRoot: string, memo: DirMemo): string[] {
  const out: string[] = [];
  for (const [dir, id] of memo) {
    if (!id || id === ROOT_DIR) continue;
    let st;
    try {
      st = lstatSync(join(realRoot, dir));
    } catch {
      st = null;
    }
    if (!st?.isDirectory() || st.dev !== id.dev || st.ino !== id.ino) out.push(dir);
  }
  return out;
}

/**
 * readRepoFile for a listing: a path whose directories hold no symlink (checked once per directory) is opened
 * directly without following a final symlink; anything else (a symlink, an error) takes readRepoFile's full route.
 */
function readListed(root: string, realRoot: string, path: string, maxBytes: number, memo: DirMemo, limit: number, scratch: Buffer): ReadOutcome {
  // The listing refused unsafe paths before this call (see readRepoFiles).
  if (NOFOLLOW) {
    const gitDirs = gitDirsOf(realRoot);
    const slash = path.lastIndexOf('/');
    // No empty, '.' or '..' component (unsafeRepoPath): plain concatenation is the joined path.
    const abs = realRoot.endsWith(sep) ? realRoot + path : realRoot + sep + path;
    if (plainDir(realRoot, slash < 0 ? '' : path.slice(0, slash), memo, gitDirs, gitDirIdsOf(realRoot)) && !gitDirs.includes(abs)) {
      const r = readCapped(abs, path, maxBytes, limit, scratch);
      if (!('omit' in r) || !r.code) return r;
    }
  }
  const r = readRepoFile(root, realRoot, path, maxBytes, limit);
  if ('omit' in r) return r;
  const v = classifyContent(path, r.buf, r.size);
  return v.skip ? omission(path, v) : r;
}

/** The omission a skip verdict makes. */
function omission(path: string, v: PathVerdict & { skip: true }): { omit: ManifestFileOmitted } {
  return { omit: { path, reason: v.reason, ...(v.detail ? { detail: v.detail } : {}) } };
}

/**
 * The whole content of a listed file, read again (judged again on its first 8 KB: it may have changed since it was
 * listed); null when it can no longer be read, is no longer text, or is no longer the file listed (same device and
 * inode: a folder on its path swapped for a symlink leads to another file).
 */
export function readWhole(file: RepoFile, maxBytes: number): Buffer | null {
  const r = readCapped(file.absPath, file.path, maxBytes, Infinity, undefined, file);
  if ('omit' in r) return null;
  return classifyContent(file.path, r.buf, r.size).skip ? null : r.buf;
}

/** Bytes read per file when no visitor asks for more: just what its kind is judged by. */
const JUDGE_ONLY: FileVisitor = { bytes: () => SNIFF_BYTES, visit: () => undefined };

/**
 * Reads every listed path, each into one shared buffer, and hands each kept file's first bytes to the visitor while
 * they are there (no text is held); yields to the event loop between batches.
 */
export async function readRepoFiles(root: string, paths: string[], maxBytes: number, visitor: FileVisitor = JUDGE_ONLY): Promise<ReadResult> {
  const files: RepoFile[] = [];
  const omitted: ManifestFileOmitted[] = [];
  const dirCounts = new Map<string, { reason: ManifestFileOmitted['reason']; count: number }>();
  let realRoot: string;
  try {
    realRoot = realpathSync(root);
  } catch {
    realRoot = root;
  }
  const memo: DirMemo = new Map();
  let scratch = Buffer.allocUnsafe(0);
  let lastYield = performance.now();
  for (const path of paths) {
    // Refused names first, before any name rule skips them: a skipped name (`x\n</repo-map>.png`, `node_modules/…`)
    // would otherwise stay in the repo map, which leaves out only what was refused as unsafe.
    const unsafe = unsafeRepoPath(path);
    if (unsafe) {
      omitted.push({ path, reason: 'unsafe_path', detail: unsafe });
      continue;
    }
    const dir = skippedDirOf(path);
    if (dir) {
      const c = dirCounts.get(dir.dir) ?? { reason: dir.reason, count: 0 };
      c.count++;
      dirCounts.set(dir.dir, c);
      continue;
    }
    const byPath = classifyPath(path, false);
    if (byPath.skip) {
      omitted.push(omission(path, byPath).omit);
      continue;
    }
    const limit = Math.max(SNIFF_BYTES, Math.min(maxBytes, visitor.bytes(path)));
    if (scratch.length < limit) scratch = Buffer.allocUnsafe(Math.max(limit, 64 * 1024));
    const r = readListed(root, realRoot, path, maxBytes, memo, limit, scratch);
    if ('omit' in r) omitted.push(r.omit);
    else {
      const file: RepoFile = { path, size: r.size, absPath: r.absPath, dev: r.dev, ino: r.ino };
      visitor.visit(file, r.buf);
      files.push(file);
    }
    if (performance.now() - lastYield > 25) {
      await new Promise<void>((res) => setImmediate(res));
      lastYield = performance.now();
    }
  }
  const moved = movedDirs(realRoot, memo);
  if (moved.length) {
    let kept = 0;
    for (const f of files) {
      if (moved.some((d) => f.path.startsWith(`${d}/`))) omitted.push({ path: f.path, reason: 'unreadable', detail: 'its folder changed while listing' });
      else files[kept++] = f;
    }
    files.length = kept;
  }
  for (const [dir, c] of dirCounts) omitted.push({ path: `${dir}/`, reason: c.reason, detail: `${c.count} file${c.count === 1 ? '' : 's'}` });
  return { files, omitted };
}
