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

/** Parses, migrates and validates one JSONL line. */
export function parseRecordLine(text: string): LineParse {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    return { ok: false, kind: 'malformed', message: `not valid JSON (${(e as Error).message})` };
  }
  const m = migrate(raw);
  if (!m.ok) return { ok: false, kind: m.newer ? 'newer-schema' : 'invalid', message: m.error };
  const v = validateRecord(m.raw);
  if (!v.ok) return { ok: false, kind: 'invalid', message: v.error };
  return { ok: true, record: v.record, migratedFrom: m.from };
}
