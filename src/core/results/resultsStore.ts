import { appendLineLocked, appendLinesLocked, DEFAULT_LOCK, type LockSettings } from './appendLine';
import { readBlob, saveBlob, type BlobRead } from './blobStore';
import { ensurePairwiseGitignore } from './pairwiseGitignore';
import { newRecordId } from './recordId';
import type { ReadProblem } from './parseRecordLine';
import { readAllResults, readResults, type ReadEntry, type ReadOptions } from './readResults';
import { SCHEMA_VERSION, type AmendRecord, type ResultRecord, type Verdict } from './schema';
import { validateRecord } from './validateRecord';

/** Store settings: lock staleness and how long a writer waits for the lock. */
export interface ResultsStoreOptions { lock?: Partial<LockSettings> }

/** Outcome of an append as a value: ok, or a message a user can act on. */
export type AppendResult = { ok: true } | { ok: false; error: string };

/** Fields of a verdict change; the store fills schema, type, id and time. */
export interface AmendInput { target: string; verdict?: Verdict; ratings?: AmendRecord['ratings']; notes?: string; rater?: string; timeToVerdictMs?: number }

/** Turns a low-level error into a message that says what to do. */
function explain(file: string, e: unknown): string {
  const err = e as NodeJS.ErrnoException;
  if (err.code === 'ELOCKED') return `Results file ${file} stayed locked by another Pairwise window or CLI; try again, or delete ${file}.lock if no Pairwise is running.`;
  if (err.code === 'EACCES' || err.code === 'EPERM') return `No permission to write ${file}; pick another pairwise.resultsLocation.`;
  if (err.code === 'ENOSPC') return `Disk full while writing ${file}; free space and save the verdict again.`;
  return `Could not write ${file}: ${err.message ?? String(e)}`;
}

/**
 * The append-only JSONL results file: whole-line appends under an advisory lock with fsync, a streaming reader
 * that reports bad lines, and content-addressed blobs in `runs/<id>/`.
 */
export class ResultsStore {
  /** Absolute path of results.jsonl. */
  readonly file: string;
  private readonly lock: LockSettings;
  private queue: Promise<unknown> = Promise.resolve();

  /** Opens (lazily) the results file at `file`; nothing is created until the first append. */
  constructor(file: string, options: ResultsStoreOptions = {}) {
    this.file = file;
    this.lock = { ...DEFAULT_LOCK, ...options.lock };
  }

  /** Appends one record as one line; rejects with an actionable message if it is invalid or cannot be written. */
  async append(r: ResultRecord): Promise<void> {
    const res = await this.tryAppend(r);
    if (!res.ok) throw new Error(res.error);
  }

  /** Like append, but returns the failure as a value. Appends from one store are written in call order. */
  tryAppend(r: ResultRecord): Promise<AppendResult> {
    const v = validateRecord(r);
    if (!v.ok) return Promise.resolve({ ok: false, error: `Refusing to write an invalid ${r?.type ?? 'record'} record: ${v.error}` });
    if (r.schema !== SCHEMA_VERSION) return Promise.resolve({ ok: false, error: `Record schema ${r.schema} is not the current ${SCHEMA_VERSION}` });
    const line = `${JSON.stringify(r)}\n`;
    const job = this.queue.then(() => ensurePairwiseGitignore(this.file)).then(() => appendLineLocked(this.file, line, this.lock)).then(
      (): AppendResult => ({ ok: true }),
      (e: unknown): AppendResult => ({ ok: false, error: explain(this.file, e) }),
    );
    this.queue = job;
    return job;
  }

  /** Appends many records as whole lines in one locked write + fsync (for imports and merges); all or none are valid. */
  appendMany(records: readonly ResultRecord[]): Promise<AppendResult> {
    if (records.length === 0) return Promise.resolve({ ok: true });
    const lines: string[] = [];
    for (const r of records) {
      const v = validateRecord(r);
      if (!v.ok) return Promise.resolve({ ok: false, error: `Refusing to write invalid record ${String(r?.id)}: ${v.error}` });
      if (r.schema !== SCHEMA_VERSION) return Promise.resolve({ ok: false, error: `Record ${r.id} has schema ${r.schema}, not the current ${SCHEMA_VERSION}` });
      lines.push(JSON.stringify(r));
    }
    const text = `${lines.join('\n')}\n`;
    const job = this.queue.then(() => ensurePairwiseGitignore(this.file)).then(() => appendLinesLocked(this.file, text, this.lock)).then(
      (): AppendResult => ({ ok: true }),
      (e: unknown): AppendResult => ({ ok: false, error: explain(this.file, e) }),
    );
    this.queue = job;
    return job;
  }

  /** Records a changed verdict/rating/notes as a new amend line; returns the amend written. */
  async amend(input: AmendInput, now: Date = new Date()): Promise<AmendRecord> {
    const rec: AmendRecord = { schema: SCHEMA_VERSION, type: 'amend', id: newRecordId(now), time: now.toISOString(), ...input };
    await this.append(rec);
    return rec;
  }

  /** Streams records and problems in file order (constant memory). */
  read(options?: ReadOptions): AsyncIterable<ReadEntry> {
    return readResults(this.file, options);
  }

  /** Reads everything; a missing file is simply empty. */
  readAll(options?: ReadOptions): Promise<{ records: ResultRecord[]; problems: ReadProblem[] }> {
    return readAllResults(this.file, options);
  }

  /** Saves a large text for run `runId` under its sha256 and returns the hash to put in the record. */
  async saveBlob(runId: string, name: string, text: string): Promise<string> {
    await ensurePairwiseGitignore(this.file);
    return saveBlob(this.file, runId, name, text);
  }

  /** Reads a blob back by hash (checked). */
  readBlob(runId: string, hash: string): Promise<BlobRead> {
    return readBlob(this.file, runId, hash);
  }
}
