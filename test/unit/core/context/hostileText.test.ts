// Regression: a paper (or a file) whose text holds one enormous "word" broke the context build. A crafted PDF's text
// layer of 2,000,000 x's made a query term of that length; its search pattern was too large for the regex engine
// and the build threw ("Invalid regular expression"); past that, counting its tokens took minutes (see
// tokenCount.test.ts). Terms are now at most MAX_QUERY_TERM_CHARS long, and long runs are counted in pieces.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildContext } from '../../../../src/core/context/buildContext';
import { buildCodeQuery, MAX_QUERY_TERM_CHARS } from '../../../../src/core/context/queryTerms';
import { extractPaperTerms } from '../../../../src/core/context/paperTerms';
import type { Paper } from '../../../../src/core/paper/types';
import { makeRepo, type TempRepo } from './repoFixture';

const HUGE = 'x'.repeat(2_000_000);

function paperOf(text: string, abstract = text.slice(0, 5000)): Paper {
  return { source: 'pdf', id: 'crafted.pdf', title: 'A crafted paper', authors: [], abstract, text, format: 'pdf', hash: 'h', warnings: [] };
}

describe('a paper or file with one enormous word', () => {
  let repo: TempRepo;
  before(() => {
    repo = makeRepo({
      'src/cache.py': 'def merge_cache(x):\n    return x\n',
      'data/blob.txt': `${'A'.repeat(200_000)}\n`,
      'README.md': '# demo\n',
    }, { git: true });
  });
  after(() => repo.cleanup());

  test('regression: a text layer of 2,000,000 x\'s (in the text and the abstract) builds a context in seconds', async () => {
    const t0 = performance.now();
    const r = await buildContext({ repoRoot: repo.root, paper: paperOf(`Merge caches.\n\n${HUGE}\n\nWe use merge_cache.`, HUGE) });
    const ms = performance.now() - t0;
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.ok(ms < 15_000, `${Math.round(ms)} ms`);
    assert.ok(r.manifest.files.some((f) => f.path === 'src/cache.py'), 'the code the paper names is still found');
    assert.ok(r.manifest.papers[0].tokens > 0);
  });

  test('no query term is longer than MAX_QUERY_TERM_CHARS, and ordinary names are kept', () => {
    const q = buildCodeQuery([paperOf(`We call \`merge_cache\` and ${'y'.repeat(MAX_QUERY_TERM_CHARS + 1)} and \`${'z'.repeat(MAX_QUERY_TERM_CHARS + 5)}\``)]);
    assert.ok(q.terms.length > 0);
    for (const t of q.terms) assert.ok(t.term.length <= MAX_QUERY_TERM_CHARS, `a term of ${t.term.length} characters`);
    for (const id of q.identifiers) assert.ok(id.length <= MAX_QUERY_TERM_CHARS, `an identifier of ${id.length} characters`);
    assert.ok(q.terms.some((t) => t.term === 'merge_cache'));
    const words = extractPaperTerms(`Merging ${'w'.repeat(MAX_QUERY_TERM_CHARS + 1)}`, `caches caches ${'v'.repeat(5000)} ${'v'.repeat(5000)}`);
    assert.deepEqual(words, ['merging', 'cache']);
  });
});
