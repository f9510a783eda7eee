import type { ResultRecord } from './schema';

/**
 * Drops superseded batch attempts: when a matrix cell (`cellId`) was run again (e.g. it failed and the batch
 * was resumed), only its latest comparison counts, with the amends that target it. Records without a cell pass.
 */
export function latestPerCell(records: readonly ResultRecord[]): ResultRecord[] {
  const cellOf = (r: ResultRecord): string | undefined => {
    const cell = r.type === 'comparison' ? (r as { cellId?: unknown }).cellId : undefined;
    return typeof cell === 'string' ? cell : undefined;
  };
  const last = new Map<string, string>();
  for (const r of records) { const c = cellOf(r); if (c) last.set(c, r.id); }
  const dropped = new Set<string>();
  for (const r of records) { const c = cellOf(r); if (c && last.get(c) !== r.id) dropped.add(r.id); }
  return dropped.size ? records.filter((r) => !dropped.has(r.type === 'comparison' ? r.id : r.target)) : [...records];
}
