/** Extracts plain text from PDF bytes with unpdf, page by page, and tidies line breaks. */
import { extractText, getDocumentProxy } from 'unpdf';

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

/** Extracts the text of every page (pages separated by a blank line). */
export async function pdfToText(bytes: Uint8Array): Promise<PdfTextResult> {
  try {
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
