// RFC 4180 CSV writing and reading.

/** A value a CSV cell can hold. */
export type CsvValue = string | number | boolean | null | undefined;

const FORMULA_START = /^[=+\-@\t\r]/;

/**
 * Numbers are written to 15 significant digits (no binary float noise such as 0.0043349999999999994).
 * Quotes one cell when needed (comma, quote, CR/LF, or leading/trailing space). With guardFormulas, text that a
 * spreadsheet would run as a formula (starts with = + - @ tab CR) gets a leading apostrophe; numbers are left as is.
 */
export function csvField(v: CsvValue, guardFormulas = true): string {
  if (v === null || v === undefined) return '';
  if (typeof v === 'number') return Number.isFinite(v) ? String(Number.isInteger(v) ? v : Number(v.toPrecision(15))) : '';
  if (typeof v === 'boolean') return v ? 'true' : 'false';
  let s = v;
  if (guardFormulas && FORMULA_START.test(s)) s = `'${s}`;
  return /[",\r\n]|^\s|\s$/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

/** One CSV line (no line ending). */
export function csvRow(values: readonly CsvValue[], guardFormulas = true): string {
  return values.map((v) => csvField(v, guardFormulas)).join(',');
}

/** Header plus rows joined with CRLF, as RFC 4180 asks. */
export function csvDocument(header: readonly string[], rows: readonly (readonly CsvValue[])[], guardFormulas = true): string {
  const out = [csvRow(header, false)];
  for (const r of rows) out.push(csvRow(r, guardFormulas));
  return `${out.join('\r\n')}\r\n`;
}

/** Parses CSV text into rows of fields (quoted fields may hold commas, quotes and newlines). */
export function parseCsv(text: string): { rows: string[][]; error?: string } {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  while (i < src.length) {
    const c = src[i];
    if (quoted) {
      if (c === '"') {
        if (src[i + 1] === '"') { field += '"'; i += 2; continue; }
        quoted = false; i += 1; continue;
      }
      field += c; i += 1; continue;
    }
    if (c === '"' && field === '') { quoted = true; i += 1; continue; }
    if (c === ',') { row.push(field); field = ''; i += 1; continue; }
    if (c === '\n' || c === '\r') {
      row.push(field); field = '';
      if (!(row.length === 1 && row[0] === '')) rows.push(row);
      row = [];
      i += c === '\r' && src[i + 1] === '\n' ? 2 : 1;
      continue;
    }
    field += c; i += 1;
  }
  if (quoted) return { rows, error: 'unterminated quoted field at end of file' };
  if (field !== '' || row.length > 0) { row.push(field); rows.push(row); }
  return { rows };
}
