// Which commit a run was made against: name, HEAD, dirty flag and a credential-free remote URL.
import { basename } from 'node:path';
import { runGit } from '../core/context/gitRunner';
import type { ComparisonRecord } from '../core/results';

/** Removes `user:password@` from a URL-like remote so tokens never reach the results file. */
export function stripRemoteCredentials(remote: string): string {
  return remote.trim().replace(/^([a-z][a-z0-9+.-]*:\/\/)[^@/]*@/i, '$1');
}

/** Repo identity for the record; fields git cannot tell (not a repo, no remote) are left out. */
export async function repoIdentity(root: string, name?: string): Promise<ComparisonRecord['repo']> {
  const repo: ComparisonRecord['repo'] = { name: name ?? basename(root) };
  const [head, status, remote] = await Promise.all([
    runGit(root, ['rev-parse', 'HEAD']),
    runGit(root, ['status', '--porcelain', '--untracked-files=no']),
    runGit(root, ['remote', 'get-url', 'origin']),
  ]);
  if (head.ok && /^[0-9a-f]{40,64}$/.test(head.stdout.trim())) repo.commit = head.stdout.trim();
  if (status.ok) repo.dirty = status.stdout.trim().length > 0;
  if (remote.ok && remote.stdout.trim()) repo.remote = stripRemoteCredentials(remote.stdout);
  return repo;
}
