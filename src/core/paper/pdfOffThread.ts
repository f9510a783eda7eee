// Reads a PDF's text in a worker thread (dist/pdfWorker.js next to the bundle, or the .ts entry under tsx) with a
// deadline and a memory limit: a crafted PDF (one page of millions of drawing operations; a 117 KB file took 7 s and
// 950 MB in the extension host's own thread) is stopped with a message saying why, and the caller's thread stays free.
import { Worker } from 'node:worker_threads';
import { workerEntry } from '../workers/workerEntry';
import { MAX_PDF_PAGES, PDF_DEADLINE_MS, PDF_MAX_MEMORY_MB, type PdfTextResult } from './pdfLimits';
import type { FromPdfWorker, ToPdfWorker } from './pdfWorker';

/**
 * The worker entry: dist/pdfWorker.js next to the extension bundle or one folder up from the CLI's chunks (dist/cli/),
 * or pdfWorker.ts beside this module when running from sources under tsx.
 */
export function pdfWorkerPath(dir = __dirname): string | undefined {
  return workerEntry('pdfWorker', dir);
}

/** Options of {@link readPdfText}. */
export interface PdfReadOptions {
  /** Most pages read (default MAX_PDF_PAGES). */
  maxPages?: number;
  /** Stop reading after this long (default PDF_DEADLINE_MS). */
  deadlineMs?: number;
  /** The reader's JavaScript heap limit in MB (default PDF_MAX_MEMORY_MB). */
  maxMemoryMb?: number;
  signal?: AbortSignal;
  /** Worker entry; default {@link pdfWorkerPath}. */
  workerPath?: string;
}

const INSTEAD = 'pin a text or Markdown version of the paper instead';

/** The text of a PDF's first pages, read in a worker thread; never rejects (a stopped or failed read is `ok: false`). */
export function readPdfText(bytes: Uint8Array, opts: PdfReadOptions = {}): Promise<PdfTextResult> {
  const path = opts.workerPath ?? pdfWorkerPath();
  if (!path) return Promise.resolve({ ok: false, error: 'the PDF reader (pdfWorker.js) is missing beside Pairwise: reinstall it' });
  if (opts.signal?.aborted) return Promise.resolve({ ok: false, error: 'cancelled' });
  const deadline = opts.deadlineMs ?? PDF_DEADLINE_MS;
  const memory = opts.maxMemoryMb ?? PDF_MAX_MEMORY_MB;
  return new Promise<PdfTextResult>((resolve) => {
    let worker: Worker;
    try {
      // stdout/stderr: true keeps PDF.js's warnings off the caller's output (the CLI's --json goes to stdout).
      worker = new Worker(path, { resourceLimits: { maxOldGenerationSizeMb: memory }, stdout: true, stderr: true });
    } catch (e) {
      resolve({ ok: false, error: `the PDF reader could not start (${e instanceof Error ? e.message : String(e)})` });
      return;
    }
    worker.stdout.resume();
    worker.stderr.resume();
    let settled = false;
    const finish = (r: PdfTextResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      void worker.terminate();
      resolve(r);
    };
    const onAbort = (): void => finish({ ok: false, error: 'cancelled' });
    const timer = setTimeout(() => finish({ ok: false, error: `reading the PDF took longer than ${Math.round(deadline / 1000)} s, so Pairwise stopped it (a crafted page can hold millions of drawing operations); ${INSTEAD}` }), deadline);
    worker.on('message', (m: FromPdfWorker) => finish(m.result));
    worker.on('error', (e: Error & { code?: string }) => finish({ ok: false, error: e.code === 'ERR_WORKER_OUT_OF_MEMORY'
      ? `reading the PDF needed more than ${memory} MB of memory, so Pairwise stopped it; ${INSTEAD}`
      : `could not read the PDF: ${e.message}` }));
    worker.on('exit', (code) => finish({ ok: false, error: `the PDF reader stopped (exit code ${code})` }));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    // A copy is transferred: the caller keeps its bytes (it may hash or cache them).
    const copy = new Uint8Array(bytes);
    worker.postMessage({ bytes: copy, maxPages: opts.maxPages ?? MAX_PDF_PAGES } satisfies ToPdfWorker, [copy.buffer]);
  });
}
