// Which commit a run was made against: name, HEAD, dirty flag and a credential-free remote URL.
import { readRepoState, stripCredentials } from '../core/git/repoState';
import type { ComparisonRecord } from '../core/results';

/** Removes `user:password@` from a URL-like remote so tokens never reach the results file. */
export function stripRemoteCredentials(remote: string): string {
  return stripCredentials(remote);
}

/** Repo identity for the record; fields git cannot tell (not a repo, no remote) are left out. */
export async function repoIdentity(root: string, name?: string): Promise<ComparisonRecord['repo']> {
  const s = await readRepoState(root, name);
  const repo: ComparisonRecord['repo'] = { name: s.name };
  if (s.commit) repo.commit = s.commit;
  if (s.dirty !== undefined) repo.dirty = s.dirty;
  if (s.remote) repo.remote = s.remote;
  return repo;
}
