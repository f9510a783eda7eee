/** How a query-ranked context is filled: whole files up to a cap, the matching parts of larger ones, docs by need. */
import { fileKind, rankForQuery } from './codeRanking';
import { CodeIndex, SEARCH_CHARS } from './codeSearch';
import { IMPORT_SCAN_CHARS, importSpecs, resolveImports } from './importGraph';
import type { RankedFile } from './ranking';
import { excerpter } from './excerpt';
import type { CodeQuery } from './queryTerms';
import { SNIFF_BYTES, type FileVisitor, type RepoFile } from './readRepoFiles';
import type { FillOptions } from './selectFiles';
import { tokensWithin } from './tokenCount';

/** Share of the budget documentation, manifests and other non-code files may take when a query ranks the files. */
export const DOC_SHARE = 0.15;

/** A listing read's visitor that searches source, test and doc files for a query as they are read, and the ranking that gives. */
export interface QueryIndexer extends FileVisitor {
  /** Ranks all files by the query's search hits and import graph (prior: the structural ranking). */
  rank(files: RepoFile[], prior: RankedFile[], recent: string[]): RankedFile[];
}

/** Indexes each source, test and doc file for the query while the listing read has it in memory (its first SEARCH_CHARS bytes). */
export function queryIndexer(query: CodeQuery): QueryIndexer {
  const index = new CodeIndex(query, importSpecs, IMPORT_SCAN_CHARS);
  return {
    bytes: (path) => (fileKind(path) === 'other' ? SNIFF_BYTES : SEARCH_CHARS),
    visit: (file, head) => {
      const kind = fileKind(file.path);
      if (kind !== 'other') index.addBytes(file.path, head, kind === 'source' || kind === 'test');
    },
    rank: (files, prior, recent) => rankForQuery(prior, index.hits(), resolveImports(new Set(files.map((f) => f.path)), index.specs), recent),
  };
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
