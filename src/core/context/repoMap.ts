/** Renders the repository map (every path as a tree, plus top-level symbols) and shrinks it to fit a token budget. */
import { countTokens } from './tokenCount';

/** One path in the map, with its ranking score (higher = more important) and a lazy symbol source. */
export interface MapEntry {
  path: string;
  score: number;
  symbols?: () => string[];
}

/** The rendered map and what it shows. */
export interface RenderedMap {
  text: string;
  tokens: number;
  paths: number;
  shownPaths: number;
  truncated: boolean;
}

interface DirNode {
  name: string;
  path: string;
  parent: DirNode | null;
  dirs: Map<string, DirNode>;
  files: { name: string; entry: MapEntry }[];
  fileCount: number;
  importance: number;
  cost: number;
  collapsed: boolean;
  /** Files left out of the prompt are listed as one summary line. */
  folded: boolean;
  depth: number;
}

/** Scores at or below this mark files that are not sent (skipped or binary); they fold first. */
export const SKIPPED_SCORE = -100;

// Cheap upper estimate used while deciding; the final text is counted exactly.
const est = (s: string) => Math.ceil(s.length / 3) + 1;
/** est() of an indented line without building it. */
const estLine = (depth: number, chars: number) => Math.ceil((2 * Math.max(0, depth) + chars) / 3) + 1;

function newDir(name: string, path: string, parent: DirNode | null): DirNode {
  return { name, path, parent, dirs: new Map(), files: [], fileCount: 0, importance: -Infinity, cost: 0, collapsed: false, folded: false, depth: parent ? parent.depth + 1 : -1 };
}

function buildTree(entries: MapEntry[]): DirNode {
  const root = newDir('', '', null);
  // Listings come sorted, so a path's folder is most often the previous path's: found once, then reused. The folder is
  // keyed with its trailing slash: '' (the root) and '/' (a leading slash, which a crafted git index can list) differ.
  let prevDir: string | null = null;
  let prevNode = root;
  for (const e of entries) {
    const p = e.path;
    const last = p.lastIndexOf('/');
    const dir = p.slice(0, last + 1);
    let node = prevNode;
    if (dir !== prevDir) {
      node = root;
      if (last >= 0) {
        let start = 0;
        for (let slash = p.indexOf('/'); slash >= 0 && slash <= last; slash = p.indexOf('/', start)) {
          const name = p.slice(start, slash);
          let child = node.dirs.get(name);
          if (!child) {
            child = newDir(name, node.path ? `${node.path}/${name}` : name, node);
            node.dirs.set(name, child);
          }
          node = child;
          start = slash + 1;
        }
      }
      prevDir = dir;
      prevNode = node;
    }
    node.files.push({ name: p.slice(last + 1), entry: e });
  }
  return root;
}

const summaries = new WeakMap<DirNode, string>();

function summary(node: DirNode): string {
  const cached = summaries.get(node);
  if (cached !== undefined) return cached;
  const exts = new Map<string, number>();
  const walk = (n: DirNode) => {
    for (const f of n.files) {
      const dot = f.name.lastIndexOf('.');
      const ext = dot > 0 ? f.name.slice(dot) : '(none)';
      exts.set(ext, (exts.get(ext) ?? 0) + 1);
    }
    for (const d of n.dirs.values()) walk(d);
  };
  walk(node);
  const top = [...exts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4);
  const text = `(${node.fileCount} files: ${top.map(([e, n]) => `${n} ${e}`).join(', ')}${exts.size > 4 ? ', …' : ''})`;
  summaries.set(node, text);
  return text;
}

function extSummary(names: string[]): string {
  const exts = new Map<string, number>();
  for (const n of names) {
    const dot = n.lastIndexOf('.');
    const ext = dot > 0 ? n.slice(dot) : '(none)';
    exts.set(ext, (exts.get(ext) ?? 0) + 1);
  }
  const top = [...exts.entries()].sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).slice(0, 4);
  return top.map(([e, n]) => `${n} ${e}`).join(', ') + (exts.size > 4 ? ', …' : '');
}

const skippedOf = new WeakMap<DirNode, string[]>();

/** Names of a folder's files that are not sent (scores never change while a map is rendered, so computed once). */
function skippedFiles(node: DirNode): string[] {
  let names = skippedOf.get(node);
  if (!names) {
    names = node.files.filter((f) => f.entry.score <= SKIPPED_SCORE).map((f) => f.name);
    skippedOf.set(node, names);
  }
  return names;
}

function foldLine(node: DirNode): string {
  const names = skippedFiles(node);
  return `${indent(node.depth + 1)}… ${names.length} files not sent (${extSummary(names)})`;
}

function fold(node: DirNode): void {
  const names = skippedFiles(node);
  const before = names.reduce((sum, n) => sum + estLine(node.depth + 1, n.length), 0);
  const delta = before - est(foldLine(node));
  node.folded = true;
  for (let n: DirNode | null = node; n; n = n.parent) n.cost -= delta;
}

function tier(importance: number): number {
  return importance >= 50 ? 3 : importance >= 0 ? 2 : importance > SKIPPED_SCORE ? 1 : 0;
}

function indent(depth: number): string {
  return '  '.repeat(Math.max(0, depth));
}

/** Computes counts, importance and the estimated cost of every subtree (bottom-up). */
function measure(node: DirNode): void {
  let cost = node.parent ? estLine(node.depth, node.name.length + 1) : 0;
  let count = node.files.length;
  let imp = -Infinity;
  for (const f of node.files) {
    cost += estLine(node.depth + 1, f.name.length);
    imp = Math.max(imp, f.entry.score);
  }
  for (const d of node.dirs.values()) {
    measure(d);
    cost += d.cost;
    count += d.fileCount;
    imp = Math.max(imp, d.importance);
  }
  node.cost = cost;
  node.fileCount = count;
  node.importance = imp;
}

function collapse(node: DirNode): void {
  const after = est(`${indent(node.depth)}${node.name}/ ${summary(node)}`);
  const delta = node.cost - after;
  node.collapsed = true;
  for (let n: DirNode | null = node; n; n = n.parent) n.cost -= delta;
}

function render(node: DirNode, symbolLines: Map<string, string>, out: string[]): number {
  let shown = 0;
  if (node.parent) {
    if (node.collapsed) {
      out.push(`${indent(node.depth)}${node.name}/ ${summary(node)}`);
      return 0;
    }
    out.push(`${indent(node.depth)}${node.name}/`);
  }
  const sortedFiles = [...node.files].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const f of sortedFiles) {
    if (node.folded && f.entry.score <= SKIPPED_SCORE) continue;
    const sym = symbolLines.get(f.entry.path);
    out.push(`${indent(node.depth + 1)}${f.name}${sym ? `: ${sym}` : ''}`);
    shown++;
  }
  if (node.folded) out.push(foldLine(node));
  const dirs = [...node.dirs.values()].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const d of dirs) shown += render(d, symbolLines, out);
  return shown;
}

function allDirs(node: DirNode, out: DirNode[]): DirNode[] {
  for (const d of node.dirs.values()) {
    out.push(d);
    allDirs(d, out);
  }
  return out;
}

function isHidden(d: DirNode): boolean {
  for (let n = d.parent; n; n = n.parent) if (n.collapsed) return true;
  return false;
}

/** Renders the map within budgetTokens: collapses the least important directories first, then adds symbols by rank. */
export function renderRepoMap(entries: MapEntry[], budgetTokens: number, maxSymbolFiles = 200): RenderedMap {
  const root = buildTree(entries);
  measure(root);
  const frame = (body: string, shown: number) => `<repo-map files="${entries.length}" shown="${shown}">\n${body}\n</repo-map>`;
  let target = budgetTokens;
  for (let attempt = 0; attempt < 6; attempt++) {
    const cap = Math.max(0, target - 12);
    if (root.cost > cap) {
      // First fold the files that are not sent (largest groups first), then collapse whole directories.
      const foldable = [root, ...allDirs(root, [])].map((d) => ({ d, n: skippedFiles(d).length })).filter((x) => x.n >= 2);
      foldable.sort((a, b) => b.n - a.n || (a.d.path < b.d.path ? -1 : 1));
      for (const { d } of foldable) {
        if (root.cost <= cap) break;
        fold(d);
      }
    }
    if (root.cost > cap) {
      // Least important tier first; within a tier the deepest directories go first, so the top levels stay visible.
      const dirs = allDirs(root, []).sort((a, b) => tier(a.importance) - tier(b.importance) || b.depth - a.depth || b.cost - a.cost || (a.path < b.path ? -1 : 1));
      for (const d of dirs) {
        if (root.cost <= cap) break;
        if (d.collapsed || isHidden(d)) continue;
        collapse(d);
      }
    }
    const symbolLines = new Map<string, string>();
    let spare = cap - root.cost;
    const ranked = entries.filter((e) => e.symbols).sort((a, b) => b.score - a.score || (a.path < b.path ? -1 : 1));
    for (const e of ranked.slice(0, maxSymbolFiles)) {
      if (spare < 20) break;
      const dir = e.path.includes('/') ? findDir(root, e.path) : root;
      if (!dir || dir.collapsed || isHidden(dir)) continue;
      const names = e.symbols!();
      if (names.length === 0) continue;
      const line = names.slice(0, 12).join(', ') + (names.length > 12 ? `, … +${names.length - 12}` : '');
      const cost = est(`: ${line}`);
      if (cost > spare) continue;
      symbolLines.set(e.path, line);
      spare -= cost;
    }
    const lines: string[] = [];
    const shown = render(root, symbolLines, lines);
    let body = lines.join('\n');
    let truncated = shown < entries.length;
    if (root.cost > cap) {
      // Even fully collapsed the top level is too big: cut lines at the end.
      const keep = Math.max(1, Math.floor((lines.length * cap) / Math.max(1, root.cost)));
      body = `${lines.slice(0, keep).join('\n')}\n… (${lines.length - keep} more map lines omitted)`;
      truncated = true;
    }
    const text = frame(body, shown);
    const tokens = countTokens(text);
    if (tokens <= budgetTokens) return { text, tokens, paths: entries.length, shownPaths: shown, truncated };
    if (attempt === 5) return cutToFit(lines, budgetTokens, entries.length, shown, frame);
    target = Math.floor(target * (budgetTokens / tokens) * 0.97);
    resetCollapse(root);
  }
  return cutToFit([], budgetTokens, entries.length, 0, frame);
}

/** Last resort: the longest prefix of lines whose framed text fits (binary search on the line count). */
function cutToFit(lines: string[], budget: number, paths: number, shown: number, frame: (b: string, n: number) => string): RenderedMap {
  let lo = 0;
  let hi = lines.length;
  const build = (n: number) => frame(`${lines.slice(0, n).join('\n')}\n… (${lines.length - n} more map lines omitted)`, shown);
  while (lo < hi) {
    const mid = (lo + hi + 1) >> 1;
    if (countTokens(build(mid)) <= budget) lo = mid;
    else hi = mid - 1;
  }
  const text = build(lo);
  return { text, tokens: countTokens(text), paths, shownPaths: shown, truncated: true };
}

function findDir(root: DirNode, path: string): DirNode | null {
  const parts = path.split('/');
  let node: DirNode | undefined = root;
  for (let i = 0; i < parts.length - 1 && node; i++) node = node.dirs.get(parts[i]);
  return node ?? null;
}

function resetCollapse(root: DirNode): void {
  root.folded = false;
  for (const d of allDirs(root, [])) {
    d.collapsed = false;
    d.folded = false;
  }
  measure(root);
}
