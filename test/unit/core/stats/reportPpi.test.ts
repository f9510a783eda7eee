import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats } from '../../../../src/core/stats/computeStats';
import { buildReportModel } from '../../../../src/core/stats/reportModel';
import { renderReportMarkdown } from '../../../../src/core/stats/reportMarkdown';
import { cellText, isReportModel } from '../../../../src/shared/reportModel';
import type { AmendRecord, ResultRecord, Verdict } from '../../../../src/core/results/schema';
import { makeAmend, makeComparison } from '../../../fixtures/results/makeRecord';

const JUDGE = 'judge:zai:glm-5';
const judged = (target: string, verdict: Exclude<Verdict, 'pending'>): AmendRecord => ({
  ...makeAmend(target, { rater: JUDGE, verdict }), judge: { preset: 'zai', model: 'glm-5', outcome: 'consistent', orders: [] },
});

function records(): ResultRecord[] {
  const out: ResultRecord[] = [];
  for (let i = 0; i < 60; i++) {
    const human: Verdict = i % 3 === 0 ? 'b' : i % 7 === 0 ? 'tie' : 'a';
    const c = makeComparison({ verdict: i < 30 ? human : 'pending' });
    out.push(c, judged(c.id, i % 6 === 0 ? 'a' : human === 'tie' ? 'a' : human));
  }
  return out;
}

test('report model: the prediction-powered section shows your verdicts alone beside you + judge, in Markdown and the dashboard model', () => {
  const stats = computeStats(records(), { bootstrapRounds: 0 });
  const model = buildReportModel(stats);
  const s = model.sections.find((x) => x.id === 'ppi');
  assert.ok(s, 'the section is there when a judge answered');
  assert.ok(isReportModel(JSON.parse(JSON.stringify(model))));
  const [pairs, bt] = s.tables;
  assert.equal(pairs.rows.length, 1);
  const row = pairs.rows[0].map(cellText);
  const col = (label: string) => pairs.columns.findIndex((c) => c.label === label);
  assert.equal(row[col('Your verdicts')], '30');
  assert.equal(row[col('Judge only')], '30');
  assert.match(row[col('You alone')], /^\d+% \(95% CI \d+–\d+%\)$/);
  assert.match(row[col('You + judge')], /^\d+% \(95% CI \d+–\d+%\)$/);
  const m = stats.ppi.judges[0].pairs[0].mean;
  assert.equal(row[col('λ')], m.lambda.toFixed(2));
  assert.ok(m.lambda > 0, 'this judge tracks the human');
  assert.equal(row[col('Worth (human verdicts)')], String(Math.round(m.effectiveHuman ?? NaN)));
  assert.equal(bt.rows.length, 2, 'one leaderboard row per model');
  assert.match(s.lines[0], /^judge:zai:glm-5: answered 30 comparisons you judged and 30 you did not; on the leaderboard your 30 verdicts with its labels are worth about \d+ verdicts alone\.$/);
  const md = renderReportMarkdown(stats);
  assert.ok(md.includes('## Your verdicts + an LLM judge (prediction-powered)'));
  assert.ok(md.includes('Do not trust it when'));
  assert.equal(buildReportModel(computeStats([makeComparison({ verdict: 'a' })], { bootstrapRounds: 0 })).sections.find((x) => x.id === 'ppi'), undefined,
    'no section without a judge');
});
