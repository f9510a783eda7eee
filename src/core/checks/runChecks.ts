// Entry point of the objective checks: grounding of the draft's text, safety and applicability of its
// patch, an optional test run — all against the compared commit, never in the user's working tree.
import { join } from 'node:path';
import { buildBadges } from './checkBadges';
import { CHECK_BUDGET_MS, oversizeReason, withBudget } from './checkBudget';
import { findDeadModules } from './deadModules';
import { checkGrounding, emptyGrounding } from './grounding';
import { applyInWorktree, checkApplies } from './patchApply';
import { parsePatch, type ParsedPatch } from './patchParse';
import { validatePatchPaths } from './patchSafety';
import { readRepoTree, repoPrefix, resolveCommit, type RepoTree } from './repoTree';
import { createScratchWorktree, removeScratchWorktree, sweepStaleWorktrees } from './scratchWorktree';
import { scanStubs } from './stubScan';
import { DEFAULT_TEST_TIMEOUT_MS, runTestCommand } from './testRun';
import type { CheckReport, PatchReport, RunChecksInput, TestRunReport } from './types';

class Cancelled extends Error {}

function throwIfCancelled(signal?: AbortSignal): void {
  if (signal?.aborted) throw new Cancelled('cancelled');
}

function basePatchReport(parsed: ParsedPatch): PatchReport {
  return {
    valid: true, pathProblems: [], applies: false,
    files: parsed.files.map((f) => ({ path: f.newPath ?? f.oldPath ?? '', ...(f.oldPath && f.newPath && f.oldPath !== f.newPath ? { oldPath: f.oldPath } : {}),
      status: f.status, applies: false, added: f.added, removed: f.removed })),
    filesTouched: parsed.files.length,
    added: parsed.files.reduce((n, f) => n + f.added, 0),
    removed: parsed.files.reduce((n, f) => n + f.removed, 0),
    deadModules: [], stubs: scanStubs(parsed),
  };
}

interface PatchOutcome { patch: PatchReport; testRun?: TestRunReport; errors: string[] }

async function checkPatch(input: RunChecksInput, tree: RepoTree, parsed: ParsedPatch, wantTests: boolean): Promise<PatchOutcome> {
  const { repoRoot, signal } = input;
  const patch = basePatchReport(parsed);
  const errors: string[] = [];
  patch.pathProblems = validatePatchPaths(parsed, tree);
  patch.valid = patch.pathProblems.length === 0;
  const dead = await findDeadModules(repoRoot, tree.commit, parsed, signal);
  if (dead.ok) patch.deadModules = dead.dead; else errors.push(dead.error);
  throwIfCancelled(signal);
  if (!patch.valid) {
    for (const f of patch.files) f.error = 'not applied: the patch has unsafe paths';
    const testRun: TestRunReport | undefined = wantTests ? { status: 'skipped', reason: 'the patch has unsafe paths', command: input.testCommand } : undefined;
    return { patch, testRun, errors };
  }
  const made = await createScratchWorktree(repoRoot, tree.commit, signal, wantTests);
  if (!made.ok) {
    throwIfCancelled(signal);
    errors.push(made.error);
    return { patch, errors };
  }
  let testRun: TestRunReport | undefined;
  try {
    const applied = await checkApplies(made.wt, parsed, signal);
    patch.applies = applied.applies;
    patch.files = applied.files;
    if (applied.appliesWithRecount !== undefined) patch.appliesWithRecount = applied.appliesWithRecount;
    if (applied.applyError) patch.applyError = applied.applyError;
    throwIfCancelled(signal);
    if (wantTests) {
      if (!applied.applies && !applied.appliesWithRecount) {
        testRun = { status: 'skipped', reason: 'the patch does not apply', command: input.testCommand };
      } else {
        const done = await applyInWorktree(made.wt, parsed, !applied.applies, signal);
        throwIfCancelled(signal);
        const cwd = join(made.wt.path, await repoPrefix(repoRoot, signal)); // the same folder as repoRoot, in the worktree
        testRun = done.ok
          ? await runTestCommand({ command: input.testCommand ?? '', cwd, timeoutMs: input.testTimeoutMs, signal })
          : { status: 'error', reason: `Applying the patch failed: ${done.error}`, command: input.testCommand };
      }
    }
  } finally {
    await removeScratchWorktree(made.wt);
  }
  return { patch, testRun, errors };
}

async function runAll(input: RunChecksInput, report: CheckReport, errors: string[]): Promise<void> {
  const { repoRoot, draft, signal } = input;
  if (typeof repoRoot !== 'string' || repoRoot.trim() === '') throw new Error('No repository folder was given.');
  if (!draft || typeof draft.body !== 'string') throw new Error('The draft has no body to check.');
  const oversize = oversizeReason(draft);
  if (oversize) { errors.push(oversize); return; }
  await sweepStaleWorktrees(repoRoot);
  throwIfCancelled(signal);
  const sha = await resolveCommit(repoRoot, input.commit, signal);
  throwIfCancelled(signal);
  if (!sha.ok) { errors.push(sha.error); return; }
  report.commit = sha.value;
  const tree = await readRepoTree(repoRoot, sha.value, signal);
  throwIfCancelled(signal);
  if (!tree.ok) { errors.push(tree.error); return; }

  const parsed = typeof draft.patch === 'string' && draft.patch.trim() !== '' ? parsePatch(draft.patch) : undefined;
  const testRequested = typeof input.testCommand === 'string' && input.testCommand.trim() !== '';
  if (testRequested && !input.allowTestRun) {
    report.testRun = { status: 'skipped', reason: 'test runs are not allowed here (needs consent in a trusted workspace)', command: input.testCommand };
  } else if (testRequested && !parsed) {
    report.testRun = { status: 'skipped', reason: 'the draft has no patch to test', command: input.testCommand };
  }
  const wantTests = testRequested && input.allowTestRun === true && parsed !== undefined;

  const budget = input.budgetMs ?? CHECK_BUDGET_MS;
  const grounding = (async () => {
    const t0 = Date.now();
    const g = await withBudget('grounding', budget, signal, errors,
      (s) => checkGrounding({ repoRoot, tree: tree.value, draft, patch: parsed, signal: s }));
    report.timings.groundingMs = Date.now() - t0;
    if (!g) return;
    report.grounding = g.report;
    if (g.error) errors.push(g.error);
  })();
  const patchCheck = (async () => {
    if (!parsed) return;
    const t0 = Date.now();
    const testAllowance = wantTests ? (input.testTimeoutMs ?? DEFAULT_TEST_TIMEOUT_MS) : 0;
    const out = await withBudget('patch', budget + testAllowance, signal, errors, (s) => checkPatch({ ...input, signal: s }, tree.value, parsed, wantTests));
    if (!out) { report.timings.patchMs = Date.now() - t0; return; }
    report.patch = out.patch;
    if (out.testRun) report.testRun = out.testRun;
    errors.push(...out.errors);
    report.timings.patchMs = Date.now() - t0 - (out.testRun?.durationMs ?? 0);
    report.timings.testMs = out.testRun?.durationMs ?? 0;
  })();
  const results = await Promise.allSettled([grounding, patchCheck]);
  for (const r of results) if (r.status === 'rejected') throw r.reason;
}

/**
 * Runs every objective check for one draft. Never rejects: internal failures become `error` plus an
 * 'error' badge, cancellation (signal) becomes `cancelled`. Scratch worktrees are always removed.
 */
export async function runChecks(input: RunChecksInput): Promise<CheckReport> {
  const started = Date.now();
  const report: CheckReport = {
    version: 1, route: typeof input?.draft?.route === 'string' ? input.draft.route : 'unparsed', grounding: emptyGrounding(),
    durationMs: 0, timings: { groundingMs: 0, patchMs: 0, testMs: 0 }, badges: [],
  };
  const errors: string[] = [];
  try {
    await runAll(input, report, errors);
  } catch (e) {
    if (!(e instanceof Cancelled) && !input?.signal?.aborted) {
      errors.push(`Checks failed: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  if (input?.signal?.aborted) {
    report.cancelled = true;
    if (report.testRun?.status === undefined && input.testCommand) report.testRun = { status: 'cancelled', command: input.testCommand };
  }
  const real = report.cancelled ? errors.filter((m) => !/cancelled/i.test(m)) : errors;
  if (real.length > 0) report.error = [...new Set(real)].join('; ');
  report.durationMs = Date.now() - started;
  report.badges = buildBadges(report);
  return ordered(report);
}

/** The same report with its keys in reading order (the record is read by people too). */
function ordered(r: CheckReport): CheckReport {
  const out: CheckReport = { version: r.version, route: r.route, grounding: r.grounding, durationMs: r.durationMs, timings: r.timings, badges: r.badges };
  if (r.commit !== undefined) out.commit = r.commit;
  if (r.patch) out.patch = r.patch;
  if (r.testRun) out.testRun = r.testRun;
  if (r.error !== undefined) out.error = r.error;
  if (r.cancelled) out.cancelled = true;
  const { version, route, commit, badges, ...rest } = out;
  return { version, route, ...(commit !== undefined ? { commit } : {}), badges, ...rest };
}
