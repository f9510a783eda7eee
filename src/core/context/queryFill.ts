/** How a query-ranked context is filled: whole files up to a cap, the matching parts of larger ones, docs by need. */
import { fileKind } from './codeRanking';
import { excerptFile } from './excerpt';
import type { CodeQuery } from './queryTerms';
import { readWhole, type RepoFile } from './readRepoFiles';
import type { FillOptions } from './selectFiles';
import { tokensWithin } from './tokenCount';

/** Share of the budget documentation, manifests and other non-code files may take when a query ranks the files. */
export const DOC_SHARE = 0.15;

/** Reads the whole text of every source, test and doc file (the searchable set), yielding between batches. */
export async function searchTexts(files: RepoFile[], maxBytes: number): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  let last = performance.now();
  for (const f of files) {
    if (fileKind(f.path) === 'other') continue;
    const buf = readWhole(f, maxBytes);
    if (buf) out.set(f.path, buf.toString('utf8'));
    if (performance.now() - last > 25) {
      await new Promise<void>((res) => setImmediate(res));
      last = performance.now();
    }
  }
  return out;
}

/** Fill options for a query: top files may take a quarter of the budget whole, others an eighth; larger ones go in parts. */
export function queryFill(query: CodeQuery, texts: Map<string, string>, budget: number): FillOptions {
  return {
    texts,
    capFor: (order) => Math.max(1500, Math.floor(budget * (order < 3 ? 0.25 : 0.125))),
    docCap: Math.floor(budget * DOC_SHARE),
    isDoc: (path) => fileKind(path) === 'doc' || fileKind(path) === 'other',
    excerpt: (_path, text, maxTokens) => {
      let chars = maxTokens * 3.4;
      for (let i = 0; i < 5; i++) {
        const ex = excerptFile(text, query, chars);
        if (ex.shownLines <= 8 || ex.ranges.length <= 1) return null; // nothing matched beyond the head
        const tokens = tokensWithin(ex.text, maxTokens);
        if (tokens !== null) return { text: ex.text, tokens, shownLines: ex.shownLines, totalLines: ex.totalLines };
        chars *= 0.8;
      }
      return null;
    },
  };
}
