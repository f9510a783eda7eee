import { describeGitFailure, runGit } from '../git/runGit';

/** The file listing of one commit, indexed for the lookups the checks make. */
export interface RepoTree {
  commit: string;
  files: Set<string>;
  /** Every directory that holds at least one file (no trailing slash). */
  dirs: Set<string>;
  /** Symlinks in the tree (mode 120000). */
  symlinks: Set<string>;
  /** Submodules (mode 160000). */
  submodules: Set<string>;
  /** basename -> paths with that basename. */
  byBasename: Map<string, string[]>;
}

/** Result union of tree/commit lookups. */
export type TreeResult<T> = { ok: true; value: T } | { ok: false; error: string };

/** Resolves a commit-ish (default HEAD) in repoRoot to a full sha. */
export async function resolveCommit(repoRoot: string, commit: string | undefined, signal?: AbortSignal): Promise<TreeResult<string>> {
  const rev = commit && commit.trim() ? commit.trim() : 'HEAD';
  if (rev.startsWith('-')) return { ok: false, error: `"${rev}" is not a commit` };
  const r = await runGit(['rev-parse', '--verify', '--quiet', '--end-of-options', `${rev}^{commit}`], { cwd: repoRoot, signal });
  if (!r.ok) {
    if (r.failure) return { ok: false, error: describeGitFailure('Resolving the commit', r) };
    if (/not a git repository/i.test(r.stderr)) return { ok: false, error: `${repoRoot} is not a git repository` };
    if (rev === 'HEAD') return { ok: false, error: `${repoRoot} has no commits yet: commit once so the drafts can be checked` };
    return { ok: false, error: `Commit "${rev}" was not found in ${repoRoot}` };
  }
  return { ok: true, value: r.stdout.toString('utf8').trim() };
}

/** Lists every path at `commit` with one `git ls-tree -r -z` call. */
export async function readRepoTree(repoRoot: string, commit: string, signal?: AbortSignal): Promise<TreeResult<RepoTree>> {
  const r = await runGit(['ls-tree', '-r', '-z', '--full-tree', commit], { cwd: repoRoot, signal });
  if (!r.ok) return { ok: false, error: describeGitFailure('Listing the repo files', r) };
  return { ok: true, value: parseLsTree(commit, r.stdout.toString('utf8')) };
}

/** Parses `git ls-tree -r -z` output ("<mode> <type> <sha>\t<path>\0"). */
export function parseLsTree(commit: string, out: string): RepoTree {
  const tree: RepoTree = { commit, files: new Set(), dirs: new Set(), symlinks: new Set(), submodules: new Set(), byBasename: new Map() };
  for (const entry of out.split('\0')) {
    const tab = entry.indexOf('\t');
    if (tab < 0) continue;
    const mode = entry.slice(0, 6);
    const path = entry.slice(tab + 1);
    if (mode === '160000') tree.submodules.add(path);
    else if (mode === '120000') tree.symlinks.add(path);
    tree.files.add(path);
    const slash = path.lastIndexOf('/');
    const base = slash < 0 ? path : path.slice(slash + 1);
    const list = tree.byBasename.get(base);
    if (list) list.push(path); else tree.byBasename.set(base, [path]);
    for (let i = path.indexOf('/'); i >= 0; i = path.indexOf('/', i + 1)) tree.dirs.add(path.slice(0, i));
  }
  return tree;
}

/** Finds a path in the tree: exact, or as the tail of a longer path ("checks/a.ts" for "src/checks/a.ts"). */
export function findPath(tree: RepoTree, path: string): { kind: 'file' | 'dir'; path: string } | undefined {
  const p = path.replace(/\/+$/, '');
  if (!p) return undefined;
  if (tree.files.has(p)) return { kind: 'file', path: p };
  if (tree.dirs.has(p)) return { kind: 'dir', path: p };
  const slash = p.lastIndexOf('/');
  const base = slash < 0 ? p : p.slice(slash + 1);
  for (const cand of tree.byBasename.get(base) ?? []) {
    if (cand.endsWith(`/${p}`)) return { kind: 'file', path: cand };
  }
  const tail = `/${p}`;
  for (const d of tree.dirs) if (d.endsWith(tail)) return { kind: 'dir', path: d };
  return undefined;
}

/** Lists files under a directory (or the whole tree for ''). */
export function countFilesUnder(tree: RepoTree, dir: string): number {
  if (!dir) return tree.files.size;
  const prefix = `${dir}/`;
  let n = 0;
  for (const f of tree.files) if (f.startsWith(prefix)) n++;
  return n;
}

/** Path of repoRoot inside its repository ('' at the top, else 'sub/dir/'), for running commands in the same place. */
export async function repoPrefix(repoRoot: string, signal?: AbortSignal): Promise<string> {
  const r = await runGit(['rev-parse', '--show-prefix'], { cwd: repoRoot, signal });
  return r.ok ? r.stdout.toString('utf8').trim() : '';
}
