/** BM25 of the query's terms over file text (identifier-aware prefix matches), path terms, and the symbols a file defines. */
import { splitIdentifier, type CodeQuery } from './queryTerms';

/** A file's text as searched. */
export interface SearchDoc {
  path: string;
  text: string;
}

/** What a file matched, and its text score. */
export interface SearchHit {
  score: number;
  /** Query terms found in the text, most weighty first. */
  terms: string[];
  /** Query terms in the path. */
  pathTerms: string[];
  /** Identifiers the query names that this file defines. */
  defines: string[];
}

/** At most this much of each file is searched (the rest still goes out if the file is chosen). */
export const SEARCH_CHARS = 160_000;

/** A definition line: Python, JS/TS, Go, Rust, Java-like; group 1 is the name. */
export const DEF_LINE =
  /^[ \t]*(?:(?:pub(?:\([^)\n]*\))?|export|default|async|static|public|private|protected|abstract|final|override|unsafe|const|declare)[ \t]+)*(?:def|class|fn|func|function\*?|struct|enum|trait|interface|type|impl(?:<[^>\n]*>)?|mod|module|macro_rules!)[ \t]*(?:\([^)\n]*\)[ \t]*)?([A-Za-z_$][\w$]*)/gm;

const escapeRe = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
const anyCase = (t: string) => [...t].map((c) => (/[a-z]/.test(c) ? `[${c}${c.toUpperCase()}]` : escapeRe(c))).join('');

/** One regex for all terms, matching at the start of an identifier part (after a non-alphanumeric or a camelCase hump). */
export function termMatcher(terms: string[]): RegExp | null {
  if (terms.length === 0) return null;
  const alts = [...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(anyCase).join('|');
  return new RegExp(`(?:(?<![A-Za-z0-9])|(?<=[a-z0-9])(?=[A-Z]))(?:${alts})`, 'g');
}

/** Names defined in text (in order, unique). */
export function definedNames(text: string): string[] {
  const out = new Set<string>();
  DEF_LINE.lastIndex = 0;
  let m: RegExpExecArray | null;
  while ((m = DEF_LINE.exec(text)) !== null) out.add(m[1]);
  return [...out];
}

function pathParts(path: string): string[] {
  const noExt = path.replace(/\.[A-Za-z0-9]+$/, '');
  return noExt.split('/').flatMap((seg) => [seg.toLowerCase(), ...splitIdentifier(seg)]);
}

/** Scores every doc against the query with BM25 (k1 1.2, b 0.75) plus path and definition matches. */
export function searchCode(docs: SearchDoc[], q: CodeQuery): Map<string, SearchHit> {
  const out = new Map<string, SearchHit>();
  const re = termMatcher(q.terms.map((t) => t.term));
  if (!re || docs.length === 0) return out;
  const weight = new Map(q.terms.map((t) => [t.term, t.weight]));
  const tfs: Map<string, number>[] = [];
  const lens: number[] = [];
  const df = new Map<string, number>();
  for (const d of docs) {
    const hay = d.text.length > SEARCH_CHARS ? d.text.slice(0, SEARCH_CHARS) : d.text;
    const tf = new Map<string, number>();
    re.lastIndex = 0;
    let m: RegExpExecArray | null;
    while ((m = re.exec(hay)) !== null) {
      const t = m[0].toLowerCase();
      tf.set(t, (tf.get(t) ?? 0) + 1);
    }
    for (const t of tf.keys()) df.set(t, (df.get(t) ?? 0) + 1);
    tfs.push(tf);
    lens.push(Math.max(200, hay.length));
  }
  const n = docs.length;
  const avg = lens.reduce((a, b) => a + b, 0) / n;
  const idf = (t: string) => {
    const k = df.get(t) ?? 0;
    return Math.log(1 + (n - k + 0.5) / (k + 0.5));
  };
  docs.forEach((d, i) => {
    const tf = tfs[i];
    let score = 0;
    const terms: { t: string; s: number }[] = [];
    for (const [t, f] of tf) {
      const s = ((weight.get(t) ?? 0) * idf(t) * f * 2.2) / (f + 1.2 * (0.25 + (0.75 * lens[i]) / avg));
      score += s;
      terms.push({ t, s });
    }
    const parts = pathParts(d.path);
    const pathTerms = q.terms.filter((t) => parts.some((p) => p.startsWith(t.term) || (p.length >= 4 && t.term.startsWith(p)))).map((t) => t.term);
    for (const t of pathTerms) score += (weight.get(t) ?? 0) * Math.max(1, idf(t)) * 1.2;
    const defines: string[] = [];
    if (q.identifiers.size && tf.size) {
      for (const name of definedNames(d.text.length > SEARCH_CHARS ? d.text.slice(0, SEARCH_CHARS) : d.text)) {
        if (q.identifiers.has(name.toLowerCase()) || q.identifiers.has(name.toLowerCase().replace(/^_+/, ''))) defines.push(name);
      }
      score += defines.length * 6;
    }
    if (score > 0) out.set(d.path, { score, terms: terms.sort((a, b) => b.s - a.s).map((x) => x.t), pathTerms, defines });
  });
  return out;
}
