/** Lists a repository's files: `git ls-files` (tracked + untracked, not ignored), or a .gitignore-aware walk. */
import { readdir, realpath } from 'node:fs/promises';
import { join } from 'node:path';
import ignore from 'ignore';
import { relativeInside } from '../git/insideRoot';
import { MAX_METADATA_BYTES, textNoWait } from '../git/readNoWait';
import { describeGitFailure, repoSetsWorkTree, runGit } from '../git/runGit';
import { skippedDirOf } from './fileFilters';
import type { ManifestFileOmitted } from './types';

/** Files found under a root (POSIX, root-relative, sorted) and directories skipped wholesale. */
export interface RepoListing {
  source: 'git' | 'walk';
  paths: string[];
  omittedDirs: ManifestFileOmitted[];
  /** Why git did not list a repository's files (it was stopped, refused or missing); the folder was walked instead. */
  warning?: string;
}

/**
 * True when git's work tree for root is root or one of its ancestors. A repository can move its work tree
 * elsewhere (`core.worktree=/home/me`): `git ls-files` then lists that folder's names, which must not reach a prompt.
 */
async function workTreeHoldsRoot(root: string): Promise<boolean> {
  // runGit refuses a folder whose `.git` names another project's git directory (gitDirOwner.ts); here the work tree
  // itself may still have moved: without core.worktree it is where git found `.git`, from root upwards, and holds root.
  if ((await repoSetsWorkTree(root)) === false) return true;
  const top = await runGit(['rev-parse', '--show-toplevel'], { cwd: root, timeoutMs: 10_000 });
  if (!top.ok) return false;
  try {
    return relativeInside(await realpath(top.stdout.toString('utf8').replace(/\n$/, '')), await realpath(root)) !== null;
  } catch {
    return false;
  }
}

/** Lists files with git when root is inside a work tree (that is, the work tree holds root), else walks the folder. */
export async function listRepoFiles(root: string): Promise<RepoListing> {
  const [r, holds] = await Promise.all([
    runGit(['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, timeoutMs: 60_000 }),
    workTreeHoldsRoot(root),
  ]);
  if (r.ok && holds) return { source: 'git', paths: gitPaths(r.stdout.toString('utf8')), omittedDirs: [] };
  const walked = await walkFolder(root);
  // A folder outside any repository fails plainly (no warning); git stopped, refused or missing is worth saying.
  if (r.failure) walked.warning = `${describeGitFailure('git could not list the files', r)}; the folder was walked instead (its .gitignore files honoured)`;
  return walked;
}

/** The paths of `git ls-files -z` output: unique, in comparePaths order. */
export function gitPaths(out: string): string[] {
  // git lists its index sorted (an unmerged path once per stage, side by side) and untracked files after it: one pass
  // drops empty names and repeats next to each other; only a list that is then not strictly increasing needs more.
  const all = out.split('\0');
  const paths: string[] = [];
  let prev = '';
  let increasing = true;
  for (const p of all) {
    if (!p || p === prev) continue;
    if (paths.length > 0 && prev > p) increasing = false;
    paths.push(p);
    prev = p;
  }
  if (increasing) return paths;
  const uniq = [...new Set(paths)];
  return isSorted(uniq) ? uniq : uniq.sort(comparePaths);
}

/** True when paths are already in comparePaths order (git lists its index sorted; untracked files come after). */
function isSorted(paths: string[]): boolean {
  for (let i = 1; i < paths.length; i++) if (paths[i - 1] > paths[i]) return false;
  return true;
}

/** Byte-order comparison of paths so the order never depends on locale. */
export function comparePaths(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

interface IgnoreFrame {
  base: string;
  ig: ignore.Ignore;
}

/**
 * A folder's .gitignore rules, read without waiting and only from a regular file (a FIFO would block the read and
 * the process's exit for good; a symlink to /dev/zero would be read until memory runs out): a symlink is not
 * followed, as git does not follow a symlinked .gitignore either; at most MAX_METADATA_BYTES are read.
 */
function loadIgnore(dirAbs: string, base: string): IgnoreFrame | null {
  const text = textNoWait(join(dirAbs, '.gitignore'), MAX_METADATA_BYTES, { noFollow: true });
  return text === null ? null : { base, ig: ignore().add(text) };
}

function isIgnored(frames: IgnoreFrame[], rel: string, isDir: boolean): boolean {
  for (const f of frames) {
    const sub = f.base ? rel.slice(f.base.length + 1) : rel;
    if (sub && f.ig.ignores(isDir ? `${sub}/` : sub)) return true;
  }
  return false;
}

/** Walks a folder that is not a git work tree, honouring nested .gitignore files; never follows symlinks. */
export async function walkFolder(root: string): Promise<RepoListing> {
  const paths: string[] = [];
  const omittedDirs: ManifestFileOmitted[] = [];
  const rootFrames: IgnoreFrame[] = [{ base: '', ig: ignore().add(['.git/']) }];
  const walk = async (rel: string, frames: IgnoreFrame[]): Promise<void> => {
    const abs = rel ? join(root, rel) : root;
    const own = loadIgnore(abs, rel);
    const here = own ? [...frames, own] : frames;
    let entries;
    try {
      entries = await readdir(abs, { withFileTypes: true });
    } catch {
      omittedDirs.push({ path: `${rel || '.'}/`, reason: 'unreadable' });
      return;
    }
    entries.sort((a, b) => comparePaths(a.name, b.name));
    for (const e of entries) {
      const childRel = rel ? `${rel}/${e.name}` : e.name;
      if (e.isDirectory()) {
        if (isIgnored(here, childRel, true)) continue;
        const skipped = skippedDirOf(`${childRel}/x`);
        if (skipped && skipped.dir === childRel) {
          omittedDirs.push({ path: `${childRel}/`, reason: skipped.reason, detail: 'directory skipped' });
          continue;
        }
        await walk(childRel, here);
      } else if (e.isFile() || e.isSymbolicLink()) {
        // Symlinks are listed here and resolved (inside the root only) when read.
        if (!isIgnored(here, childRel, false)) paths.push(childRel);
      }
    }
  };
  await walk('', rootFrames);
  return { source: 'walk', paths: paths.sort(comparePaths), omittedDirs };
}
