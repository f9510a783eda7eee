// One paired run end to end: both sides in parallel (core runPair), parse, checks, blobs, one record appended.
// Shared by `compare` (one pair) and `batch` (one cell).
import { summarizeChecksForRecord, type CheckReport } from '../core/checks';
import { runChecksOffThread } from '../core/checks/offThread';
import type { DraftResult, ResolvedSide } from '../core/providers';
import { parseAnswer } from '../core/prompt/parseAnswer';
import type { ParsedDraft } from '../core/prompt/types';
import { newRecordId, type ComparisonRecord, type ResultsStore } from '../core/results';
import { PairRun, type RunEvent, type RunOptions } from '../core/run';
import type { PreparedContext } from './contextSource';
import { KeyedLock } from './keyedLock';
import { pairRecord, sideRecordOf, type CliComparisonRecord, type SideBlobs } from './pairRecord';

/** Input of {@link runPairJob}. */
export interface PairJobInput {
  repoRoot: string;
  repo: ComparisonRecord['repo'];
  context: PreparedContext;
  a: ResolvedSide;
  b: ResolvedSide;
  store: ResultsStore;
  runOptions?: RunOptions;
  /** Run the objective checks on PR/Issue drafts (default true). */
  checks?: boolean;
  cellId?: string;
  source: 'cli' | 'batch';
  signal?: AbortSignal;
  onEvent?: (e: RunEvent) => void;
  /** Decides whether to write the record (batch skips rate-limited cells it will requeue); default: always. */
  shouldRecord?: (rec: CliComparisonRecord) => boolean;
  now?: () => Date;
}

/** What a pair job produced. `written` is false when cancelled or when shouldRecord said no. */
export interface PairJobResult {
  record: CliComparisonRecord;
  results: { a: DraftResult; b: DraftResult };
  drafts: { a?: ParsedDraft; b?: ParsedDraft };
  checks: { a?: CheckReport; b?: CheckReport };
  written: boolean;
  cancelled: boolean;
  /** Set when the record could not be appended (message says what to do). */
  writeError?: string;
}

/**
 * Checks of one repository run one at a time: concurrent `git worktree add/prune` on the same repository
 * race (seen as "Creating a temporary worktree: Preparing worktree" failures), so batch cells queue here.
 */
const checksPerRepo = new KeyedLock();

async function checkDraft(repoRoot: string, commit: string | undefined, d: ParsedDraft | undefined, signal?: AbortSignal): Promise<CheckReport | undefined> {
  if (!d || (d.route !== 'pr' && d.route !== 'issue')) return undefined;
  return checksPerRepo.run(repoRoot, () => runChecksOffThread({ repoRoot, ...(commit ? { commit } : {}), draft: { route: d.route, title: d.title, body: d.body, ...(d.patch ? { patch: d.patch } : {}) }, signal }));
}

async function saveSideBlobs(store: ResultsStore, id: string, side: 'a' | 'b', r: DraftResult, d: ParsedDraft | undefined): Promise<SideBlobs> {
  if (!r.ok) return {};
  const blobs: SideBlobs = { draftHash: await store.saveBlob(id, `draft-${side}.md`, r.text) };
  if (d?.patch) blobs.patchHash = await store.saveBlob(id, `patch-${side}.diff`, d.patch);
  return blobs;
}

/** Runs one pair and appends its pending record; never rejects (a write failure is returned as writeError). */
export async function runPairJob(input: PairJobInput): Promise<PairJobResult> {
  const { context, store } = input;
  const run = new PairRun({ a: input.a, b: input.b, prompt: context.prompt, options: input.runOptions, onEvent: input.onEvent, signal: input.signal });
  const outcome = await run.start();
  const cancelled = input.signal?.aborted === true;
  const parse = (r: DraftResult) => (r.ok ? parseAnswer(r.text) : undefined);
  const drafts = { a: parse(outcome.a), b: parse(outcome.b) };
  const commit = input.repo.commit;
  const doChecks = input.checks !== false && !cancelled;
  const [ca, cb] = doChecks
    ? await Promise.all([checkDraft(input.repoRoot, commit, drafts.a, input.signal), checkDraft(input.repoRoot, commit, drafts.b, input.signal)])
    : [undefined, undefined];
  const id = newRecordId(input.now?.() ?? new Date());
  const base = { record: undefined as unknown as CliComparisonRecord, results: { a: outcome.a, b: outcome.b }, drafts, checks: { a: ca, b: cb }, cancelled };
  const preview = (blobs: { a: SideBlobs; b: SideBlobs }, manifestHash?: string) => pairRecord({
    id, time: input.now?.() ?? new Date(), repo: input.repo, mode: context.prompt.mode,
    ...(context.paperRecord ? { paper: context.paperRecord } : {}),
    prompt: { templateVersion: context.prompt.templateVersion, prefixHash: context.prompt.prefixHash },
    ...(manifestHash ? { manifestHash } : {}),
    a: sideRecordOf(input.a, outcome.a, drafts.a, blobs.a), b: sideRecordOf(input.b, outcome.b, drafts.b, blobs.b),
    checks: { a: ca ? summarizeChecksForRecord(ca) : undefined, b: cb ? summarizeChecksForRecord(cb) : undefined },
    ...(input.cellId ? { cellId: input.cellId } : {}), source: input.source,
  });
  const draft = preview({ a: {}, b: {} });
  if (cancelled || (input.shouldRecord && !input.shouldRecord(draft))) return { ...base, record: draft, written: false };
  try {
    const [a, b, manifestHash] = await Promise.all([saveSideBlobs(store, id, 'a', outcome.a, drafts.a), saveSideBlobs(store, id, 'b', outcome.b, drafts.b),
      store.saveBlob(id, 'manifest.json', `${JSON.stringify(context.manifest, null, 2)}\n`)]);
    const blobs = { a, b };
    const record = preview(blobs, manifestHash);
    const res = await store.tryAppend(record);
    return res.ok ? { ...base, record, written: true } : { ...base, record, written: false, writeError: res.error };
  } catch (e) {
    return { ...base, record: draft, written: false, writeError: `Could not save the drafts next to ${store.file}: ${(e as Error).message}` };
  }
}
