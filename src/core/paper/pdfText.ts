/** Extracts plain text from PDF bytes with unpdf, page by page, and tidies line breaks (in the PDF worker: see pdfOffThread.ts). */
import { getDocumentProxy, getResolvedPDFJS } from 'unpdf';
import type { PDFDocumentProxy } from 'unpdf/pdfjs';
import { trimEndChars } from '../text/trimChars';
import { MAX_PDF_PAGES, type PdfTextResult } from './pdfLimits';

/**
 * Joins words hyphenated across line ends and normalizes whitespace and line endings. Spaces before line breaks go
 * line by line: `/[ \t]+\n/g` rescanned a run of spaces from each of them (a text layer of 200,000 spaces, a few KB
 * of PDF, took 30 s and ran the worker into its deadline).
 */
export function tidyPdfText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/([a-z])-\n([a-z])/g, '$1$2')
    .split('\n').map((line) => trimEndChars(line, ' \t')).join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim();
}

let pdfjsReady: Promise<unknown> | undefined;
/**
 * Resolves unpdf's PDF.js once. PDF.js initialises with `globalThis.navigator ??= {}`; VS Code's extension host
 * exposes `navigator` as a getter without a setter, so for that one step a plain value stands in, then the
 * host's own property is put back.
 */
function resolvePdfjs(): Promise<unknown> {
  pdfjsReady ??= (async () => {
    const d = Object.getOwnPropertyDescriptor(globalThis, 'navigator');
    const blocked = !!d && !!d.get && !d.set && d.configurable === true;
    if (blocked) Object.defineProperty(globalThis, 'navigator', { value: {}, writable: true, configurable: true });
    try { return await getResolvedPDFJS(); } finally { if (blocked && d) Object.defineProperty(globalThis, 'navigator', d); }
  })().catch((e: unknown) => { pdfjsReady = undefined; throw e; });
  return pdfjsReady;
}

/** One page's text: its text items in order, a line break after each that ends a line (as unpdf's extractText). */
async function pageText(doc: PDFDocumentProxy, n: number): Promise<string> {
  const content = await (await doc.getPage(n)).getTextContent();
  let out = '';
  for (const item of content.items) if ('str' in item) out += item.hasEOL ? `${item.str}\n` : item.str;
  return out;
}

/** Extracts the text of the first maxPages pages, one page at a time (pages separated by a blank line). */
export async function pdfToText(bytes: Uint8Array, maxPages = MAX_PDF_PAGES): Promise<PdfTextResult> {
  try {
    await resolvePdfjs();
    const doc = await getDocumentProxy(new Uint8Array(bytes));
    try {
      const readPages = Math.min(doc.numPages, Math.max(1, maxPages));
      const texts: string[] = [];
      for (let n = 1; n <= readPages; n++) texts.push(await pageText(doc, n));
      return { ok: true, text: tidyPdfText(texts.join('\n\n')), pages: doc.numPages, readPages };
    } finally {
      await doc.loadingTask.destroy();
    }
  } catch (e) {
    return { ok: false, error: `could not read the PDF: ${(e as Error).message}` };
  }
}
