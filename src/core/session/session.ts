/**
 * A comparison from dispatch to verdict, the same for every shell: both streams, drafts parsed and checked,
 * blobs and the one record appended, then the verdict and later amends. Shells plug in ports (clock, ids,
 * events) and keep only what is theirs: prompts, panels, terminals.
 */
import type { CheckReport } from '../checks/types';
import type { ResolvedSide, SideId } from '../providers/types';
import type { ParsedDraft } from '../prompt/types';
import { newRecordId } from '../results/recordId';
import type { AppendResult } from '../results/resultsStore';
import type { AmendRecord, ResultRecord } from '../results/schema';
import type { RunEvent, RunOptions } from '../run/types';
import { buildAmend, type VerdictInput } from './amend';
import { Comparison, type ComparisonOutcome } from './comparison';
import type { PreparedRun } from './prepare';
import { buildRecord, saveRecordBlobs, type BlobSink, type RecordMeta, type SessionRecord } from './record';

/** What a session asks of its shell. Clock and ids default to the system's; tests fix them. */
export interface SessionPorts {
  now?: () => Date;
  newId?: (now: Date) => string;
  /** Run events as they stream. */
  onEvent?: (e: RunEvent) => void;
  /** Each side's parsed draft as soon as it finishes. */
  onParsed?: (side: SideId, draft: ParsedDraft) => void;
  /** A side's checks started (the panel says "Checks running…"). */
  onChecksStart?: (side: SideId) => void;
  /** Each side's check report as soon as it is ready. */
  onChecks?: (side: SideId, report: CheckReport) => void;
}

/** Where a session writes: blobs and whole records. */
export interface SessionStore extends BlobSink { readonly file: string; tryAppend(r: ResultRecord): Promise<AppendResult> }

/** Everything one session needs besides its ports. */
export interface SessionInput extends Omit<RecordMeta, 'prepared'> {
  repoRoot: string;
  prepared: PreparedRun;
  sides: Record<SideId, ResolvedSide>;
  store: SessionStore;
  options?: RunOptions;
  /** Run the objective checks on finished drafts (default true). */
  checks?: boolean;
  testCommand?: string;
  allowTestRun?: boolean;
  signal?: AbortSignal;
  /** Record a run stopped through `signal` too (the extension keeps it, its sides marked cancelled); the CLI does not. */
  keepCancelled?: boolean;
  /** Decides whether to write the record (batch skips rate-limited cells it will requeue); default: always. */
  shouldRecord?: (rec: SessionRecord) => boolean;
}

/** How a session (or a retry) ended. `written` is false when cancelled, refused by shouldRecord, or the write failed. */
export interface SessionResult extends ComparisonOutcome {
  record: SessionRecord;
  written: boolean;
  cancelled: boolean;
  /** Set when the record could not be written (the message says what to do). */
  writeError?: string;
}

/** One running comparison and its record. */
export class Session {
  /** Id of the first record (a retried pair is recorded under a new id). */
  readonly id: string;
  readonly comparison: Comparison;
  /** Resolves (never rejects) once both sides ended, were checked and the record was written or refused. */
  readonly recorded: Promise<SessionResult>;
  private latest: Promise<SessionResult>;
  private readonly now: () => Date;
  private readonly newId: (now: Date) => string;

  constructor(private readonly input: SessionInput, ports: SessionPorts = {}) {
    this.now = ports.now ?? (() => new Date());
    this.newId = ports.newId ?? newRecordId;
    this.id = this.newId(this.now());
    this.comparison = new Comparison({ repoRoot: input.repoRoot, commit: input.repo.commit, prompt: input.prepared.prompt, a: input.sides.a, b: input.sides.b,
      options: input.options, checks: input.checks, testCommand: input.testCommand, allowTestRun: input.allowTestRun, signal: input.signal,
      onEvent: ports.onEvent, onParsed: ports.onParsed, onChecksStart: ports.onChecksStart, onChecks: ports.onChecks });
    this.recorded = this.comparison.done.then((o) => this.finish(this.id, o));
    this.latest = this.recorded;
  }

  /** Cancels one side, or both. */
  cancel(side?: SideId): void { this.comparison.cancel(side); }

  /** The parsed draft of a side, once it finished. */
  draft(side: SideId): ParsedDraft | undefined { return this.comparison.draft(side); }

  /** Runs a failed side again; the pair is recorded anew under a new id (the verdict then amends that one). */
  retrySide(side: SideId): Promise<SessionResult> {
    this.latest = this.comparison.retrySide(side).then((o) => this.finish(this.newId(this.now()), o));
    return this.latest;
  }

  /** Records the verdict as an amend of the latest record; an error says why nothing was saved. */
  async saveVerdict(v: VerdictInput): Promise<{ ok: true; amend: AmendRecord } | { ok: false; error: string }> {
    const r = await this.latest;
    if (!r.written) return { ok: false, error: 'The comparison was not recorded, so the verdict cannot be saved.' };
    const now = this.now();
    const amend = buildAmend(r.record.id, { rater: this.input.rater, ...v }, { id: this.newId(now), now });
    const w = await this.input.store.tryAppend(amend);
    return w.ok ? { ok: true, amend } : { ok: false, error: w.error };
  }

  private async finish(id: string, o: ComparisonOutcome): Promise<SessionResult> {
    const i = this.input;
    const cancelled = i.signal?.aborted === true;
    const finished = { sides: i.sides, results: o.results, drafts: o.drafts, checks: o.checks };
    const draft = buildRecord(id, this.now(), i, finished);
    if ((cancelled && !i.keepCancelled) || (i.shouldRecord && !i.shouldRecord(draft))) return { ...o, record: draft, written: false, cancelled };
    try {
      const blobs = await saveRecordBlobs(i.store, id, o.drafts, i.prepared.manifest, i.prepared.prompt);
      const record = buildRecord(id, new Date(draft.time), i, finished, blobs);
      const w = await i.store.tryAppend(record);
      return w.ok ? { ...o, record, written: true, cancelled } : { ...o, record, written: false, cancelled, writeError: w.error };
    } catch (e) {
      return { ...o, record: draft, written: false, cancelled, writeError: `Could not save the drafts next to ${i.store.file}: ${(e as Error).message}` };
    }
  }
}
