import { migrate } from './migrate';
import type { ResultRecord } from './schema';
import { validateRecord } from './validateRecord';

/** Why a line could not be used. torn = unterminated last line (a write cut short). */
export type ProblemKind = 'torn' | 'malformed' | 'invalid' | 'newer-schema' | 'oversize';

/** A line the reader could not use, with where it is, so a user can find and fix it. */
export interface ReadProblem {
  file: string;
  line: number;
  offset: number;
  kind: ProblemKind;
  message: string;
  /** The first 200 characters of the line. */
  excerpt: string;
}

/** Result of turning one text line into a current record. */
export type LineParse =
  | { ok: true; record: ResultRecord; migratedFrom: number }
  | { ok: false; kind: Exclude<ProblemKind, 'torn' | 'oversize'>; message: string };

/**
 * Deepest nesting of arrays and objects a record may have. A line nested deeper (200,000 brackets in a 400 KB line)
 * parsed, but writing it back overflowed the stack: `export --format jsonl` crashed with a RangeError trace, and
 * `merge` failed with "Maximum call stack size exceeded". Records nest a few levels; lines too short to reach this
 * depth are not walked.
 */
export const MAX_RECORD_DEPTH = 512;

/** True when v nests arrays or objects more than `max` levels deep (recursion bounded by max). */
function deeperThan(v: unknown, max: number): boolean {
  if (v === null || typeof v !== 'object') return false;
  if (max === 0) return true;
  if (Array.isArray(v)) {
    for (const x of v) if (deeperThan(x, max - 1)) return true;
    return false;
  }
  for (const k in v) if (deeperThan((v as Record<string, unknown>)[k], max - 1)) return true;
  return false;
}

/** Parses, migrates and validates one JSONL line. */
export function parseRecordLine(text: string): LineParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, kind: 'malformed', message: `not valid JSON (${(e as Error).message})` };
  }
  if (text.length > 2 * MAX_RECORD_DEPTH && deeperThan(raw, MAX_RECORD_DEPTH)) {
    return { ok: false, kind: 'invalid', message: `nested more than ${MAX_RECORD_DEPTH} levels deep (no record is); remove or fix this line` };
  }
  const m = migrate(raw);
  if (!m.ok) return { ok: false, kind: m.newer ? 'newer-schema' : 'invalid', message: m.error };
  const v = validateRecord(m.raw);
  if (!v.ok) return { ok: false, kind: 'invalid', message: v.error };
  return { ok: true, record: v.record, migratedFrom: m.from };
}
