/** A session store that keeps records and blobs in memory: the sample comparison's record and verdict go nowhere. */
import { contentHash } from '../results/blobStore';
import type { AppendResult } from '../results/resultsStore';
import type { ResultRecord } from '../results/schema';
import { validateRecord } from '../results/validateRecord';
import type { SessionStore } from '../session/session';

/** Records appended and blobs saved, in memory only (validated like the file store). */
export class MemoryStore implements SessionStore {
  /** Shown where a store's location is named. */
  readonly file = '(sample: kept in memory, not recorded)';
  readonly records: ResultRecord[] = [];
  readonly blobs = new Map<string, string>();

  /** Keeps a blob under `runId/hash`; returns its hash. */
  async saveBlob(runId: string, _name: string, text: string): Promise<string> {
    const hash = contentHash(text);
    this.blobs.set(`${runId}/${hash}`, text);
    return hash;
  }

  /** Keeps a valid record; an invalid one is refused the way the file store refuses it. */
  async tryAppend(r: ResultRecord): Promise<AppendResult> {
    const v = validateRecord(r);
    if (!v.ok) return { ok: false, error: `Refusing to write an invalid ${r.type} record: ${v.error}` };
    this.records.push(r);
    return { ok: true };
  }
}
