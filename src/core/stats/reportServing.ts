// The report model's serving section: cold vs warm latency, cache share and cost per correct draft, per model.
import type { ReportSection } from '../../shared/reportModel';
import { duration, int, pct, usd } from './format';
import { figure, label, section, table, text } from './reportCells';
import type { ServingPhase, ServingRow } from './serving';
import type { Stats } from './types';

function phaseCells(p: ServingPhase): string[] {
  const t = p.ttftMs;
  return [String(p.runs), duration(t.median), duration(t.p90), duration(t.p95),
    ...p.ttftAbove.map((c) => (c.of ? `${c.above} of ${c.of}` : '—')), duration(p.totalMs.median), duration(p.totalMs.p95),
    p.cache.share === null ? '—' : `${pct(p.cache.share)} (${int(p.cache.cacheReadTokens)} of ${int(p.cache.promptTokens)})`];
}

/** Cold and warm rows per model (warm only when recorded); costs go on the cold row. */
function servingRows(rows: readonly ServingRow[]): string[][] {
  const out: string[][] = [];
  for (const r of rows) {
    const c = r.correct;
    const perCorrect = c.costPerCorrect === null ? (c.checked ? `— (0 of ${c.checked} correct)` : '— (no check recorded)') : `${usd(c.costPerCorrect)} (${c.passed} of ${c.checked} correct)`;
    out.push([r.model, 'cold', ...phaseCells(r.cold), r.costPerWin === null ? '—' : `${usd(r.costPerWin)} (${r.wins} wins)`, perCorrect]);
    if (r.warm.runs) out.push([r.model, 'warm', ...phaseCells(r.warm), '', '']);
  }
  return out;
}

/** What the serving figures mean, in one paragraph. */
function servingNote(rows: readonly ServingRow[]): string {
  const check = rows[0]?.correct.check ?? 'patchApplies';
  return `Cold = each recorded run; warm = the identical request sent again right after it (pairwise.warmRepeat), so warm shows what the provider's prompt cache buys. ` +
    `TTFT = time to first token; quantiles interpolate linearly and mean little below ~20 runs. Prompt tokens from cache = cached input tokens ÷ all input tokens. ` +
    `Cost per correct draft = known cost of all the model's cold runs ÷ drafts whose recorded check "${check}" passed (warm repeats are not counted in cost).`;
}

/** Cold vs warm serving figures per model, with the first-token chart. */
export function servingSection(s: Stats): ReportSection {
  const title = 'Serving: cold vs warm';
  const rows = s.serving.filter((r) => r.cold.ttftMs.n + r.cold.totalMs.n + r.warm.runs > 0);
  if (rows.length === 0) return section('serving', title, { empty: 'No timing recorded.' });
  const columns = [label('Model'), text('Phase'), figure('Runs'), figure('TTFT median'), figure('TTFT p90'), figure('TTFT p95'),
    ...s.ttftThresholdsMs.map((t) => figure(`TTFT > ${duration(t)}`)), figure('Wall time median'), figure('Wall time p95'), figure('Prompt tokens from cache'),
    figure('Cost per win'), figure('Cost per correct draft')];
  return section('serving', title, {
    tables: [table('serving', 'Cold vs warm per model', columns, servingRows(rows))],
    charts: [{ id: 'servingTtft', title: 'Time to first token, cold vs warm' }],
    explanation: [servingNote(rows)],
  });
}
