// The report model's cost, tokens and time section: totals per model, per-run quantiles, and the charts that draw them.
import type { ReportSection } from '../../shared/reportModel';
import { duration, int, usd } from './format';
import { figure, label, section, table, text } from './reportCells';
import type { Stats, Summary, UsageRow } from './types';

const hasAny = (u: UsageRow): boolean => u.costUsd.n + u.inputTokens.n + u.ttftMs.n + u.totalMs.n > 0;

type Metric = 'costUsd' | 'inputTokens' | 'outputTokens' | 'cacheReadTokens' | 'ttftMs' | 'totalMs';
const METRICS: readonly [Metric, string, (x: number | null) => string][] = [
  ['costUsd', 'cost', usd], ['inputTokens', 'input tokens', int], ['outputTokens', 'output tokens', int], ['cacheReadTokens', 'cached tokens read', int],
  ['ttftMs', 'time to first token', duration], ['totalMs', 'wall time', duration]];

const quantRow = (model: string, metric: string, q: Summary, f: (x: number | null) => string): string[] =>
  [model, metric, String(q.n), f(q.min), f(q.p25), f(q.median), f(q.p75), f(q.max)];

/** Known cost, cost per win, token and time totals per model; per-run quantiles; cost vs win rate and latency charts. */
export function usageSection(s: Stats): ReportSection {
  const title = 'Cost, tokens and time per model';
  const rows = s.usage.filter(hasAny);
  if (rows.length === 0) return section('usage', title, { empty: 'No cost, token or timing data recorded.' });
  const totals = table('usage', 'Totals per model', [label('Model'), figure('Runs'), figure('Total cost'), text('Cost basis'), figure('Unknown cost'), figure('Cost per win'),
    figure('Input tokens'), figure('Output tokens'), figure('Cached tokens read'), figure('Wall time (total)')],
  rows.map((u) => [u.model, String(u.runs), u.costUsd.n ? usd(u.costUsd.total) : '—', u.costBases.join(', ') || '—', String(u.costUnknownRuns),
    u.costPerWin === null ? '—' : `${usd(u.costPerWin)} (${u.wins} wins)`, int(u.inputTokens.n ? u.inputTokens.total : null),
    int(u.outputTokens.n ? u.outputTokens.total : null), int(u.cacheReadTokens.n ? u.cacheReadTokens.total : null), duration(u.totalMs.n ? u.totalMs.total : null)]));
  const q: string[][] = [];
  for (const u of rows) for (const [k, name, f] of METRICS) if (u[k].n) q.push(quantRow(u.model, name, u[k], f));
  const quantiles = table('usageQuantiles', 'Per run: quantiles', [label('Model'), text('Per run'), figure('n'), figure('min'), figure('p25'), figure('median'), figure('p75'), figure('max')], q);
  return section('usage', title, {
    tables: [totals, quantiles],
    charts: [{ id: 'costWin', title: 'Cost vs win rate' }, { id: 'wallTime', title: 'Wall time per run' }, { id: 'ttft', title: 'Time to first token' }],
    explanation: ['Cost per win = known cost of runs in judged comparisons ÷ outright wins. Wall time (total) = the sum of the runs\' wall times (each side\'s request start to its end; the two sides of a comparison run in parallel).'],
  });
}
