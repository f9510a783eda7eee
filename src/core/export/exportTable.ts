import { foldAmends } from '../results/foldAmends';
import { modelKey, type ResultRecord, type SideRecord } from '../results/schema';
import { csvDocument, type CsvValue } from './csvFormat';
import { judgeVerdict } from '../stats/judges';

const SIDE_COLS = ['preset', 'model', 'base_url_host', 'route', 'status', 'error_kind', 'title', 'input_tokens', 'output_tokens',
  'cache_read_tokens', 'cache_write_tokens', 'cost_usd', 'cost_basis', 'cost_cache_basis', 'ttft_ms', 'total_ms', 'paper_pick', 'draft_hash'];

/** Column names of the comparisons CSV (one row per comparison, effective verdict after amends). */
export const CSV_COLUMNS: readonly string[] = ['id', 'time', 'repo', 'repo_remote', 'repo_commit', 'repo_dirty', 'paper_id', 'paper_version',
  'paper_title', 'mode', 'template_version', 'prefix_hash', 'manifest_hash', 'model_a', 'model_b', 'verdict', 'winner_model', 'blind', 'swapped',
  'same_paper', 'time_to_verdict_ms', 'rater', 'notes', 'amend_count', 'imported', ...SIDE_COLS.map((c) => `a_${c}`), ...SIDE_COLS.map((c) => `b_${c}`)];

function sideCells(s: SideRecord): CsvValue[] {
  return [s.preset, s.model, s.baseUrlHost, s.route, s.status, s.errorKind, s.title, s.usage?.input, s.usage?.output, s.usage?.cacheRead,
    s.usage?.cacheWrite, s.cost?.usd, s.cost?.basis, s.cost?.cacheBasis, s.ttftMs, s.totalMs, s.paperPick, s.draftHash];
}

/** Per LLM judge found in the file, appended after CSV_COLUMNS: `<rater>:verdict` (a / b / tie / both_bad, empty when none) and `<rater>:outcome`. */
export const JUDGE_CSV_SUFFIXES = ['verdict', 'outcome'] as const;

/** Comparisons as CSV, RFC 4180 quoted, spreadsheet formulas neutralised (see csvField); LLM judges get columns of their own. */
export function exportCsv(records: Iterable<ResultRecord>, options: { guardFormulas?: boolean } = {}): string {
  const comparisons = foldAmends(records);
  const judges = [...new Set(comparisons.flatMap((c) => c.judgeOpinions.map((o) => o.rater)))].sort();
  const rows = comparisons.map((c) => {
    const winner = c.verdict === 'a' ? modelKey(c.sides.a) : c.verdict === 'b' ? modelKey(c.sides.b) : '';
    return [c.id, c.time, c.repo.name, c.repo.remote, c.repo.commit, c.repo.dirty, c.paper?.id, c.paper?.version, c.paper?.title, c.mode,
      c.prompt.templateVersion, c.prompt.prefixHash, c.manifestHash, modelKey(c.sides.a), modelKey(c.sides.b), c.verdict, winner, c.blind,
      c.swapped, c.selection?.samePaper, c.timeToVerdictMs, c.rater, c.notes, c.amendCount, c.imported ?? false,
      ...sideCells(c.sides.a), ...sideCells(c.sides.b), ...judges.flatMap((j) => {
        const op = c.judgeOpinions.find((o) => o.rater === j);
        return op ? [judgeVerdict(op), op.judge.outcome] : [null, null];
      })];
  });
  const head = [...CSV_COLUMNS, ...judges.flatMap((j) => JUDGE_CSV_SUFFIXES.map((x) => `${j}:${x}`))];
  return csvDocument(head, rows, options.guardFormulas ?? true);
}

/** Records as JSONL (raw records, amends included, one per line) — a faithful copy for other tools or machines. */
export function exportJsonl(records: Iterable<ResultRecord>): string {
  const parts: string[] = [];
  for (const r of records) parts.push(JSON.stringify(r));
  return parts.length ? `${parts.join('\n')}\n` : '';
}
