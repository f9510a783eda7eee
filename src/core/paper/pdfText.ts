/** Extracts plain text from PDF bytes with unpdf, page by page, and tidies line breaks. */
import { extractText, getDocumentProxy, getResolvedPDFJS } from 'unpdf';

/** Result of a PDF text extraction. */
export type PdfTextResult = { ok: true; text: string; pages: number } | { ok: false; error: string };

/** Joins words hyphenated across line ends and normalizes whitespace and line endings. */
export function tidyPdfText(text: string): string {
  return text
    .replace(/\r\n?/g, '\n')
    .replace(/([a-z])-\n([a-z])/g, '$1$2')
    .replace(/[ \t]+\n/g, '\n')
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

/** Extracts the text of every page (pages separated by a blank line). */
export async function pdfToText(bytes: Uint8Array): Promise<PdfTextResult> {
  try {
    await resolvePdfjs();
    const doc = await getDocumentProxy(new Uint8Array(bytes));
    try {
      const { text, totalPages } = await extractText(doc, { mergePages: false });
      return { ok: true, text: tidyPdfText(text.join('\n\n')), pages: totalPages };
    } finally {
      await doc.loadingTask.destroy();
    }
  } catch (e) {
    return { ok: false, error: `could not read the PDF: ${(e as Error).message}` };
  }
}
