/** Runs read-only git commands safely: no shell, no fsmonitor or pager, no system config, no prompts. */
import { execFile } from 'node:child_process';

/** Result of a git command: stdout on success, or a message. */
export type GitResult = { ok: true; stdout: string } | { ok: false; error: string };

/** Environment that keeps git from running hooks, helpers or reading system config. */
export function safeGitEnv(): NodeJS.ProcessEnv {
  return {
    ...process.env,
    GIT_CONFIG_NOSYSTEM: '1',
    GIT_OPTIONAL_LOCKS: '0',
    GIT_TERMINAL_PROMPT: '0',
    GIT_PAGER: 'cat',
    GIT_EXTERNAL_DIFF: '',
    LC_ALL: 'C',
  };
}

/** Runs `git -c core.fsmonitor=false ... args` in cwd; never rejects. */
export function runGit(cwd: string, args: string[], maxBuffer = 256 * 1024 * 1024): Promise<GitResult> {
  const fullArgs = ['-c', 'core.fsmonitor=false', '-c', 'core.hooksPath=/dev/null', '-c', 'diff.external=', ...args];
  return new Promise((resolve) => {
    execFile('git', fullArgs, { cwd, env: safeGitEnv(), maxBuffer, windowsHide: true, encoding: 'utf8' }, (err, stdout, stderr) => {
      if (err) resolve({ ok: false, error: (stderr || err.message).trim() });
      else resolve({ ok: true, stdout });
    });
  });
}

/** Paths changed in the last n commits, most recent first, deduplicated (repo-root relative, as git prints them). */
export async function recentlyChangedPaths(cwd: string, n = 50): Promise<string[]> {
  const r = await runGit(cwd, ['log', '--no-ext-diff', '--no-textconv', '--name-only', '--relative', '--format=', '-n', String(n), '-z']);
  if (!r.ok) return [];
  const seen = new Set<string>();
  for (const p of r.stdout.split(/[\0\n]/)) if (p && !seen.has(p)) seen.add(p);
  return [...seen];
}
