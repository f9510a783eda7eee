/** How a query-ranked context is filled: whole files up to a cap, the matching parts of larger ones, docs by need. */
import { fileKind, rankForQuery } from './codeRanking';
import { CodeIndex, SEARCH_CHARS } from './codeSearch';
import { importSpecs, resolveImports } from './importGraph';
import type { RankedFile } from './ranking';
import { excerpter } from './excerpt';
import type { CodeQuery } from './queryTerms';
import { readWhole, type RepoFile } from './readRepoFiles';
import type { FillOptions } from './selectFiles';
import { tokensWithin } from './tokenCount';

/** Share of the budget documentation, manifests and other non-code files may take when a query ranks the files. */
export const DOC_SHARE = 0.15;

/** Searches every source, test and doc file for the query (reading each whole, once) and ranks all files by it. */
export async function rankByQuery(files: RepoFile[], prior: RankedFile[], query: CodeQuery, recent: string[], maxBytes: number): Promise<RankedFile[]> {
  const index = new CodeIndex(query, importSpecs);
  let last = performance.now();
  for (const f of files) {
    const kind = fileKind(f.path);
    if (kind === 'other') continue;
    const buf = readWhole(f, maxBytes);
    if (buf) index.add(f.path, buf.toString('latin1', 0, Math.min(buf.length, SEARCH_CHARS)), kind === 'source' || kind === 'test');
    if (performance.now() - last > 25) {
      await new Promise<void>((res) => setImmediate(res));
      last = performance.now();
    }
  }
  const edges = resolveImports(new Set(files.map((f) => f.path)), index.specs);
  return rankForQuery(prior, index.hits(), edges, recent);
}

/** Fill options for a query: top files may take a quarter of the budget whole, others an eighth; larger ones go in parts. */
export function queryFill(query: CodeQuery, budget: number): FillOptions {
  return {
    capFor: (order) => Math.max(1500, Math.floor(budget * (order < 3 ? 0.25 : 0.125))),
    docCap: Math.floor(budget * DOC_SHARE),
    isDoc: (path) => fileKind(path) === 'doc' || fileKind(path) === 'other',
    // Only files the query reached, near the top, are worth cutting to parts.
    canExcerpt: (f, order) => order < 60 && f.score >= 1,
    excerpt: (_path, text, maxTokens) => {
      const cutTo = excerpter(text, query);
      let chars = maxTokens * 3.4;
      for (let i = 0; i < 5; i++) {
        const ex = cutTo(chars);
        if (ex.shownLines <= 8 || ex.ranges.length <= 1) return null; // nothing matched beyond the head
        const tokens = tokensWithin(ex.text, maxTokens);
        if (tokens !== null) return { text: ex.text, tokens, shownLines: ex.shownLines, totalLines: ex.totalLines };
        chars *= 0.8;
      }
      return null;
    },
  };
}
