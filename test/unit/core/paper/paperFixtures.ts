/** Shared fixtures for paper tests: a fake arXiv paper with recognizable sections. */
import type { FakeArxivPaper } from '../../../fakes/fakeArxiv';

/** Pages of a small paper with numbered sections. */
export const PAPER_PAGES: string[][] = [
  [
    'Speculative Tokenizer Caching for Streaming Decoders',
    'Ada Lovelace, Alan Turing',
    'Abstract',
    'We cache tokenizer merges across streaming requests.',
    '1 Introduction',
    'Streaming decoders re-tokenize the same prefixes many times.',
    'This wastes time in every request.',
  ],
  [
    '3 Method',
    'We keep a merge cache keyed by byte pairs and evict with LRU.',
    '3.1 Cache Layout',
    'The cache is an open-addressing table of merge ranks.',
    '4 Experiments',
    'On long prompts the cache gives a 2.1x speedup.',
    '5 Related Work',
    'Prior tokenizers cache whole words only.',
    'References',
    '[1] Sennrich et al. Neural machine translation of rare words with subword units.',
  ],
];

/** The paper as the fake arXiv serves it. */
export const FAKE_PAPER: FakeArxivPaper = {
  id: '2602.15763',
  versions: ['v1', 'v2'],
  title: 'Speculative Tokenizer Caching for Streaming Decoders',
  authors: ['Ada Lovelace', 'Alan Turing'],
  abstract: 'We cache tokenizer merges across streaming requests & show speedups on long prompts.',
  pages: PAPER_PAGES,
  pagesByVersion: { v1: [['Speculative Tokenizer Caching (draft)', 'Abstract', 'Old version text.']] },
};
