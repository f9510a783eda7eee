import { cp, lstat, stat } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { runDirFor } from '../results/blobStore';
import type { ReadProblem } from '../results/parseRecordLine';
import { readAllResults } from '../results/readResults';
import { ResultsStore } from '../results/resultsStore';
import type { ResultRecord } from '../results/schema';

/** A record id seen in two files with different content (the first one read is kept). */
export interface MergeConflict { id: string; keptFrom: string; droppedFrom: string }

/** What a merge found and did. */
export interface MergeResult {
  /** Unique records in time order (comparisons and amends, deduplicated by id). */
  records: ResultRecord[];
  problems: ReadProblem[];
  duplicates: number;
  conflicts: MergeConflict[];
  /** When `into` was given: records appended to it (those not already there) and run folders copied. */
  appended: number;
  blobDirsCopied: number;
  /** Run folders not copied, and why (an id that is no safe folder name, a linked folder). */
  blobDirsSkipped: { id: string; reason: string }[];
}

/** Stable text of a record for comparing duplicates (key order ignored). */
function canonical(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonical).join(',')}]`;
  if (v && typeof v === 'object') return `{${Object.keys(v).sort().map((k) => `${JSON.stringify(k)}:${canonical((v as Record<string, unknown>)[k])}`).join(',')}}`;
  return JSON.stringify(v);
}

const exists = (p: string): Promise<boolean> => stat(p).then(() => true, () => false);
const isLink = (p: string): Promise<boolean> => lstat(p).then((s) => s.isSymbolicLink(), () => false);
/** cp filter: folders and regular files only (a link inside a run folder could point at any file of the user's). */
const plainEntry = (p: string): Promise<boolean> => lstat(p).then((s) => s.isDirectory() || s.isFile(), () => false);

/**
 * Why a run folder of a record read from `from` must not be copied beside `into`, or undefined when it may. The id
 * comes from that file: it must be a safe folder name (no `../`), and no folder on either side may be a link
 * (a teammate's `runs` linked to the user's home, a repository's `.pairwise/runs` linked to any folder).
 */
async function unsafeRunCopy(from: string, into: string, id: string): Promise<string | undefined> {
  let src: string, dst: string;
  try { src = runDirFor(from, id); dst = runDirFor(into, id); } catch (e) { return (e as Error).message; }
  const dstBase = dirname(into);
  const links = [join(dirname(from), 'runs'), src, ...(basename(dstBase) === '.pairwise' ? [dstBase] : []), join(dstBase, 'runs'), dst];
  for (const l of links) if (await isLink(l)) return `${l} is a symbolic link; run folders are never copied through a link`;
  return undefined;
}

/**
 * Combines results files from several machines: every record once (by id — comparisons and amends alike),
 * sorted by time. Files are only read (no quarantine side files). With `into`, records whose id is not yet in
 * that results file are appended to it (never rewritten) and their runs/<id>/ blob folders are copied beside it.
 */
export async function mergeResultFiles(files: readonly string[], options: { into?: string } = {}): Promise<MergeResult> {
  const byId = new Map<string, { rec: ResultRecord; from: string; canon: string }>();
  const problems: ReadProblem[] = [];
  const conflicts: MergeConflict[] = [];
  let duplicates = 0;
  for (const file of files) {
    const { records, problems: p } = await readAllResults(file, { quarantine: false });
    problems.push(...p);
    for (const rec of records) {
      const canon = canonical(rec);
      const prev = byId.get(rec.id);
      if (!prev) { byId.set(rec.id, { rec, from: file, canon }); continue; }
      duplicates += 1;
      if (prev.canon !== canon) conflicts.push({ id: rec.id, keptFrom: prev.from, droppedFrom: file });
    }
  }
  const merged = [...byId.values()].sort((a, b) => (a.rec.time < b.rec.time ? -1 : a.rec.time > b.rec.time ? 1 : a.rec.id < b.rec.id ? -1 : 1));
  let appended = 0;
  let blobDirsCopied = 0;
  const blobDirsSkipped: MergeResult['blobDirsSkipped'] = [];
  if (options.into) {
    const store = new ResultsStore(options.into);
    const { records: have } = await store.readAll();
    const present = new Set(have.map((r) => r.id));
    const fresh = merged.filter(({ rec }) => !present.has(rec.id));
    const res = await store.appendMany(fresh.map((m) => m.rec));
    if (!res.ok) throw new Error(res.error);
    appended = fresh.length;
    for (const { rec, from } of fresh) {
      if (rec.type !== 'comparison' || from === options.into) continue;
      const unsafe = await unsafeRunCopy(from, options.into, rec.id);
      if (unsafe) { blobDirsSkipped.push({ id: rec.id, reason: unsafe }); continue; }
      const src = runDirFor(from, rec.id);
      const dst = runDirFor(options.into, rec.id);
      if ((await exists(src)) && !(await exists(dst))) {
        await cp(src, dst, { recursive: true, filter: plainEntry });
        blobDirsCopied += 1;
      }
    }
  }
  return { records: merged.map((m) => m.rec), problems, duplicates, conflicts, appended, blobDirsCopied, blobDirsSkipped };
}
