/** Loads a paper from an arXiv id/URL (cached by id and version), a local PDF/Markdown/LaTeX/text file, or a typed brief. */
import { createHash } from 'node:crypto';
import { readFile, stat } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { DEFAULT_ARXIV_API, DEFAULT_ARXIV_PDF, fetchArxivEntry, fetchArxivPdf, MAX_PDF_BYTES } from './arxivClient';
import { sizeText } from '../text/sizeText';
import { readCachedPaper, writeCachedPaper } from './paperCache';
import { arxivLabel, parseArxivRef, type ArxivRef } from './paperRef';
import { splitSections } from './paperSections';
import { findTitle } from './paperTitle';
import { partialPdfWarning } from './pdfLimits';
import { readPdfText, type PdfReadOptions } from './pdfOffThread';
import type { Paper, PaperInput, PaperLoadOptions, PaperLoadResult } from './types';

/** sha256 hex of a paper's title, abstract and text (LF-normalized). */
export function paperHash(title: string, abstract: string, text: string): string {
  return createHash('sha256').update(`${title}\n\u0000${abstract}\n\u0000${text.replace(/\r\n?/g, '\n')}`).digest('hex');
}

/** The PDF reader's limits from the load options. */
function pdfOptions(opts: PaperLoadOptions): PdfReadOptions {
  return { maxPages: opts.maxPdfPages, deadlineMs: opts.pdfDeadlineMs, maxMemoryMb: opts.pdfMaxMemoryMb, signal: opts.signal };
}

function finish(p: Omit<Paper, 'hash'>): Paper {
  return { ...p, hash: paperHash(p.title, p.abstract, p.text) };
}

async function loadArxiv(ref: ArxivRef, opts: PaperLoadOptions): Promise<PaperLoadResult> {
  const label = arxivLabel(ref);
  const timeout = opts.timeoutMs ?? 30_000;
  if (!opts.refresh) {
    const cached = await readCachedPaper(opts.cacheDir, ref.id, ref.version);
    if (cached) return { ok: true, paper: cached, fromCache: true };
  }
  const entry = await fetchArxivEntry(ref, opts.apiBase ?? DEFAULT_ARXIV_API, timeout, opts.signal);
  if (!entry.ok) {
    const cached = await readCachedPaper(opts.cacheDir, ref.id, ref.version);
    if (cached && entry.offline) return { ok: true, paper: { ...cached, warnings: [...cached.warnings, `arXiv unreachable (${entry.error}); used the cached copy`] }, fromCache: true };
    if (entry.offline) {
      return { ok: false, error: `Paper ${label} is not in the paper cache and arXiv could not be reached (${entry.error}). Connect once so it can be downloaded and cached, or pin a local PDF of it instead.` };
    }
    return { ok: false, error: `Could not load paper ${label}: ${entry.error}.` };
  }
  const version = ref.version ?? entry.value.version;
  if (!ref.version && !opts.refresh) {
    const cached = await readCachedPaper(opts.cacheDir, ref.id, version);
    if (cached) return { ok: true, paper: cached, fromCache: true };
  }
  const warnings: string[] = [];
  const pdf = await fetchArxivPdf(ref.id, version, opts.pdfBase ?? DEFAULT_ARXIV_PDF, timeout, opts.signal, opts.maxPdfBytes);
  let text = entry.value.abstract;
  let complete = false;
  if (pdf.ok) {
    const extracted = await readPdfText(pdf.value, pdfOptions(opts));
    if (extracted.ok && extracted.text.length > 0) {
      text = extracted.text;
      complete = true;
      const partial = partialPdfWarning(label, extracted);
      if (partial) warnings.push(partial);
    } else warnings.push(`full text of ${label} unavailable (${extracted.ok ? 'the PDF has no text layer' : extracted.error}); using the abstract only`);
  } else warnings.push(`full text of ${label} unavailable (${pdf.error}); using the abstract only`);
  const paper = finish({
    source: 'arxiv', id: `arXiv:${ref.id}${version}`, arxivId: ref.id, version, title: entry.value.title, authors: entry.value.authors,
    abstract: entry.value.abstract, text, format: 'pdf', url: `https://arxiv.org/abs/${ref.id}${version}`, warnings,
  });
  // Only complete papers are cached, so a later run retries the full text.
  if (complete) {
    try {
      await writeCachedPaper(opts.cacheDir, paper);
    } catch (e) {
      paper.warnings.push(`could not write the paper cache: ${(e as Error).message}`);
    }
  }
  return { ok: true, paper, fromCache: false };
}

function fileId(path: string): string {
  return basename(path, extname(path)).replace(/[^\w.-]+/g, '-').slice(0, 80) || 'paper';
}

/**
 * What \begin{abstract} … \end{abstract} holds (the first pair), found with two searches: the lazy pattern retried from
 * every \begin{abstract} when none is closed (1 MB of them took 11 s on the extension host's thread, a 20 MB paper an hour).
 */
function texAbstract(text: string): string {
  const open = text.indexOf('\\begin{abstract}');
  const close = open < 0 ? -1 : text.indexOf('\\end{abstract}', open + '\\begin{abstract}'.length);
  return close < 0 ? '' : text.slice(open + '\\begin{abstract}'.length, close).trim();
}

function titleAndAbstract(text: string, format: Paper['format']): { title: string; abstract: string } {
  const title = findTitle(text, format);
  let abstract = '';
  if (format === 'tex') abstract = texAbstract(text);
  if (!abstract) {
    const sec = splitSections(text, format).find((s) => s.kind === 'abstract');
    if (sec) abstract = sec.text.split('\n').slice(1).join('\n').trim();
  }
  return { title: title.replace(/\s+/g, ' ').trim(), abstract: abstract.replace(/\s+/g, ' ').slice(0, 4000) };
}

/** The largest text paper (Markdown, LaTeX, plain text) read. */
export const MAX_TEXT_PAPER_BYTES = 20 * 1024 * 1024;

async function loadFile(path: string, size: number, opts: PaperLoadOptions): Promise<PaperLoadResult> {
  const ext = extname(path).toLowerCase();
  let text: string;
  let format: Paper['format'];
  const warnings: string[] = [];
  const max = ext === '.pdf' ? opts.maxPdfBytes ?? MAX_PDF_BYTES : MAX_TEXT_PAPER_BYTES;
  if (size > max) {
    return { ok: false, error: `Cannot use ${path} as a paper: it is ${sizeText(size)}, and Pairwise reads papers up to ${sizeText(max)}${ext === '.pdf' ? ' as PDF' : ' as text'}. Pin the paper's arXiv id, or a shorter version of it.` };
  }
  try {
    if (ext === '.pdf') {
      const r = await readPdfText(await readFile(path), pdfOptions(opts));
      if (!r.ok) return { ok: false, error: `Could not load paper ${path}: ${r.error}.` };
      if (!r.text) return { ok: false, error: `Could not load paper ${path}: the PDF has no text layer (scanned?). Use a .txt or .md version.` };
      text = r.text;
      format = 'pdf';
      const partial = partialPdfWarning(basename(path), r);
      if (partial) warnings.push(partial);
    } else if (['.md', '.markdown', '.tex', '.txt', '.text'].includes(ext)) {
      text = (await readFile(path, 'utf8')).replace(/^\uFEFF/, '').replace(/\r\n?/g, '\n');
      format = ext === '.tex' ? 'tex' : ext === '.txt' || ext === '.text' ? 'txt' : 'md';
    } else return { ok: false, error: `Cannot use ${path} as a paper: use a .pdf, .md, .tex or .txt file, an arXiv id or URL, or a typed brief.` };
  } catch (e) {
    return { ok: false, error: `Could not read paper ${path}: ${(e as Error).message}` };
  }
  const { title, abstract } = titleAndAbstract(text, format);
  return { ok: true, fromCache: false, paper: finish({ source: format === 'pdf' ? 'pdf' : 'text', id: fileId(path), title: title || fileId(path), authors: [], abstract, text, format, warnings }) };
}

/** Loads one paper. Never throws; errors name the paper and say what to do. */
export async function loadPaper(input: PaperInput, opts: PaperLoadOptions): Promise<PaperLoadResult> {
  if (typeof input !== 'string') {
    const text = input.brief.replace(/\r\n?/g, '\n').trim();
    if (!text) return { ok: false, error: 'The paper brief is empty: type a few sentences describing the idea.' };
    const title = (input.title?.trim() || findTitle(text, 'txt') || text.split('\n')[0]).trim().slice(0, 200);
    return { ok: true, fromCache: false, paper: finish({ source: 'brief', id: 'brief', title, authors: [], abstract: '', text, format: 'md', warnings: [] }) };
  }
  const ref = parseArxivRef(input);
  if (ref) return loadArxiv(ref, opts);
  try {
    const st = await stat(input);
    if (st.isFile()) return loadFile(input, st.size, opts);
  } catch {
    // Not a file: fall through to the error below.
  }
  return { ok: false, error: `"${input}" is neither an arXiv id or URL (e.g. 2602.15763, https://arxiv.org/abs/2602.15763) nor an existing .pdf/.md/.tex/.txt file.` };
}
