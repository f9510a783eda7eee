/** What reading a PDF may take (pages, time, memory), its result type, and the warning for a PDF read in part. */

/** Result of a PDF text extraction: the text of its first readPages pages (of pages). */
export type PdfTextResult = { ok: true; text: string; pages: number; readPages: number } | { ok: false; error: string };

/**
 * The most pages read from one PDF. A paper's block holds ~24k tokens (some 30 pages); a book, or a crafted file of
 * tens of thousands of tiny pages, took minutes and gigabytes (20,000 pages: 80 s and 600 MB more memory).
 */
export const MAX_PDF_PAGES = 300;

/**
 * How long reading one PDF may take. A long paper reads in a few seconds; a crafted page of millions of drawing
 * operations (a 117 KB file: 7 s and 950 MB; ten times that: minutes) is stopped here.
 */
export const PDF_DEADLINE_MS = 60_000;

/** The JavaScript heap the PDF reader may use, in MB (a long paper needs well under 200). */
export const PDF_MAX_MEMORY_MB = 1024;

/** The warning for a PDF read only in part, or null. */
export function partialPdfWarning(label: string, r: { pages: number; readPages: number }): string | null {
  return r.readPages < r.pages ? `${label}: only the first ${r.readPages} of its ${r.pages} pages were read` : null;
}
