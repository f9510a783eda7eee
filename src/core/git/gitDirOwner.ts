/** Whose git directory serves a folder: a `.git` file or symlink may name another project's (no process runs). */
import { lstat, realpath } from 'node:fs/promises';
import { dirname, join, resolve, sep } from 'node:path';
import { commonDirText } from './commonDir';
import { textNoWait } from './readNoWait';

const GITDIR_LINE = /(?:^|[\n\r\u2028\u2029])gitdir:/;
const SPACE = /\s/;
const LINE_BREAK = /[\n\r\u2028\u2029]/;

/**
 * The directory a `.git` file names (`gitdir: <dir>`, as worktrees and `--separate-git-dir` write), or null: what
 * `/^gitdir:\s*(.+?)\s*$/m` captures, in one pass. The pattern retried its trailing `\s*$` over the rest of a run of
 * spaces at each character: a crafted `.git` file of `gitdir:r`, 100,000 tabs and `i` took 16 s on the extension
 * host's thread (its 1 MB read limit, half an hour).
 */
export function gitFileTarget(text: string): string | null {
  const m = GITDIR_LINE.exec(text);
  if (!m) return null;
  const from = m.index + m[0].length;
  let start = from; // spaces (line breaks too) after the colon
  while (start < text.length && SPACE.test(text[start])) start++;
  if (start < text.length) {
    let end = start; // the value's line ends at a line break; trailing spaces are dropped
    while (end < text.length && !LINE_BREAK.test(text[end])) end++;
    while (end > start + 1 && SPACE.test(text[end - 1])) end--;
    return text.slice(start, end);
  }
  // Nothing but spaces after the colon: the pattern gives back its last character that is not a line break.
  for (let i = text.length - 1; i >= from; i--) if (!LINE_BREAK.test(text[i])) return text[i];
  return null;
}

/**
 * Whether a git directory keeps its shared parts within `within`: git reads a git directory's `commondir` file (which
 * only the git directories of linked worktrees have) and takes the objects, refs, config and worktree records from the
 * folder it names, so an unpacked `.git` folder holding `commondir: ../../other/.git` made git read that project's
 * history and would make the checks write their scratch worktree into it. true: no `commondir`, or one naming
 * `within` or a folder inside it (within: the `.git` folder itself; for a git directory a `.git` file or link names
 * inside its folder, or the folder itself taken as a bare repository, that folder).
 */
async function commonDirInside(gitDir: string, within = gitDir): Promise<boolean> {
  const target = commonDirText(gitDir);
  if (target === null) return true;
  if (!target) return false; // unreadable or empty: git fails or guesses; refused
  const common = await realpath(resolve(gitDir, target)).catch(() => null);
  const own = await realpath(within);
  return common !== null && (common === own || common.startsWith(own + sep));
}

/**
 * Whether a folder git may take as a bare repository keeps its shared parts itself. git asks of every folder from cwd
 * upwards whether it is a git directory (a `HEAD` and, through `commondir`, objects and refs), where it has no `.git`
 * or one git skips (an empty folder, a FIFO): a project folder holding `HEAD` and `commondir: ../other/.git` made git
 * read that project's history with no `.git` anywhere. true: no `HEAD`, or a commondir naming nothing outside dir.
 */
async function bareCommonDirInside(dir: string): Promise<boolean> {
  if (!(await lstat(join(dir, 'HEAD')).catch(() => null))) return true;
  return commonDirInside(dir);
}

/**
 * Whether the git directory serving cwd is its work tree's own. A `.git` file or symlink (found from cwd upwards, in
 * folder D) may name any repository's git directory, say `gitdir: ../my-other-project/.git`: git would then list,
 * read and write that project. true: no `.git` at all, a `.git` folder (whose `commondir`, if any, names no folder
 * outside it: see commonDirInside), a git directory inside D (whose `commondir` names none outside D), or a linked
 * worktree's whose back-pointer (`gitdir`) names D/.git. D (a string): a git directory elsewhere, D's only when its
 * core.worktree makes D the toplevel (a submodule's) — the caller asks git. false: not D's (`git init
 * --separate-git-dir` elsewhere looks the same and is refused too), a folder on the way up that git would take as a
 * bare repository whose `commondir` names a folder outside it (see bareCommonDirInside), or unreadable.
 */
export async function ownGitDir(cwd: string): Promise<boolean | string> {
  // A folder that does not exist names nothing: git fails there on its own, with its own message.
  const start = await realpath(cwd).catch(() => null);
  if (start === null) return true;
  try {
    for (let dir = start; ; dir = dirname(dir)) {
      if (!(await bareCommonDirInside(dir))) return false;
      const dotGit = join(dir, '.git');
      const st = await lstat(dotGit).catch(() => null);
      if (!st) {
        if (dirname(dir) === dir) return true;
        continue;
      }
      if (st.isDirectory()) return await commonDirInside(dotGit);
      let gitDir: string;
      if (st.isSymbolicLink()) gitDir = await realpath(dotGit);
      else {
        const text = st.isFile() && st.size < 65536 ? textNoWait(dotGit) : null;
        const target = text === null ? null : gitFileTarget(text);
        if (!target) return true; // not a gitfile: git refuses it
        gitDir = await realpath(resolve(dir, target));
      }
      if (gitDir.startsWith(dir + sep)) return await commonDirInside(gitDir, dir);
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
