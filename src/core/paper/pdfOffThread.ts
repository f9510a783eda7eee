// Reads a PDF's text in a process of its own (dist/pdfWorker.js next to the bundle, or the .ts entry under tsx) with a
// deadline and a memory limit: a crafted PDF (one page of millions of drawing operations; a 117 KB file took 7 s and
// 950 MB in the extension host's own thread) is stopped with a message saying why, and the caller's thread stays free.
import type { ChildProcess } from 'node:child_process';
import { forkEntry, workerEntry } from '../workers/workerEntry';
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
  /** The reader's entry; default {@link pdfWorkerPath}. */
  workerPath?: string;
}

const INSTEAD = 'pin a text or Markdown version of the paper instead';

/** The end of the reader's stderr kept to tell why it stopped (V8 says so when the heap runs out). */
const STDERR_KEPT = 4096;

/** The text of a PDF's first pages, read in a process of its own; never rejects (a stopped or failed read is `ok: false`). */
export function readPdfText(bytes: Uint8Array, opts: PdfReadOptions = {}): Promise<PdfTextResult> {
  const path = opts.workerPath ?? pdfWorkerPath();
  if (!path) return Promise.resolve({ ok: false, error: 'the PDF reader (pdfWorker.js) is missing beside Pairwise: reinstall it' });
  if (opts.signal?.aborted) return Promise.resolve({ ok: false, error: 'cancelled' });
  const deadline = opts.deadlineMs ?? PDF_DEADLINE_MS;
  const memory = opts.maxMemoryMb ?? PDF_MAX_MEMORY_MB;
  const outOfMemory = `reading the PDF needed more than ${memory} MB of memory, so Pairwise stopped it; ${INSTEAD}`;
  return new Promise<PdfTextResult>((resolve) => {
    let child: ChildProcess;
    try {
      child = forkEntry(path, {
        // The heap limit is the process's own: running out of it ends the reader, never the caller (a worker thread's
        // limit could bring down the whole process when V8 hit it in the middle of a collection).
        execArgv: [`--max-old-space-size=${memory}`],
        // PDF.js's warnings stay off the caller's output (the CLI's --json goes to stdout); stderr says why it stopped.
        stdio: ['ignore', 'ignore', 'pipe', 'ipc'],
      });
    } catch (e) {
      resolve({ ok: false, error: `the PDF reader could not start (${e instanceof Error ? e.message : String(e)})` });
      return;
    }
    let stderr = '';
    child.stderr?.on('data', (b: Buffer) => { stderr = (stderr + b.toString('utf8')).slice(-STDERR_KEPT); });
    let settled = false;
    const finish = (r: PdfTextResult): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      opts.signal?.removeEventListener('abort', onAbort);
      child.kill('SIGKILL');
      resolve(r);
    };
    const onAbort = (): void => finish({ ok: false, error: 'cancelled' });
    const timer = setTimeout(() => finish({ ok: false, error: `reading the PDF took longer than ${Math.round(deadline / 1000)} s, so Pairwise stopped it (a crafted page can hold millions of drawing operations); ${INSTEAD}` }), deadline);
    child.on('message', (m: FromPdfWorker) => finish(m.result));
    child.on('error', (e: Error) => finish({ ok: false, error: `could not read the PDF: ${e.message}` }));
    // The exit may come before the last of stderr: 'close' waits for it.
    child.on('close', (code, signal) => finish(/heap out of memory|Reached heap limit/i.test(stderr) ? { ok: false, error: outOfMemory }
      : { ok: false, error: `the PDF reader stopped (${signal ? `signal ${signal}` : `exit code ${code}`})` }));
    opts.signal?.addEventListener('abort', onAbort, { once: true });
    // Out of file descriptors (EMFILE, ENFILE) the reader gets no channel: its 'error' says why (sending threw).
    if (child.connected) child.send({ bytes, maxPages: opts.maxPages ?? MAX_PDF_PAGES } satisfies ToPdfWorker);
  });
}
