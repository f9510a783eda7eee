/** Paper shapes: a loaded paper (any source) and the result of loading one. */

/** Where a paper came from. */
export type PaperSource = 'arxiv' | 'pdf' | 'text' | 'brief';

/** A loaded paper: metadata plus full text (LF line endings). */
export interface Paper {
  source: PaperSource;
  /** The id models see and pick by: "arXiv:2602.15763v1", a file's base name, or "brief". */
  id: string;
  arxivId?: string;
  version?: string;
  title: string;
  authors: string[];
  abstract: string;
  /** Full text: PDF-extracted text, Markdown, LaTeX source, plain text or the brief. */
  text: string;
  /** Text format, for section splitting. */
  format: 'pdf' | 'md' | 'tex' | 'txt';
  /** sha256 hex of title, abstract and text. */
  hash: string;
  url?: string;
  /** Non-fatal problems (e.g. full text unavailable, only the abstract is used). */
  warnings: string[];
}

/** Result of loading a paper: the paper, or an error message naming it. */
export type PaperLoadResult = { ok: true; paper: Paper; fromCache: boolean } | { ok: false; error: string };

/** What loadPaper accepts: an arXiv id/URL or a file path as a string, or a typed brief. */
export type PaperInput = string | { brief: string; title?: string };

/** Options for loading papers; base URLs are configurable so tests can use a local fake. */
export interface PaperLoadOptions {
  /** Directory for the paper cache (the extension passes its global storage). */
  cacheDir: string;
  /** Base of the arXiv export API; default http://export.arxiv.org */
  apiBase?: string;
  /** Base for PDFs; default https://arxiv.org */
  pdfBase?: string;
  /** Re-fetch even when a cached copy exists. */
  refresh?: boolean;
  /** Per-request timeout; default 30 s. */
  timeoutMs?: number;
  /** Largest PDF read, downloaded or local (default MAX_PDF_BYTES, 100 MB). */
  maxPdfBytes?: number;
  /** Most pages of a PDF read (default MAX_PDF_PAGES, 300). */
  maxPdfPages?: number;
  /** How long reading one PDF may take (default PDF_DEADLINE_MS, 60 s). */
  pdfDeadlineMs?: number;
  /** The PDF reader's JavaScript heap limit in MB (default PDF_MAX_MEMORY_MB). */
  pdfMaxMemoryMb?: number;
  signal?: AbortSignal;
}
