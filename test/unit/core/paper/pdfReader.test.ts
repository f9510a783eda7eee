// Regression: a crafted PDF blocked the extension host. A 117 KB file whose one page draws 2,000,000 text runs
// (Flate-compressed) took 7 s and 950 MB of the host's own thread to read (ten times as many runs: minutes and more
// memory than the host has), and nothing stopped it: MAX_PDF_PAGES bounds the pages, not one page. A PDF is now read
// in a process of its own, stopped at a deadline (60 s) or a memory limit (1 GB of heap), and the caller's thread stays
// free. Regression: it was read in a worker thread, whose heap limit, when V8 reached it in the middle of a collection,
// ended the whole process (the unit suite's process under load; the extension host would have gone the same way).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildDensePdf, buildTextPdf } from '../../../fakes/fakeArxivPdf';
import { loadPaper } from '../../../../src/core/paper/loadPaper';
import { pdfWorkerPath, readPdfText } from '../../../../src/core/paper/pdfOffThread';
import { pdfToText } from '../../../../src/core/paper/pdfText';

/** Runs fn while counting 50 ms ticks of this thread's event loop. */
async function whileTicking<T>(fn: () => Promise<T>): Promise<{ value: T; ms: number; ticks: number }> {
  let ticks = 0;
  const iv = setInterval(() => ticks++, 50);
  const t0 = performance.now();
  try {
    const value = await fn();
    return { value, ms: performance.now() - t0, ticks };
  } finally {
    clearInterval(iv);
  }
}

describe('PDF reading off the thread, with a deadline and a memory limit', () => {
  let dir: string;
  let bomb: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'pw-pdf-reader-'));
    bomb = join(dir, 'dense-page.pdf');
    const bytes = buildDensePdf(2_000_000);
    assert.ok(bytes.length < 200_000, `the crafted PDF is ${bytes.length} bytes`);
    await writeFile(bomb, bytes);
  });
  after(() => rm(dir, { recursive: true, force: true }));

  test('regression: one page of 2,000,000 text runs is stopped at the deadline, and this thread keeps running', async () => {
    const { value: r, ms, ticks } = await whileTicking(() => loadPaper(bomb, { cacheDir: join(dir, 'cache'), pdfDeadlineMs: 2000 }));
    assert.equal(r.ok, false, 'the crafted PDF was read to the end: nothing stopped it');
    if (r.ok) return;
    assert.match(r.error, /^Could not load paper .*dense-page\.pdf: reading the PDF took longer than 2 s, so Pairwise stopped it .*pin a text or Markdown version of the paper instead\.$/);
    assert.ok(ms < 6000, `stopped after ${Math.round(ms)} ms`);
    // Ticks every 50 ms while the worker reads: the old code held this thread for the whole read (3 ticks in 7 s).
    assert.ok(ticks >= (ms / 50) * 0.5, `the event loop ticked ${ticks} times in ${Math.round(ms)} ms`);
  });

  test('the reader is stopped at its memory limit, with a message saying so', async () => {
    const r = await loadPaper(bomb, { cacheDir: join(dir, 'cache'), pdfMaxMemoryMb: 64, pdfDeadlineMs: 120_000 });
    assert.equal(r.ok, false);
    if (r.ok) return;
    assert.match(r.error, /reading the PDF needed more than 64 MB of memory, so Pairwise stopped it; pin a text or Markdown version/);
  });

  test('cancel stops the read at once', async () => {
    // The PDF is built first: building it is not part of the read (under load it alone took seconds).
    const bytes = buildDensePdf(2_000_000);
    const ac = new AbortController();
    let abortedAt = 0;
    setTimeout(() => { abortedAt = performance.now(); ac.abort(); }, 300);
    const r = await readPdfText(bytes, { signal: ac.signal });
    const ms = performance.now() - abortedAt;
    assert.deepEqual(r, { ok: false, error: 'cancelled' });
    assert.ok(abortedAt > 0 && ms < 1500, `the read ended ${Math.round(ms)} ms after the cancel`);
  });

  test('an ordinary PDF reads the same through the worker as in this thread, and the caller keeps its bytes', async () => {
    const pages = [['A Kernel for Attention', 'Abstract: we fuse the softmax into the matmul.'], ['Section 2', 'The kernel tiles queries (and keys) in blocks.']];
    const bytes = buildTextPdf(pages);
    const copy = Buffer.from(bytes);
    const off = await readPdfText(bytes);
    const here = await pdfToText(bytes);
    assert.ok(off.ok && here.ok);
    assert.deepEqual(off, here);
    assert.match(off.text, /fuse the softmax into the matmul/);
    assert.equal(off.pages, 2);
    assert.ok(bytes.equals(copy), 'the bytes given to the reader were changed or detached');
  });

  test('the worker entry is found beside the module (sources) and is missing elsewhere', () => {
    assert.match(pdfWorkerPath() ?? '', /pdfWorker\.ts$/);
    assert.equal(pdfWorkerPath(dir), undefined);
  });
});
