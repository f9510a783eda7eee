import { describeGitFailure, runGit } from '../git/runGit';

/** Contents of files at a commit, read with one `git cat-file --batch` call; missing paths are absent. */
export type BlobMap = Map<string, Buffer>;

/** Reads many files at `commit` in a single git process. Result union: never throws. */
export async function readBlobs(repoRoot: string, commit: string, paths: readonly string[], signal?: AbortSignal):
  Promise<{ ok: true; blobs: BlobMap } | { ok: false; error: string }> {
  const wanted = [...new Set(paths)].filter((p) => p && !/[\n\r\0]/.test(p));
  const blobs: BlobMap = new Map();
  if (wanted.length === 0) return { ok: true, blobs };
  const input = wanted.map((p) => `${commit}:${p}\n`).join('');
  const r = await runGit(['cat-file', '--batch'], { cwd: repoRoot, input, signal });
  if (!r.ok) return { ok: false, error: describeGitFailure('Reading files', r) };
  const out = r.stdout;
  let pos = 0;
  for (const path of wanted) {
    const nl = out.indexOf(0x0a, pos);
    if (nl < 0) break;
    const header = out.subarray(pos, nl).toString('utf8');
    pos = nl + 1;
    const m = /^[0-9a-f]+ (\w+) (\d+)$/.exec(header);
    if (!m) continue; // "<name> missing" / "ambiguous": no content follows
    const size = Number(m[2]);
    if (m[1] === 'blob') blobs.set(path, out.subarray(pos, pos + size));
    pos += size + 1;
  }
  return { ok: true, blobs };
}

/** Number of lines in a file's content (a final line without newline counts). */
export function countLines(content: Buffer): number {
  if (content.length === 0) return 0;
  let n = 0;
  for (let i = content.indexOf(0x0a); i >= 0; i = content.indexOf(0x0a, i + 1)) n++;
  return content[content.length - 1] === 0x0a ? n : n + 1;
}
