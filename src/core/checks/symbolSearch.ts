import { describeGitFailure, runGit } from './gitRunner';

/** word -> the files (at the commit) where it occurs as a whole word. */
export type WordHits = Map<string, Set<string>>;

/**
 * Looks up many identifiers at once with a single `git grep -F -w -o` over the commit's tree.
 * Words that are not found are absent from the map.
 */
export async function findWords(repoRoot: string, commit: string, words: Iterable<string>, signal?: AbortSignal):
  Promise<{ ok: true; hits: WordHits } | { ok: false; error: string }> {
  const list = [...new Set([...words].filter((w) => w && !/[\n\r\0]/.test(w)))];
  const hits: WordHits = new Map();
  if (list.length === 0) return { ok: true, hits };
  const r = await runGit(['grep', '-F', '-w', '-o', '-I', '-z', '--no-color', '--full-name', '-f', '-', commit, '--'],
    { cwd: repoRoot, input: list.join('\n') + '\n', signal, okCodes: [1] });
  if (!r.ok) return { ok: false, error: describeGitFailure('Searching the repo for symbols', r) };
  const prefix = `${commit}:`;
  const out = r.stdout.toString('utf8');
  let pos = 0;
  while (pos < out.length) {
    const nul = out.indexOf('\0', pos);
    if (nul < 0) break;
    const nl = out.indexOf('\n', nul);
    const end = nl < 0 ? out.length : nl;
    let path = out.slice(pos, nul);
    if (path.startsWith(prefix)) path = path.slice(prefix.length);
    const word = out.slice(nul + 1, end);
    const set = hits.get(word);
    if (set) set.add(path); else hits.set(word, new Set([path]));
    pos = end + 1;
  }
  return { ok: true, hits };
}

/** Whole-word test of one identifier in a piece of text (same word rule as git grep -w). */
export function containsWord(text: string, word: string): boolean {
  let i = text.indexOf(word);
  while (i >= 0) {
    const before = i === 0 ? '' : text[i - 1];
    const after = text[i + word.length] ?? '';
    if (!/\w/.test(before) && !/\w/.test(after)) return true;
    i = text.indexOf(word, i + 1);
  }
  return false;
}
