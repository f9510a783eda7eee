// Shapes shared by the objective checks that run beside each draft. Everything here is JSON-serialisable:
// a CheckReport is stored as-is in the results record (ComparisonRecord.checks).

/** The part of a parsed draft the checks look at (structurally compatible with ParsedDraft). */
export interface DraftForChecks {
  route: string;
  title?: string;
  body: string;
  patch?: string;
}

/** Input of runChecks; the caller decides trust/consent for the optional test run. */
export interface RunChecksInput {
  /** Root of the user's git checkout; it is only read (a temporary worktree is used for patches). */
  repoRoot: string;
  /** Commit the drafts were made against; defaults to HEAD. */
  commit?: string;
  draft: DraftForChecks;
  signal?: AbortSignal;
  /** The user's own configured test command (run through a shell, in the temporary worktree). */
  testCommand?: string;
  /** Must be true for testCommand to run: the caller has asked for consent and checked workspace trust. */
  allowTestRun?: boolean;
  /** Test-run timeout in milliseconds (default 120 000). */
  testTimeoutMs?: number;
  /** Time budget per check in milliseconds (grounding; the patch check, plus the test timeout when tests run). Default 60 000. */
  budgetMs?: number;
}

/** What kind of repository reference a draft made. */
export type RefKind = 'path' | 'line' | 'symbol' | 'module';

/** A repository reference found in a draft. */
export interface RepoRef {
  kind: RefKind;
  /** The reference as written (trimmed), e.g. `src/a.py:12`, `Foo.bar`, `pkg.mod`. */
  text: string;
  /** Normalised path for path/line refs. */
  path?: string;
  /** 1-based line range for line refs. */
  lines?: { start: number; end: number };
  /** Identifier parts for symbol refs (`Foo.bar` gives ['Foo', 'bar']). */
  parts?: string[];
  /** Module specifier for module refs, with its language and the file importing it (when known). */
  module?: { name: string; lang: 'python' | 'js'; fromFile?: string };
  /** Where it was found. */
  source: 'title' | 'body' | 'patch';
}

/** How a reference was judged against the repo. */
export type RefStatus = 'grounded' | 'unverified' | 'newInPatch' | 'external';

/** One reference that could not be verified, with the reason in words. */
export interface UnverifiedRef {
  ref: string;
  kind: RefKind;
  reason: string;
}

/** A claim that the repo (or a named folder/file) is empty or missing, when the repo says otherwise. */
export interface EmptyClaim {
  /** The sentence fragment that makes the claim. */
  text: string;
  /** What is claimed empty/missing: 'repo' or the named path. */
  subject: string;
  /** Why it is false, e.g. "the repo has 412 files at a1b2c3d". */
  reason: string;
}

/** Grounding: how many of the draft's repo references exist at the compared commit. */
export interface GroundingReport {
  refs: number;
  grounded: number;
  unverified: number;
  newInPatch: number;
  /** References to third-party or standard-library modules (neither grounded nor unverified). */
  external: number;
  unverifiedList: UnverifiedRef[];
  emptyClaims: EmptyClaim[];
}

/** Per-file result of the patch check. */
export interface PatchFileReport {
  path: string;
  /** Old path when the patch renames/copies/deletes. */
  oldPath?: string;
  status: 'modified' | 'added' | 'deleted' | 'renamed';
  applies: boolean;
  /** True when the file applies only with `--recount` (hunk line counts in the header are wrong). */
  appliesWithRecount?: boolean;
  added: number;
  removed: number;
  error?: string;
}

/** A path in the patch that must not be applied, with the reason. */
export interface PatchPathProblem {
  path: string;
  reason: string;
}

/** One stub-like added line. */
export interface StubExample {
  path: string;
  line?: number;
  kind: string;
  text: string;
}

/** Stub density of the patch's added lines. */
export interface StubReport {
  count: number;
  perAddedLine: number;
  examples: StubExample[];
}

/** A new module that nothing in the patch or the repo refers to. */
export interface DeadModule {
  path: string;
  /** The names searched for (basename stem, dotted module path). */
  searched: string[];
}

/** Result of checking a PR draft's patch. */
export interface PatchReport {
  /** False when a path is unsafe (then nothing was applied). */
  valid: boolean;
  pathProblems: PatchPathProblem[];
  /** True when the whole patch applies cleanly at the commit. */
  applies: boolean;
  /** True when the patch applies only with `--recount`. */
  appliesWithRecount?: boolean;
  /** Message from git when the whole patch fails to apply. */
  applyError?: string;
  files: PatchFileReport[];
  filesTouched: number;
  added: number;
  removed: number;
  deadModules: DeadModule[];
  stubs: StubReport;
}

/** Outcome of the optional test run in the temporary worktree. */
export interface TestRunReport {
  status: 'passed' | 'failed' | 'timedOut' | 'cancelled' | 'skipped' | 'error';
  /** Why it was skipped or could not start. */
  reason?: string;
  command?: string;
  exitCode?: number | null;
  signal?: string | null;
  durationMs?: number;
  /** Last ~4 KB of combined stdout/stderr. */
  outputTail?: string;
  /** Names (never values) of environment variables withheld from the command because they look like credentials. */
  envRemoved?: string[];
}

/** A small label for the UI next to each draft. */
export interface CheckBadge {
  label: string;
  level: 'ok' | 'warn' | 'error';
  detail?: string;
}

/** Everything the checks found for one draft; JSON-serialisable. */
export interface CheckReport {
  version: 1;
  route: string;
  /** Full sha of the commit checked (absent when it could not be resolved). */
  commit?: string;
  grounding: GroundingReport;
  /** Present when the draft has a patch. */
  patch?: PatchReport;
  /** Present when a test run was requested (testCommand given). */
  testRun?: TestRunReport;
  durationMs: number;
  timings: { groundingMs: number; patchMs: number; testMs: number };
  badges: CheckBadge[];
  /** Set when a check failed internally; the report then holds what was completed. */
  error?: string;
  cancelled?: boolean;
}

/** Compact figures of a CheckReport for the results record; null means "not applicable". */
export interface CheckSummary {
  grounded: number;
  unverified: number;
  newInPatch: number;
  emptyClaims: number;
  patchApplies: boolean | null;
  stubs: number | null;
  deadModules: number | null;
  testsPassed: boolean | null;
  error?: boolean;
}
