// Entry of the PDF reader's process (bundled as dist/pdfWorker.js): a PDF is hostile input, and reading a crafted one
// can take minutes and gigabytes; here it cannot block the extension host or the CLI, and running out of memory ends
// this process alone (see pdfOffThread.ts, which stops it at a deadline too). One PDF per process.
import type { PdfTextResult } from './pdfLimits';
import { pdfToText } from './pdfText';

/** The one message the caller sends: the PDF's bytes and how many pages to read. */
export interface ToPdfWorker {
  bytes: Uint8Array;
  maxPages: number;
}

/** The reader's one answer. */
export interface FromPdfWorker {
  result: PdfTextResult;
}

process.once('message', (m: ToPdfWorker) => {
  void pdfToText(m.bytes, m.maxPages).then((result) => {
    if (process.connected) process.send?.({ result } satisfies FromPdfWorker, () => process.exit(0));
    else process.exit(0);
  });
});
// The caller is gone: nothing will read the answer.
process.once('disconnect', () => process.exit(0));
