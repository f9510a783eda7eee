import type { ComparisonRecord, Mode, ResultRecord } from './schema';

/** Which comparisons to keep; every field optional, all given fields must match. */
export interface RecordFilter {
  /** Matches repo.name or repo.remote exactly, case-insensitive. */
  repo?: string;
  /** Matches paper.id or paper.title exactly, case-insensitive. */
  paper?: string;
  mode?: Mode;
  /** Inclusive lower bound on time (ISO string or Date). */
  since?: string | Date;
  /** Exclusive upper bound on time (ISO string or Date). */
  until?: string | Date;
}

const ms = (d: string | Date | undefined): number | null => (d === undefined ? null : d instanceof Date ? d.getTime() : Date.parse(d));
const eq = (a: string | undefined, b: string): boolean => a !== undefined && a.toLowerCase() === b.toLowerCase();

/** True when one comparison passes the filter. */
export function matchesFilter(c: ComparisonRecord, f: RecordFilter): boolean {
  if (f.repo !== undefined && !eq(c.repo.name, f.repo) && !eq(c.repo.remote, f.repo)) return false;
  if (f.paper !== undefined && !eq(c.paper?.id, f.paper) && !eq(c.paper?.title, f.paper)) return false;
  if (f.mode !== undefined && c.mode !== f.mode) return false;
  const t = Date.parse(c.time);
  const since = ms(f.since);
  const until = ms(f.until);
  if (since !== null && !(t >= since)) return false;
  if (until !== null && !(t < until)) return false;
  return true;
}

/** Keeps the comparisons that match and the amends that target a kept comparison. */
export function filterRecords<R extends ResultRecord>(records: readonly R[], f: RecordFilter): R[] {
  const kept = new Set<string>();
  for (const r of records) if (r.type === 'comparison' && matchesFilter(r, f)) kept.add(r.id);
  return records.filter((r) => (r.type === 'comparison' ? kept.has(r.id) : kept.has(r.target)));
}
