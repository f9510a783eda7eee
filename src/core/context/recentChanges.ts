/** Which files changed lately (a ranking signal), read with `git log --name-only` under the safe git runner. */
import { resolve } from 'node:path';
import { readHeadCommit } from '../git/repoState';
import { runGit } from '../git/runGit';

export { readHeadCommit };

const recentCache = new Map<string, string[]>();

/**
 * The build waits for this signal, so git gets 10 s (50 commits' names take well under a second even in very large
 * repositories); a FIFO among the objects git reads (an unpacked archive can hold one) costs at most that, then no signal.
 */
export const RECENT_TIMEOUT_MS = 10_000;

/**
 * Paths changed in the last n commits, most recent first, deduplicated; commits touching more than maxPerCommit
 * files (imports, mass reformatting) are ignored. Cached per folder and HEAD commit, so repeated runs skip git.
 */
export async function recentlyChangedPaths(cwd: string, n = 50, maxPerCommit = 200): Promise<string[]> {
  const head = await readHeadCommit(cwd);
  const key = head ? `${resolve(cwd)}\u0000${head}\u0000${n}\u0000${maxPerCommit}` : null;
  const cached = key ? recentCache.get(key) : undefined;
  if (cached) return cached;
  const r = await runGit(['log', '--no-show-signature', '--no-ext-diff', '--no-textconv', '--no-renames', '--name-only', '--relative',
    '--format=tformat:@@commit', '-n', String(n)], { cwd, timeoutMs: RECENT_TIMEOUT_MS });
  if (!r.ok) return [];
  const seen = new Set<string>();
  for (const chunk of r.stdout.toString('utf8').split('@@commit\n')) {
    const paths = chunk.split('\n').filter(Boolean);
    if (paths.length > maxPerCommit) continue;
    for (const p of paths) seen.add(p);
  }
  const out = [...seen];
  if (key) {
    if (recentCache.size > 32) recentCache.clear();
    recentCache.set(key, out);
  }
  return out;
}
