import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { splitSections } from '../../../../src/core/paper/paperSections';
import { renderPaperBlock, renderPaperPool } from '../../../../src/core/paper/paperBlock';
import { paperHash } from '../../../../src/core/paper/loadPaper';
import { countTokens } from '../../../../src/core/context/tokenCount';
import type { Paper } from '../../../../src/core/paper/types';

function filler(word: string, n: number): string {
  return Array.from({ length: n }, (_, i) => `${word} sentence number ${i} explains one more detail of the ${word} part.`).join(' ');
}

function longPaper(): Paper {
  const text = [
    'A Long Paper', 'Abstract', 'Short abstract here.',
    '1 Introduction', filler('intro', 80),
    '2 Related Work', filler('related', 80),
    '3 Method', filler('method', 60),
    '3.1 Details', filler('detail', 30),
    '4 Experiments', filler('experiment', 80),
    '5 Conclusion', filler('conclusion', 20),
    'References', filler('reference', 50),
    'Appendix A', filler('appendix', 80),
    'B Extra Proofs', 'More proofs.',
  ].join('\n');
  return { source: 'pdf', id: 'long', title: 'A Long Paper', authors: ['X'], abstract: 'Short abstract here.', text, format: 'pdf', hash: paperHash('A Long Paper', '', text), warnings: [] };
}

describe('paper sections and cutting', () => {
  test('splits PDF text at numbered and known headings; subsections inherit their parent kind', () => {
    const s = splitSections(longPaper().text, 'pdf');
    assert.deepEqual(s.map((x) => [x.heading, x.kind]), [
      ['', 'front'],
      ['Abstract', 'abstract'], ['1 Introduction', 'intro'], ['2 Related Work', 'related'], ['3 Method', 'method'],
      ['3.1 Details', 'method'], ['4 Experiments', 'results'], ['5 Conclusion', 'conclusion'], ['References', 'references'], ['Appendix A', 'appendix'],
      ['B Extra Proofs', 'appendix'],
    ]);
    const md = splitSections('# T\n\n## Our Approach\nx\n### Tricks\ny\n## Results\nz', 'md');
    assert.deepEqual(md.map((x) => x.kind), ['other', 'method', 'method', 'results']);
    const tex = splitSections('\\section{Introduction}\na\n\\subsection{Setup}\nb\n\\section*{Proposed Model}\nc', 'tex');
    assert.deepEqual(tex.map((x) => x.kind), ['intro', 'intro', 'method']);
  });

  test('a long paper is cut to the budget: abstract and method first, order kept, omissions listed', () => {
    const p = longPaper();
    const full = renderPaperBlock(p, 100_000);
    assert.deepEqual(full.omittedSections, ['References']);
    assert.ok(full.text.includes('More proofs.'));
    const cut = renderPaperBlock(p, 2500);
    assert.ok(cut.tokens <= 2500, `${cut.tokens}`);
    assert.equal(cut.tokens, countTokens(cut.text));
    assert.ok(cut.text.includes('Short abstract here.'));
    assert.ok(cut.text.includes('method sentence number 59'));
    assert.ok(cut.text.includes('detail sentence number 29'));
    assert.ok(!cut.text.includes('related sentence number 3 '));
    assert.ok(cut.omittedSections.includes('2 Related Work'));
    assert.ok(cut.omittedSections.includes('References'));
    assert.ok(cut.text.indexOf('3 Method') < cut.text.indexOf('3.1 Details'));
    assert.match(cut.text, /\[omitted to fit the budget: "2 Related Work" \(\d+ tokens\)\]/);
    // Byte-stable: same input, same block.
    assert.equal(renderPaperBlock(p, 2500).text, cut.text);
  });

  test('a pool splits the budget between papers', () => {
    const a = longPaper();
    const b = { ...longPaper(), id: 'other', title: 'Other' };
    const pool = renderPaperPool([a, b], 4000);
    assert.ok(pool.tokens <= 4000, `${pool.tokens}`);
    assert.match(pool.text, /^<paper-pool count="2">\n<paper id="long">/);
    assert.ok(pool.text.includes('<paper id="other">'));
  });
});
