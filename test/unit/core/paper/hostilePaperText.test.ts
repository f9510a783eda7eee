// Regression: papers are hostile text, read on the extension host's thread (a .md/.tex/.txt file may have 20 MB, an
// arXiv API answer 5 MB, from a configurable server). Measured before the fix: a Markdown line of `# a`, 200,000
// spaces and `x` took 72 s to split into sections (50,000 spaces 3.5 s); a .tex file of 1 MB of unclosed
// \begin{abstract} took 11 s to find its abstract; an Atom answer of 200,000 characters of unclosed `<entry ` took 2.9 s
// (5 MB: many minutes) and 200,000 of unclosed CDATA sections 0.25 s (1 MB: 6 s). Each is one linear pass now, with the
// same results. A PDF's text layer of 200,000 spaces (a few KB of crafted PDF) took 30 s to tidy, running the PDF
// worker into its deadline; that is linear too. (Results checked against the old code on 1.4 million generated
// headings, 300,000 generated answers and 300,000 generated text layers.)
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { markdownHeading, splitSections } from '../../../../src/core/paper/paperSections';
import { loadPaper } from '../../../../src/core/paper/loadPaper';
import { decodeXml, parseArxivAtom } from '../../../../src/core/paper/arxivAtom';
import { tidyPdfText } from '../../../../src/core/paper/pdfText';

async function within<T>(limitMs: number, f: () => T | Promise<T>): Promise<T> {
  const t0 = performance.now();
  const value = await f();
  const ms = performance.now() - t0;
  assert.ok(ms < limitMs, `${Math.round(ms)} ms`);
  return value;
}

describe('crafted paper text is read in linear time', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'pairwise-hostile-paper-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('regression: a Markdown heading line with 200,000 spaces inside', async () => {
    const line = `# a${' '.repeat(200_000)}x`;
    const sections = await within(2000, () => splitSections(`${line}\nbody\n`, 'md'));
    assert.equal(sections[0].heading, line.slice(2));
  });

  test('Markdown headings read as before', () => {
    const cases: Array<[string, string | null]> = [['## Method ##', 'Method'], ['# Title', 'Title'], ['### 3.1 Setup  #', '3.1 Setup'],
      ['#### Too deep', null], ['#NoSpace', null], ['#   ', ' '], ['# #', '#'], ['## a # b', 'a # b'], ['# a\u2028b', null], ['', null]];
    for (const [line, want] of cases) assert.equal(markdownHeading(line), want, JSON.stringify(line));
  });

  test('regression: a .tex paper of 1 MB of unclosed \\begin{abstract}', async () => {
    const file = join(dir, 'crafted.tex');
    writeFileSync(file, `\\title{Crafted}\n${'\\begin{abstract}'.repeat(65_536)}`);
    const r = await within(3000, () => loadPaper(file, { cacheDir: join(dir, 'cache') }));
    assert.ok(r.ok, r.ok ? '' : r.error);
    const closed = join(dir, 'closed.tex');
    writeFileSync(closed, '\\title{A Real Title}\n\\begin{abstract}\n We cache merges.\n\\end{abstract}\n\\begin{abstract}x\\end{abstract}\n');
    const c = await loadPaper(closed, { cacheDir: join(dir, 'cache') });
    assert.ok(c.ok && c.paper.abstract === 'We cache merges.', c.ok ? c.paper.abstract : c.error);
  });

  test('regression: a PDF text layer with a run of 200,000 spaces is tidied in milliseconds, as before', async () => {
    const spaces = ' '.repeat(200_000);
    assert.equal(await within(2000, () => tidyPdfText(`a${spaces}b\r\nhyphen-\nated \t\n\n\n\nend  `)), `a${spaces}b\nhyphenated\n\nend`);
  });

  test('regression: an arXiv answer of unclosed <entry tags and CDATA sections', async () => {
    assert.deepEqual(await within(2000, () => parseArxivAtom('<entry '.repeat(150_000))), { ok: true, entries: [] });
    assert.deepEqual(await within(2000, () => parseArxivAtom(`<entry>${'<title>'.repeat(150_000)}</entry>`)), { ok: true, entries: [] });
    const cdata = '<![CDATA['.repeat(120_000);
    assert.equal(await within(2000, () => decodeXml(cdata)), cdata);
    assert.equal(decodeXml('a<![CDATA[<b>]]>&amp;<![CDATA[c'), 'a<b>&<![CDATA[c');
  });
});
