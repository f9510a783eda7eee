/** Lists a repository's files: `git ls-files` (tracked + untracked, not ignored), or a .gitignore-aware walk. */
import { lstat, readdir, readFile, realpath } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, resolve, sep } from 'node:path';
import ignore from 'ignore';
import { repoSetsWorkTree, runGit } from '../git/runGit';
import { skippedDirOf } from './fileFilters';
import type { ManifestFileOmitted } from './types';

/** Files found under a root (POSIX, root-relative, sorted) and directories skipped wholesale. */
export interface RepoListing {
  source: 'git' | 'walk';
  paths: string[];
  omittedDirs: ManifestFileOmitted[];
}

/**
 * True when git's work tree for root is root or one of its ancestors. A repository can move its work tree
 * elsewhere (`core.worktree=/home/me`): `git ls-files` then lists that folder's names, which must not reach a prompt.
 */
async function workTreeHoldsRoot(root: string): Promise<boolean> {
  const own = await ownGitDir(root);
  if (own === false) return false;
  const setsWorkTree = await repoSetsWorkTree(root);
  // Without core.worktree the work tree is where git found `.git`, from root upwards: it holds root (no process needed).
  if (own === true && setsWorkTree === false) return true;
  if (own !== true && setsWorkTree !== true) return false;
  const top = await runGit(['rev-parse', '--show-toplevel'], { cwd: root, timeoutMs: 10_000 });
  if (!top.ok) return false;
  try {
    const topReal = await realpath(top.stdout.toString('utf8').replace(/\n$/, ''));
    if (own !== true) return topReal === own;
    const rel = relative(topReal, await realpath(root));
    return rel === '' || (rel !== '..' && !rel.startsWith(`..${sep}`) && !isAbsolute(rel));
  } catch {
    return false;
  }
}

/**
 * Whether the git directory serving root is this work tree's own. A `.git` file or symlink (found from root upwards,
 * in folder D) may name any repository's git directory, say `gitdir: ../my-other-project/.git`: its index would list
 * that project's file names, which must not reach a prompt. True: a `.git` folder, or a git directory inside D, or a
 * linked worktree's whose back-pointer (`gitdir`) names D/.git. D: a git directory elsewhere is D's only when its
 * core.worktree makes D the toplevel (a submodule's). False: not D's (`git init --separate-git-dir` elsewhere looks the
 * same and is walked instead).
 */
async function ownGitDir(root: string): Promise<boolean | string> {
  try {
    for (let dir = await realpath(root); ; dir = dirname(dir)) {
      const dotGit = join(dir, '.git');
      const st = await lstat(dotGit).catch(() => null);
      if (!st) {
        if (dirname(dir) === dir) return true;
        continue;
      }
      if (st.isDirectory()) return true;
      let gitDir: string;
      if (st.isSymbolicLink()) gitDir = await realpath(dotGit);
      else {
        const m = st.isFile() && st.size < 65536 ? /^gitdir:\s*(.+?)\s*$/m.exec(await readFile(dotGit, 'utf8')) : null;
        if (!m) return true; // not a gitfile: git refuses it
        gitDir = await realpath(resolve(dir, m[1]));
      }
      if (gitDir.startsWith(dir + sep)) return true;
      const back = await readFile(join(gitDir, 'gitdir'), 'utf8').catch(() => null);
      const common = await lstat(join(gitDir, 'commondir')).catch(() => null);
      if (common && back !== null) return (await realpath(resolve(gitDir, back.trim())).catch(() => null)) === dotGit;
      return dir;
    }
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
  if (r.ok && holds) {
    const uniq = [...new Set(r.stdout.toString('utf8').split('\0').filter(Boolean))];
    return { source: 'git', paths: isSorted(uniq) ? uniq : uniq.sort(comparePaths), omittedDirs: [] };
  }
  return walkFolder(root);
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

async function loadIgnore(dirAbs: string, base: string): Promise<IgnoreFrame | null> {
  try {
    const text = await readFile(join(dirAbs, '.gitignore'), 'utf8');
    return { base, ig: ignore().add(text) };
  } catch {
    return null;
  }
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
    const own = await loadIgnore(abs, rel);
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
