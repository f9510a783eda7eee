// Public surface of the objective checks that run beside each draft.
export { runChecks } from './runChecks';
export { buildBadges } from './checkBadges';
export { summarizeChecksForRecord } from './recordSummary';
export { sweepStaleWorktrees, WORKTREE_PREFIX } from './scratchWorktree';
export { DEFAULT_TEST_TIMEOUT_MS } from './testRun';
export type {
  CheckBadge, CheckReport, CheckSummary, DeadModule, DraftForChecks, EmptyClaim, GroundingReport, PatchFileReport,
  PatchPathProblem, PatchReport, RefKind, RunChecksInput, StubExample, StubReport, TestRunReport, UnverifiedRef,
} from './types';
