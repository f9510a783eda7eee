import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeArxiv, type FakeArxiv } from '../../../fakes/fakeArxiv';
import { buildTextPdf } from '../../../fakes/fakeArxivPdf';
import { loadPaper } from '../../../../src/core/paper/loadPaper';
import { loadPaperPool } from '../../../../src/core/paper/paperPool';
import { FAKE_PAPER, PAPER_PAGES } from './paperFixtures';

describe('loadPaper', () => {
  let fake: FakeArxiv;
  let dir: string;
  before(async () => {
    fake = await startFakeArxiv([FAKE_PAPER]);
    dir = await mkdtemp(join(tmpdir(), 'pw-paper-'));
  });
  after(async () => {
    await fake.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  test('loads from the fake arXiv, then from the cache once the fake is stopped', async () => {
    const cacheDir = join(dir, 'cache1');
    const ownFake = await startFakeArxiv([FAKE_PAPER]);
    const opts = { cacheDir, apiBase: ownFake.url, pdfBase: ownFake.url, timeoutMs: 5000 };
    const first = await loadPaper('https://arxiv.org/abs/2602.15763', opts);
    assert.ok(first.ok, first.ok ? '' : first.error);
    assert.equal(first.fromCache, false);
    assert.equal(first.paper.id, 'arXiv:2602.15763v2');
    assert.equal(first.paper.version, 'v2');
    assert.equal(first.paper.title, FAKE_PAPER.title);
    assert.deepEqual(first.paper.authors, FAKE_PAPER.authors);
    assert.equal(first.paper.abstract, FAKE_PAPER.abstract);
    assert.match(first.paper.text, /3 Method\nWe keep a merge cache/);
    assert.match(first.paper.hash, /^[0-9a-f]{64}$/);
    assert.deepEqual(ownFake.requests.map((r) => r.split('?')[0]), ['GET /api/query', 'GET /pdf/2602.15763v2']);
    await ownFake.close();

    for (const input of ['2602.15763', 'arxiv:2602.15763v2', 'https://arxiv.org/pdf/2602.15763v2.pdf']) {
      const again = await loadPaper(input, opts);
      assert.ok(again.ok, again.ok ? '' : again.error);
      assert.equal(again.fromCache, true);
      assert.equal(again.paper.hash, first.paper.hash);
      assert.equal(again.paper.text, first.paper.text);
    }
  });

  test('offline and uncached: a clear error naming the paper', async () => {
    const down = await startFakeArxiv([]);
    const url = down.url;
    await down.close();
    const r = await loadPaper('arXiv:2602.15763v1', { cacheDir: join(dir, 'empty'), apiBase: url, pdfBase: url, timeoutMs: 3000 });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /Paper arXiv:2602\.15763v1 is not in the paper cache and arXiv could not be reached/);
  });

  test('a specific version is fetched and cached separately', async () => {
    const opts = { cacheDir: join(dir, 'cache2'), apiBase: fake.url, pdfBase: fake.url };
    const v1 = await loadPaper('2602.15763v1', opts);
    assert.ok(v1.ok);
    assert.equal(v1.paper.version, 'v1');
    assert.match(v1.paper.text, /Old version text/);
    const v2 = await loadPaper('2602.15763v2', opts);
    assert.ok(v2.ok);
    assert.notEqual(v1.paper.hash, v2.paper.hash);
    const v1Again = await loadPaper('2602.15763v1', opts);
    assert.ok(v1Again.ok && v1Again.fromCache);
  });

  test('unknown id: an error that is not about being offline', async () => {
    const r = await loadPaper('2601.00001', { cacheDir: join(dir, 'c3'), apiBase: fake.url, pdfBase: fake.url });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /Could not load paper arXiv:2601\.00001: arXiv has no paper with this id/);
  });

  test('local PDF, Markdown, LaTeX, text and a typed brief', async () => {
    const pdfPath = join(dir, 'tokenizer-cache.pdf');
    await writeFile(pdfPath, buildTextPdf(PAPER_PAGES));
    const pdf = await loadPaper(pdfPath, { cacheDir: dir });
    assert.ok(pdf.ok, pdf.ok ? '' : pdf.error);
    assert.equal(pdf.paper.source, 'pdf');
    assert.equal(pdf.paper.id, 'tokenizer-cache');
    assert.equal(pdf.paper.title, 'Speculative Tokenizer Caching for Streaming Decoders');
    assert.equal(pdf.paper.abstract, 'We cache tokenizer merges across streaming requests.');

    const md = join(dir, 'idea.md');
    await writeFile(md, '# Faster Merges\r\n\r\n## Abstract\r\nMerge faster.\r\n\r\n## Method\r\nDo it.\r\n');
    const m = await loadPaper(md, { cacheDir: dir });
    assert.ok(m.ok);
    assert.equal(m.paper.title, 'Faster Merges');
    assert.equal(m.paper.abstract, 'Merge faster.');
    assert.ok(!m.paper.text.includes('\r'));

    const tex = join(dir, 'paper.tex');
    await writeFile(tex, '\\title{A TeX Paper}\n\\begin{abstract}\nShort abstract.\n\\end{abstract}\n\\section{Method}\nBody.\n');
    const t = await loadPaper(tex, { cacheDir: dir });
    assert.ok(t.ok);
    assert.equal(t.paper.title, 'A TeX Paper');
    assert.equal(t.paper.abstract, 'Short abstract.');

    const brief = await loadPaper({ brief: 'Cache BPE merges\nacross requests.' }, { cacheDir: dir });
    assert.ok(brief.ok);
    assert.equal(brief.paper.id, 'brief');
    assert.equal(brief.paper.title, 'Cache BPE merges');

    const bad = await loadPaper(join(dir, 'nope.docx'), { cacheDir: dir });
    assert.equal(bad.ok, false);
    assert.match(bad.ok ? '' : bad.error, /neither an arXiv id or URL/);
    const empty = await loadPaper({ brief: '  ' }, { cacheDir: dir });
    assert.equal(empty.ok, false);
  });

  test('a pool from a folder: sorted, unique ids, errors collected', async () => {
    const pool = join(dir, 'pool');
    await import('node:fs/promises').then((fs) => fs.mkdir(pool));
    await writeFile(join(pool, 'b-idea.md'), '# B idea\n\nText.');
    await writeFile(join(pool, 'a-idea.txt'), 'A idea\n\nText.');
    await writeFile(join(pool, 'notes.docx'), 'ignored');
    const r = await loadPaperPool({ folder: pool }, { cacheDir: dir });
    assert.deepEqual(r.papers.map((p) => p.id), ['a-idea', 'b-idea']);
    assert.deepEqual(r.errors, []);
    const list = await loadPaperPool({ items: [join(pool, 'a-idea.txt'), join(pool, 'a-idea.txt'), 'not-a-thing'] }, { cacheDir: dir });
    assert.deepEqual(list.papers.map((p) => p.id), ['a-idea', 'a-idea-2']);
    assert.equal(list.errors.length, 1);
  });
});
