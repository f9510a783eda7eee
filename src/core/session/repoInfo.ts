import { execFile } from 'node:child_process';
import { basename } from 'node:path';
import { SAFE_GIT_FLAGS, safeGitEnv } from '../git/safeGit';

/** Where a comparison's repo stood: remote URL (credentials stripped), HEAD commit and dirty flag. */
export interface RepoInfo { name: string; remote?: string; commit?: string; dirty?: boolean }


function git(cwd: string, args: string[]): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile('git', [...SAFE_GIT_FLAGS, ...args], { cwd, env: safeGitEnv(), timeout: 10_000, maxBuffer: 4 * 1024 * 1024 }, (err, stdout) => resolve(err ? undefined : stdout.trim()));
  });
}

/** Removes `user:password@` from a remote URL so no credential reaches a record. */
export function stripCredentials(url: string): string {
  return url.replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

/** Reads repo identity with git (no hooks, no fsmonitor); a folder that is not a repo gives just its name. */
export async function readRepoInfo(root: string): Promise<RepoInfo> {
  const [remote, commit, status] = await Promise.all([
    git(root, ['config', '--get', 'remote.origin.url']),
    git(root, ['rev-parse', 'HEAD']),
    git(root, ['status', '--porcelain', '--untracked-files=no']),
  ]);
  const info: RepoInfo = { name: basename(root) };
  if (remote) info.remote = stripCredentials(remote);
  if (commit) info.commit = commit;
  if (status !== undefined && commit) info.dirty = status.length > 0;
  return info;
}
