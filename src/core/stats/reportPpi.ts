// The report model's prediction-powered section: per LLM judge, each pair's win rate and the leaderboard from your
// verdicts alone beside the same combined with the judge's labels (PPI++), and what the combination is worth.
import type { ReportSection, ReportTable } from '../../shared/reportModel';
import { pct } from './format';
import type { PpiEstimate } from './ppi';
import type { PpiJudge } from './ppiData';
import { figure, label, plural, section, table, text, vs } from './reportCells';
import type { Stats } from './types';

const est = (e: PpiEstimate | null): string => (e ? `${pct(e.estimate)} (95% CI ${Math.round(e.lo * 100)}–${pct(e.hi)})` : '—');
const worth = (x: number | null): string => (x === null ? '—' : String(Math.round(x)));
const r = (x: number): string => String(Math.round(x));

function pairTable(j: PpiJudge, index: number): ReportTable {
  return table(`ppiPairs-${index}`, `${j.judge}: win rates, your verdicts alone vs with the judge`, [label('Pair (first model’s view)'), figure('Your verdicts'),
    figure('Judge only'), text('You alone'), text('You + judge'), figure('λ'), figure('Worth (human verdicts)'), figure('Judge = you')],
  j.pairs.map((p) => {
    const m = p.mean;
    return [vs(p.models), String(m.n), String(m.N), est(m.humanOnly), est(m.combined), m.lambda.toFixed(2), worth(m.effectiveHuman),
      m.agreement === null ? '—' : pct(m.agreement)];
  }), ['λ = 0 means the judge is not used for that pair (it does not track your verdicts, or you judged fewer than the minimum).']);
}

function btTable(j: PpiJudge, index: number): ReportTable | null {
  if (j.bt.entries.length === 0) return null;
  return table(`ppiBt-${index}`, `${j.judge}: leaderboard, your verdicts alone vs with the judge`, [label('Model'), figure('You alone'), figure('95% CI'),
    figure('You + judge'), figure('95% CI')],
  j.bt.entries.map((e) => [e.model, r(e.humanOnly.score), `${r(e.humanOnly.lo)} – ${r(e.humanOnly.hi)}`, r(e.combined.score), `${r(e.combined.lo)} – ${r(e.combined.hi)}`]));
}

function line(j: PpiJudge, minLabelled: number): string {
  const worthText = j.bt.effectiveHuman === null ? '' : `; on the leaderboard your ${plural(j.bt.n, 'verdict')} with its labels are worth about ${Math.round(j.bt.effectiveHuman)} verdicts alone`;
  const hint = j.both < minLabelled ? ' It answered too few of the comparisons you judged to be weighed against you: let it answer those too (`pairwise judge --only human`).' : '';
  return `${j.judge}: answered ${plural(j.both, 'comparison')} you judged and ${j.judgeOnly} you did not${worthText}.${hint}`;
}

/** Human-only vs prediction-powered win rates and scores per judge; null when no LLM judge answered. */
export function ppiReportSection(s: Stats): ReportSection | null {
  const judges = s.ppi.judges;
  if (judges.length === 0) return null;
  const tables: ReportTable[] = [];
  judges.forEach((j, i) => {
    tables.push(pairTable(j, i));
    const bt = btTable(j, i);
    if (bt) tables.push(bt);
  });
  return section('ppi', 'Your verdicts + an LLM judge (prediction-powered)', { lines: judges.map((j) => line(j, s.ppi.minLabelled)), tables, explanation: [
    `${s.ppi.method}. ${judges[0].bt.method}.`,
    'The combined figure estimates your preference, not the judge\'s: the judge\'s labels on comparisons you have not judged are corrected by how it differed from you on those you have. ' +
      '"Worth" is how many of your verdicts alone would give the same interval width. A judge that does not track you gets λ ≈ 0, and the combined interval is never wider than yours alone.',
    'Do not trust it when the comparisons you judged are not a random part of the pair\'s comparisons (you picked the easy ones, or the judge labelled only part of the file), ' +
      `or with fewer than ~30 of your verdicts on a pair (the normal interval can be too narrow); below ${s.ppi.minLabelled} the judge is not used.`,
  ] });
}
