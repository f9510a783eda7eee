// `git apply --cached --check` of a draft's patch inside a scratch worktree (against its index, so no
// file needs to be written): whole patch first (one call), then per file only when it fails, so the
// report says which files conflict.
import { describeGitFailure, runGit } from '../git/runGit';
import type { ParsedPatch, PatchFile } from './patchParse';
import type { ScratchWorktree } from './scratchWorktree';
import type { PatchFileReport } from './types';

/** Result of the apply checks. */
export interface ApplyCheck {
  applies: boolean;
  appliesWithRecount?: boolean;
  applyError?: string;
  files: PatchFileReport[];
}

function gitErrors(stderr: string): string {
  const errs = stderr.split('\n').map((l) => l.trim()).filter((l) => /^(error|fatal):/.test(l))
    .map((l) => l.replace(/^(error|fatal):\s*/, ''));
  const msg = (errs.length > 0 ? errs : [stderr.trim().split('\n').pop() ?? '']).join('; ');
  return msg.length > 400 ? `${msg.slice(0, 397)}...` : msg || 'git apply failed';
}

async function tryApply(wt: ScratchWorktree, text: string, strip: 0 | 1, check: boolean, recount: boolean, signal?: AbortSignal):
  Promise<{ ok: boolean; error?: string; aborted?: boolean }> {
  const args = ['apply', `-p${strip}`, '--whitespace=nowarn', '--verbose'];
  // Checks run against the worktree's index (the commit's blobs); the real apply writes its files.
  if (check) args.push('--check', '--cached');
  if (recount) args.push('--recount');
  const r = await runGit(args, { cwd: wt.path, input: text, signal });
  if (r.failure === 'aborted') return { ok: false, aborted: true, error: 'cancelled' };
  // Stopped by Pairwise (a FIFO among the blobs, a timeout): say so, not "git apply failed".
  if (r.failure) return { ok: false, error: describeGitFailure('git apply', r) };
  return r.ok ? { ok: true } : { ok: false, error: gitErrors(r.stderr) };
}

function fileStatus(f: PatchFile): PatchFileReport {
  const path = f.newPath ?? f.oldPath ?? '';
  const rep: PatchFileReport = { path, status: f.status, applies: false, added: f.added, removed: f.removed };
  if (f.oldPath && f.oldPath !== path) rep.oldPath = f.oldPath;
  return rep;
}

function uniformStrip(patch: ParsedPatch): 0 | 1 | undefined {
  const levels = new Set(patch.files.map((f) => f.strip));
  return levels.size === 1 ? patch.files[0].strip : undefined;
}

/** Checks whether the patch applies at the worktree's commit, as a whole and per file. */
export async function checkApplies(wt: ScratchWorktree, patch: ParsedPatch, signal?: AbortSignal): Promise<ApplyCheck> {
  const files = patch.files.map(fileStatus);
  const strip = uniformStrip(patch);
  let whole: { ok: boolean; error?: string } | undefined;
  if (strip !== undefined) {
    whole = await tryApply(wt, patch.files.map((f) => f.text).join(''), strip, true, false, signal);
    if (whole.ok) {
      for (const f of files) f.applies = true;
      return { applies: true, files };
    }
  }
  for (let i = 0; i < patch.files.length; i++) {
    signal?.throwIfAborted();
    const pf = patch.files[i];
    const strict = await tryApply(wt, pf.text, pf.strip, true, false, signal);
    if (strict.ok) { files[i].applies = true; continue; }
    files[i].error = strict.error;
    const loose = await tryApply(wt, pf.text, pf.strip, true, true, signal);
    if (loose.ok) files[i].appliesWithRecount = true;
  }
  signal?.throwIfAborted();
  const allStrict = files.every((f) => f.applies);
  if (strip === undefined && allStrict) return { applies: true, files };
  const out: ApplyCheck = { applies: false, files, applyError: whole?.error ?? files.find((f) => f.error)?.error };
  if (files.every((f) => f.applies || f.appliesWithRecount)) {
    out.appliesWithRecount = strip === undefined ? true
      : (await tryApply(wt, patch.files.map((f) => f.text).join(''), strip, true, true, signal)).ok;
  }
  return out;
}

/** Applies the patch for real inside the scratch worktree (for the test run). */
export async function applyInWorktree(wt: ScratchWorktree, patch: ParsedPatch, recount: boolean, signal?: AbortSignal):
  Promise<{ ok: true } | { ok: false; error: string }> {
  const strip = uniformStrip(patch);
  const groups = strip !== undefined ? [{ text: patch.files.map((f) => f.text).join(''), strip }] : patch.files.map((f) => ({ text: f.text, strip: f.strip }));
  for (const g of groups) {
    const r = await tryApply(wt, g.text, g.strip, false, recount, signal);
    if (!r.ok) return { ok: false, error: r.error ?? 'git apply failed' };
  }
  return { ok: true };
}
