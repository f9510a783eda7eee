/** Whose git directory serves a folder: a `.git` file or symlink may name another project's (no process runs). */
import { lstat, realpath } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { textNoWait } from './readNoWait';

/** The directory a `.git` file names (`gitdir: <dir>`, as worktrees and `--separate-git-dir` write), or null. */
export function gitFileTarget(text: string): string | null {
  return /^gitdir:\s*(.+?)\s*$/m.exec(text)?.[1] ?? null;
}

/**
 * Whether the git directory serving cwd is its work tree's own. A `.git` file or symlink (found from cwd upwards, in
 * folder D) may name any repository's git directory, say `gitdir: ../my-other-project/.git`: git would then list,
 * read and write that project. true: no `.git` at all, a `.git` folder, a git directory inside D, or a linked
 * worktree's whose back-pointer (`gitdir`) names D/.git. D (a string): a git directory elsewhere, D's only when its
 * core.worktree makes D the toplevel (a submodule's) — the caller asks git. false: not D's (`git init
 * --separate-git-dir` elsewhere looks the same and is refused too), or unreadable.
 */
export async function ownGitDir(cwd: string): Promise<boolean | string> {
  // A folder that does not exist names nothing: git fails there on its own, with its own message.
  const start = await realpath(cwd).catch(() => null);
  if (start === null) return true;
  try {
    for (let dir = start; ; dir = dirname(dir)) {
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
        const text = st.isFile() && st.size < 65536 ? textNoWait(dotGit) : null;
        const target = text === null ? null : gitFileTarget(text);
        if (!target) return true; // not a gitfile: git refuses it
        gitDir = await realpath(resolve(dir, target));
      }
      if (gitDir.startsWith(dir + sep)) return true;
      // Read without waiting: a `gitdir` that is a FIFO is no back-pointer (and never blocks this check).
      const back = textNoWait(join(gitDir, 'gitdir'));
      const common = await lstat(join(gitDir, 'commondir')).catch(() => null);
      if (common && back !== null) return (await realpath(resolve(gitDir, back.trim())).catch(() => null)) === dotGit;
      return dir;
    }
  } catch {
    return false;
  }
}
