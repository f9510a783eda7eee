// `pairwise import` of a large battle file in bounded memory. JSONL battles are read line by line and appended in
// locked, fsynced batches. Which ids are already in the results file and how often each question id repeated are
// kept as in-memory fingerprints (idFingerprints.ts, ~19 bytes a battle) for files up to `constantMemoryAbove` bytes,
// and planned on disk in hash buckets above it (importPlan.ts: memory independent of the file's length). CSV (whose
// quoted cells may span lines) is parsed whole, in memory, then appended in the same batches.
import { readFile, stat } from 'node:fs/promises';
import type { ResultsStore } from '../results/resultsStore';
import type { ComparisonRecord } from '../results/schema';
import { arenaRecordOf, importArena, type ArenaRowContext } from './arena';
import { battleRows, eachResultId } from './battleSource';
import { IdFingerprints } from './idFingerprints';
import { ImportPlan } from './importPlan';

/**
 * Options: fallback preset, import time, records per appended batch, how many problems to keep (all are counted),
 * the JSONL size in bytes above which the constant-memory plan is used (default 16 MB), and for that plan a parent
 * for its temp dir and a fixed bucket count.
 */
export interface ArenaFileImportOptions {
  preset?: string; now?: Date; batch?: number; keptProblems?: number; constantMemoryAbove?: number; tempParent?: string; buckets?: number;
}

/** What an import did; `error` when a batch could not be written (earlier batches are in the file: run it again). */
export interface ArenaFileImport {
  imported: number; alreadyPresent: number; problems: { line: number; message: string }[]; problemCount: number; error?: string;
}

/** JSONL files above this many bytes are imported through the on-disk plan (~100k battles of LMArena's layout). */
export const CONSTANT_MEMORY_ABOVE = 16 * 1024 * 1024;

/** Ids of the usable records already in a results file (lines `pairwise import` wrote are read as bytes, not parsed). */
async function presentIds(file: string): Promise<IdFingerprints> {
  const ids = new IdFingerprints();
  await eachResultId(file, (id) => { ids.add(id); }, (buf, start, end) => { ids.addBytes(buf, start, end); });
  return ids;
}

/** Row context plus "is this record's id already there" for one way of deciding duplicates and presence. */
interface Decider { ctx: ArenaRowContext; at(line: number): void; present(id: string): boolean; dispose(): void }

async function inMemory(file: string, preset: string, nowIso: string): Promise<Decider> {
  const present = await presentIds(file);
  const seen = new IdFingerprints();
  return { ctx: { preset, nowIso, skipIds: present, nextDup: (base) => seen.add(base) }, at: () => undefined, present: (id) => present.has(id), dispose: () => undefined };
}

async function planned(src: string, file: string, preset: string, nowIso: string, options: ArenaFileImportOptions): Promise<Decider> {
  const plan = await ImportPlan.build(src, file, { preset, nowIso, tempParent: options.tempParent, buckets: options.buckets });
  return { ctx: plan.ctx, at: (line) => plan.at(line), present: () => plan.present(), dispose: () => plan.dispose() };
}

/**
 * Imports LMArena battles from `src` (JSONL, or CSV when it ends in .csv) into `store`, skipping ids already there.
 * Same records and problems as importArena over the whole text; an interrupted import can be run again and adds
 * only what is missing.
 */
export async function importArenaFile(src: string, store: ResultsStore, options: ArenaFileImportOptions = {}): Promise<ArenaFileImport> {
  const batchSize = options.batch ?? 2000;
  const keep = options.keptProblems ?? 10;
  const out: ArenaFileImport = { imported: 0, alreadyPresent: 0, problems: [], problemCount: 0 };
  const problem = (line: number, message: string): void => {
    out.problemCount += 1;
    if (out.problems.length < keep) out.problems.push({ line, message });
  };
  let pending: ComparisonRecord[] = [];
  const flush = async (): Promise<boolean> => {
    if (pending.length === 0) return true;
    const w = await store.appendMany(pending);
    if (!w.ok) { out.error = w.error; return false; }
    out.imported += pending.length;
    pending = [];
    return true;
  };
  const take = async (r: ComparisonRecord, present: boolean): Promise<boolean> => {
    if (present) { out.alreadyPresent += 1; return true; }
    pending.push(r);
    return pending.length < batchSize || flush();
  };
  const now = options.now ?? new Date();
  const preset = options.preset ?? 'arena';
  if (src.toLowerCase().endsWith('.csv')) {
    const present = await presentIds(store.file);
    const res = importArena(await readFile(src, 'utf8'), 'csv', { skipIds: present, now, ...(options.preset ? { preset: options.preset } : {}) });
    for (const p of res.problems) problem(p.line, p.message);
    for (const r of res.records) if (!(await take(r, present.has(r.id)))) return out;
    await flush();
    return out;
  }
  const size = (await stat(src).catch(() => ({ size: 0 }))).size;
  const nowIso = now.toISOString();
  const decider = size > (options.constantMemoryAbove ?? CONSTANT_MEMORY_ABOVE)
    ? await planned(src, store.file, preset, nowIso, options) : await inMemory(store.file, preset, nowIso);
  try {
    for await (const rows of battleRows(src)) {
      for (const row of rows) {
        if ('problem' in row) { problem(row.line, row.problem); continue; }
        decider.at(row.line);
        const r = arenaRecordOf(row.obj, row.raw, decider.ctx);
        if (typeof r === 'string') problem(row.line, r);
        else if (!(await take(r, decider.present(r.id)))) return out;
      }
    }
    await flush();
    return out;
  } finally {
    decider.dispose();
  }
}
