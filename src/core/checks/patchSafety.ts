// Path safety of a model-written patch, decided before anything is applied: no absolute paths, no
// `..`, nothing inside .git, no NUL bytes, no writes through a symlink (in the tree or made by the patch).
import { posix } from 'node:path';
import { isGitDirName } from '../git/gitDirName';
import type { ParsedPatch, PatchFile } from './patchParse';
import type { RepoTree } from './repoTree';
import type { PatchPathProblem } from './types';

/** Largest patch the checks accept (bytes of text). */
export const MAX_PATCH_BYTES = 4 * 1024 * 1024;

function segments(p: string): string[] {
  return p.split(/[\\/]+/);
}

/** Problems of one path as written (after prefix stripping). */
export function pathProblem(p: string): string | undefined {
  if (p.includes('\0')) return 'contains a NUL byte';
  if (p.trim() === '') return 'empty file name';
  if (/^[\\/]/.test(p) || /^[A-Za-z]:/.test(p) || p.startsWith('~')) return 'absolute path (outside the repo)';
  const segs = segments(p);
  if (segs.some((s) => s === '..')) return 'leaves the repo ("..")';
  if (segs.some(isGitDirName)) return 'writes inside .git';
  return undefined;
}

function newSymlinks(patch: ParsedPatch): Map<string, PatchFile> {
  const out = new Map<string, PatchFile>();
  for (const f of patch.files) if (f.newPath && f.newMode === '120000') out.set(f.newPath, f);
  return out;
}

function linkEscapes(linkPath: string, target: string): boolean {
  if (target.startsWith('/') || /^[A-Za-z]:/.test(target) || target.includes('\0')) return true;
  const resolved = posix.normalize(posix.join(posix.dirname(linkPath), target));
  return resolved === '..' || resolved.startsWith('../') || resolved.startsWith('/');
}

/** Returns every unsafe path in the patch; an empty list means it may be applied in a scratch worktree. */
export function validatePatchPaths(patch: ParsedPatch, tree: RepoTree): PatchPathProblem[] {
  const problems: PatchPathProblem[] = [];
  const add = (path: string, reason: string): void => {
    if (!problems.some((p) => p.path === path && p.reason === reason)) problems.push({ path, reason });
  };
  if (Buffer.byteLength(patch.text) > MAX_PATCH_BYTES) add('', `the patch is larger than ${MAX_PATCH_BYTES / 1024 / 1024} MB`);
  if (patch.text.includes('\0')) add('', 'the patch contains a NUL byte');
  if (patch.files.length === 0) add('', 'no file sections found (expected ---/+++ or "diff --git" headers)');
  const links = newSymlinks(patch);
  for (const f of patch.files) {
    for (const raw of f.rawPaths) {
      const stripped = f.strip === 1 ? raw.replace(/^[^/\\]*[/\\]/, '') : raw;
      const why = pathProblem(stripped) ?? (raw.includes('\0') ? 'contains a NUL byte' : undefined);
      if (why) add(stripped, why);
    }
    if (!f.oldPath && !f.newPath) { add('', 'a file section without a file name'); continue; }
    // The paths git will use, checked as written: `rename to`/`copy to` carry no a/ b/ prefix, so stripping one
    // level above would turn `../x` into `x`.
    for (const p of [f.oldPath, f.newPath]) {
      const why = p ? pathProblem(p) : undefined;
      if (p && why) add(p, why);
    }
    for (const p of [f.oldPath, f.newPath]) {
      if (!p || pathProblem(p)) continue;
      const segs = segments(p);
      for (let i = 1; i < segs.length; i++) {
        const prefix = segs.slice(0, i).join('/');
        if (tree.symlinks.has(prefix) || links.has(prefix)) { add(p, `goes through the symlink ${prefix}`); break; }
        if (tree.submodules.has(prefix)) { add(p, `inside the submodule ${prefix}`); break; }
      }
    }
    // A symlink the section writes: made or retyped by it, or one of the tree's, modified, renamed or copied.
    const wasLink = f.oldPath !== null && tree.symlinks.has(f.oldPath);
    const isLink = f.newPath && (f.newMode === '120000' || ((tree.symlinks.has(f.newPath) || wasLink) && f.newMode === undefined));
    if (isLink && f.newPath) {
      // Its target is known only from the text the section adds: a binary section hides it (git applies it all the
      // same), and a link moved to another folder keeps a relative target that resolves elsewhere there
      // (`a/b/lnk -> ../../x` renamed to `lnk`).
      if (f.binary) add(f.newPath, 'symlink written as a binary patch (its target cannot be checked)');
      else if (f.addedLines.length > 0) {
        const target = f.addedLines.map((l) => l.text).join('\n').trim();
        if (linkEscapes(f.newPath, target)) add(f.newPath, `symlink pointing outside the repo (${target.slice(0, 80)})`);
      } else if (wasLink && f.oldPath && posix.dirname(f.oldPath) !== posix.dirname(f.newPath)) {
        add(f.newPath, `moves the symlink ${f.oldPath} to another folder (its target would resolve elsewhere)`);
      }
    }
  }
  return problems;
}
