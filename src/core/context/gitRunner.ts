/** Runs read-only git commands safely: no shell, no fsmonitor or pager, no system config, no prompts. */
import { execFile } from 'node:child_process';
import { readFile, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { SAFE_GIT_FLAGS, safeGitEnv } from '../git/safeGit';

/** Result of a git command: stdout on success, or a message. */
export type GitResult = { ok: true; stdout: string } | { ok: false; error: string };

/** Runs `git <SAFE_GIT_FLAGS> args` in cwd; never rejects. */
export function runGit(cwd: string, args: string[], maxBuffer = 256 * 1024 * 1024): Promise<GitResult> {
  const fullArgs = [...SAFE_GIT_FLAGS, ...args];
  return new Promise((resolve) => {
    execFile('git', fullArgs, { cwd, env: safeGitEnv(), maxBuffer, windowsHide: true, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) resolve({ ok: false, error: (stderr || err.message).trim() });
      else resolve({ ok: true, stdout });
    });
  });
}

/** Reads the commit HEAD points at straight from the .git directory (no process); null when unsure. */
export async function readHeadCommit(root: string): Promise<string | null> {
  try {
    let dir = resolve(root);
    for (;;) {
      const dotGit = join(dir, '.git');
      const st = await stat(dotGit).catch(() => null);
      if (st?.isDirectory()) {
        const head = (await readFile(join(dotGit, 'HEAD'), 'utf8')).trim();
        if (/^[0-9a-f]{40,64}$/.test(head)) return head;
        const ref = /^ref: (refs\/[^\s]+)$/.exec(head)?.[1];
        if (!ref) return null;
        const loose = await readFile(join(dotGit, ref), 'utf8').catch(() => null);
        if (loose && /^[0-9a-f]{40,64}\s*$/.test(loose)) return loose.trim();
        const packed = await readFile(join(dotGit, 'packed-refs'), 'utf8').catch(() => '');
        const line = packed.split('\n').find((l) => l.endsWith(` ${ref}`));
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

const recentCache = new Map<string, string[]>();

/**
 * Paths changed in the last n commits, most recent first, deduplicated; commits touching more than maxPerCommit
 * files (imports, mass reformatting) are ignored. Cached per folder and HEAD commit, so repeated runs skip git.
 */
export async function recentlyChangedPaths(cwd: string, n = 50, maxPerCommit = 200): Promise<string[]> {
  const head = await readHeadCommit(cwd);
  const key = head ? `${resolve(cwd)}\u0000${head}\u0000${n}\u0000${maxPerCommit}` : null;
  const cached = key ? recentCache.get(key) : undefined;
  if (cached) return cached;
  const r = await runGit(cwd, ['-c', 'core.quotePath=false', 'log', '--no-ext-diff', '--no-textconv', '--no-renames', '--name-only', '--relative', '--format=tformat:@@commit', '-n', String(n)]);
  if (!r.ok) return [];
  const seen = new Set<string>();
  for (const chunk of r.stdout.split('@@commit\n')) {
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
