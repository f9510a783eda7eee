// What an export wrote and what it left out (and why), so no format drops records silently.
import { foldAmends } from '../results/foldAmends';
import type { ResultRecord } from '../results/schema';
import { judgeVerdict } from '../stats/judges';

/** Records left out of an export for one reason. */
export interface ExportSkip { count: number; reason: string }

/** What an export wrote (`written` items of `unit`) and what it skipped, by reason. */
export interface ExportCount { written: number; unit: string; skipped: ExportSkip[]; note?: string }

const plural = (n: number, one: string): string => `${n} ${n === 1 ? one : one.endsWith('y') ? `${one.slice(0, -1)}ies` : `${one}s`}`;

/** Counts of the LMArena battles export: decided comparisons become battles; pending verdicts are skipped; judges' verdicts count when asked for. */
export function countArena(records: Iterable<ResultRecord>, options: { judges?: boolean } = {}): ExportCount {
  const cs = foldAmends(records);
  const pending = cs.filter((c) => c.verdict === 'pending').length;
  const judged = options.judges ? cs.reduce((n, c) => n + c.judgeOpinions.filter((o) => judgeVerdict(o) !== null).length, 0) : 0;
  const opinions = cs.reduce((n, c) => n + c.judgeOpinions.length, 0);
  const skipped: ExportSkip[] = pending ? [{ count: pending, reason: 'verdict pending (a battle needs a winner: judge them first)' }] : [];
  if (!options.judges && opinions) skipped.push({ count: opinions, reason: 'LLM judge verdicts (people only; ask for judges to include them)' });
  return { written: cs.length - pending + judged, unit: 'battle', skipped };
}

/** Counts of the CSV (one row per comparison, pending included), JSONL (raw records) and Markdown (a report) exports. */
export function countTable(records: readonly ResultRecord[], format: 'csv' | 'jsonl' | 'md'): ExportCount {
  if (format === 'jsonl') return { written: records.length, unit: 'record', skipped: [] };
  return { written: foldAmends(records).length, unit: format === 'csv' ? 'comparison row' : 'comparison summarized', skipped: [] };
}

/** One line for the user: "wrote 3 battles to FILE; skipped 4 comparisons: 4 verdict pending (…)". */
export function describeExportCount(c: ExportCount, where?: string): string {
  const unit = c.unit.endsWith(' summarized') ? `${plural(c.written, c.unit.replace(/ summarized$/, ''))} summarized` : plural(c.written, c.unit);
  const head = `wrote ${unit}${where ? ` to ${where}` : ''}`;
  const total = c.skipped.reduce((n, s) => n + s.count, 0);
  const note = c.note ? ` (${c.note})` : '';
  if (!total) return `${head}; skipped none${note}`;
  return `${head}; skipped ${plural(total, 'comparison')}: ${c.skipped.map((s) => `${s.count} ${s.reason}`).join('; ')}${note}`;
}

/** Why an export came out empty: the skips by reason, or that no comparison matched. */
export function describeNothing(c: ExportCount): string {
  const total = c.skipped.reduce((n, s) => n + s.count, 0);
  if (!total) return 'no comparisons (after filters)';
  return `${plural(total, 'comparison')} skipped: ${c.skipped.map((s) => `${s.count} ${s.reason}`).join('; ')}`;
}
