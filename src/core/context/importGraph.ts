/** The repository's import graph (Python, JS/TS, Rust modules) and a personalized PageRank over it. */
import { ownCopy } from '../text/ownCopy';
import { dirOf, IMPORT_SCAN_CHARS, joinPath, type QuotedBytes } from './importPaths';
import { jsSpecsAt, jsSpecsIn } from './jsImportSpecs';

export { IMPORT_SCAN_CHARS, type QuotedBytes } from './importPaths';

// `[\w.]*` (not `\.*[\w.]*`, the same strings: the overlap made a run of dots quadratic, 0.4 s per 16 KB file).
const PY_FROM = /^[ \t]*from[ \t]+([\w.]*)[ \t]+import[ \t]+([\w, \t()*]+)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([\w.]+)/gm;
/** A JS/TS module's path. */
const JS_PATH = /\.(m?[jt]sx?|cjs|cts|mts)$/;

const RS_MOD = /^[ \t]*(?:pub(?:\([^)\n]*\))?[ \t]+)?mod[ \t]+([a-z_][a-z0-9_]*)[ \t]*;/gm;
const RS_USE = /\b(crate|super|self)::([a-z_][a-z0-9_]*)(?:::([a-z_][a-z0-9_]*))?/g;

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
    jsSpecsIn(path, hay, out);
  } else if (path.endsWith('.rs')) {
    const dir = dirOf(path);
    const file = path.slice(dir.length + (dir ? 1 : 0));
    const modDir = /^(mod|lib|main)\.rs$/.test(file) ? dir : joinPath(dir, file.replace(/\.rs$/, ''));
    const srcRoot = path.includes('/src/') ? path.slice(0, path.lastIndexOf('/src/') + 4) : path.startsWith('src/') ? 'src' : dir;
    RS_MOD.lastIndex = 0;
    while ((m = RS_MOD.exec(hay)) !== null) out.push(`rs:${joinPath(modDir, m[1])}`);
    RS_USE.lastIndex = 0;
    while ((m = RS_USE.exec(hay)) !== null) {
      const base = m[1] === 'crate' ? srcRoot : m[1] === 'super' ? dirOf(modDir) : modDir;
      const a = joinPath(base, m[2]);
      if (m[3]) out.push(`rs:${joinPath(a, m[3])}`);
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
      const stemPath = rest ? joinPath(base, rest) : base;
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
