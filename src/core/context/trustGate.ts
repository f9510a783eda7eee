/**
 * Workspace trust gate for building a context: an untrusted workspace never builds one (Compare and Preview
 * Context alike), because listing and reading a repository is the first step of sending it. Pure: the extension
 * passes vscode.workspace.isTrusted.
 */

/** The message shown when a context is refused in an untrusted workspace. */
export const UNTRUSTED_CONTEXT_MESSAGE = 'Pairwise builds no context and sends nothing in an untrusted workspace: the repository could carry settings '
  + 'that redirect data. Trust this folder (Workspaces: Manage Workspace Trust) to preview or compare.';

/** Runs `build` only in a trusted workspace; otherwise returns the refusal without calling it. */
export async function buildWhenTrusted<T>(trusted: boolean, build: () => Promise<T>): Promise<{ ok: true; value: T } | { ok: false; refusal: string }> {
  if (trusted !== true) return { ok: false, refusal: UNTRUSTED_CONTEXT_MESSAGE };
  return { ok: true, value: await build() };
}
