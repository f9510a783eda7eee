// Grounding: are the files, lines, symbols and modules a draft names really in the repo at the commit?
// Three git processes at most: ls-tree (done by the caller), one cat-file --batch, one grep.
import { countLines, readBlobs } from './blobReader';
import { findFalseEmptyClaims } from './emptyClaims';
import { extractImports, langOfPath } from './importRefs';
import { isBuiltinHead, isManifestPath, normDist, parseManifests } from './knownModules';
import { resolveJs, resolvePython, type Resolution } from './moduleResolve';
import { createdPaths, type ParsedPatch } from './patchParse';
import { extractRefs } from './refExtract';
import { findPath, type RepoTree } from './repoTree';
import { containsWord, findWords, type WordHits } from './symbolSearch';
import type { DraftForChecks, GroundingReport, RepoRef } from './types';

/** At most this many unverified references are listed (all are counted). */
export const MAX_UNVERIFIED_LISTED = 100;

/** Input of checkGrounding. */
export interface GroundingInput {
  repoRoot: string;
  tree: RepoTree;
  draft: DraftForChecks;
  patch?: ParsedPatch;
  signal?: AbortSignal;
}

/** An empty grounding report (used when grounding could not run). */
export function emptyGrounding(): GroundingReport {
  return { refs: 0, grounded: 0, unverified: 0, newInPatch: 0, external: 0, unverifiedList: [], emptyClaims: [] };
}

/** At most this many references are judged (the first ones in the draft); a draft naming more is not more grounded. */
export const MAX_REFS = 5000;

/** All references of a draft: from its text, plus the imports its patch adds (the first {@link MAX_REFS}). */
export function collectRefs(draft: DraftForChecks, tree: RepoTree, patch?: ParsedPatch): RepoRef[] {
  const topDirs = new Set<string>();
  for (const d of tree.dirs) if (!d.includes('/')) topDirs.add(d);
  const refs = extractRefs(draft.title ?? '', draft.body ?? '', { topDirs });
  for (const f of patch?.files ?? []) {
    if (!f.newPath) continue;
    const lang = langOfPath(f.newPath);
    if (refs.length >= MAX_REFS) break;
    if (lang) for (const r of extractImports(f.addedLines.map((l) => l.text), lang, 'patch', f.newPath)) refs.push(r);
  }
  return refs.length > MAX_REFS ? refs.slice(0, MAX_REFS) : refs;
}

function pathCandidates(path: string): string[] {
  const out = [path];
  if (path.startsWith('/')) out.push(path.replace(/^\/+/, ''));
  const noPrefix = path.replace(/^\/?[ab]\//, '');
  if (noPrefix !== path) out.push(noPrefix);
  return out;
}

function suggestion(tree: RepoTree, path: string): string {
  const base = path.replace(/\/+$/, '').split('/').pop() ?? '';
  const alt = tree.byBasename.get(base);
  return alt && alt.length > 0 ? `; did you mean ${alt.slice(0, 2).join(' or ')}?` : '';
}

interface Ctx {
  tree: RepoTree;
  created: Set<string>;
  patchText: string;
  lineCounts: Map<string, number>;
  hits: WordHits;
  deps: ReturnType<typeof parseManifests>;
  short: string;
}

/** `README` / `LICENSE` written without the extension the repo uses (README.md). */
function findByStem(tree: RepoTree, name: string): string | undefined {
  if (name.includes('/') || name.includes('.')) return undefined;
  for (const [base, paths] of tree.byBasename) if (base.startsWith(`${name}.`)) return paths.find((p) => !p.includes('/')) ?? paths[0];
  return undefined;
}

function locatePath(ctx: Ctx, path: string): { where: 'tree'; kind: 'file' | 'dir'; path: string } | { where: 'patch' } | undefined {
  const stem = findByStem(ctx.tree, path);
  if (stem && !findPath(ctx.tree, path)) return { where: 'tree', kind: 'file', path: stem };
  for (const c of pathCandidates(path)) {
    const p = c.replace(/\/+$/, '');
    if (ctx.created.has(p) || [...ctx.created].some((n) => n.endsWith(`/${p}`) || n.startsWith(`${p}/`))) {
      if (!findPath(ctx.tree, p)) return { where: 'patch' };
    }
    const hit = findPath(ctx.tree, p);
    if (hit) return { where: 'tree', ...hit };
  }
  return undefined;
}

function isExternalName(ctx: Ctx, name: string): boolean {
  return isBuiltinHead(name) || ctx.deps.js.has(name) || ctx.deps.python.has(normDist(name));
}

function judgeSymbol(ctx: Ctx, parts: string[]): Resolution {
  if (parts.length > 1) {
    const asModule = resolvePython(parts.join('.'), undefined, ctx.tree, ctx.created, { ...ctx.deps, hasPythonManifest: false });
    if (asModule && asModule.status !== 'external' && asModule.status !== 'unverified') return asModule;
    if (isBuiltinHead(parts[0])) return { status: 'external' }; // `os.path.join`, `JSON.parse`
  }
  if (parts.length === 1 && findPath(ctx.tree, parts[0])) return { status: 'grounded' }; // `web`, `Makefile`: a folder/file name
  const sets = parts.map((p) => ctx.hits.get(p));
  const missing = parts.filter((_p, i) => !sets[i]);
  if (missing.length === 0) {
    if (parts.length === 1) return { status: 'grounded' };
    const [first, ...others] = sets as Set<string>[];
    for (const f of first) if (others.every((s) => s.has(f))) return { status: 'grounded' };
  }
  const name = parts.join('.');
  if (containsWord(ctx.patchText, parts[parts.length - 1])) return { status: 'newInPatch' };
  if (parts.length === 1 && isExternalName(ctx, parts[0])) return { status: 'external' }; // `numpy`, `lodash`, `fetch`
  if (missing.length === 0) return { status: 'unverified', reason: `${parts.map((p) => `"${p}"`).join(' and ')} never occur in the same file at ${ctx.short}` };
  return { status: 'unverified', reason: `"${missing.join('", "')}" not found in the repo at ${ctx.short}${missing.length < parts.length ? ` (from ${name})` : ''}` };
}

function judge(ctx: Ctx, ref: RepoRef): Resolution | undefined {
  if (ref.kind === 'path' || ref.kind === 'line') {
    const path = ref.path ?? '';
    const loc = locatePath(ctx, path);
    if (!loc) return { status: 'unverified', reason: `no such file or folder at ${ctx.short}${suggestion(ctx.tree, path)}` };
    if (loc.where === 'patch') return { status: 'newInPatch' };
    if (ref.kind === 'path' || !ref.lines) return { status: 'grounded' };
    if (loc.kind === 'dir') return { status: 'unverified', reason: `${loc.path} is a folder, not a file` };
    const n = ctx.lineCounts.get(loc.path);
    if (n === undefined) return { status: 'grounded' };
    if (ref.lines.start < 1 || ref.lines.end > n) {
      return { status: 'unverified', reason: `line ${ref.lines.end > n ? ref.lines.end : ref.lines.start} is past the end of ${loc.path} (${n} lines)` };
    }
    return { status: 'grounded' };
  }
  if (ref.kind === 'module' && ref.module) {
    const { name, lang, fromFile } = ref.module;
    return lang === 'python' ? resolvePython(name, fromFile, ctx.tree, ctx.created, ctx.deps) : resolveJs(name, fromFile, ctx.tree, ctx.created, ctx.deps);
  }
  if (ref.kind === 'symbol' && ref.parts) return judgeSymbol(ctx, ref.parts);
  return undefined;
}

/** Checks every reference of the draft against the tree; returns the report and a message if a git step failed. */
export async function checkGrounding(input: GroundingInput): Promise<{ report: GroundingReport; error?: string }> {
  const { tree, draft, patch, repoRoot, signal } = input;
  const refs = collectRefs(draft, tree, patch);
  const created = patch ? createdPaths(patch) : new Set<string>();
  const errors: string[] = [];

  const lineFiles = new Set<string>();
  for (const r of refs) {
    if (r.kind !== 'line' || !r.path) continue;
    for (const c of pathCandidates(r.path)) {
      const hit = findPath(tree, c);
      if (hit?.kind === 'file') { lineFiles.add(hit.path); break; }
    }
  }
  const manifests = refs.some((r) => r.kind === 'module' || r.kind === 'symbol') ? [...tree.files].filter((f) => isManifestPath(f)).slice(0, 200) : [];
  const words = new Set<string>();
  for (const r of refs) if (r.kind === 'symbol') for (const p of r.parts ?? []) words.add(p);

  const [blobs, grep] = await Promise.all([
    readBlobs(repoRoot, tree.commit, [...lineFiles, ...manifests], signal),
    findWords(repoRoot, tree.commit, words, signal),
  ]);
  const lineCounts = new Map<string, number>();
  const manifestText = new Map<string, string>();
  if (blobs.ok) {
    for (const f of lineFiles) { const b = blobs.blobs.get(f); if (b) lineCounts.set(f, countLines(b)); }
    for (const f of manifests) { const b = blobs.blobs.get(f); if (b) manifestText.set(f, b.toString('utf8')); }
  } else errors.push(blobs.error);
  if (!grep.ok) errors.push(grep.error);

  const ctx: Ctx = {
    tree, created, lineCounts, hits: grep.ok ? grep.hits : new Map(), deps: parseManifests(manifestText), short: tree.commit.slice(0, 7),
    patchText: (patch?.files ?? []).map((f) => f.addedLines.map((l) => l.text).join('\n')).join('\n'),
  };
  const report = emptyGrounding();
  for (const ref of refs) {
    if (ref.kind === 'symbol' && !grep.ok) continue; // not judged: the search failed
    const res = judge(ctx, ref);
    if (!res) continue;
    report.refs++;
    report[res.status]++;
    if (res.status === 'unverified' && report.unverifiedList.length < MAX_UNVERIFIED_LISTED) {
      report.unverifiedList.push({ ref: ref.text, kind: ref.kind, reason: res.reason ?? 'not found in the repo' });
    }
  }
  const text = `${draft.title ?? ''}\n${stripFences(draft.body ?? '')}`;
  report.emptyClaims = findFalseEmptyClaims(text, tree);
  return errors.length > 0 ? { report, error: errors.join('; ') } : { report };
}

/** Drops closed fenced blocks (an unclosed one stays), line by line: linear, where a lazy regex was quadratic. */
function stripFences(md: string): string {
  const lines = md.split('\n');
  const keep: string[] = [];
  let open: { marker: string; at: number } | undefined;
  for (const line of lines) {
    const m = /^\s{0,3}(`{3,}|~{3,})/.exec(line);
    if (open) {
      if (m && m[1] === open.marker && line.slice(m[0].length).trim() === '') { keep.length = open.at; open = undefined; continue; }
      keep.push(line);
    } else {
      if (m) open = { marker: m[1], at: keep.length };
      keep.push(line);
    }
  }
  return keep.join('\n');
}
