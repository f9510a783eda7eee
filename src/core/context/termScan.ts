/**
 * Counts a query's terms in a file's bytes with a small WebAssembly module (termScan.wat): the counts the search regex
 * gives on the same bytes read as latin1 (codeSearch.ts), without decoding the text or making an object per match.
 */
import { TERM_SCAN_WASM } from './termScanWasm';

/** Character classes: 0 (not ASCII alphanumeric), 1-10 (0-9), 11-36 (a-z, A-Z folded). */
const CLASSES = 37;
const CLS = 0;
const KIND = 256;
const BIG = 512;
const TRI = 2048;
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
  scan(text: number, n: number, tab: number, termAt: number, counts: number, seen: number, big: number, tri: number): number;
}

let compiled: WebAssembly.Module | null | undefined;

/** The module, compiled once (null when this runtime cannot). */
function termScanModule(): WebAssembly.Module | null {
  if (compiled === undefined) {
    try {
      compiled = new WebAssembly.Module(Buffer.from(TERM_SCAN_WASM, 'base64'));
    } catch {
      compiled = null;
    }
  }
  return compiled;
}

function classOf(c: number): number {
  if (c >= 48 && c <= 57) return c - 47;
  if (c >= 97 && c <= 122) return c - 86;
  if (c >= 65 && c <= 90) return c - 54;
  return 0;
}

/** One query's term counter over texts of up to maxBytes bytes (its own module instance and memory). */
export class TermScanner {
  private readonly u8: Uint8Array;
  private readonly i32: Int32Array;
  private readonly scanFn: ScanExports['scan'];
  private readonly termAt: number;
  private readonly tab: number;
  private readonly counts: number;
  private readonly seen: number;
  private readonly text: number;

  /**
   * A counter for these terms, or null when one is not plain a-z/0-9 or longer than MAX_TERM_CHARS (the regex then
   * counts), they begin with more than 255 pairs of characters (seven one-letter terms), or WebAssembly is unavailable.
   */
  static for(terms: readonly string[], maxBytes: number): TermScanner | null {
    if (terms.length === 0 || !terms.every((t) => t.length <= MAX_TERM_CHARS && PLAIN_TERM.test(t))) return null;
    const mod = termScanModule();
    if (!mod) return null;
    try {
      return new TermScanner(terms, maxBytes, mod);
    } catch {
      return null;
    }
  }

  private constructor(private readonly terms: readonly string[], private readonly maxBytes: number, mod: WebAssembly.Module) {
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
    const { memory, scan } = new WebAssembly.Instance(mod, {}).exports as unknown as ScanExports;
    const pages = Math.ceil((this.text + maxBytes + 2) / PAGE);
    if (pages > memory.buffer.byteLength / PAGE) memory.grow(pages - memory.buffer.byteLength / PAGE);
    // The memory never grows again: these views stay valid.
    this.u8 = new Uint8Array(memory.buffer);
    this.i32 = new Int32Array(memory.buffer);
    this.scanFn = scan;
    for (let b = 0; b < 256; b++) {
      this.u8[CLS + b] = classOf(b);
      this.u8[KIND + b] = (b >= 97 && b <= 122) || (b >= 48 && b <= 57) ? 1 : b >= 65 && b <= 90 ? 2 : 0;
    }
    let number = 0;
    for (const [pair, row] of pairs) {
      this.u8[BIG + pair] = ++number;
      this.u8.set(row, TRI + number * CLASSES);
    }
    this.i32.set(termAt, this.termAt / 4);
    children.forEach((row, node) => this.i32.set(row, this.tab / 4 + node * CLASSES));
  }

  /** Each term's count in bytes[0, n) (n at most maxBytes), in the order first counted; null when none is. */
  count(bytes: Uint8Array, n: number): Map<string, number> | null {
    if (n > this.maxBytes) throw new RangeError(`a text of ${n} bytes; the counter holds ${this.maxBytes}`);
    this.u8.set(n === bytes.length ? bytes : bytes.subarray(0, n), this.text);
    this.u8[this.text + n] = 0;
    this.u8[this.text + n + 1] = 0;
    const found = this.scanFn(this.text, n, this.tab, this.termAt, this.counts, this.seen, BIG, TRI);
    if (found === 0) return null;
    const out = new Map<string, number>();
    const counts = this.counts / 4;
    for (let i = 0; i < found; i++) {
      const k = this.i32[this.seen / 4 + i];
      out.set(this.terms[k], this.i32[counts + k]);
      this.i32[counts + k] = 0;
    }
    return out;
  }
}
