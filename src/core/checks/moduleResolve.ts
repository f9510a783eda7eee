// Resolves module references (Python dotted names, JS specifiers) against the repo tree and the files
// a patch creates, and classifies the rest as standard library, declared dependency, or unknown.
import { posix } from 'node:path';
import { classifyJsSpecifier, classifyPythonTop, npmPackageOf, type DeclaredDeps } from './knownModules';
import { findPath, type RepoTree } from './repoTree';
import type { RefStatus } from './types';

/** Outcome of resolving one reference. */
export interface Resolution {
  status: RefStatus;
  reason?: string;
}

/** Paths a patch creates, for "new in patch" decisions. */
export type CreatedPaths = ReadonlySet<string>;

function inCreated(created: CreatedPaths, path: string, suffix: boolean): boolean {
  if (created.has(path)) return true;
  if (!suffix) return false;
  for (const c of created) if (c.endsWith(`/${path}`) || c.startsWith(`${path}/`) || c.includes(`/${path}/`)) return true;
  return false;
}

function inTree(tree: RepoTree, path: string, suffix: boolean): boolean {
  return suffix ? findPath(tree, path) !== undefined : tree.files.has(path) || tree.dirs.has(path);
}

function firstExisting(tree: RepoTree, created: CreatedPaths, cands: string[], suffix: boolean): 'tree' | 'patch' | undefined {
  for (const c of cands) if (inTree(tree, c, suffix)) return 'tree';
  for (const c of cands) if (inCreated(created, c, suffix)) return 'patch';
  return undefined;
}

function pyCandidates(path: string): string[] {
  return [`${path}.py`, `${path}.pyi`, `${path}/__init__.py`, path, `${path}.so`];
}

/** Resolves a Python module name (absolute or relative to fromFile). */
export function resolvePython(name: string, fromFile: string | undefined, tree: RepoTree, created: CreatedPaths, deps: DeclaredDeps): Resolution | undefined {
  const dots = /^\.*/.exec(name)?.[0].length ?? 0;
  const rest = name.slice(dots);
  if (dots > 0) {
    if (!fromFile) return undefined;
    let base = posix.dirname(fromFile);
    for (let i = 1; i < dots; i++) base = posix.dirname(base);
    const target = rest ? posix.join(base, rest.replace(/\./g, '/')) : base;
    const where = target === '.' ? 'tree' : firstExisting(tree, created, pyCandidates(target), false);
    if (where) return { status: where === 'tree' ? 'grounded' : 'newInPatch' };
    return { status: 'unverified', reason: `relative import "${name}" does not resolve from ${fromFile}` };
  }
  const parts = rest.split('.');
  const top = parts[0];
  const kind = classifyPythonTop(top, deps);
  // `import json` is the standard library unless the repo has its own top-level json module.
  if (kind === 'stdlib' && !firstExisting(tree, created, pyCandidates(top), false)) return { status: 'external' };
  const full = firstExisting(tree, created, pyCandidates(parts.join('/')), true);
  if (full) return { status: full === 'tree' ? 'grounded' : 'newInPatch' };
  const topHere = firstExisting(tree, created, pyCandidates(top), true);
  if (topHere) {
    // A package of the repo without that submodule (or an attribute reference, for `import a.b` lines).
    return { status: 'unverified', reason: `package "${top}" is in the repo but has no module "${rest}"` };
  }
  if (kind === 'stdlib' || kind === 'unknowable') return { status: 'external' };
  if (kind === 'declared') return { status: 'grounded' };
  return { status: 'unverified', reason: `module "${top}" is neither in the repo nor a declared dependency` };
}

const JS_EXTS = ['.ts', '.tsx', '.js', '.jsx', '.mjs', '.cjs', '.mts', '.cts', '.json', '.vue', '.svelte', '.d.ts'];

function jsCandidates(path: string): string[] {
  const out = [path, ...JS_EXTS.map((e) => path + e), ...JS_EXTS.map((e) => `${path}/index${e}`)];
  const m = /^(.*)\.(m|c)?jsx?$/.exec(path);
  if (m) out.push(`${m[1]}.ts`, `${m[1]}.tsx`, `${m[1]}.${m[2] ?? ''}ts`);
  return out;
}

/** Resolves a JS/TS import specifier (relative to fromFile, path-like, alias, or package). */
export function resolveJs(spec: string, fromFile: string | undefined, tree: RepoTree, created: CreatedPaths, deps: DeclaredDeps): Resolution | undefined {
  if (spec.startsWith('./') || spec.startsWith('../') || spec === '.' || spec === '..') {
    if (!fromFile) return undefined;
    const target = posix.normalize(posix.join(posix.dirname(fromFile), spec));
    if (target.startsWith('..')) return { status: 'unverified', reason: `"${spec}" points outside the repo from ${fromFile}` };
    const where = firstExisting(tree, created, jsCandidates(target), false);
    if (where) return { status: where === 'tree' ? 'grounded' : 'newInPatch' };
    return { status: 'unverified', reason: `"${spec}" does not resolve from ${fromFile}` };
  }
  if (spec.startsWith('/') || /^[a-z]+:/i.test(spec) && !spec.startsWith('node:')) return undefined;
  const alias = /^(?:@|~|#)\/(.+)$/.exec(spec);
  if (alias || (spec.includes('/') && !spec.startsWith('@'))) {
    const where = firstExisting(tree, created, jsCandidates(alias ? alias[1] : spec), true);
    if (where) return { status: where === 'tree' ? 'grounded' : 'newInPatch' };
    if (alias) return { status: 'unverified', reason: `"${spec}" does not match any file in the repo` };
  }
  const kind = classifyJsSpecifier(spec, deps);
  if (kind === 'stdlib' || kind === 'unknowable') return { status: 'external' };
  if (kind === 'declared') return { status: 'grounded' };
  return { status: 'unverified', reason: `package "${npmPackageOf(spec)}" is not a dependency in any package.json` };
}
