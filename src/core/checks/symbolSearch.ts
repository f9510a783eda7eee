import { describeGitFailure, runGit } from '../git/runGit';

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
  const prefix = `${commit}:`;
  // Output is "<commit>:<path>\0<word>\n" per occurrence; parsed as it streams so a common word in a
  // large repo costs memory per (word, file) pair, not per occurrence.
  let rest = '';
  const onData = (chunk: Buffer): void => {
    const text = rest + chunk.toString('latin1');
    let pos = 0;
    for (let nl = text.indexOf('\n'); nl >= 0; nl = text.indexOf('\n', pos)) {
      const nul = text.indexOf('\0', pos);
      if (nul >= 0 && nul < nl) {
        let path = fromLatin1(text.slice(pos, nul));
        if (path.startsWith(prefix)) path = path.slice(prefix.length);
        const word = fromLatin1(text.slice(nul + 1, nl));
        const set = hits.get(word);
        if (set) set.add(path); else hits.set(word, new Set([path]));
      }
      pos = nl + 1;
    }
    rest = text.slice(pos);
  };
  const r = await runGit(['grep', '-F', '-w', '-o', '-I', '-z', '--no-color', '--full-name', '-f', '-', commit, '--'],
    { cwd: repoRoot, input: list.join('\n') + '\n', signal, okCodes: [1], onData });
  if (!r.ok) return { ok: false, error: describeGitFailure('Searching the repo for symbols', r) };
  return { ok: true, hits };
}

function fromLatin1(s: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
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
