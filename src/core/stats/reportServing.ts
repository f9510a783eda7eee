// The serving section of the Markdown report and the dashboard's serving table (rows shared by both).
import { duration, int, pct, usd } from './format';
import type { ServingPhase, ServingRow } from './serving';

/** Column heads of the serving table. */
export function servingColumns(thresholdsMs: readonly number[]): string[] {
  return ['Model', 'Phase', 'Runs', 'TTFT median', 'TTFT p90', 'TTFT p95', ...thresholdsMs.map((t) => `TTFT > ${duration(t)}`),
    'Wall time median', 'Wall time p95', 'Prompt tokens from cache', 'Cost per win', 'Cost per correct draft'];
}

function phaseCells(p: ServingPhase): string[] {
  const t = p.ttftMs;
  return [String(p.runs), duration(t.median), duration(t.p90), duration(t.p95),
    ...p.ttftAbove.map((c) => (c.of ? `${c.above} of ${c.of}` : '—')), duration(p.totalMs.median), duration(p.totalMs.p95),
    p.cache.share === null ? '—' : `${pct(p.cache.share)} (${int(p.cache.cacheReadTokens)} of ${int(p.cache.promptTokens)})`];
}

/** Cold and warm rows per model (warm only when recorded); costs go on the cold row. */
export function servingRows(rows: readonly ServingRow[]): string[][] {
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
export function servingNote(rows: readonly ServingRow[]): string {
  const check = rows[0]?.correct.check ?? 'patchApplies';
  return `Cold = each recorded run; warm = the identical request sent again right after it (pairwise.warmRepeat), so warm shows what the provider's prompt cache buys. ` +
    `TTFT = time to first token; quantiles interpolate linearly and mean little below ~20 runs. Prompt tokens from cache = cached input tokens ÷ all input tokens. ` +
    `Cost per correct draft = known cost of all the model's cold runs ÷ drafts whose recorded check "${check}" passed (warm repeats are not counted in cost).`;
}
