/** Fetches arXiv metadata (export API, Atom) and PDFs; base URLs are configurable for tests. */
import { parseArxivAtom, type ArxivEntry } from './arxivAtom';
import type { ArxivRef } from './paperRef';

/** Default arXiv export API base. */
export const DEFAULT_ARXIV_API = 'http://export.arxiv.org';
/** Default base for arXiv PDFs. */
export const DEFAULT_ARXIV_PDF = 'https://arxiv.org';

/** A fetch outcome: data, or an error with whether it looks like being offline. */
export type FetchResult<T> = { ok: true; value: T } | { ok: false; error: string; offline: boolean };

const HEADERS = { 'user-agent': 'pairwise (VS Code extension; paper loader)' };

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
    xml = await res.text();
  } catch (e) {
    return { ok: false, ...describe(e) };
  }
  const parsed = parseArxivAtom(xml);
  if (!parsed.ok) return { ok: false, error: `arXiv API: ${parsed.error}`, offline: false };
  const entry = parsed.entries[0];
  if (!entry) return { ok: false, error: 'arXiv has no paper with this id', offline: false };
  return { ok: true, value: entry };
}

/** Downloads the PDF of an exact version. */
export async function fetchArxivPdf(id: string, version: string, pdfBase: string, timeoutMs: number, signal?: AbortSignal): Promise<FetchResult<Uint8Array>> {
  const url = `${pdfBase.replace(/\/+$/, '')}/pdf/${id}${version}`;
  try {
    const res = await fetch(url, { headers: HEADERS, signal: signalFor(timeoutMs, signal), redirect: 'follow' });
    if (!res.ok) return { ok: false, error: `PDF download answered HTTP ${res.status}`, offline: res.status >= 500 };
    return { ok: true, value: new Uint8Array(await res.arrayBuffer()) };
  } catch (e) {
    return { ok: false, ...describe(e) };
  }
}
