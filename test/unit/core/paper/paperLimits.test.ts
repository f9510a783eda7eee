// Regression: a paper could take the host's memory and minutes. A PDF of 20,000 tiny pages (6.7 MB) took 80 s and
// 600 MB more memory to read in full, an arXiv answer (the API or a PDF, from a mirror set in the settings) was read
// whole however large, and a local paper file of any size was read into memory. Now a PDF is read up to its first
// 300 pages (with a warning), answers and files have size caps, and what is too large says so with its size.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { startFakeArxiv, type FakeArxiv } from '../../../fakes/fakeArxiv';
import { buildTextPdf } from '../../../fakes/fakeArxivPdf';
import { loadPaper, MAX_TEXT_PAPER_BYTES } from '../../../../src/core/paper/loadPaper';
import { MAX_PDF_PAGES } from '../../../../src/core/paper/pdfLimits';
import { pdfToText } from '../../../../src/core/paper/pdfText';
import { FAKE_PAPER } from './paperFixtures';

/** A server whose every answer is `bytes` bytes of `fill`, with or without a Content-Length; it counts what it wrote. */
async function bigServer(bytes: number, withLength: boolean): Promise<{ url: string; written: () => number; close: () => Promise<void> }> {
  let written = 0;
  const server: Server = createServer((req, res) => {
    res.writeHead(200, withLength ? { 'content-type': 'application/pdf', 'content-length': String(bytes) } : { 'content-type': 'application/pdf' });
    const chunk = Buffer.alloc(64 * 1024, 0x25);
    const pump = (): void => {
      while (written < bytes) {
        written += chunk.length;
        if (!res.write(chunk)) { res.once('drain', pump); return; }
      }
      res.end();
    };
    res.on('error', () => undefined);
    req.socket.on('error', () => undefined);
    pump();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    written: () => written,
    close: () => new Promise<void>((r) => { server.closeAllConnections(); server.close(() => r()); }),
  };
}

describe('paper size limits', () => {
  let dir: string;
  let fake: FakeArxiv;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pw-paper-limits-'));
    fake = await startFakeArxiv([FAKE_PAPER]);
  });
  after(async () => {
    await fake.close().catch(() => undefined);
    await rm(dir, { recursive: true, force: true });
  });

  test('regression: a PDF of 2,000 pages is read up to its first 300, with a warning naming both counts', async () => {
    const pages = Array.from({ length: 2000 }, (_, i) => [`Page ${i + 1} of a long report on attention kernels.`]);
    const path = join(dir, 'long-report.pdf');
    await writeFile(path, buildTextPdf(pages));
    const r = await loadPaper(path, { cacheDir: join(dir, 'cache') });
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.match(r.paper.text, /Page 300 of a long report/);
    assert.doesNotMatch(r.paper.text, /Page 301 of/);
    assert.deepEqual(r.paper.warnings, [`long-report.pdf: only the first ${MAX_PDF_PAGES} of its 2000 pages were read`]);
  });

  test('pages are read in order, one page per block, the same text unpdf\'s extractText gave; a short PDF gets no warning', async () => {
    const pdf = buildTextPdf([['first page', 'second line'], ['page two'], ['page three']]);
    const all = await pdfToText(pdf);
    assert.ok(all.ok);
    assert.deepEqual({ text: all.text, pages: all.pages, readPages: all.readPages }, { text: 'first page\nsecond line\n\npage two\n\npage three', pages: 3, readPages: 3 });
    const two = await pdfToText(pdf, 2);
    assert.ok(two.ok);
    assert.deepEqual({ text: two.text, pages: two.pages, readPages: two.readPages }, { text: 'first page\nsecond line\n\npage two', pages: 3, readPages: 2 });
  });

  test('regression: a local paper file larger than the cap is refused with its size, before it is read', async () => {
    const big = join(dir, 'huge-notes.md');
    const fh = await open(big, 'w');
    await fh.truncate(MAX_TEXT_PAPER_BYTES + 1); // sparse: nothing is written, but stat says 20 MB + 1 byte
    await fh.close();
    const r = await loadPaper(big, { cacheDir: join(dir, 'cache') });
    assert.equal(r.ok, false);
    assert.match(r.ok ? '' : r.error, /^Cannot use .*huge-notes\.md as a paper: it is 20.1 MB, and Pairwise reads papers up to 20 MB as text\. Pin the paper's arXiv id, or a shorter version of it\.$/);

    const pdf = join(dir, 'scan.pdf');
    await writeFile(pdf, buildTextPdf([['x'.repeat(2000)]]));
    const p = await loadPaper(pdf, { cacheDir: join(dir, 'cache'), maxPdfBytes: 1024 });
    assert.equal(p.ok, false);
    assert.match(p.ok ? '' : p.error, /it is \d+ KB, and Pairwise reads papers up to 1 KB as PDF/);
  });

  for (const withLength of [true, false]) {
    test(`regression: a PDF download larger than the cap stops there (${withLength ? 'Content-Length says so' : 'no Content-Length: counted while read'}); the abstract is used, with a warning`, async () => {
      const server = await bigServer(64 * 1024 * 1024, withLength);
      try {
        const r = await loadPaper('2602.15763v2', { cacheDir: join(dir, `cache-${withLength}`), apiBase: fake.url, pdfBase: server.url, timeoutMs: 20_000, maxPdfBytes: 1024 * 1024 });
        assert.ok(r.ok, r.ok ? '' : r.error);
        assert.equal(r.paper.text, FAKE_PAPER.abstract);
        assert.deepEqual(r.paper.warnings, ['full text of arXiv:2602.15763v2 unavailable (the PDF is larger than 1 MB); using the abstract only']);
        assert.ok(server.written() < 32 * 1024 * 1024, `the server wrote ${server.written()} bytes: the download was not stopped`);
      } finally {
        await server.close();
      }
    });
  }

  test('regression: an arXiv API answer larger than 5 MB is refused, naming the size', async () => {
    const server = await bigServer(40 * 1024 * 1024, false);
    try {
      const r = await loadPaper('2602.15763v2', { cacheDir: join(dir, 'cache-atom'), apiBase: server.url, pdfBase: server.url, timeoutMs: 20_000 });
      assert.equal(r.ok, false);
      assert.equal(r.ok ? '' : r.error, 'Could not load paper arXiv:2602.15763v2: the arXiv API answer is larger than 5 MB.');
      assert.ok(server.written() < 30 * 1024 * 1024, `the server wrote ${server.written()} bytes`);
    } finally {
      await server.close();
    }
  });
});
