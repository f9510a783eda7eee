import { filterRecords, type RecordFilter } from '../results/filterRecords';
import type { ResultRecord } from '../results/schema';
import { computeStats, type StatsOptions } from '../stats/computeStats';
import { renderReportMarkdown } from '../stats/reportMarkdown';

/** The Markdown report of (optionally filtered) records — the same text `pairwise report` prints. */
export function exportMarkdown(records: readonly ResultRecord[], options: StatsOptions & { filter?: RecordFilter; title?: string } = {}): string {
  const rs = options.filter ? filterRecords(records, options.filter) : records;
  return renderReportMarkdown(computeStats(rs, options), options.title);
}
