// Worker-thread entry of PDF text extraction (bundled as dist/pdfWorker.js): a PDF is hostile input, and reading a
// crafted one can take minutes and gigabytes; here it cannot block the extension host or the CLI, and the caller
// stops it at a deadline or a memory limit (see pdfOffThread.ts). One PDF per worker.
import { parentPort } from 'node:worker_threads';
import type { PdfTextResult } from './pdfLimits';
import { pdfToText } from './pdfText';

/** The one message the caller sends: the PDF's bytes (transferred) and how many pages to read. */
export interface ToPdfWorker {
  bytes: Uint8Array;
  maxPages: number;
}

/** The worker's one answer. */
export interface FromPdfWorker {
  result: PdfTextResult;
}

parentPort?.once('message', (m: ToPdfWorker) => {
  void pdfToText(m.bytes, m.maxPages).then((result) => parentPort?.postMessage({ result } satisfies FromPdfWorker));
});
