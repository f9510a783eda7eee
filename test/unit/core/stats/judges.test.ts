import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparisonRecord, ResultRecord, Verdict } from '../../../../src/core/results/schema';
import { computeStats } from '../../../../src/core/stats/computeStats';
import { judgeStats, kappaOfLabels } from '../../../../src/core/stats/judges';
import { cohensKappa } from '../../../../src/core/stats/kappa';
import { foldAmends } from '../../../../src/core/results/foldAmends';
import { validateRecord } from '../../../../src/core/results/validateRecord';
import { rateOf } from '../../../../src/core/stats/wilson';
import { reportJson } from '../../../../src/core/stats/reportJson';
import { buildReportModel } from '../../../../src/core/stats/reportModel';
import { renderReportMarkdown } from '../../../../src/core/stats/reportMarkdown';
import { cellText, type ReportCell } from '../../../../src/shared/reportModel';
import { makeComparison, makeSide } from '../../../fixtures/results/makeRecord';
import { makeJudgeAmend } from '../../../fixtures/results/makeJudge';

// Reference: test/fixtures/stats/judge_kappa_reference.py (standard library; kappa from the contingency table; a
// classic per-pair percentile bootstrap with Python's own generator, 20 000 rounds).
const ref = JSON.parse(readFileSync(join(__dirname, '../../../fixtures/stats/judge_kappa_reference.json'), 'utf8')) as {
  human: string[]; judge: string[]; kappa: number; lo: number; hi: number; rounds: number; wikipedia: { x: string[]; y: string[]; kappa: number } };

test('Cohen\'s kappa matches the independent Python reference exactly, its bootstrap interval up to Monte Carlo noise', () => {
  const k = kappaOfLabels(ref.human, ref.judge, ref.rounds, 3);
  assert.ok(Math.abs((k.value as number) - ref.kappa) < 1e-12, `kappa ${k.value} vs ${ref.kappa}`);
  // Two independent 20 000-round bootstraps (multinomial cells here, resampled pairs there) differ by ~0.002.
  assert.ok(Math.abs((k.lo as number) - ref.lo) < 0.01, `lo ${k.lo} vs ${ref.lo}`);
  assert.ok(Math.abs((k.hi as number) - ref.hi) < 0.01, `hi ${k.hi} vs ${ref.hi}`);
  const quick = kappaOfLabels(ref.human, ref.judge);
  assert.ok(Math.abs((quick.lo as number) - ref.lo) < 0.03 && Math.abs((quick.hi as number) - ref.hi) < 0.03, 'the default 1 000 rounds are close too');
  assert.deepEqual(kappaOfLabels(ref.human, ref.judge), quick, 'seeded: the same interval every time');
  assert.ok(Math.abs((cohensKappa(ref.human, ref.judge).kappa as number) - ref.kappa) < 1e-12, 'the same kappa as the pairwise-raters code');
  assert.equal(kappaOfLabels(ref.wikipedia.x, ref.wikipedia.y).value?.toFixed(3), '0.400', 'the textbook 20/5/10/15 table');
  assert.ok(Math.abs((kappaOfLabels(ref.wikipedia.x, ref.wikipedia.y).value as number) - ref.wikipedia.kappa) < 1e-12);
  assert.equal(kappaOfLabels(['a', 'a'], ['a', 'a']).value, null, 'one category only: undefined');
});

const side = (model: string) => makeSide({ preset: 'p', model });

/** A comparison with a human verdict, optional checks, and a judge amend. */
function pair(verdict: Verdict, ab: 'A' | 'B' | 'TIE' | 'BOTH_BAD', ba: 'A' | 'B' | 'TIE' | 'BOTH_BAD', extra: Partial<ComparisonRecord> = {}, sameFamily?: ('a' | 'b')[]): ResultRecord[] {
  const c = makeComparison({ verdict, rater: 'ana', sides: { a: side('x'), b: side('y') }, ...extra });
  return [c, makeJudgeAmend(c.id, { ab, ba, sameFamily, costUsd: 0.01 })];
}

test('a pure position-bias judge (always the draft shown first): consistency 0, first-position win rate 1, every pair a tie', () => {
  const humans: Verdict[] = ['a', 'a', 'a', 'a', 'a', 'a', 'b', 'b', 'b', 'tie'];
  const recs = humans.flatMap((h) => pair(h, 'A', 'A'));
  for (const r of recs) assert.ok(validateRecord(r).ok, `valid ${r.type}`);
  const [j] = judgeStats(foldAmends(recs));
  assert.equal(j.rater, 'judge:openai:judge-1');
  assert.deepEqual([j.judged, j.n], [10, 10]);
  assert.deepEqual(j.outcomes, { consistent: 0, inconsistent: 10, unparsed: 0, failed: 0 });
  assert.deepEqual(j.positionConsistency, rateOf(0, 10));
  assert.deepEqual(j.firstPositionWinRate, rateOf(20, 20));
  assert.deepEqual(j.agreement, rateOf(1, 10), 'it agrees only where the human called a tie');
  assert.equal(j.kappa.value, 0, 'a constant judge agrees no better than chance');
  assert.deepEqual(j.confusion, [[0, 0, 6, 0], [0, 0, 3, 0], [0, 0, 1, 0], [0, 0, 0, 0]]);
  assert.equal(j.audit.length, 9);
  assert.ok(Math.abs((j.costUsd as number) - 0.2) < 1e-12, 'both orders of ten pairs at $0.01');
});

test('an always-longer judge: consistent, first-position wins exactly ½, and exact agreement, kappa, self-preference, checks', () => {
  // The longer draft wins in both orders: side a longer in pairs 1–7, side b in 8–10.
  const recs: ResultRecord[] = [
    ...(['a', 'a', 'a', 'a', 'a'] as const).flatMap((h) => pair(h, 'A', 'B', {}, ['a'])),
    ...pair('b', 'A', 'B', { checks: { a: { patchApplies: false, unverified: 0 }, b: { patchApplies: true, unverified: 0 } } }, ['a']),
    ...pair('b', 'A', 'B', {}, ['a']),
    ...pair('b', 'B', 'A', { checks: { a: { patchApplies: true, unverified: 0 }, b: { patchApplies: true, unverified: 2 } } }, ['a']),
    ...pair('b', 'B', 'A', {}, ['a']),
    ...pair('tie', 'B', 'A', {}, ['a']),
  ];
  const cs = foldAmends(recs);
  const [j] = judgeStats(cs);
  assert.deepEqual(j.outcomes, { consistent: 10, inconsistent: 0, unparsed: 0, failed: 0 });
  assert.deepEqual(j.positionConsistency, rateOf(10, 10));
  assert.deepEqual(j.firstPositionWinRate, rateOf(10, 20));
  assert.deepEqual(j.agreement, rateOf(7, 10));
  // Human marginals a 5, b 4, tie 1; judge a 7, b 3: p_e = (5·7 + 4·3) / 100 = 0.47, κ = (0.70 − 0.47) / 0.53.
  assert.ok(Math.abs((j.kappa.value as number) - 0.23 / 0.53) < 1e-12);
  assert.ok(j.kappa.lo !== null && j.kappa.hi !== null && j.kappa.lo < (j.kappa.value as number) && (j.kappa.value as number) < j.kappa.hi);
  assert.deepEqual(j.confusion, [[5, 0, 0, 0], [2, 2, 0, 0], [0, 1, 0, 0], [0, 0, 0, 0]]);
  const ids = cs.map((c) => c.id);
  assert.deepEqual(j.audit, [ids[5], ids[6], ids[9]], 'the off-diagonal pairs, in file order');
  assert.deepEqual(j.confusionIds[1][0], [ids[5], ids[6]]);
  assert.deepEqual(j.confusionIds[0][0], [], 'agreeing pairs are not listed');
  // Own family = side a: the judge gave it 7 of 10; the humans 5 wins and one tie = 5.5 of 10.
  assert.deepEqual(j.selfPreference?.judgeWinRate, rateOf(7, 10));
  assert.deepEqual(j.selfPreference?.humanWinRate, rateOf(5.5, 10));
  assert.ok(Math.abs((j.selfPreference?.difference as number) - 0.15) < 1e-12);
  assert.deepEqual(j.checks.brokenPatch, { n: 1, judge: rateOf(1, 1), human: rateOf(0, 1) }, 'it picked the draft whose patch does not apply; the human did not');
  assert.deepEqual(j.checks.inventedRefs, { n: 1, judge: rateOf(1, 1), human: rateOf(1, 1) });
});

test('unparsed and failed answers count as answered but not as verdicts; pending human verdicts are not compared', () => {
  const a = makeComparison({ verdict: 'a', rater: 'ana' });
  const b = makeComparison({ verdict: 'b', rater: 'ana' });
  const p = makeComparison({ verdict: 'pending' });
  const recs = [a, b, p, makeJudgeAmend(a.id, { ab: 'unparsed', ba: 'A' }), makeJudgeAmend(b.id, { ab: 'failed', ba: 'failed' }), makeJudgeAmend(p.id, { ab: 'A', ba: 'B' })];
  const [j] = judgeStats(foldAmends(recs));
  assert.deepEqual([j.judged, j.n], [3, 0]);
  assert.deepEqual(j.outcomes, { consistent: 1, inconsistent: 0, unparsed: 1, failed: 1 });
  assert.deepEqual(j.firstPositionWinRate, rateOf(2, 3), 'decisive order answers: A, A, B');
  assert.equal(j.agreement.p, null);
  assert.equal(j.kappa.value, null);
  assert.equal(j.selfPreference, null);
});

test('judges never leak into the human statistics: leaderboard, pairs, kappa and raters are the same with or without them', () => {
  const humans: Verdict[] = ['a', 'b', 'a', 'tie', 'a', 'b', 'both_bad', 'a'];
  const withJudges = humans.flatMap((h, i) => pair(h, i % 2 ? 'A' : 'B', 'A'));
  const without = withJudges.filter((r) => r.type === 'comparison');
  const s1 = computeStats(withJudges, { bootstrapRounds: 20 });
  const s0 = computeStats(without, { bootstrapRounds: 20 });
  for (const k of ['leaderboard', 'models', 'pairs', 'kappa', 'raters', 'positionBias', 'outcomes'] as const) assert.deepEqual(s1[k], s0[k], k);
  assert.equal(s1.judges.length, 1);
  assert.deepEqual(s0.judges, []);
  assert.ok(!s1.raters.perRater.some((r) => r.rater.startsWith('judge:')));
});

test('the JSON report, the report model and the Markdown carry the judges; the matrix cells hold the audit set', () => {
  const recs = [...(['a', 'a', 'b'] as const).flatMap((h) => pair(h, 'A', 'B', {}, ['b'])), ...pair('tie', 'A', 'A')];
  const stats = computeStats(recs, { bootstrapRounds: 20 });
  const j = reportJson(stats).judges[0];
  assert.equal(j.rater, 'judge:openai:judge-1');
  assert.deepEqual(j.confusion, { rows: 'human', columns: 'judge', categories: ['a', 'b', 'tie', 'both_bad'], counts: [[2, 0, 0, 0], [1, 0, 0, 0], [0, 0, 1, 0], [0, 0, 0, 0]] });
  assert.equal(j.audit.length, 1);
  assert.ok(!('confusionIds' in j));
  const section = buildReportModel(stats).sections.find((s) => s.id === 'judges');
  assert.ok(section);
  const matrix = section.tables.find((t) => t.matrix);
  assert.ok(matrix);
  const offDiagonal = matrix.rows[1][1] as ReportCell;
  assert.deepEqual([offDiagonal.text, offDiagonal.tone, offDiagonal.ids], ['1', 'disagree', j.audit]);
  assert.equal((matrix.rows[0][1] as ReportCell).tone, 'agree');
  assert.equal(cellText(matrix.rows[0][5]), '2', 'row total');
  assert.ok(section.tables.some((t) => t.id === 'judgeSelf'), 'self-preference applies (family b on one side)');
  const md = renderReportMarkdown(stats);
  assert.match(md, /## LLM judges against your verdicts/);
  assert.match(md, /\| judge:openai:judge-1 \| 4 \| 4 \| small sample: 75% \(95% CI \d+–\d+%; 3 of 4\) \|/);
  assert.match(md, /Audit set: 1 pair off the diagonal/);
  assert.doesNotMatch(buildReportModel(computeStats(recs.filter((r) => r.type === 'comparison'), { bootstrapRounds: 5 })).sections.map((s) => s.id).join(), /judges/,
    'no judge, no section');
});
