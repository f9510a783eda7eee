import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { foldAmends } from '../../../../src/core/results/foldAmends';
import type { ComparisonRecord } from '../../../../src/core/results/schema';
import { computeStats } from '../../../../src/core/stats/computeStats';
import { renderReportMarkdown } from '../../../../src/core/stats/reportMarkdown';
import { reportJson } from '../../../../src/core/stats/reportJson';
import { draftCorrect, servingTable } from '../../../../src/core/stats/serving';
import { svgServingTtft } from '../../../../src/core/stats/svgServing';

// Fixture and reference: test/fixtures/stats/serving_reference.py (Python standard library: statistics.quantiles inclusive).
const dir = join(__dirname, '../../../fixtures/stats');
const records = readFileSync(join(dir, 'serving_records.jsonl'), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ComparisonRecord);
interface Tail { n: number; median: number; p90: number; p95: number; max: number }
interface Ref {
  cold: { runs: number; ttftMs: Tail; totalMsMedian: number; totalMsP95: number; cacheShare: number; above: number[] };
  warm: { runs: number; ttftMs: Tail; cacheShare: number; above: number[] };
  wins: number; costPerWin: number; checked: number; passed: number; costPerCorrect: number;
}
const ref = JSON.parse(readFileSync(join(dir, 'serving_reference.json'), 'utf8')) as Record<string, Ref>;
const close = (a: number | null, b: number, what: string) => assert.ok(a !== null && Math.abs(a - b) < 1e-9 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

test('serving figures match the independently computed reference', () => {
  const rows = servingTable(foldAmends(records));
  assert.deepEqual(rows.map((r) => r.model), Object.keys(ref).sort());
  for (const r of rows) {
    const e = ref[r.model];
    for (const phase of ['cold', 'warm'] as const) {
      const got = r[phase];
      assert.equal(got.runs, e[phase].runs);
      for (const k of ['n', 'median', 'p90', 'p95', 'max'] as const) close(got.ttftMs[k], e[phase].ttftMs[k], `${r.model} ${phase} ttft ${k}`);
      close(got.cache.share, e[phase].cacheShare, `${r.model} ${phase} cache share`);
      assert.deepEqual(got.ttftAbove.map((c) => c.above), e[phase].above, `${r.model} ${phase} above thresholds`);
      assert.deepEqual(got.ttftAbove.map((c) => c.thresholdMs), [10_000, 17_000]);
    }
    close(r.cold.totalMs.median, e.cold.totalMsMedian, 'total median');
    close(r.cold.totalMs.p95, e.cold.totalMsP95, 'total p95');
    assert.equal(r.wins, e.wins);
    close(r.costPerWin, e.costPerWin, 'cost per win');
    assert.deepEqual([r.correct.checked, r.correct.passed], [e.checked, e.passed]);
    close(r.correct.costPerCorrect, e.costPerCorrect, 'cost per correct');
  }
});

test('correct-draft rule: applies, tests, both; unknown stays unknown', () => {
  assert.equal(draftCorrect({ patchApplies: true, testsPassed: null }, 'patchApplies'), true);
  assert.equal(draftCorrect({ patchApplies: true, testsPassed: null }, 'testsPassed'), null);
  assert.equal(draftCorrect({ patchApplies: true, testsPassed: null }, 'patchAppliesAndTestsPassed'), null);
  assert.equal(draftCorrect({ patchApplies: false, testsPassed: null }, 'patchAppliesAndTestsPassed'), false);
  assert.equal(draftCorrect({ patchApplies: true, testsPassed: true }, 'patchAppliesAndTestsPassed'), true);
  assert.equal(draftCorrect(undefined, 'patchApplies'), null);
  assert.equal(draftCorrect('garbage', 'patchApplies'), null);
});

test('serving reaches the JSON report, the Markdown report and the cold-vs-warm chart; thresholds are options', () => {
  const stats = computeStats(records, { ttftThresholdsMs: [5000], bootstrapRounds: 10 });
  const json = reportJson(stats);
  assert.equal(json.serving.length, 2);
  assert.deepEqual(json.ttftThresholdsMs, [5000]);
  assert.equal(json.serving[0].cold.ttftAbove[0].thresholdMs, 5000);
  assert.ok(['a_better', 'b_better', 'equivalent', 'continue'].includes(json.pairs[0].decision));
  assert.equal(json.pairs[0].sequential.n, json.pairs[0].counts.n);
  const md = renderReportMarkdown(stats);
  assert.match(md, /## Serving: cold vs warm/);
  assert.match(md, /TTFT > 5\.0s/);
  assert.match(md, /May I stop\?/);
  const svg = svgServingTtft(stats.serving, stats.ttftThresholdsMs);
  assert.equal((svg.match(/class="pw-serving-cold"/g) ?? []).length, 2);
  assert.equal((svg.match(/class="pw-serving-warm"/g) ?? []).length, 2);
  assert.equal((svg.match(/class="pw-threshold"/g) ?? []).length, 1);
  assert.match(svgServingTtft([]), /No time to first token/);
});
