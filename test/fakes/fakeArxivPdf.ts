/** Builds small, valid single-font PDFs with real text objects, for the fake arXiv server and paper tests. */
import { deflateSync } from 'node:zlib';

/** Escapes a string for a PDF literal string: backslash and parentheses. */
function pdfLiteral(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
}

/** One page's worth of lines of text. */
export type PdfPage = string[];

/** Returns the bytes of a PDF whose pages show the given lines (Helvetica, top-down). */
export function buildTextPdf(pages: PdfPage[]): Buffer {
  return assemblePdf(pages.length, (i) => {
    const ops = ['BT', '/F1 11 Tf', '14 TL', '56 780 Td'];
    for (const line of pages[i] ?? []) ops.push(`(${pdfLiteral(line)}) Tj`, 'T*');
    ops.push('ET');
    const stream = ops.join('\n');
    return `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
  });
}

/**
 * A crafted PDF: one page whose content stream (Flate-compressed, so the file stays small) draws `operations` text
 * runs. 2,000,000 of them make a 117 KB file that takes PDF.js seconds and ~1 GB to read.
 */
export function buildDensePdf(operations: number): Buffer {
  const stream = deflateSync(Buffer.from(`BT /F1 1 Tf ${'1 0 0 1 10 10 Tm (x) Tj '.repeat(operations)}ET`, 'latin1'), { level: 9 });
  return assemblePdf(1, () => `<< /Length ${stream.length} /Filter /FlateDecode >>\nstream\n${stream.toString('latin1')}\nendstream`);
}

/** A PDF of pageCount pages (at least one), each page's content stream object from contentOf. */
function assemblePdf(pages: number, contentOf: (page: number) => string): Buffer {
  const objects: string[] = [];
  const pageCount = Math.max(1, pages);
  // 1: catalog, 2: pages, 3: font, then per page: page obj, content obj
  const pageIds: number[] = [];
  for (let i = 0; i < pageCount; i++) pageIds.push(4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageCount} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  for (let i = 0; i < pageCount; i++) {
    objects[pageIds[i]] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`;
    objects[pageIds[i] + 1] = contentOf(i);
  }
  let out = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  for (let id = 1; id < objects.length; id++) {
    offsets[id] = Buffer.byteLength(out, 'latin1');
    out += `${id} 0 obj\n${objects[id]}\nendobj\n`;
  }
  const xrefAt = Buffer.byteLength(out, 'latin1');
  out += `xref\n0 ${objects.length}\n0000000000 65535 f \n`;
  for (let id = 1; id < objects.length; id++) out += `${String(offsets[id]).padStart(10, '0')} 00000 n \n`;
  out += `trailer\n<< /Size ${objects.length} /Root 1 0 R >>\nstartxref\n${xrefAt}\n%%EOF\n`;
  return Buffer.from(out, 'latin1');
}
