import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { readAllResults } from '../../../../src/core/results/readResults';
import { computeStats } from '../../../../src/core/stats/computeStats';
import { renderReportMarkdown } from '../../../../src/core/stats/reportMarkdown';
import { reportJson } from '../../../../src/core/stats/reportJson';
import { usd } from '../../../../src/core/stats/format';
import { makeComparison, makeSide } from '../../../fixtures/results/makeRecord';

const SEED = resolve(__dirname, '../../../fixtures/results/seed-19.jsonl');

/** Cells of the Markdown table row whose first cell is `first`. */
function rowCells(md: string, first: string, cells?: number): string[] {
  const line = md.split('\n').find((l) => l.startsWith(`| ${first} |`) && (cells === undefined || l.split('|').length - 2 === cells));
  assert.ok(line, `row for ${first}`);
  return line.split('|').slice(1, -1).map((c) => c.trim());
}

describe('report from the seed-19 fixture (published figures)', () => {
  test('prints the outcome table, routing agreement and same-paper figures exactly', async () => {
    const { records, problems } = await readAllResults(SEED, { quarantine: false });
    assert.deepEqual(problems, []);
    assert.equal(records.length, 19);
    const md = renderReportMarkdown(computeStats(records));
    assert.ok(md.includes('| Model | Runs | PR | Issue | skip | failed | unparsed |'));
    assert.deepEqual(rowCells(md, 'anthropic:claude-opus'), ['anthropic:claude-opus', '19', '5 / 19 (26%)', '10 / 19 (53%)', '4 / 19 (21%)', '0', '0']);
    assert.deepEqual(rowCells(md, 'zai:glm-5.2'), ['zai:glm-5.2', '19', '1 / 19 (5%)', '15 / 19 (79%)', '2 / 19 (11%)', '1 / 19 (5%)', '0']);
    assert.ok(md.includes('| anthropic:claude-opus vs zai:glm-5.2 | pin | 10 | 80% (95% CI 49–94%; 8 of 10) | — | — |'), 'pin: routing agreed on 8 of 10');
    assert.ok(md.includes('| anthropic:claude-opus vs zai:glm-5.2 | selection | 9 | small sample: 11% (95% CI 2–43%; 1 of 9) | 6 of 9 | 5 of 6 |'),
      'selection: routing agreed on 1 of 9 (small sample); same paper picked in 6 of 9; of those 6, 5 ended on different outcomes');
    assert.match(md, /19 comparisons: 0 judged, 19 pending/);
    assert.match(md, /No decided verdicts yet/);
    assert.match(md, /No cost, token or timing data recorded/);
    assert.doesNotMatch(md, /NaN|undefined|null/);
  });

  test('JSON report of the seed fixture', async () => {
    const { records } = await readAllResults(SEED, { quarantine: false });
    const j = reportJson(computeStats(records));
    assert.equal(j.format, 'pairwise-report');
    assert.deepEqual(j.pairs.map((p) => [p.modelA, p.modelB, p.counts.n, p.counts.pending]), [['anthropic:claude-opus', 'zai:glm-5.2', 0, 19]]);
    assert.equal(j.pairs[0].winRate.tiesHalf.p, null);
    const glm = j.models.find((m) => m.model === 'zai:glm-5.2');
    assert.deepEqual(glm?.outcomes, { runs: 19, counts: { pr: 1, issue: 15, skip: 2, failed: 1, unparsed: 0 } });
    assert.equal(glm?.bt, null);
    const sel = j.agreement.find((a) => a.mode === 'selection');
    assert.deepEqual([sel?.samePaper, sel?.samePaperKnown, sel?.samePaperDifferentOutcome], [6, 9, 5]);
    assert.doesNotThrow(() => JSON.parse(JSON.stringify(j)));
  });
});

describe('report formatting', () => {
  test('win rates carry counts and intervals, small samples are labelled, names are escaped', () => {
    const weird = makeSide({ preset: 'x', model: 'a|b<script>' });
    const recs = [
      ...Array.from({ length: 12 }, (_, i) => makeComparison({ verdict: i < 8 ? 'a' : i < 11 ? 'b' : 'tie',
        sides: { a: makeSide({ cost: { usd: 0.5, basis: 'list' }, totalMs: 491_000, ttftMs: 2000 }), b: makeSide({ preset: 'zai', model: 'glm-5.2', cost: { usd: 0.05, basis: 'list' }, totalMs: 851_000 }) } })),
      makeComparison({ verdict: 'a', sides: { a: weird, b: makeSide() } }),
    ];
    const stats = computeStats(recs, { bootstrapRounds: 50 });
    const md = renderReportMarkdown(stats);
    assert.match(md, /\| anthropic:claude-opus vs zai:glm-5\.2 \| 12 \| 8 \| 3 \| 1 \| 0 \| 0 \| 71% \(95% CI 43–89%; 8\.5 of 12\) \| 73% \(95% CI 43–90%; 8 of 11\) \|/);
    assert.match(md, /\| anthropic:claude-opus vs x:a\\\|b\\<script\\> \| 1 \| 0 \| 1 \|.*\| small sample: 0% \(95% CI 0–79%; 0 of 1\) \|/);
    assert.ok(md.includes('a\\|b\\<script\\>'));
    assert.ok(!md.includes('<script>'));
    assert.match(md, /\| anthropic:claude-opus \| wall time \| 12 \| 8m11s \| 8m11s \| 8m11s \| 8m11s \| 8m11s \|/);
    assert.match(md, /\$6\.00/);
    assert.match(md, /\$0\.75 \(8 wins\)/);
    assert.match(md, /## Leaderboard \(Bradley–Terry\)\n\n\| Rank \| Model \| Score \| 95% CI \| Battles \| Note \|/);
    const j = reportJson(stats);
    const top = j.models[0];
    assert.equal(top.bt?.rank, 1);
    assert.ok(top.bt && top.bt.lo <= top.bt.score && top.bt.score <= top.bt.hi);
  });

  test('costs: two significant digits below $1 and cents above, consistently (no "$0.02" beside "$0.0022")', () => {
    assert.deepEqual([0.0173, 0.0022, 0.5, 0.123, 1.234, 12, 0, null].map(usd), ['$0.017', '$0.0022', '$0.50', '$0.12', '$1.23', '$12.00', '$0.00', '—']);
    const recs = [makeComparison({ verdict: 'a', sides: { a: makeSide({ cost: { usd: 0.0173, basis: 'list' } }), b: makeSide({ preset: 'zai', model: 'glm-5.2', cost: { usd: 0.0022, basis: 'list' } }) } })];
    const md = renderReportMarkdown(computeStats(recs, { bootstrapRounds: 10 }));
    assert.equal(rowCells(md, 'anthropic:claude-opus', 10)[2], '$0.017');
    assert.equal(rowCells(md, 'zai:glm-5.2', 10)[2], '$0.0022');
  });

  test('the Markdown report has the wall-time totals the JSON report has', () => {
    const recs = Array.from({ length: 3 }, () => makeComparison({ verdict: 'a',
      sides: { a: makeSide({ totalMs: 20_000 }), b: makeSide({ preset: 'zai', model: 'glm-5.2', totalMs: 45_500 }) } }));
    const stats = computeStats(recs, { bootstrapRounds: 10 });
    const md = renderReportMarkdown(stats);
    assert.ok(md.includes('| Wall time (total) |'));
    const j = reportJson(stats);
    const glm = j.models.find((m) => m.model === 'zai:glm-5.2');
    assert.equal(glm?.usage?.totalMs.total, 136_500);
    assert.equal(rowCells(md, 'zai:glm-5.2', 10).at(-1), '2m17s');
    assert.equal(rowCells(md, 'anthropic:claude-opus', 10).at(-1), '1m00s');
  });

  test('the cost basis column says when cached tokens were priced from vendor multipliers or at the input rate', () => {
    const recs = [makeComparison({ verdict: 'a', sides: { a: makeSide({ cost: { usd: 0.01, basis: 'user', cacheBasis: 'derived' } }),
      b: makeSide({ preset: 'x', model: 'own', cost: { usd: 0.02, basis: 'user', cacheBasis: 'input-rate' } }) } })];
    const md = renderReportMarkdown(computeStats(recs, { bootstrapRounds: 10 }));
    assert.equal(rowCells(md, 'anthropic:claude-opus', 10)[3], 'user (cache derived from vendor multipliers)');
    assert.equal(rowCells(md, 'x:own', 10)[3], 'user (cache at input rate)');
  });
});
