// The audit set as CSV: every pair where an LLM judge's verdict differs from the human's (the off-diagonal cells of
// each judge's agreement matrix), with both orders' answers and reasons, to read and re-judge by hand.
import { foldAmends } from '../results/foldAmends';
import { modelKey, type ResultRecord } from '../results/schema';
import { humanVerdict, judgeVerdict } from '../stats/judges';
import { csvDocument, type CsvValue } from './csvFormat';
import type { ExportCount } from './exportCount';

/** Column names of the audit CSV. */
export const AUDIT_COLUMNS: readonly string[] = ['id', 'time', 'repo', 'paper', 'model_a', 'model_b', 'human_rater', 'human_verdict', 'judge', 'judge_verdict',
  'judge_outcome', 'same_family', 'ab_answer', 'ba_answer', 'ab_reason', 'ba_reason'];

/** Audit rows (judge × comparison, file order then judge name) and what was left out. */
export function auditRows(records: Iterable<ResultRecord>): { rows: CsvValue[][]; count: ExportCount } {
  const rows: CsvValue[][] = [];
  let agreed = 0, undecided = 0, unjudged = 0;
  for (const c of foldAmends(records)) {
    if (c.imported) continue;
    if (c.judgeOpinions.length === 0) unjudged += 1;
    const h = humanVerdict(c);
    for (const op of [...c.judgeOpinions].sort((x, y) => (x.rater < y.rater ? -1 : 1))) {
      const j = judgeVerdict(op);
      if (h === null || j === null) { undecided += 1; continue; }
      if (h === j) { agreed += 1; continue; }
      const order = (o: 'ab' | 'ba') => op.judge.orders.find((x) => x.order === o);
      rows.push([c.id, c.time, c.repo.name, c.paper?.title ?? c.paper?.id, modelKey(c.sides.a), modelKey(c.sides.b), c.rater, h, op.rater, j, op.judge.outcome,
        (op.judge.sameFamily ?? []).join(';'), order('ab')?.answer, order('ba')?.answer, order('ab')?.reason, order('ba')?.reason]);
    }
  }
  const skipped = [...(unjudged ? [{ count: unjudged, reason: 'not answered by any LLM judge (run pairwise judge first)' }] : []), ...(agreed ? [{ count: agreed, reason: 'judge answers that agree with the human verdict' }] : []),
    ...(undecided ? [{ count: undecided, reason: 'judge answers without a decided human verdict or without a judge verdict (unparsed or failed)' }] : [])];
  return { rows, count: { written: rows.length, unit: 'disagreement', skipped } };
}

/** The audit set as CSV (RFC 4180, spreadsheet formulas neutralised). */
export function exportAuditCsv(records: Iterable<ResultRecord>): { text: string; count: ExportCount } {
  const { rows, count } = auditRows(records);
  return { text: csvDocument(AUDIT_COLUMNS, rows), count };
}
