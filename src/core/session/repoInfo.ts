import { readRepoState, stripCredentials, type RepoState } from '../git/repoState';

/** Where a comparison's repo stood: remote URL (credentials stripped), HEAD commit and dirty flag. */
export type RepoInfo = RepoState;

export { stripCredentials };

/** The one repo identity of a record, read with git plumbing only (nothing the repository names runs); a folder that is not a repo gives just its name (or `name`). */
export function readRepoInfo(root: string, name?: string): Promise<RepoInfo> {
  return readRepoState(root, name);
}
