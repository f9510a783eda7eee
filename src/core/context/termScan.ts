/**
 * Counts a query's terms in a file's bytes with a small WebAssembly module (termScan.wat): the counts the search regex
 * gives on the same bytes read as latin1 (codeSearch.ts), without decoding the text or making an object per match.
 */
import { isLower, isLowerOrDigit, isUpper } from './asciiChars';
import { TERM_SCAN_WASM } from './termScanWasm';

/** Character classes: 0 (not ASCII alphanumeric), 1-10 (0-9), 11-36 (a-z, A-Z folded). */
const CLASSES = 37;
const CLS = 0;
const KIND = 256;
const BIG = 512;
/** The eight 16-byte tables of the filter that tests sixteen positions at once (see termScan.wat), after BIG's 37 x 37. */
const TED = 1920;
/** How many of a term's first characters the filter tests. */
const TED_CHARS = 4;
const TRI = 2048;
/** Zero bytes after a text: the filter reads 16 positions and the three characters after the last (see termScan.wat). */
const PAD = 20;
/** The most quote-dot positions one text reports (more: the caller reads the text itself). */
export const MAX_QUOTE_DOTS = 4096;
/** Buckets of terms the filter tells apart (one bit each in its tables). */
const BUCKETS = 8;
const PAGE = 65536;
/** Only terms the module can fold exactly: ASCII lower-case letters and digits (a case-insensitive regex folds only ASCII letters to them). */
const PLAIN_TERM = /^[a-z0-9]+$/;
/**
 * The longest term the module takes. It walks the terms' trie from each candidate position, so a text that spells a
 * long term's start over and over (a paper naming `aaa…a9()`, a file of `a`s) costs the term's length per byte: 7 s
 * for one 160 KB file and a 10,000-letter term, where the regex skips ahead (a few ms). Real identifiers are shorter.
 */
export const MAX_TERM_CHARS = 32;

interface ScanExports {
  memory: WebAssembly.Memory;
  scan(text: number, n: number, tab: number, termAt: number, counts: number, seen: number, big: number, tri: number, ted: number): number;
  quoteDots(text: number, n: number, out: number, max: number): number;
}

/** The process's one instance of the module: its memory holds the tables of one scanner at a time (the owner). */
interface Shared {
  scan: ScanExports['scan'];
  quoteDots: ScanExports['quoteDots'];
  memory: WebAssembly.Memory;
  u8: Uint8Array;
  i32: Int32Array;
  owner: TermScanner | null;
}

let shared: Shared | null | undefined;
let instances = 0;

/**
 * The shared instance (made on first use; null when this runtime cannot compile or run the module). One instance
 * serves every scanner: a new instance per build would reserve a new memory (costly where virtual memory is capped).
 */
function sharedInstance(): Shared | null {
  if (shared === undefined) {
    try {
      const mod = new WebAssembly.Module(Buffer.from(TERM_SCAN_WASM, 'base64'));
      const { memory, scan, quoteDots } = new WebAssembly.Instance(mod, {}).exports as unknown as ScanExports;
      instances++;
      const u8 = new Uint8Array(memory.buffer);
      for (let b = 0; b < 256; b++) {
        u8[CLS + b] = classOf(b);
        u8[KIND + b] = isLowerOrDigit(b) ? 1 : isUpper(b) ? 2 : 0;
      }
      shared = { scan, quoteDots, memory, u8, i32: new Int32Array(memory.buffer), owner: null };
    } catch {
      shared = null;
    }
  }
  return shared;
}

/** How many instances of the module this process has made (one at most; tests read it). */
export function termScanInstances(): number {
  return instances;
}

/** A byte's class: 0-9 are 1-10, a-z and A-Z both 11-36, anything else 0. */
function classOf(c: number): number {
  if (isLower(c)) return c - 86;
  if (isUpper(c)) return c - 54;
  return isLowerOrDigit(c) ? c - 47 : 0;
}

/**
 * The filter's tables for terms (see termScan.wat): for each of a term's first four characters, 16 bytes by low
 * nibble then 16 by high nibble, each byte the buckets holding a term with such a character there (a term shorter than
 * four characters lets any byte through where it does not reach). Terms sorted by their start share buckets with
 * terms that start alike, which keeps the nibbles each bucket lets through few.
 */
function tedTables(terms: readonly string[]): Uint8Array {
  const out = new Uint8Array(TED_CHARS * 32);
  const sorted = [...terms].sort();
  sorted.forEach((term, i) => {
    const bit = 1 << Math.floor((i * BUCKETS) / sorted.length);
    for (let k = 0; k < TED_CHARS; k++) {
      if (k >= term.length) {
        for (let x = 0; x < 16; x++) {
          out[32 * k + x] |= bit;
          out[32 * k + 16 + x] |= bit;
        }
        continue;
      }
      const c = term.charCodeAt(k) | 0x20; // a-z and 0-9 are unchanged by the fold
      out[32 * k + (c & 15)] |= bit;
      out[32 * k + 16 + (c >> 4)] |= bit;
    }
  });
  return out;
}

/** One query's term counter over texts of up to maxBytes bytes (on the process's one instance of the module, see sharedInstance). */
export class TermScanner {
  /** This scanner's tables, written into the shared memory when it takes it over (see install). */
  private readonly bigImage = new Uint8Array(CLASSES * CLASSES);
  private readonly tedImage: Uint8Array;
  private readonly triImage: Uint8Array;
  private readonly termAtImage: Int32Array;
  private readonly tabImage: Int32Array;
  private readonly termAt: number;
  private readonly tab: number;
  private readonly counts: number;
  private readonly seen: number;
  private readonly text: number;
  /** Where quoteDots writes (after the text and its padding). */
  private readonly quotes: number;

  /**
   * A counter for these terms, or null when one is not plain a-z/0-9 or longer than MAX_TERM_CHARS (the regex then
   * counts), they begin with more than 255 pairs of characters (seven one-letter terms), or WebAssembly is unavailable.
   */
  static for(terms: readonly string[], maxBytes: number): TermScanner | null {
    if (terms.length === 0 || !terms.every((t) => t.length <= MAX_TERM_CHARS && PLAIN_TERM.test(t))) return null;
    const sh = sharedInstance();
    if (!sh) return null;
    try {
      const scanner = new TermScanner(terms, maxBytes, sh);
      // Installed now, so the memory is grown (or found too small to grow) here, not in the middle of a build: the
      // memory never shrinks, so installing it again later never grows it.
      scanner.install();
      return scanner;
    } catch {
      return null;
    }
  }

  private constructor(private readonly terms: readonly string[], private readonly maxBytes: number, private readonly sh: Shared) {
    // The terms' trie: node 0 is the root; each node has one i32 child per class.
    const children: number[][] = [new Array<number>(CLASSES).fill(0)];
    const termAt: number[] = [-1];
    terms.forEach((term, k) => {
      let node = 0;
      for (let i = 0; i < term.length; i++) {
        const c = classOf(term.charCodeAt(i));
        let next = children[node][c];
        if (next === 0) {
          next = children.length;
          children.push(new Array<number>(CLASSES).fill(0));
          termAt.push(-1);
          children[node][c] = next;
        }
        node = next;
      }
      termAt[node] = k;
    });
    // Which first three characters can begin a term: a number per first pair (big), a row of third classes per number
    // (tri). A one-letter term begins with its letter and any next two, a two-letter term with its pair and any third.
    const pairs = new Map<number, Uint8Array>();
    const rowOf = (a: number, b: number): Uint8Array => {
      let row = pairs.get(a * CLASSES + b);
      if (!row) pairs.set(a * CLASSES + b, (row = new Uint8Array(CLASSES)));
      return row;
    };
    for (const term of terms) {
      const first = classOf(term.charCodeAt(0));
      if (term.length === 1) for (let b = 0; b < CLASSES; b++) rowOf(first, b).fill(1);
      else if (term.length === 2) rowOf(first, classOf(term.charCodeAt(1))).fill(1);
      else rowOf(first, classOf(term.charCodeAt(1)))[classOf(term.charCodeAt(2))] = 1;
    }
    if (pairs.size > 255) throw new RangeError('too many first pairs for one byte each');
    this.termAt = TRI + 4 * Math.ceil((CLASSES * (pairs.size + 1)) / 4);
    this.tab = this.termAt + 4 * children.length;
    this.counts = this.tab + 4 * CLASSES * children.length;
    this.seen = this.counts + 4 * terms.length;
    this.text = this.seen + 4 * terms.length;
    this.quotes = 4 * Math.ceil((this.text + maxBytes + PAD) / 4);
    this.triImage = new Uint8Array(CLASSES * (pairs.size + 1));
    let number = 0;
    for (const [pair, row] of pairs) {
      this.bigImage[pair] = ++number;
      this.triImage.set(row, number * CLASSES);
    }
    this.tedImage = tedTables(terms);
    this.termAtImage = Int32Array.from(termAt);
    this.tabImage = new Int32Array(CLASSES * children.length);
    children.forEach((row, node) => this.tabImage.set(row, node * CLASSES));
  }

  /** Makes the shared memory this scanner's: large enough, with its tables in place and its counts clear. */
  private install(): void {
    const sh = this.sh;
    const need = Math.ceil((this.quotes + 4 * (MAX_QUOTE_DOTS + 1)) / PAGE) - sh.memory.buffer.byteLength / PAGE;
    if (need > 0) {
      sh.memory.grow(need);
      // Growing replaces the memory's buffer: the views are made again.
      sh.u8 = new Uint8Array(sh.memory.buffer);
      sh.i32 = new Int32Array(sh.memory.buffer);
    }
    sh.u8.set(this.bigImage, BIG);
    sh.u8.set(this.tedImage, TED);
    sh.u8.set(this.triImage, TRI);
    sh.i32.set(this.termAtImage, this.termAt / 4);
    sh.i32.set(this.tabImage, this.tab / 4);
    sh.i32.fill(0, this.counts / 4, this.seen / 4);
    sh.owner = this;
  }

  /** Each term's count in bytes[0, n) (n at most maxBytes), in the order first counted; null when none is. */
  count(bytes: Uint8Array, n: number): Map<string, number> | null {
    if (n > this.maxBytes) throw new RangeError(`a text of ${n} bytes; the counter holds ${this.maxBytes}`);
    // Another scanner (another build's query, interleaved with this one) may have used the memory since.
    if (this.sh.owner !== this) this.install();
    const { u8, i32 } = this.sh;
    u8.set(n === bytes.length ? bytes : bytes.subarray(0, n), this.text);
    u8.fill(0, this.text + n, this.text + n + PAD);
    const found = this.sh.scan(this.text, n, this.tab, this.termAt, this.counts, this.seen, BIG, TRI, TED);
    if (found === 0) return null;
    const out = new Map<string, number>();
    const counts = this.counts / 4;
    for (let i = 0; i < found; i++) {
      const k = i32[this.seen / 4 + i];
      out.set(this.terms[k], i32[counts + k]);
      i32[counts + k] = 0;
    }
    return out;
  }

  /**
   * Where a quote (' or ") followed by a dot lies in the first n bytes of the text the last count() read (n at most
   * that text's length): where a relative module string may begin. null past MAX_QUOTE_DOTS of them. The view is valid
   * until this scanner (or another) counts again.
   */
  quoteDots(n: number): Int32Array | null {
    const k = this.sh.quoteDots(this.text, n, this.quotes, MAX_QUOTE_DOTS);
    return k > MAX_QUOTE_DOTS ? null : this.sh.i32.subarray(this.quotes / 4, this.quotes / 4 + k);
  }
}
