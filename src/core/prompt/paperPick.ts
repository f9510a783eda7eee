/** Selection mode helpers: normalizing paper ids and checking whether two models picked the same paper. */

const OPENER = /[`"'*[(<\s]/;
const CLOSER = /[`"'*\])>.,;:\s]/;

/**
 * The text without leading quotes, brackets and spaces and trailing ones (plus end punctuation): what
 * `/^[`"'*[(<\s]+|[`"'*\])>.,;:\s]+$/g` removed, by two loops; the pattern rescanned a long trailing run from each of
 * its characters (a pick line of 80,000 brackets took 5.6 s on the extension host's thread).
 */
function stripWrapping(s: string): string {
  let start = 0;
  while (start < s.length && OPENER.test(s[start])) start++;
  let end = s.length;
  while (end > start && CLOSER.test(s[end - 1])) end--;
  return s.slice(start, end);
}

/** Normalizes a paper id as a model may write it: arXiv prefixes, URLs, versions, case, quotes, brackets. */
export function normalizePaperId(raw: string): string {
  let s = raw.trim().toLowerCase();
  s = stripWrapping(s);
  s = s.replace(/^https?:\/\/(www\.|export\.)?arxiv\.org\/(abs|pdf|html)\//, '').replace(/\.pdf$/, '');
  s = s.replace(/^arxiv\s*:\s*/, '');
  s = s.replace(/^(\d{4}\.\d{4,5})v\d+$/, '$1').replace(/^([a-z-]+(\.[a-z]{2})?\/\d{7})v\d+$/, '$1');
  return s.trim();
}

/** True when a pick explicitly means "no paper" (NONE, skip, n/a). */
export function isNoPick(raw: string): boolean {
  return /^(none|no paper|skip|n\/a|-)?$/.test(normalizePaperId(raw));
}

/** True when both picks name the same paper (ignoring version, case, arXiv/URL forms); two NONE picks match; a missing pick never matches. */
export function picksMatch(a: string | undefined, b: string | undefined): boolean {
  if (a === undefined || b === undefined) return false;
  if (isNoPick(a) || isNoPick(b)) return isNoPick(a) && isNoPick(b);
  return normalizePaperId(a!) === normalizePaperId(b!);
}
