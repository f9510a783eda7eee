/** The repository's import graph (Python, JS/TS, Rust modules) and a personalized PageRank over it. */
import type { SearchDoc } from './codeSearch';

const PY_FROM = /^[ \t]*from[ \t]+(\.*[\w.]*)[ \t]+import[ \t]+([\w, \t()*]+)/gm;
const PY_IMPORT = /^[ \t]*import[ \t]+([\w.]+)/gm;
const JS_IMPORT = /(?:\bfrom[ \t]*|\bimport[ \t]*\(?[ \t]*|\brequire[ \t]*\([ \t]*)['"](\.{1,2}\/[^'"\n]+)['"]/g;
const RS_MOD = /^[ \t]*(?:pub(?:\([^)\n]*\))?[ \t]+)?mod[ \t]+([a-z_][a-z0-9_]*)[ \t]*;/gm;
const RS_USE = /\b(crate|super|self)::([a-z_][a-z0-9_]*)(?:::([a-z_][a-z0-9_]*))?/g;

function dirOf(p: string): string {
  const i = p.lastIndexOf('/');
  return i < 0 ? '' : p.slice(0, i);
}

function join(dir: string, rel: string): string {
  const parts = dir ? dir.split('/') : [];
  for (const seg of rel.split('/')) {
    if (seg === '..') parts.pop();
    else if (seg && seg !== '.') parts.push(seg);
  }
  return parts.join('/');
}

/** Directed edges importer → imported (paths of docs), from each file's import statements. */
export function importEdges(docs: SearchDoc[]): Map<string, Set<string>> {
  const paths = new Set(docs.map((d) => d.path));
  // Python modules by dotted suffix: "click.core" → src/click/core.py.
  const pyBySuffix = new Map<string, string[]>();
  for (const p of paths) {
    if (!p.endsWith('.py')) continue;
    const mod = p.replace(/\/__init__\.py$|\.py$/, '').split('/');
    for (let i = 0; i < mod.length; i++) {
      const key = mod.slice(i).join('.');
      pyBySuffix.set(key, [...(pyBySuffix.get(key) ?? []), p]);
    }
  }
  const edges = new Map<string, Set<string>>();
  const add = (from: string, to: string | undefined) => {
    if (!to || to === from || !paths.has(to)) return;
    let s = edges.get(from);
    if (!s) edges.set(from, (s = new Set()));
    s.add(to);
  };
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
  for (const d of docs) {
    const text = d.text;
    if (d.path.endsWith('.py')) {
      let m: RegExpExecArray | null;
      PY_FROM.lastIndex = 0;
      while ((m = PY_FROM.exec(text)) !== null) {
        const base = pyResolve(d.path, m[1]);
        add(d.path, base);
        // "from . import x" / "from .pkg import mod": the names may be modules themselves.
        for (const name of m[2].split(/[\s,()]+/).filter((x) => /^\w+$/.test(x))) add(d.path, pyResolve(d.path, m[1].endsWith('.') ? `${m[1]}${name}` : `${m[1]}.${name}`));
      }
      PY_IMPORT.lastIndex = 0;
      while ((m = PY_IMPORT.exec(text)) !== null) add(d.path, pyResolve(d.path, m[1]));
    } else if (/\.(m?[jt]sx?|cjs|cts|mts)$/.test(d.path)) {
      let m: RegExpExecArray | null;
      JS_IMPORT.lastIndex = 0;
      while ((m = JS_IMPORT.exec(text)) !== null) {
        const base = join(dirOf(d.path), m[1]).replace(/\.(m?js|cjs)$/, '');
        add(d.path, [base, `${base}.ts`, `${base}.tsx`, `${base}.js`, `${base}.mjs`, `${base}.cjs`, `${base}/index.ts`, `${base}/index.js`].find((c) => paths.has(c)));
      }
    } else if (d.path.endsWith('.rs')) {
      const dir = dirOf(d.path);
      const file = d.path.slice(dir.length + (dir ? 1 : 0));
      const modDir = /^(mod|lib|main)\.rs$/.test(file) ? dir : join(dir, file.replace(/\.rs$/, ''));
      const srcRoot = d.path.includes('/src/') ? d.path.slice(0, d.path.lastIndexOf('/src/') + 4) : d.path.startsWith('src/') ? 'src' : dir;
      let m: RegExpExecArray | null;
      RS_MOD.lastIndex = 0;
      while ((m = RS_MOD.exec(text)) !== null) add(d.path, [join(modDir, `${m[1]}.rs`), join(modDir, `${m[1]}/mod.rs`)].find((c) => paths.has(c)));
      RS_USE.lastIndex = 0;
      while ((m = RS_USE.exec(text)) !== null) {
        const base = m[1] === 'crate' ? srcRoot : m[1] === 'super' ? dirOf(modDir) : modDir;
        const a = join(base, m[2]);
        const b = m[3] ? join(a, m[3]) : '';
        add(d.path, [b && `${b}.rs`, b && `${b}/mod.rs`, `${a}.rs`, `${a}/mod.rs`].find((c) => c && paths.has(c)));
      }
    }
  }
  return edges;
}

/**
 * Personalized PageRank: a walk that restarts at files in proportion to their text score and follows imports, so files
 * that define what the matched files use gain rank. Returns rank per path (sums to about 1).
 */
export function personalizedRank(paths: string[], edges: Map<string, Set<string>>, prior: Map<string, number>, damping = 0.5, iterations = 20): Map<string, number> {
  const total = [...prior.values()].reduce((a, b) => a + b, 0);
  const rank = new Map<string, number>();
  if (total <= 0) return rank;
  const p = new Map([...prior].map(([k, v]) => [k, v / total]));
  let r = new Map(p);
  for (let it = 0; it < iterations; it++) {
    const next = new Map<string, number>();
    for (const [k, v] of p) next.set(k, (1 - damping) * v);
    let dangling = 0;
    for (const path of paths) {
      const rv = r.get(path) ?? 0;
      if (rv === 0) continue;
      const out = edges.get(path);
      if (!out || out.size === 0) {
        dangling += rv;
        continue;
      }
      const share = (damping * rv) / out.size;
      for (const to of out) next.set(to, (next.get(to) ?? 0) + share);
    }
    for (const [k, v] of p) next.set(k, (next.get(k) ?? 0) + damping * dangling * v);
    r = next;
  }
  for (const [k, v] of r) rank.set(k, v);
  return rank;
}
