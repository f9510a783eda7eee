// git reads a loose ref by opening the file and reading it to its end; a ref that is a symlink not naming `refs/…`
// is followed. A hostile repository can so point a ref at /dev/zero (git reads, and grows, until its timeout: 400 MB
// a second here; the checks' git calls have none) or at a FIFO. The ref git reads need not be HEAD's: HEAD's branch
// may name another ref (`ref: refs/heads/x`), and a commit id given to git is looked up as refs/tags/<id> and the
// like too. So every loose ref is looked at here, without opening any (no process runs).
import { lstatSync, readdirSync, readlinkSync, realpathSync, statSync, type Dirent } from 'node:fs';
import { join } from 'node:path';

/** Most entries looked at in one refs folder (a repository with more loose refs than this is looked at up to it). */
const MAX_ENTRIES = 100_000;

/** Folders under /proc and /dev hold what differs from one process to the next (/dev/stdin, /proc/self/fd/…). */
const SELF_RELATIVE = /^\/(?:proc|dev)(?:\/|$)/;

/**
 * What git gets by following the symlink at path: a file, a folder, or null when it is anything else (a FIFO, a
 * device, something under /proc or /dev, or nothing Pairwise can resolve: a link it cannot follow is not trusted).
 */
function linkKind(path: string): 'file' | 'dir' | null {
  // git takes a link naming `refs/…` as a symbolic ref and does not open it (that ref is looked at on its own).
  if (readlinkSync(path).startsWith('refs/')) return 'file';
  let real: string;
  try {
    real = realpathSync(path);
  } catch {
    return null;
  }
  if (SELF_RELATIVE.test(real)) return null;
  const st = statSync(real);
  return st.isFile() ? 'file' : st.isDirectory() ? 'dir' : null;
}

/** The first loose ref under refsDir git would wait on or read without end (a FIFO, a device, a link to one or into /proc or /dev), or null. */
export function blockingRef(refsDir: string): string | null {
  const stack = [refsDir];
  const seen = new Set<string>();
  let count = 0;
  while (stack.length > 0) {
    const dir = stack.pop() as string;
    let real: string;
    let entries: Dirent[];
    try {
      real = realpathSync(dir);
      if (seen.has(real)) continue;
      seen.add(real);
      entries = readdirSync(dir, { withFileTypes: true });
    } catch {
      continue; // missing or unreadable: git finds no ref there either
    }
    for (const e of entries) {
      if (++count > MAX_ENTRIES) return null;
      const path = join(dir, e.name);
      if (e.isFile()) continue;
      if (e.isDirectory()) { stack.push(path); continue; }
      let kind: 'file' | 'dir' | null;
      try {
        const st = lstatSync(path); // the entry's type when the folder listing does not say it
        kind = st.isSymbolicLink() ? linkKind(path) : st.isFile() ? 'file' : st.isDirectory() ? 'dir' : null;
      } catch {
        continue; // gone since the listing
      }
      if (kind === null) return path;
      if (kind === 'dir') stack.push(path);
    }
  }
  return null;
}

/** Files git reads in each linked worktree's folder (`worktree add`, `prune` and `list` read every one, to its end). */
const WORKTREE_FILES = ['gitdir', 'HEAD', 'commondir', 'locked'];

/** Largest of them git has reason to write (a path, a ref, a reason): a larger one is a sparse file of gigabytes, say. */
const MAX_WORKTREE_FILE = 64 * 1024;

/**
 * The first file of a linked worktree's folder (commonDir/worktrees/<id>/) git would wait on or read without end: a
 * FIFO, a device, a link into /proc or /dev or that cannot be followed, or one over 64 KiB; a loose ref of its own
 * too. null when there is none. The checks' `worktree add` read a gitdir linked to /dev/zero until memory ran out.
 * `worktrees` or a record that is a link is returned too: git would delete what it leads to.
 */
export function blockingWorktreeFile(commonDir: string): string | null {
  const root = join(commonDir, 'worktrees');
  let ids: Dirent[];
  try {
    // `git worktree prune` (the checks run it) deletes, recursively, each record whose gitdir is missing, following
    // links: `worktrees` linked to `../..`, or a record linked to a folder, had the user's files there deleted.
    if (lstatSync(root).isSymbolicLink()) return root;
    ids = readdirSync(root, { withFileTypes: true }).slice(0, MAX_ENTRIES);
  } catch {
    return null;
  }
  for (const id of ids) {
    const dir = join(root, id.name);
    if (id.isSymbolicLink() || isLink(dir)) return dir;
    for (const f of WORKTREE_FILES) {
      const path = join(dir, f);
      try {
        const st = lstatSync(path);
        const target = st.isSymbolicLink() ? realpathSync(path) : path;
        if (SELF_RELATIVE.test(target)) return path;
        const tst = statSync(target);
        if (!tst.isFile() || tst.size > MAX_WORKTREE_FILE) return path;
      } catch (e) {
        const code = (e as NodeJS.ErrnoException).code;
        if ((code === 'ENOENT' || code === 'ENOTDIR') && !isLink(path)) continue; // missing: nothing to read
        return path; // a link that cannot be followed
      }
    }
    const ref = blockingRef(join(dir, 'refs'));
    if (ref) return ref;
  }
  return null;
}

/** True when path is a symlink. */
function isLink(path: string): boolean {
  try {
    return lstatSync(path).isSymbolicLink();
  } catch {
    return false;
  }
}

/**
 * The first entry of a git directory's own folder git would wait on or read without end (a FIFO, a device, a link
 * to one, into /proc or /dev, or that cannot be followed), or null. git looks a name given to it up there first
 * (`<gitdir>/<commit id>` before `refs/tags/<commit id>`): one linked to /dev/zero made `rev-parse <id>` and
 * `ls-tree <id>` read zeros.
 */
export function blockingTopEntry(gitDir: string): string | null {
  let entries: Dirent[];
  try {
    entries = readdirSync(gitDir, { withFileTypes: true }).slice(0, MAX_ENTRIES);
  } catch {
    return null;
  }
  for (const e of entries) {
    if (e.isFile() || e.isDirectory() || e.isSocket()) continue; // a socket cannot be opened: nothing waits on it
    const path = join(gitDir, e.name);
    try {
      const st = lstatSync(path);
      if (st.isFile() || st.isDirectory() || st.isSocket()) continue;
      if (st.isSymbolicLink() && linkKind(path) !== null) continue;
    } catch {
      continue; // gone since the listing
    }
    return path;
  }
  return null;
}
