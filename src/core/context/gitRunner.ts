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

/** Paths changed in the last n commits, most recent first, deduplicated; commits touching more than maxPerCommit files (imports, mass reformatting) are ignored. */
export async function recentlyChangedPaths(cwd: string, n = 50, maxPerCommit = 200): Promise<string[]> {
  const r = await runGit(cwd, ['-c', 'core.quotePath=false', 'log', '--no-ext-diff', '--no-textconv', '--no-renames', '--name-only', '--relative', '--format=@@commit', '-n', String(n)]);
  if (!r.ok) return [];
  const seen = new Set<string>();
  for (const chunk of r.stdout.split('@@commit\n')) {
    const paths = chunk.split('\n').filter(Boolean);
    if (paths.length > maxPerCommit) continue;
    for (const p of paths) seen.add(p);
  }
  return [...seen];
}
