/** The repository's import graph (Python, JS/TS, Rust modules) and a personalized PageRank over it. */
import { ownCopy } from '../text/ownCopy';

// `[\w.]*` (not `\.*[\w.]*`, the same strings: the overlap made a run of dots quadratic, 0.4 s per 16 KB file).
const PY_FROM = /^[ \t]*from[ \t]+([\w.]*)[ \t]+import[ \t]+([\w, \t()*]+)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([\w.]+)/gm;
// A relative module string; the words before it (from / import / require) are checked separately, which is faster.
const JS_REL = /['"](\.{1,2}\/[^'"\n]+)['"]/g;
/** A JS/TS module's path. */
const JS_PATH = /\.(m?[jt]sx?|cjs|cts|mts)$/;

/** True for the characters of \w. */
function isWordChar(c: number): boolean {
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/** Whether the characters before e (code(i): the one at i) spell word with a word boundary before it (at from, the window's start, there always is one). */
function wordEndsAt(code: (i: number) => number, from: number, e: number, word: string): boolean {
  const s = e - word.length;
  if (s < from) return false;
  for (let i = 0; i < word.length; i++) if (code(s + i) !== word.charCodeAt(i)) return false;
  return s === from || !isWordChar(code(s - 1));
}

/**
 * Whether a module string at `at` follows `from`, `import` or `require(`: what /(?:\bfrom|\bimport|\brequire[ \t]*\()[ \t(]*$/
 * finds in the 12 characters before it (code(i): the character at i), without cutting them out: spaces, tabs and `(`
 * back from `at`, then the word (`require` only with a `(` among them).
 */
function importBefore(code: (i: number) => number, at: number): boolean {
  const from = Math.max(0, at - 12);
  let e = at;
  let paren = false;
  for (let c = code(e - 1); e > from && (c === 32 || c === 9 || c === 40); c = code(--e - 1)) if (c === 40) paren = true;
  return wordEndsAt(code, from, e, 'from') || wordEndsAt(code, from, e, 'import') || (paren && wordEndsAt(code, from, e, 'require'));
}

/** A module path without a .js, .mjs or .cjs ending (the file it names may be TypeScript). */
function withoutJsEnding(p: string): string {
  if (p.endsWith('.js')) return p.slice(0, -3);
  return p.endsWith('.mjs') || p.endsWith('.cjs') ? p.slice(0, -4) : p;
}
const RS_MOD = /^[ \t]*(?:pub(?:\([^)\n]*\))?[ \t]+)?mod[ \t]+([a-z_][a-z0-9_]*)[ \t]*;/gm;
const RS_USE = /\b(crate|super|self)::([a-z_][a-z0-9_]*)(?:::([a-z_][a-z0-9_]*))?/g;

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

/** Whether a relative path only goes down (`./a/b`: no empty, `.` or `..` component after the `./`). */
function downOnly(rel: string): boolean {
  if (!rel.startsWith('./')) return false;
  for (let i = 2; ; ) {
    let j = rel.indexOf('/', i);
    if (j < 0) j = rel.length;
    const len = j - i;
    if (len === 0 || (rel.charCodeAt(i) === 46 && (len === 1 || (len === 2 && rel.charCodeAt(i + 1) === 46)))) return false;
    if (j === rel.length) return true;
    i = j + 1;
  }
}

function join(dir: string, rel: string): string {
  // Most imports name a file beside or below their own: no splitting needed.
  if (downOnly(rel)) return dir ? `${dir}/${rel.slice(2)}` : rel.slice(2);
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** How much of a file is searched for imports (they sit at the top). */
export const IMPORT_SCAN_CHARS = 16_384;

/** A file's first bytes (read as latin1 characters) and where a quote followed by a dot lies in them (null: not known). */
export interface QuotedBytes {
  bytes: Uint8Array;
  quoteDots: ArrayLike<number> | null;
}

/** The bytes of `jsbase:`. */
const JS_BASE = Buffer.from('jsbase:', 'latin1');
/** A string of ASCII characters only (each one byte, the same in latin1 and UTF-8). */
const ASCII = /^[\0-\x7f]*$/;
/** A character of latin1's upper half: in text read as latin1, a byte of a UTF-8 sequence. */
const HIGH = /[\x80-\xff]/;
/** A character beyond latin1: the text was not read from bytes as latin1. */
const BEYOND_LATIN1 = /[^\0-\xff]/;

/**
 * A specifier cut from text read as latin1, with the bytes of a UTF-8 name decoded as UTF-8 (a file named `é.ts`, an
 * import of `./é`): so it names the repository's path as the listing does. A string not read as latin1 is kept.
 */
function utf8Name(s: string): string {
  return HIGH.test(s) && !BEYOND_LATIN1.test(s) ? Buffer.from(s, 'latin1').toString('utf8') : s;
}
/** Where jsSpecsAt writes a specifier before reading it as one string (grown as needed). */
let specBytes = Buffer.allocUnsafe(1024);

/** Above any position jsSpecsAt reads (IMPORT_SCAN_CHARS): leadingUps gives ups * UP + at in one number. */
const UP = 1 << 16;

/**
 * Where a module string's leading `./`, `../` and empty segments end in b[p, e) (at), and how many folders its `../`
 * climb (ups), as ups * UP + at; -1 unless the rest is one or more segments, none of them empty, `.` or `..` (what a
 * plain join can append).
 */
function leadingUps(b: Uint8Array, p: number, e: number): number {
  let ups = 0;
  for (;;) {
    if (b[p] === 0x2f) p++;
    else if (b[p] === 0x2e && b[p + 1] === 0x2f) p += 2;
    else if (b[p] === 0x2e && b[p + 1] === 0x2e && b[p + 2] === 0x2f) {
      ups++;
      p += 3;
    } else break;
  }
  const at = p;
  for (let seg = p; ; p++) {
    if (p === e || b[p] === 0x2f) {
      const len = p - seg;
      if (len === 0 || (b[seg] === 0x2e && (len === 1 || (len === 2 && b[seg + 1] === 0x2e)))) return -1;
      if (p === e) return ups * UP + at;
      seg = p + 1;
    }
  }
}

/** Bytes of a module path's .js, .mjs or .cjs ending in b[at, e) (see withoutJsEnding), else 0. */
function jsEndingBytes(b: Uint8Array, at: number, e: number): number {
  const n = e - at;
  if (n >= 3 && b[e - 3] === 0x2e && b[e - 2] === 0x6a && b[e - 1] === 0x73) return 3;
  return n >= 4 && b[e - 4] === 0x2e && (b[e - 3] === 0x6d || b[e - 3] === 0x63) && b[e - 2] === 0x6a && b[e - 1] === 0x73 ? 4 : 0;
}

/**
 * JS_REL's matches after from / import / require( (see importBefore) in bytes read as latin1, found from the positions
 * where a quote is followed by a dot (every match begins so) without decoding the text: the same specifiers, in the
 * same order. A candidate inside the previous match is none (the regex goes on after a match's closing quote). A
 * specifier that climbs and then names plain segments (nearly all) is written in one piece from the bytes: `jsbase:`,
 * the folder it climbs to, and the rest; any other is joined segment by segment.
 */
function jsSpecsAt(dir: string, b: Uint8Array, quotes: ArrayLike<number>, out: string[]): void {
  const limit = Math.min(b.length, IMPORT_SCAN_CHARS);
  const code = (i: number) => b[i];
  // The folder a specifier climbs to is a prefix of dir, written as its bytes when ASCII (else the segment-by-segment route).
  const asciiDir = ASCII.test(dir);
  let resume = 0;
  for (let k = 0; k < quotes.length; k++) {
    const q = quotes[k];
    if (q < resume || q >= limit) continue;
    // `\.{1,2}\/` after the quote: `./` or `../`
    const s = q + 2 < limit && b[q + 2] === 0x2f ? q + 3 : q + 3 < limit && b[q + 2] === 0x2e && b[q + 3] === 0x2f ? q + 4 : -1;
    if (s < 0) continue;
    // `[^'"\n]+` then a quote, within the first IMPORT_SCAN_CHARS characters
    let e = s;
    while (e < limit && b[e] !== 0x27 && b[e] !== 0x22 && b[e] !== 0x0a) e++;
    if (e === s || e >= limit || b[e] === 0x0a) continue;
    resume = e + 1;
    if (!importBefore(code, q)) continue;
    const lead = asciiDir ? leadingUps(b, q + 1, e) : -1;
    if (lead >= 0) {
      const at = lead % UP;
      const end = e - jsEndingBytes(b, at, e);
      // dir up to its last `/` once per folder climbed (dirOf, as a length)
      let kept = dir.length;
      for (let u = Math.floor(lead / UP); u > 0 && kept > 0; u--) kept = Math.max(0, dir.lastIndexOf('/', kept - 1));
      const n = 7 + (kept ? kept + 1 : 0) + end - at;
      if (specBytes.length < n) specBytes = Buffer.allocUnsafe(2 * n);
      JS_BASE.copy(specBytes, 0);
      let j = 7;
      for (let i = 0; i < kept; i++) specBytes[j++] = dir.charCodeAt(i);
      if (kept) specBytes[j++] = 0x2f;
      for (let i = at; i < end; i++) specBytes[j++] = b[i];
      // The file's bytes are UTF-8 (a name that is not decodes to U+FFFD, as the listing can hold no such name).
      out.push(specBytes.toString('utf8', 0, n));
    } else {
      out.push(`jsbase:${withoutJsEnding(join(dir, Buffer.from(b.buffer, b.byteOffset + q + 1, e - q - 1).toString('utf8')))}`);
    }
  }
}

/** The raw import specifiers of one file ("py:<module>", "jsbase:<path>", "rs:<path>"), unresolved, in strings that hold none of its text. */
export function importSpecs(path: string, source: string | QuotedBytes): string[] {
  const out: string[] = [];
  if (typeof source !== 'string' && source.quoteDots && JS_PATH.test(path)) {
    // Decoded from the bytes a specifier at a time: no string holds the text.
    jsSpecsAt(dirOf(path), source.bytes, source.quoteDots, out);
    return [...new Set(out)];
  }
  const text = typeof source === 'string' ? source : Buffer.from(source.bytes.buffer, source.bytes.byteOffset, Math.min(source.bytes.length, IMPORT_SCAN_CHARS)).toString('latin1');
  const hay = text.length > IMPORT_SCAN_CHARS ? text.slice(0, IMPORT_SCAN_CHARS) : text;
  let m: RegExpExecArray | null;
  if (path.endsWith('.py')) {
    PY_FROM.lastIndex = 0;
    while ((m = PY_FROM.exec(hay)) !== null) {
      out.push(`py:${m[1]}`);
      for (const name of m[2].split(/[\s,()]+/).filter((x) => /^\w+$/.test(x))) out.push(`py:${m[1].endsWith('.') ? `${m[1]}${name}` : `${m[1]}.${name}`}`);
    }
    PY_IMPORT.lastIndex = 0;
    while ((m = PY_IMPORT.exec(hay)) !== null) out.push(`py:${m[1]}`);
  } else if (JS_PATH.test(path)) {
    const dir = dirOf(path);
    JS_REL.lastIndex = 0;
    while ((m = JS_REL.exec(hay)) !== null) {
      if (!importBefore((i) => hay.charCodeAt(i), m.index)) continue;
      out.push(`jsbase:${withoutJsEnding(join(dir, utf8Name(m[1])))}`);
    }
  } else if (path.endsWith('.rs')) {
    const dir = dirOf(path);
    const file = path.slice(dir.length + (dir ? 1 : 0));
    const modDir = /^(mod|lib|main)\.rs$/.test(file) ? dir : join(dir, file.replace(/\.rs$/, ''));
    const srcRoot = path.includes('/src/') ? path.slice(0, path.lastIndexOf('/src/') + 4) : path.startsWith('src/') ? 'src' : dir;
    RS_MOD.lastIndex = 0;
    while ((m = RS_MOD.exec(hay)) !== null) out.push(`rs:${join(modDir, m[1])}`);
    RS_USE.lastIndex = 0;
    while ((m = RS_USE.exec(hay)) !== null) {
      const base = m[1] === 'crate' ? srcRoot : m[1] === 'super' ? dirOf(modDir) : modDir;
      const a = join(base, m[2]);
      if (m[3]) out.push(`rs:${join(a, m[3])}`);
      out.push(`rs:${a}`);
    }
  }
  // The matches are views of the text: copied, so the specifiers kept hold none of it.
  return [...new Set(out)].map(ownCopy);
}

/** What a JS/TS module path without its extension may name, in the order tried: `x.ts` first, `x/index.js` last. */
const JS_MODULE_ENDINGS = ['.ts', '.tsx', '.js', '.mjs', '.cjs', '/index.ts', '/index.js'];

/** Each module path without its ending → the file it names (the earliest ending in JS_MODULE_ENDINGS that exists). */
function jsModuleBases(paths: Set<string>): Map<string, string> {
  const best = new Map<string, { path: string; order: number }>();
  for (const p of paths) {
    for (let order = 0; order < JS_MODULE_ENDINGS.length; order++) {
      const end = JS_MODULE_ENDINGS[order];
      if (!p.endsWith(end)) continue;
      const base = p.slice(0, p.length - end.length);
      const cur = best.get(base);
      if (!cur || order < cur.order) best.set(base, { path: p, order });
    }
  }
  return new Map([...best].map(([base, b]) => [base, b.path]));
}

/** Resolves import specifiers to repository paths: directed edges importer → imported. */
export function resolveImports(paths: Set<string>, specs: Map<string, string[]>): Map<string, Set<string>> {
  // Python modules by dotted suffix: "click.core" → src/click/core.py.
  const pyBySuffix = new Map<string, string[]>();
  for (const p of paths) {
    if (!p.endsWith('.py')) continue;
    const mod = p.replace(/\/__init__\.py$|\.py$/, '').split('/');
    for (let i = 0; i < mod.length; i++) {
      const key = mod.slice(i).join('.');
      const list = pyBySuffix.get(key);
      if (list) list.push(p);
      else pyBySuffix.set(key, [p]);
    }
  }
  const pyResolve = (from: string, mod: string): string | undefined => {
    if (mod.startsWith('.')) {
      const dots = /^\.+/.exec(mod)![0].length;
      let base = dirOf(from);
      for (let i = 1; i < dots; i++) base = dirOf(base);
      const rest = mod.slice(dots).replace(/\./g, '/');
      const stemPath = rest ? join(base, rest) : base;
      return [`${stemPath}.py`, `${stemPath}/__init__.py`].find((c) => paths.has(c));
    }
    const hits = pyBySuffix.get(mod);
    return hits && hits.length <= 2 ? hits[0] : undefined;
  };
  let jsBase: Map<string, string> | null = null;
  const edges = new Map<string, Set<string>>();
  for (const [from, list] of specs) {
    const to = new Set<string>();
    for (const spec of list) {
      const colon = spec.indexOf(':');
      const kind = spec.slice(0, colon);
      const v = spec.slice(colon + 1);
      let hit: string | undefined;
      if (kind === 'py') hit = pyResolve(from, v);
      else if (kind === 'jsbase') hit = paths.has(v) ? v : (jsBase ??= jsModuleBases(paths)).get(v);
      else if (kind === 'rs') hit = [`${v}.rs`, `${v}/mod.rs`].find((c) => paths.has(c));
      if (hit && hit !== from) to.add(hit);
    }
    if (to.size) edges.set(from, to);
  }
  return edges;
}

/**
 * Personalized PageRank: a walk that restarts at files in proportion to their text score and follows imports, so files
 * that define what the matched files use gain rank. Returns rank per path (sums to about 1).
 */
export function personalizedRank(paths: string[], edges: Map<string, Set<string>>, prior: Map<string, number>, damping = 0.5, iterations = 20): Map<string, number> {
  const rank = new Map<string, number>();
  let total = 0;
  for (const v of prior.values()) total += v;
  if (total <= 0) return rank;
  // Only files the walk can reach matter: the matched files and the import edges' ends (known files, first seen first).
  const known = new Set(paths);
  const id = new Map<string, number>();
  const nodes: string[] = [];
  const add = (x: string) => {
    if (!id.has(x) && known.has(x)) {
      id.set(x, nodes.length);
      nodes.push(x);
    }
  };
  for (const k of prior.keys()) add(k);
  for (const [from, tos] of edges) {
    add(from);
    for (const t of tos) add(t);
  }
  const n = nodes.length;
  const p = new Float64Array(n);
  for (const [k, v] of prior) {
    const i = id.get(k);
    if (i !== undefined) p[i] = v / total;
  }
  // Edges as one flat array: node i's targets are tgt[start[i]] .. tgt[start[i + 1] - 1], in the edge set's order.
  const start = new Int32Array(n + 1);
  const targets: number[] = [];
  for (let i = 0; i < n; i++) {
    start[i] = targets.length;
    const tos = edges.get(nodes[i]);
    if (tos) {
      for (const t of tos) {
        const j = id.get(t);
        if (j !== undefined) targets.push(j);
      }
    }
  }
  start[n] = targets.length;
  const tgt = Int32Array.from(targets);
  // Two rank vectors, swapped each iteration (no allocation per step).
  let r = Float64Array.from(p);
  let next = new Float64Array(n);
  for (let it = 0; it < iterations; it++) {
    next.fill(0);
    let dangling = 0;
    for (let i = 0; i < n; i++) {
      const rv = r[i];
      if (rv === 0) continue;
      const a = start[i];
      const b = start[i + 1];
      if (a === b) {
        dangling += rv;
        continue;
      }
      const share = (damping * rv) / (b - a);
      for (let k = a; k < b; k++) next[tgt[k]] += share;
    }
    const restart = 1 - damping + damping * dangling;
    for (let i = 0; i < n; i++) next[i] += restart * p[i];
    const t = r;
    r = next;
    next = t;
  }
  for (let i = 0; i < n; i++) if (r[i] > 0) rank.set(nodes[i], r[i]);
  return rank;
}
