// `pairwise import` of a large battle file in bounded memory: the results file's ids and the battle file's question
// ids are kept as fingerprints (idFingerprints.ts), JSONL battles are read line by line and appended in locked,
// fsynced batches. CSV (whose quoted cells may span lines) is parsed whole, then appended in the same batches.
import { readFile } from 'node:fs/promises';
import { readLineBatches } from '../results/lineReader';
import { matchImportedLine, parts } from '../results/importedLine';
import { readResultBatches } from '../results/readResults';
import type { ResultsStore } from '../results/resultsStore';
import type { ComparisonRecord } from '../results/schema';
import { arenaRecordOf, importArena, type ArenaRowContext } from './arena';
import { IdFingerprints } from './idFingerprints';

/** Options: fallback preset, import time, records per appended batch, how many problems to keep (all are counted). */
export interface ArenaFileImportOptions { preset?: string; now?: Date; batch?: number; keptProblems?: number }

/** What an import did; `error` when a batch could not be written (earlier batches are in the file: run it again). */
export interface ArenaFileImport {
  imported: number; alreadyPresent: number; problems: { line: number; message: string }[]; problemCount: number; error?: string;
}

/** Ids of the usable records already in a results file (lines `pairwise import` wrote are read as bytes, not parsed). */
async function presentIds(file: string): Promise<IdFingerprints> {
  const ids = new IdFingerprints();
  const takeLine = (buf: Buffer, start: number, end: number): boolean => {
    if (!matchImportedLine(buf, start, end)) return false;
    ids.addBytes(buf, parts.idStart, parts.idEnd);
    return true;
  };
  for await (const batch of readResultBatches(file, { quarantine: false, takeLine })) for (const e of batch) if (e.ok) ids.add(e.record.id);
  return ids;
}

/**
 * Imports LMArena battles from `src` (JSONL, or CSV when it ends in .csv) into `store`, skipping ids already there.
 * Same records and problems as importArena over the whole text; an interrupted import can be run again and adds
 * only what is missing.
 */
export async function importArenaFile(src: string, store: ResultsStore, options: ArenaFileImportOptions = {}): Promise<ArenaFileImport> {
  const present = await presentIds(store.file);
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
  const take = async (r: ComparisonRecord): Promise<boolean> => {
    if (present.has(r.id)) { out.alreadyPresent += 1; return true; }
    pending.push(r);
    return pending.length < batchSize || flush();
  };
  const now = options.now ?? new Date();
  if (src.toLowerCase().endsWith('.csv')) {
    const res = importArena(await readFile(src, 'utf8'), 'csv', { skipIds: present, now, ...(options.preset ? { preset: options.preset } : {}) });
    for (const p of res.problems) problem(p.line, p.message);
    for (const r of res.records) if (!(await take(r))) return out;
    await flush();
    return out;
  }
  const seen = new IdFingerprints();
  const ctx: ArenaRowContext = { preset: options.preset ?? 'arena', nowIso: now.toISOString(), skipIds: present, nextDup: (base) => seen.add(base) };
  for await (const lines of readLineBatches(src)) {
    for (const l of lines) {
      const t = l.oversize ? '' : l.text.trim();
      if (l.oversize) { problem(l.line, 'line too long to be a battle'); continue; }
      if (!t) continue;
      let o: unknown;
      try { o = JSON.parse(t); } catch { problem(l.line, 'not valid JSON'); continue; }
      if (typeof o !== 'object' || o === null || Array.isArray(o)) { problem(l.line, 'not a JSON object'); continue; }
      const r = arenaRecordOf(o as Record<string, unknown>, t, ctx);
      if (typeof r === 'string') problem(l.line, r);
      else if (!(await take(r))) return out;
    }
  }
  await flush();
  return out;
}
