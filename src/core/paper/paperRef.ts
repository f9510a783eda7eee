/** Recognizes arXiv ids and URLs (new and old style, with or without version). */

/** A parsed arXiv reference. */
export interface ArxivRef {
  /** Id without version, e.g. "2602.15763" or "hep-th/9901001". */
  id: string;
  /** Version like "v2", when given. */
  version?: string;
}

const NEW_ID = /^(\d{4}\.\d{4,5})(v\d+)?$/i;
const OLD_ID = /^([a-z-]+(?:\.[a-z]{2})?\/\d{7})(v\d+)?$/i;

function fromBare(s: string): ArxivRef | null {
  const m = NEW_ID.exec(s) ?? OLD_ID.exec(s);
  if (!m) return null;
  const ref: ArxivRef = { id: m[1].includes('/') ? m[1].replace(/^([a-z-]+)(\.[a-z]{2})?/i, (_x, a: string, b?: string) => a.toLowerCase() + (b ? b.toUpperCase() : '')) : m[1] };
  if (m[2]) ref.version = m[2].toLowerCase();
  return ref;
}

/** Parses "2602.15763", "arxiv:2602.15763v1", "https://arxiv.org/abs/…", "/pdf/….pdf", "/html/…"; null if not arXiv. */
export function parseArxivRef(input: string): ArxivRef | null {
  const s = input.trim();
  const bare = fromBare(s.replace(/^arxiv\s*:\s*/i, ''));
  if (bare) return bare;
  const url = /^(?:https?:\/\/)?(?:www\.|export\.)?arxiv\.org\/(?:abs|pdf|html)\/(.+?)(?:\.pdf)?\/?(?:[?#].*)?$/i.exec(s);
  return url ? fromBare(url[1]) : null;
}

/** "arXiv:ID" or "arXiv:IDvN". */
export function arxivLabel(ref: ArxivRef): string {
  return `arXiv:${ref.id}${ref.version ?? ''}`;
}
