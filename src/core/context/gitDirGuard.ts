/** What counts as the repository's git directory when its files are read: `.git` names (and their aliases) and the git directories a work tree uses, by path and by device and inode. */
import { lstatSync, realpathSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { gitFileTarget } from '../git/gitDirOwner';
import { isGitDirName } from '../git/gitDirName';
import { textNoWait } from '../git/readNoWait';
import { BIDI_CHARS, LINE_BREAKING_CHARS } from './nameChars';

// Not empty; no control character (C0, DEL, C1), line or paragraph separator, backslash, bidi control or other
// HFS+-ignorable code point; not absolute (`/`, `c:`); no empty, `.`, `..` or `.git` component (see gitDirName.ts).
// eslint-disable-next-line no-control-regex
const PLAIN_REPO_PATH = /^(?![a-z]:)(?!(?:[^/]*\/)*(?:\.{0,2}|(?:\.git|git~1)[. ]*(?::[^/]*)?)(?:\/|$))[^\0-\x1f\x7f-\x9f\\\u200c-\u200f\u2028\u2029\u202a-\u202e\u2066-\u206f\ufeff]+$/i;
// A name with one of these would break or forge lines where it is shown (the prompt's repo map, the manifest, a
// terminal), or reorder what a person reads of it (see nameChars.ts).
const CONTROL = new RegExp(`[${LINE_BREAKING_CHARS}]`);
const BIDI_CONTROL = new RegExp(`[${BIDI_CHARS}]`);

/** Why a listed repo-relative path is refused before any lookup (absolute, `..`, empty or `.git` components, control or bidi characters); null when fine. */
export function unsafeRepoPath(path: string): string | null {
  // Nearly every listed path is plain: one regex rules out each refusal below before the path is split.
  if (PLAIN_REPO_PATH.test(path)) return null;
  if (path === '' || CONTROL.test(path)) return 'empty or control characters';
  if (path.startsWith('/') || path.includes('\\') || /^[a-z]:/i.test(path)) return 'absolute path';
  const parts = path.split('/');
  if (parts.some((c) => c === '..')) return 'contains ..';
  if (parts.some((c) => c === '' || c === '.')) return 'empty or . component';
  if (parts.some(isGitDirName)) return 'inside .git';
  if (BIDI_CONTROL.test(path)) return 'bidi control characters';
  return null;
}

const GIT_DIRS_TTL_MS = 2000;
// ids: `dev:ino` as a plain stat gives them (rounded above 2^53), which the listing read's folder check compares;
// exact: the same from a bigint stat (NTFS file ids pass 2^53), which decides.
const gitDirsCache = new Map<string, { at: number; dirs: string[]; ids: Set<string>; exact: Set<string>; seen: Map<string, boolean> }>();

/** Real path of `p`, or null. */
function real(p: string): string | null {
  try {
    return realpathSync(p);
  } catch {
    return null;
  }
}

/**
 * Real paths of the git directories serving the work tree at realRoot, whatever their names: the first `.git`
 * found from realRoot upwards, when it is a symlink or a file (`gitdir: <dir>`, as `--separate-git-dir` and
 * worktrees write), plus that directory's `commondir`. Such a directory may sit inside the root under another
 * name (`gitdir: meta`), where `git ls-files --others` lists it. No process runs; cached for 2 s per root.
 */
export function gitDirsOf(realRoot: string): string[] {
  const hit = gitDirsCache.get(realRoot);
  if (hit && Date.now() - hit.at < GIT_DIRS_TTL_MS) return hit.dirs;
  const dirs: string[] = [];
  // Matched by device and inode too: these, and a plain `.git` folder (whose other names, such as `GIT~2` on NTFS when
  // `git~1` is taken, the name rules cannot all know).
  const byId: string[] = [];
  for (let dir = realRoot; ; dir = dirname(dir)) {
    const dotGit = join(dir, '.git');
    let st;
    try {
      st = lstatSync(dotGit);
    } catch {
      if (dirname(dir) === dir) break;
      continue;
    }
    let gitDir: string | null = null;
    if (st.isDirectory()) byId.push(dotGit);
    else if (st.isSymbolicLink()) gitDir = real(dotGit);
    else if (st.isFile() && st.size < 65536) {
      const text = textNoWait(dotGit);
      const target = text === null ? null : gitFileTarget(text);
      if (target) gitDir = real(resolve(dir, target));
    }
    if (gitDir) {
      dirs.push(gitDir);
      // No commondir (or one that is not a regular file, which is never waited on): not a linked worktree.
      const common = textNoWait(join(gitDir, 'commondir'))?.trim();
      const c = common ? real(resolve(gitDir, common)) : null;
      if (c && c !== gitDir) dirs.push(c);
    }
    break;
  }
  const ids = new Set<string>();
  const exact = new Set<string>();
  for (const d of [...dirs, ...byId]) {
    try {
      const st = statSync(d, { bigint: true });
      if (st.ino === 0n) continue; // a file system without inode numbers
      ids.add(`${Number(st.dev)}:${Number(st.ino)}`);
      exact.add(`${st.dev}:${st.ino}`);
    } catch {
      // gone: nothing to match
    }
  }
  if (gitDirsCache.size > 64) gitDirsCache.clear();
  gitDirsCache.set(realRoot, { at: Date.now(), dirs, ids, exact, seen: new Map() });
  return dirs;
}

const NO_IDS: Set<string> = new Set();

/**
 * Device and inode of each of gitDirsOf(realRoot) and of a plain `.git` folder: a folder with one of them is that git
 * directory under whatever name reached it (`META/` for `meta/` on a case-insensitive file system, `meta./` or
 * `GIT~2` on NTFS, a bind mount).
 */
export function gitDirIdsOf(realRoot: string): Set<string> {
  gitDirsOf(realRoot);
  return gitDirsCache.get(realRoot)?.ids ?? NO_IDS;
}

/** True when a folder on the way from realRoot to a real path inside it (rel: its components) is one of its git directories, by device and inode. */
export function throughGitDir(realRoot: string, rel: string[]): boolean {
  gitDirsOf(realRoot);
  const c = gitDirsCache.get(realRoot);
  if (!c || c.exact.size === 0) return false;
  let dir = realRoot;
  for (let i = 0; i < rel.length - 1; i++) {
    dir = join(dir, rel[i]);
    let hit = c.seen.get(dir);
    if (hit === undefined) {
      try {
        const st = lstatSync(dir, { bigint: true });
        hit = c.exact.has(`${st.dev}:${st.ino}`);
      } catch {
        return false; // gone: the open fails too
      }
      if (c.seen.size > 10_000) c.seen.clear();
      c.seen.set(dir, hit);
    }
    if (hit) return true;
  }
  return false;
}
