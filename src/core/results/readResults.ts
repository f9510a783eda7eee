import { createHash } from 'node:crypto';
import { open, readFile } from 'node:fs/promises';
import { appendNoFollow } from './appendLine';
import { readLineBatches, type RawLine, type TakeLine } from './lineReader';
import { parseRecordLine, type ReadProblem } from './parseRecordLine';
import type { ResultRecord } from './schema';

/** One item streamed by the reader: a usable record, or a problem with its line number. */
export type ReadEntry =
  | { ok: true; record: ResultRecord; line: number; offset: number; migratedFrom: number }
  | { ok: false; problem: ReadProblem };

/** Reader options. quarantine copies unusable lines to `<file>.corrupt` (on by default for the own file). */
export interface ReadOptions {
  quarantine?: boolean; maxLineBytes?: number;
  /** Offered each whole line's bytes before anything else; a line it takes is not yielded (see lineReader.ts). */
  takeLine?: TakeLine;
}

/** Path of the side file that keeps copies of unusable lines. */
export function corruptPathFor(file: string): string {
  return `${file}.corrupt`;
}

/** The first 200 characters, copied (a slice would keep the whole chunk it was cut from alive). */
const excerptOf = (s: string): string => Buffer.from(s.length > 200 ? `${s.slice(0, 200)}…` : s, 'utf8').toString('utf8');

async function knownQuarantine(file: string): Promise<Set<string>> {
  const seen = new Set<string>();
  let text: string;
  try {
    text = await readFile(corruptPathFor(file), 'utf8');
  } catch {
    return seen;
  }
  for (const l of text.split('\n')) {
    if (!l) continue;
    try {
      const o = JSON.parse(l) as { offset?: number; sha256?: string };
      if (typeof o.offset === 'number' && typeof o.sha256 === 'string') seen.add(`${o.offset}:${o.sha256}`);
    } catch { /* a damaged quarantine line is itself left alone */ }
  }
  return seen;
}

/** Copies an unusable line aside once (keyed by offset + content hash); the results file is never modified. */
async function quarantineLine(file: string, raw: RawLine, problem: ReadProblem, seen: Set<string>): Promise<void> {
  const sha256 = createHash('sha256').update(raw.text).digest('hex');
  const key = `${raw.offset}:${sha256}`;
  if (seen.has(key)) return;
  seen.add(key);
  const entry = { file, line: raw.line, offset: raw.offset, kind: problem.kind, message: problem.message, sha256,
    foundAt: new Date().toISOString(), text: raw.text };
  // Best effort: a side file that is a symlink (or unwritable) is left alone; reading goes on.
  await appendNoFollow(corruptPathFor(file), `${JSON.stringify(entry)}\n`).catch(() => undefined);
}

/**
 * An unterminated last line may be an append still in progress rather than a torn write: if the file has grown
 * past it, read the line again from its offset up to its newline.
 */
async function rereadFinishedLine(file: string, raw: RawLine): Promise<string | null> {
  const fh = await open(file, 'r').catch(() => null);
  if (!fh) return null;
  try {
    const { size } = await fh.stat();
    const len = Math.min(size - raw.offset, raw.bytes + 1024 * 1024);
    if (len <= raw.bytes) return null;
    const buf = Buffer.alloc(len);
    const { bytesRead } = await fh.read(buf, 0, len, raw.offset);
    const nl = buf.subarray(0, bytesRead).indexOf(10);
    return nl === -1 ? null : buf.subarray(0, nl).toString('utf8').replace(/\r$/, '');
  } finally {
    await fh.close();
  }
}

/** Turns a line that is not a plain usable record into its entry: rereads a growing last line, quarantines bad ones. */
async function slowEntry(file: string, raw: RawLine, quarantine: boolean, seen: { set: Set<string> | null }): Promise<ReadEntry> {
  let problem: ReadProblem;
  if (raw.oversize) {
    problem = { file, line: raw.line, offset: raw.offset, kind: 'oversize', excerpt: excerptOf(raw.text),
      message: `line ${raw.line} is ${raw.bytes} bytes, over the reader limit; large texts belong in runs/<id>/ blobs` };
  } else {
    let p = parseRecordLine(raw.text);
    if (!p.ok && !raw.terminated) {
      const again = await rereadFinishedLine(file, raw);
      if (again !== null) p = parseRecordLine(again);
    }
    if (p.ok) return { ok: true, record: p.record, line: raw.line, offset: raw.offset, migratedFrom: p.migratedFrom };
    const torn = !raw.terminated && p.kind === 'malformed';
    problem = { file, line: raw.line, offset: raw.offset, kind: torn ? 'torn' : p.kind, excerpt: excerptOf(raw.text),
      message: torn
        ? `line ${raw.line} (byte ${raw.offset}) is an unfinished last line, likely a write cut short; copied to ${corruptPathFor(file)}`
        : `line ${raw.line}: ${p.message}` };
  }
  if (quarantine && problem.kind !== 'newer-schema') {
    seen.set ??= await knownQuarantine(file);
    await quarantineLine(file, raw, problem, seen.set);
  }
  return { ok: false, problem };
}

/** True for an empty or whitespace-only line (skipped, not a problem). */
const blank = (text: string): boolean => text.length === 0 || (text.charCodeAt(0) !== 123 && text.trim() === '');

/**
 * Streams a results file in batches (one per chunk read): records in file order, plus problems (torn, malformed,
 * invalid) with line numbers. Batches keep a million-line read from paying one promise per line.
 */
export async function* readResultBatches(file: string, options: ReadOptions = {}): AsyncGenerator<ReadEntry[]> {
  const quarantine = options.quarantine ?? true;
  const seen: { set: Set<string> | null } = { set: null };
  const take = options.takeLine;
  for await (const lines of readLineBatches(file, options.maxLineBytes, take)) {
    const out: ReadEntry[] = [];
    for (const raw of lines) {
      if (!raw.oversize && blank(raw.text)) continue;
      if (!raw.oversize && raw.terminated) {
        if (take) {
          // A line read across two chunks is offered here (its text is short of the limit, so the copy is bounded).
          const b = Buffer.from(raw.text, 'utf8');
          if (take(b, 0, b.length, raw.line)) continue;
        }
        const p = parseRecordLine(raw.text);
        if (p.ok) { out.push({ ok: true, record: p.record, line: raw.line, offset: raw.offset, migratedFrom: p.migratedFrom }); continue; }
      }
      out.push(await slowEntry(file, raw, quarantine, seen));
    }
    yield out;
  }
}

/** Streams a results file: records in file order, plus problems (torn, malformed, invalid) with line numbers. */
export async function* readResults(file: string, options: ReadOptions = {}): AsyncGenerator<ReadEntry> {
  for await (const batch of readResultBatches(file, options)) yield* batch;
}

/** Reads a whole results file into records and problems (records in file order). */
export async function readAllResults(file: string, options: ReadOptions = {}): Promise<{ records: ResultRecord[]; problems: ReadProblem[] }> {
  const records: ResultRecord[] = [];
  const problems: ReadProblem[] = [];
  for await (const batch of readResultBatches(file, options)) {
    for (const e of batch) {
      if (e.ok) records.push(e.record);
      else problems.push(e.problem);
    }
  }
  return { records, problems };
}
