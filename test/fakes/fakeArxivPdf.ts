/** Builds small, valid single-font PDFs with real text objects, for the fake arXiv server and paper tests. */

/** Escapes a string for a PDF literal string: backslash and parentheses. */
function pdfLiteral(text: string): string {
  return text.replace(/[\\()]/g, (c) => `\\${c}`).replace(/[^\x20-\x7e]/g, '?');
}

/** One page's worth of lines of text. */
export type PdfPage = string[];

/** Returns the bytes of a PDF whose pages show the given lines (Helvetica, top-down). */
export function buildTextPdf(pages: PdfPage[]): Buffer {
  const objects: string[] = [];
  const pageCount = Math.max(1, pages.length);
  // 1: catalog, 2: pages, 3: font, then per page: page obj, content obj
  const pageIds: number[] = [];
  for (let i = 0; i < pageCount; i++) pageIds.push(4 + i * 2);
  objects[1] = '<< /Type /Catalog /Pages 2 0 R >>';
  objects[2] = `<< /Type /Pages /Kids [${pageIds.map((id) => `${id} 0 R`).join(' ')}] /Count ${pageCount} >>`;
  objects[3] = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>';
  for (let i = 0; i < pageCount; i++) {
    const lines = pages[i] ?? [];
    const ops = ['BT', '/F1 11 Tf', '14 TL', '56 780 Td'];
    for (const line of lines) ops.push(`(${pdfLiteral(line)}) Tj`, 'T*');
    ops.push('ET');
    const stream = ops.join('\n');
    objects[pageIds[i]] = `<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 842] /Resources << /Font << /F1 3 0 R >> >> /Contents ${pageIds[i] + 1} 0 R >>`;
    objects[pageIds[i] + 1] = `<< /Length ${Buffer.byteLength(stream, 'latin1')} >>\nstream\n${stream}\nendstream`;
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
