// `pairwise import` of a JSONL battle file in memory independent of its length (external memory, hash-partitioned).
// Which battles repeat a question id (their -k suffix) and which resulting ids are already in the results file are
// decided ahead of the import, K buckets at a time, instead of in two tables that grow with the file:
//  1. a pass over the battle file writes each row's base id fingerprint and line number into bucket files (bucket =
//     fingerprint mod K, K chosen from the files' sizes so one bucket's tables stay small); the results file's ids
//     are bucketed by the same hash — for `arena-X` also under X (duplicate 0) and for `arena-X-k` under X (k);
//  2. per bucket, rows are read back in line order: a row whose question id is itself a results id is skipped, else
//     its duplicate number is counted and looked up as (base, k); decisions go to that bucket's decision file;
//  3. the import's own pass reads each row's decision from its base's bucket, in order (arenaStream.ts).
// All files live in a private temp dir (mkdtemp, 0700) with numbered names, removed when the import ends, fails or
// is interrupted. Memory: 1 MB of buffers shared by the K files open at a time and one bucket's tables.
import { rmSync, statSync, unlinkSync } from 'node:fs';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { arenaKeyOf, type ArenaRowContext } from './arena';
import { battleRows, eachResultId } from './battleSource';
import { BucketReader, BucketWriters, bucketPath } from './bucketFiles';
import { fmix, hashes, IdFingerprints } from './idFingerprints';

/** Planning options: the row context's preset and time, where the temp dir goes, and a fixed bucket count (tests). */
export interface ImportPlanOptions { preset: string; nowIso: string; tempParent?: string; buckets?: number }

/** Base ids (plus results-file ids) a bucket is sized for. */
const PER_BUCKET = 1 << 17;
/** Bytes of buffers shared by the files of one kind open at a time (so memory does not grow with K). */
const BUFFER_BUDGET = 1 << 20;
/** Most buckets (open files of one kind at a time). */
const MAX_BUCKETS = 256;
/** Marks a results id kept as itself (a question id equal to it is skipped), not as arena-<base>[-k]. */
const RAW = 0xffffffff;
const QID = 1, SKIPPED = 1, PRESENT = 2;

/** The fingerprint of (base fingerprint, k). */
function tupleHashes(h1: number, h2: number, k: number): [number, number] {
  return [fmix((h1 ^ fmix((k ^ 0x27d4eb2f) >>> 0)) >>> 0), (h2 + Math.imul(k, 0x9e3779b1)) >>> 0];
}

/** Bucket count for a battle file and a results file of these sizes (a usable line is at least ~32 bytes). */
function bucketCount(srcBytes: number, resultsBytes: number): number {
  const est = (srcBytes + resultsBytes) / 32;
  let k = 1;
  while (k < MAX_BUCKETS && k * PER_BUCKET < est) k *= 2;
  return k;
}

const sizeOf = (file: string): number => { try { return statSync(file).size; } catch { return 0; } };

/** Each row's decision, read in line order while importing; dispose() removes the temp files. */
export class ImportPlan {
  private readers: BucketReader[] = [];
  private readonly cur = new Uint32Array(3);
  private curLine = -1;
  private line = 0;
  private readonly onSignal = (sig: NodeJS.Signals): void => { this.dispose(); process.kill(process.pid, sig); };

  /** Bytes buffered per bucket file while all K are open. */
  private get bufferBytes(): number { return Math.max(4096, Math.floor(BUFFER_BUDGET / this.buckets)); }

  /** The row context for the line set by at(): duplicates and skips as planned. */
  readonly ctx: ArenaRowContext;

  private constructor(readonly dir: string, readonly buckets: number, preset: string, nowIso: string) {
    this.ctx = { preset, nowIso, skipIds: { has: (id) => (this.decision(id)[2] & SKIPPED) !== 0 }, nextDup: (base) => this.decision(base)[1] };
    process.once('SIGINT', this.onSignal);
    process.once('SIGTERM', this.onSignal);
  }

  /** Plans the import of `src` into the results file `resultsFile` (passes 1 and 2). */
  static async build(src: string, resultsFile: string, options: ImportPlanOptions): Promise<ImportPlan> {
    const dir = await mkdtemp(join(options.tempParent ?? tmpdir(), 'pairwise-import-'));
    const plan = new ImportPlan(dir, options.buckets ?? bucketCount(sizeOf(src), sizeOf(resultsFile)), options.preset, options.nowIso);
    try {
      await plan.bucketRows(src);
      await plan.bucketResults(resultsFile);
      plan.decide();
      for (let b = 0; b < plan.buckets; b++) plan.readers.push(new BucketReader(bucketPath(dir, `d${b}-`, 0), 3, plan.bufferBytes));
      return plan;
    } catch (e) {
      plan.dispose();
      throw e;
    }
  }

  /** Sets the line whose row is looked at next. */
  at(line: number): void { this.line = line; }

  /** True when the id of the record built from the current line is already in the results file. */
  present(): boolean { return this.curLine === this.line && (this.cur[2] & PRESENT) !== 0; }

  /** Closes and removes the temp files (idempotent). */
  dispose(): void {
    process.removeListener('SIGINT', this.onSignal);
    process.removeListener('SIGTERM', this.onSignal);
    for (const r of this.readers) { try { r.close(); } catch { /* already closed */ } }
    this.readers = [];
    rmSync(this.dir, { recursive: true, force: true });
  }

  /** The current line's decision, read from its base's bucket on first use. */
  private decision(base: string): Uint32Array {
    if (this.curLine === this.line) return this.cur;
    const reader = this.readers[hashes(base)[1] % this.buckets];
    if (!reader?.next(this.cur) || this.cur[0] !== this.line) throw new Error(`import plan out of step at line ${this.line} (was the battle file changed during the import?)`);
    this.curLine = this.line;
    return this.cur;
  }

  /** Pass 1: (base fingerprint, line, has question id) of every row that reaches a duplicate count. */
  private async bucketRows(src: string): Promise<void> {
    const w = new BucketWriters(this.dir, 'l', this.buckets, 4, this.bufferBytes);
    try {
      for await (const rows of battleRows(src)) {
        for (const row of rows) {
          if ('problem' in row) continue;
          const k = arenaKeyOf(row.obj, row.raw);
          if (typeof k === 'string') continue;
          const key = k.base;
          const qid = k.qid;
          const [h1, h2] = hashes(key);
          w.write(h2 % this.buckets, h1, h2, row.line, qid === undefined ? 0 : QID);
        }
      }
      w.close();
    } catch (e) {
      w.abandon();
      throw e;
    }
  }

  /** The results file's ids, under every (base, k) they could be the id of. */
  private async bucketResults(file: string): Promise<void> {
    const w = new BucketWriters(this.dir, 'r', this.buckets, 3, this.bufferBytes);
    const put = (key: string, k: number): void => { const [h1, h2] = hashes(key); w.write(h2 % this.buckets, h1, h2, k); };
    try {
      await eachResultId(file, (id) => {
        put(id, RAW);
        if (!id.startsWith('arena-')) return;
        const rest = id.slice(6);
        put(rest, 0);
        const m = /^([\s\S]*)-([1-9]\d{0,9})$/.exec(rest);
        if (m && Number(m[2]) < RAW) put(m[1], Number(m[2]));
      });
      w.close();
    } catch (e) {
      w.abandon();
      throw e;
    }
  }

  /** Pass 2: per bucket, each row's decision (line, duplicate number, skipped/present) in line order. */
  private decide(): void {
    const rec = new Uint32Array(4);
    for (let b = 0; b < this.buckets; b++) {
      const known = new IdFingerprints();
      const rr = new BucketReader(bucketPath(this.dir, 'r', b), 3);
      try { while (rr.next(rec)) known.addHashes(...tupleHashes(rec[0], rec[1], rec[2])); } finally { rr.close(); }
      unlinkSync(bucketPath(this.dir, 'r', b));
      const counts = new IdFingerprints();
      const out = new BucketWriters(this.dir, `d${b}-`, 1, 3);
      const lr = new BucketReader(bucketPath(this.dir, 'l', b), 4);
      try {
        while (lr.next(rec)) {
          const [h1, h2, line, flags] = rec;
          if ((flags & QID) !== 0 && known.hasHashes(...tupleHashes(h1, h2, RAW))) { out.write(0, line, 0, SKIPPED); continue; }
          const dup = counts.addHashes(h1, h2);
          out.write(0, line, dup, known.hasHashes(...tupleHashes(h1, h2, dup)) ? PRESENT : 0);
        }
        out.close();
      } catch (e) {
        out.abandon();
        throw e;
      } finally {
        lr.close();
      }
      unlinkSync(bucketPath(this.dir, 'l', b));
    }
  }
}
