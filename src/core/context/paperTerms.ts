/** Picks distinctive terms from a paper's title and abstract, to find the files a paper is most likely about. */
import { MAX_QUERY_TERM_CHARS } from './queryTerms';
import type { FileVisitor } from './readRepoFiles';

const STOP = new Set(
  (
    'about above across after again against also although among analysis approach approaches based been before being below between both ' +
    'could demonstrate demonstrates different does doing down during each either even every existing experiments first from further ' +
    'given have having here however into itself just large least less many more most much must network networks novel often only other ' +
    'over paper papers perform performance present presents problem problems propose proposed proposes provide provides rather recent ' +
    'result results same several should show shows significantly since some state such than that their them then there these they ' +
    'this those through thus under using very well were what when where whether which while with within without would your work works ' +
    'method methods model models task tasks study new data learning toward towards achieve achieves across improve improves improved ' +
    'introduce introduces compared outperforms code available sota effective efficient simple better high low use used uses two three'
  ).split(' '),
);

/** Lower-case words (4 to MAX_QUERY_TERM_CHARS letters, not stop words) from text, hyphenated words split. */
function words(text: string): string[] {
  return (text.toLowerCase().match(/[a-z][a-z0-9]{3,}/g) ?? []).filter((w) => w.length <= MAX_QUERY_TERM_CHARS && !STOP.has(w) && !/^\d/.test(w));
}

/** Returns up to max terms: title words first, then the most frequent abstract words (ties by first use). */
export function extractPaperTerms(title: string, abstract: string, max = 12): string[] {
  const out: string[] = [];
  const add = (w: string) => {
    const stem = w.length > 5 && w.endsWith('s') && !w.endsWith('ss') ? w.slice(0, -1) : w;
    if (!out.includes(stem)) out.push(stem);
  };
  for (const w of words(title)) if (out.length < max) add(w);
  const counts = new Map<string, { n: number; first: number }>();
  words(abstract).forEach((w, i) => {
    const c = counts.get(w);
    if (c) c.n++;
    else counts.set(w, { n: 1, first: i });
  });
  const ranked = [...counts.entries()].filter(([, c]) => c.n >= 2).sort((a, b) => b[1].n - a[1].n || a[1].first - b[1].first);
  for (const [w] of ranked) if (out.length < max) add(w);
  return out;
}

/** Builds one regex matching any of the terms in any letter case (explicit [xX] classes run faster than the i flag). */
export function termsRegex(terms: string[]): RegExp | null {
  if (terms.length === 0) return null;
  const anyCase = (t: string) => [...t].map((c) => (/[a-z]/i.test(c) ? `[${c.toLowerCase()}${c.toUpperCase()}]` : c.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&'))).join('');
  return new RegExp([...terms].sort((a, b) => b.length - a.length).map(anyCase).join('|'), 'g');
}

/** How much of each file is searched for paper terms (the top of a file: imports, docs, main declarations). */
export const TERM_SCAN_CHARS = 8192;

/** Distinct terms found in text (searching at most the first maxChars characters). */
export function termsIn(text: string, re: RegExp | null, maxChars = TERM_SCAN_CHARS): string[] {
  if (!re) return [];
  const hay = text.length > maxChars ? text.slice(0, maxChars) : text;
  const seen = new Set<string>();
  re.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = re.exec(hay)) !== null) {
    seen.add(m[0].toLowerCase());
    if (seen.size >= 8) break;
  }
  return [...seen].sort();
}

/** A listing read's visitor noting the paper terms in each file's first TERM_SCAN_CHARS bytes. */
export function paperTermsVisitor(re: RegExp): FileVisitor {
  return {
    bytes: () => TERM_SCAN_CHARS,
    visit: (file, head) => {
      file.terms = termsIn(head.toString('latin1', 0, Math.min(head.length, TERM_SCAN_CHARS)), re);
    },
  };
}
