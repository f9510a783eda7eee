/** BM25 of the query's terms over file text (identifier-aware prefix matches), path terms, and the symbols a file defines. */
import { isAlnum, isLowerOrDigit, isUpper } from './asciiChars';
import { splitIdentifier, type CodeQuery } from './queryTerms';
import type { QuotedBytes } from './importGraph';
import { TermScanner } from './termScan';
import { ownCopy } from '../text/ownCopy';

/** What a file matched, and its text score. */
export interface SearchHit {
  readonly score: number;
  /** Query terms found in the text, most weighty first. */
  readonly terms: readonly string[];
  /** Query terms in the path. */
  readonly pathTerms: readonly string[];
  /** Identifiers the query names that this file defines. */
  readonly defines: readonly string[];
}

/** At most this much of each file is searched (the rest still goes out if the file is chosen). */
export const SEARCH_CHARS = 160_000;

/**
 * A definition line: Python, JS/TS, Go, Rust, Java-like; group 1 is the name. Brackets stop at \r too (see repoOutline's
 * SIG). The keyword ends a word: `function foo` was read as `func` defining `tion`, and `enumerate(…)`, `types = …` or
 * `default=…` defined names too.
 */
export const DEF_LINE =
  /^[ \t]*(?:(?:pub(?:\([^)\n\r]*\))?|export|default|async|static|public|private|protected|abstract|final|override|unsafe|const|declare)[ \t]+)*(?:(?:def|class|fn|func|function|struct|enum|trait|interface|type|mod|module)(?![\w$])|function[ \t]*\*|impl(?:<[^>\n\r]*>)?(?![\w$])|macro_rules!)[ \t]*(?:\([^)\n\r]*\)[ \t]*)?([A-Za-z_$][\w$]*)/gm;

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

/** The parts of a folder path or a file name (no extension): each segment lower-cased, and its identifier parts. */
function pathParts(path: string): string[] {
  return path.split('/').flatMap((seg) => [seg.toLowerCase(), ...splitIdentifier(seg)]);
}

// Most files match no term: they share one empty count map and name list (fewer objects per build).
const NO_TERMS: ReadonlyMap<string, number> = new Map();
const NO_NAMES: readonly string[] = [];

/** Distinct spellings remembered per index (a match's text to its term's number); a later new spelling is lower-cased each time it is seen. */
const SPELLINGS = 4096;

interface Indexed {
  path: string;
  tf: ReadonlyMap<string, number>;
  len: number;
  defines: readonly string[];
}

/**
 * BM25 index of one query over many files, built one file at a time (no text is kept): term counts at identifier-part
 * starts, the query's identifiers each file defines, and the import specifiers of code files.
 */
export class CodeIndex {
  private readonly re: RegExp | null;
  private readonly weight: Map<string, number>;
  private readonly identTerms: string[];
  /** Any term's first four letters (a path holding none has no path term). */
  private readonly prefixRe: RegExp | null;
  /** Each query term's first four letters, in the query's order. */
  private readonly termPrefix: string[];
  private readonly docs: Indexed[] = [];
  private readonly df = new Map<string, number>();
  /** A match's text to its term's number: most matches are spelled like the term, the rest are lower-cased once. */
  private readonly spelled = new Map<string, number>();
  /** Terms by number (a lower-cased spelling that is not a query term, which the search cannot match, gets one too). */
  private readonly termList: string[] = [];
  /** One file's counts by term number, and the numbers in the order first seen (reset after each file). */
  private counts = new Int32Array(0);
  private readonly seen: number[] = [];
  /** The WebAssembly term counter (null: the regex counts; see termScan.ts). */
  private readonly scanner: TermScanner | null;
  /** Raw import specifiers per code file (see importSpecs). */
  readonly specs = new Map<string, string[]>();

  /**
   * specsOf reads a code file's import specifiers from its first specsChars characters, as text or as bytes with where
   * a quote and a dot lie in them (it is given no more; it must give the same answer for that prefix as for the whole text),
   * in strings that hold none of that text (see ownCopy): the index keeps them.
   */
  constructor(private readonly q: CodeQuery, private readonly specsOf?: (path: string, source: string | QuotedBytes) => string[], private readonly specsChars = Infinity) {
    const terms = q.terms.map((t) => t.term);
    this.re = terms.length ? new RegExp([...terms].sort((a, b) => b.length - a.length || (a < b ? -1 : 1)).map(escapeRe).join('|'), 'gi') : null;
    this.weight = new Map(q.terms.map((t) => [t.term, t.weight]));
    this.identTerms = terms.filter((t) => q.identifiers.has(t) || q.identifiers.has(`_${t}`));
    this.termPrefix = terms.map((t) => t.slice(0, 4));
    this.prefixRe = terms.length ? new RegExp([...new Set(this.termPrefix)].map(escapeRe).join('|')) : null;
    for (const t of terms) this.numberOf(t);
    this.scanner = TermScanner.for(terms, SEARCH_CHARS);
  }

  /** The number of the term a match's text spells (its lower case). */
  private numberOf(text: string): number {
    let k = this.spelled.get(text);
    if (k === undefined) {
      let low = text.toLowerCase();
      k = low === text ? undefined : this.spelled.get(low);
      if (k === undefined) {
        k = this.termList.length;
        low = ownCopy(low);
        this.termList.push(low);
        this.spelled.set(low, k);
        if (this.counts.length <= k) {
          const grown = new Int32Array(Math.max(16, 2 * (k + 1)));
          grown.set(this.counts);
          this.counts = grown;
        }
      }
      if (this.spelled.size < SPELLINGS) this.spelled.set(ownCopy(text), k);
    }
    return k;
  }

  /**
   * Adds one file from its bytes (the search reads them as latin1 characters); code files also yield their imports.
   * The terms are counted by the WebAssembly counter when it can, else by the regex; the text is decoded only when a
   * match asks for its definitions, or for the imports of a file other than JS/TS.
   */
  addBytes(path: string, bytes: Uint8Array, code: boolean): void {
    const n = Math.min(bytes.length, SEARCH_CHARS);
    const decode = (): string => Buffer.from(bytes.buffer, bytes.byteOffset, n).toString('latin1');
    if (!this.scanner) {
      this.add(path, decode(), code);
      return;
    }
    // Decoded only when the definitions are asked for. The imports are read from the bytes, where the counter found a
    // quote followed by a dot (asked right after the count, while the module holds this text).
    const scanner = this.scanner;
    const counts = scanner.count(bytes, n);
    const m = Math.min(n, this.specsChars);
    this.addCounted(path, counts, n, code, decode, () => ({ bytes: bytes.subarray(0, m), quoteDots: scanner.quoteDots(m) }));
  }

  /** Adds one file (text: any decoding that keeps ASCII; latin1 is fastest); code files also yield their imports. */
  add(path: string, text: string, code: boolean): void {
    const hay = text.length > SEARCH_CHARS ? text.slice(0, SEARCH_CHARS) : text;
    let counts: Map<string, number> | null = null;
    if (this.re) {
      // The i flag on the text itself is faster than matching a lower-cased copy (no second string).
      this.re.lastIndex = 0;
      let n = this.counts;
      const seen = this.seen;
      let m: RegExpExecArray | null;
      while ((m = this.re.exec(hay)) !== null) {
        const i = m.index;
        // Only at the start of an identifier part: after a non-alphanumeric, or a camelCase hump.
        if (i > 0) {
          const prev = hay.charCodeAt(i - 1);
          if (isAlnum(prev) && !(isLowerOrDigit(prev) && isUpper(hay.charCodeAt(i)))) continue;
        }
        const k = this.numberOf(m[0]);
        if (this.counts !== n) n = this.counts; // grown for a spelling that is no query term (a copy: counts kept)
        if (n[k]++ === 0) seen.push(k);
      }
      if (seen.length) {
        // The counts in the order the terms were first seen (as a map filled while searching would hold them).
        counts = new Map();
        for (const k of seen) {
          counts.set(this.termList[k], n[k]);
          n[k] = 0;
        }
        seen.length = 0;
      }
    }
    this.addCounted(path, counts, hay.length, code, () => hay, () => (hay.length > this.specsChars ? hay.slice(0, this.specsChars) : hay));
  }

  /** Adds one file's term counts (null: none), with the query's identifiers it defines and, for code, its imports. */
  private addCounted(path: string, counts: Map<string, number> | null, len: number, code: boolean, hay: () => string, specsSource: () => string | QuotedBytes): void {
    const tf: ReadonlyMap<string, number> = counts ?? NO_TERMS;
    for (const t of tf.keys()) this.df.set(t, (this.df.get(t) ?? 0) + 1);
    let defines = NO_NAMES;
    if (counts && this.identTerms.some((t) => tf.has(t))) {
      const names: string[] = [];
      for (const name of definedNames(hay())) {
        const low = name.toLowerCase();
        if (this.q.identifiers.has(low) || this.q.identifiers.has(low.replace(/^_+/, ''))) names.push(ownCopy(name));
      }
      if (names.length) defines = names;
    }
    this.docs.push({ path, tf, len: Math.max(200, len), defines });
    // Only matched files' imports are followed (the walk starts at matched files; deeper hops add little).
    if (code && this.specsOf && tf.size > 0) this.specs.set(path, this.specsOf(path, specsSource()));
  }

  /** Query terms in a path's parts (a part starting with the term, or a long part the term starts with). */
  private pathTerms(path: string, byDir: Map<string, boolean[]>): readonly string[] {
    const low = path.toLowerCase();
    // Most paths contain no term at all: rule them out before splitting. A term can only match a part when its
    // first four letters are in the path (a part starts with the term, or the term with a part of four or more).
    if (!this.prefixRe?.test(low)) return NO_NAMES;
    const terms = this.q.terms;
    const partHolds = (parts: string[], term: string) => parts.some((p) => p.startsWith(term) || (p.length >= 4 && term.startsWith(p)));
    // The folder's parts are the same for every file in it: which terms they hold is worked out once per folder.
    const slash = path.lastIndexOf('/');
    const dir = slash < 0 ? '' : path.slice(0, slash);
    let inDir = byDir.get(dir);
    if (!inDir) {
      const parts = dir ? pathParts(dir) : [];
      inDir = terms.map((t) => partHolds(parts, t.term));
      byDir.set(dir, inDir);
    }
    const file = path.slice(slash + 1);
    const name = file.replace(/\.[A-Za-z0-9]+$/, '');
    const nameLow = file.toLowerCase();
    let nameParts: string[] | null = null;
    const out: string[] = [];
    for (let i = 0; i < terms.length; i++) {
      const term = terms[i].term;
      if (inDir[i] || (nameLow.includes(this.termPrefix[i]) && partHolds((nameParts ??= pathParts(name)), term))) out.push(term);
    }
    return out;
  }

  /** BM25 (k1 1.2, b 0.75) of every added file, plus path-term and definition matches; files scoring 0 are left out. */
  hits(): Map<string, SearchHit> {
    const out = new Map<string, SearchHit>();
    const n = this.docs.length;
    if (n === 0 || !this.re) return out;
    const avg = this.docs.reduce((a, d) => a + d.len, 0) / n;
    // Each term's idf, and its weight times idf, computed once (the same values for every file).
    const idfs = new Map<string, number>();
    const idf = (t: string) => {
      let v = idfs.get(t);
      if (v === undefined) {
        const k = this.df.get(t) ?? 0;
        v = Math.log(1 + (n - k + 0.5) / (k + 0.5));
        idfs.set(t, v);
      }
      return v;
    };
    const weighted = new Map<string, number>();
    const byDir = new Map<string, boolean[]>();
    for (const d of this.docs) {
      let score = 0;
      const lengthNorm = 1.2 * (0.25 + (0.75 * d.len) / avg);
      for (const [t, f] of d.tf) {
        let wi = weighted.get(t);
        if (wi === undefined) weighted.set(t, (wi = (this.weight.get(t) ?? 0) * idf(t)));
        score += (wi * f * 2.2) / (f + lengthNorm);
      }
      const pathTerms = this.pathTerms(d.path, byDir);
      for (const t of pathTerms) score += (this.weight.get(t) ?? 0) * Math.max(1, idf(t)) * 1.2;
      score += d.defines.length * 6;
      if (score > 0) out.set(d.path, new Hit(score, d.tf, lengthNorm, weighted, pathTerms, d.defines));
    }
    return out;
  }
}

/**
 * A file's search hit; its terms, most weighty first, are sorted when first read (only the files that are sent show
 * them: the rest of the thousands of hits never need them).
 */
class Hit implements SearchHit {
  private sorted?: string[];

  constructor(readonly score: number, private readonly tf: ReadonlyMap<string, number>, private readonly lengthNorm: number, private readonly weighted: ReadonlyMap<string, number>, readonly pathTerms: readonly string[], readonly defines: readonly string[]) {}

  get terms(): string[] {
    if (!this.sorted) {
      const scored: { t: string; s: number }[] = [];
      for (const [t, f] of this.tf) scored.push({ t, s: ((this.weighted.get(t) ?? 0) * f * 2.2) / (f + this.lengthNorm) });
      this.sorted = scored.sort((a, b) => b.s - a.s).map((x) => x.t);
    }
    return this.sorted;
  }
}
