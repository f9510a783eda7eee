/** Fetches arXiv metadata (export API, Atom) and PDFs; base URLs are configurable for tests. */
import { sizeText } from '../text/sizeText';
import { parseArxivAtom, type ArxivEntry } from './arxivAtom';
import type { ArxivRef } from './paperRef';

/** Default arXiv export API base. */
export const DEFAULT_ARXIV_API = 'http://export.arxiv.org';
/** Default base for arXiv PDFs. */
export const DEFAULT_ARXIV_PDF = 'https://arxiv.org';

/** A fetch outcome: data, or an error with whether it looks like being offline. */
export type FetchResult<T> = { ok: true; value: T } | { ok: false; error: string; offline: boolean };

const HEADERS = { 'user-agent': 'pairwise (VS Code extension; paper loader)' };

/** The most bytes read of an Atom answer (one entry is a few KB). */
export const MAX_ATOM_BYTES = 5 * 1024 * 1024;
/** The largest PDF read by default (arXiv takes submissions up to 50 MB). */
export const MAX_PDF_BYTES = 100 * 1024 * 1024;

/**
 * The body of res, read no further than max bytes: an answer that says (Content-Length) or turns out to be larger is
 * refused, so a server (a mirror set in the settings) cannot make the host hold gigabytes.
 */
async function bodyWithin(res: Response, max: number, what: string): Promise<FetchResult<Uint8Array>> {
  const tooLarge: FetchResult<Uint8Array> = { ok: false, error: `the ${what} is larger than ${sizeText(max)}`, offline: false };
  const declared = Number(res.headers.get('content-length') ?? NaN);
  if (declared > max) {
    await res.body?.cancel().catch(() => undefined);
    return tooLarge;
  }
  if (!res.body) return { ok: true, value: new Uint8Array(0) };
  const reader = res.body.getReader();
  const parts: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > max) {
      await reader.cancel().catch(() => undefined);
      return tooLarge;
    }
    parts.push(value);
  }
  return { ok: true, value: Buffer.concat(parts, size) };
}

function signalFor(timeoutMs: number, signal?: AbortSignal): AbortSignal {
  const t = AbortSignal.timeout(timeoutMs);
  return signal ? AbortSignal.any([t, signal]) : t;
}

function describe(e: unknown): { error: string; offline: boolean } {
  const err = e as Error & { cause?: { code?: string; message?: string } };
  const code = err.cause?.code ?? '';
  const msg = err.name === 'TimeoutError' ? 'timed out' : (err.cause?.message ?? err.message);
  return { error: code ? `${code}: ${msg}` : msg, offline: true };
}

/** Fetches the Atom entry for an id (with version if given). */
export async function fetchArxivEntry(ref: ArxivRef, apiBase: string, timeoutMs: number, signal?: AbortSignal): Promise<FetchResult<ArxivEntry>> {
  const url = `${apiBase.replace(/\/+$/, '')}/api/query?id_list=${encodeURIComponent(ref.id + (ref.version ?? ''))}&max_results=1`;
  let xml: string;
  try {
    const res = await fetch(url, { headers: HEADERS, signal: signalFor(timeoutMs, signal) });
    if (!res.ok) return { ok: false, error: `arXiv API answered HTTP ${res.status}`, offline: res.status >= 500 };
    const body = await bodyWithin(res, MAX_ATOM_BYTES, 'arXiv API answer');
    if (!body.ok) return body;
    xml = Buffer.from(body.value.buffer, body.value.byteOffset, body.value.byteLength).toString('utf8');
  } catch (e) {
    return { ok: false, ...describe(e) };
  }
  const parsed = parseArxivAtom(xml);
  if (!parsed.ok) return { ok: false, error: `arXiv API: ${parsed.error}`, offline: false };
  const entry = parsed.entries[0];
  if (!entry) return { ok: false, error: 'arXiv has no paper with this id', offline: false };
  return { ok: true, value: entry };
}

/** Downloads the PDF of an exact version (at most maxBytes). */
export async function fetchArxivPdf(id: string, version: string, pdfBase: string, timeoutMs: number, signal?: AbortSignal, maxBytes = MAX_PDF_BYTES): Promise<FetchResult<Uint8Array>> {
  const url = `${pdfBase.replace(/\/+$/, '')}/pdf/${id}${version}`;
  try {
    const res = await fetch(url, { headers: HEADERS, signal: signalFor(timeoutMs, signal), redirect: 'follow' });
    if (!res.ok) return { ok: false, error: `PDF download answered HTTP ${res.status}`, offline: res.status >= 500 };
    return await bodyWithin(res, maxBytes, 'PDF');
  } catch (e) {
    return { ok: false, ...describe(e) };
  }
}
