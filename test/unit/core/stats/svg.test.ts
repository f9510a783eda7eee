import { test } from 'node:test';
import assert from 'node:assert/strict';
import { computeStats } from '../../../../src/core/stats/computeStats';
import { svgLeaderboard } from '../../../../src/core/stats/svgLeaderboard';
import { svgCostWinScatter } from '../../../../src/core/stats/svgScatter';
import { svgLatencyBoxPlot } from '../../../../src/core/stats/svgLatency';
import { svgOutcomeBars } from '../../../../src/core/stats/svgOutcomes';
import { durationTicks, escapeXml, niceTicks, textWidth } from '../../../../src/core/stats/svgCommon';
import { makeComparison, makeSide } from '../../../fixtures/results/makeRecord';

/** Checks that every tag is closed in order (a small well-formedness check without an XML parser). */
function assertBalanced(svg: string): void {
  const stack: string[] = [];
  for (const m of svg.matchAll(/<(\/?)([a-zA-Z]+)[^>]*?(\/?)>/g)) {
    const [, close, name, self] = m;
    if (self) continue;
    if (close) assert.equal(stack.pop(), name, `closing </${name}>`);
    else stack.push(name);
  }
  assert.deepEqual(stack, []);
}

const evil = 'evil"<script>alert(1)</script>&';
const stats = computeStats([
  ...Array.from({ length: 6 }, (_, i) => makeComparison({ verdict: i % 3 === 0 ? 'b' : 'a',
    sides: { a: makeSide({ cost: { usd: 1 + i, basis: 'list' }, totalMs: 60_000 * (i + 1), ttftMs: 900, route: 'pr' }),
      b: makeSide({ preset: 'zai', model: evil, cost: { usd: 0.1, basis: 'list' }, totalMs: 30_000 * (i + 1), route: i ? 'issue' : 'failed' }) } })),
], { bootstrapRounds: 30 });

test('every chart is well-formed, themable (no colours, no inline styles) and escapes text', () => {
  const ttft = svgLatencyBoxPlot(stats.usage, 'ttftMs');
  assert.doesNotMatch(ttft, /evil/, 'a model without TTFT data has no box');
  const charts = [svgLeaderboard(stats.leaderboard), svgCostWinScatter(stats), svgLatencyBoxPlot(stats.usage), svgOutcomeBars(stats.outcomes)];
  for (const svg of [...charts, ttft]) {
    assert.ok(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"'));
    assertBalanced(svg);
    assert.doesNotMatch(svg, /#[0-9a-fA-F]{3,6}\b|rgb\(|style=|<script/);
    assert.match(svg, /<title id="pw-[a-z]+-title">/);
  }
  for (const svg of charts) assert.ok(svg.includes('evil&quot;&lt;script&gt;alert(1)&lt;/script&gt;&amp;'), 'model name escaped');
});

test('charts draw one mark per model', () => {
  assert.equal((svgLeaderboard(stats.leaderboard).match(/class="pw-point"/g) ?? []).length, 2);
  assert.equal((svgCostWinScatter(stats).match(/class="pw-point"/g) ?? []).length, 2);
  assert.equal((svgLatencyBoxPlot(stats.usage).match(/class="pw-box"/g) ?? []).length, 2);
  const bars = svgOutcomeBars(stats.outcomes);
  assert.match(bars, /class="pw-route-failed"[^>]*><title>zai:evil/);
  assert.match(bars, /anthropic:claude-opus \(n=6, small sample\)/);
});

test('empty inputs give a message instead of a broken chart', () => {
  const empty = computeStats([], { bootstrapRounds: 0 });
  for (const svg of [svgLeaderboard(empty.leaderboard), svgCostWinScatter(empty), svgLatencyBoxPlot(empty.usage), svgOutcomeBars(empty.outcomes)]) {
    assertBalanced(svg);
    assert.match(svg, /class="pw-empty"/);
  }
});

test('helpers', () => {
  assert.equal(escapeXml(`<a href="x">'&'</a>`), '&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  assert.equal(escapeXml('gpt\u202Egnp.exe'), 'gpt⟦U+202E⟧gnp.exe', 'a model id cannot reverse itself or its neighbour in a chart');
  assert.deepEqual(niceTicks(0, 10, 5), [0, 2, 4, 6, 8, 10]);
  assert.deepEqual(niceTicks(940, 1060, 5), [950, 1000, 1050]);
  assert.deepEqual(durationTicks(25 * 60_000), [0, 300_000, 600_000, 900_000, 1_200_000, 1_500_000]);
  assert.deepEqual(durationTicks(9000), [0, 2000, 4000, 6000, 8000]);
});

test('leaderboard: the label column fits the longest model name (measured, not a fixed 200 px margin)', () => {
  const entry = (rank: number, model: string) => ({ rank, rankLower: rank, model, score: 1000 + rank, lo: 950, hi: 1050, battles: 40, smallSample: false });
  const long = 'openrouter:meta-llama/llama-4-maverick-instruct';
  const svg = svgLeaderboard({ method: 'bt', entries: [entry(1, long), entry(2, 'zai:glm-5.2')] } as Parameters<typeof svgLeaderboard>[0]);
  const axisStart = Number(/<line class="pw-axis" x1="([\d.]+)"/.exec(svg)?.[1]);
  assert.ok(axisStart - 8 >= textWidth(`1. ${long}`), `axis starts at ${axisStart}, label needs ${textWidth(`1. ${long}`)}`);
  assert.ok(axisStart > 200, 'a long name widens the label column past the old fixed margin');
  const short = svgLeaderboard({ method: 'bt', entries: [entry(1, 'a:x'), entry(2, 'b:y')] } as Parameters<typeof svgLeaderboard>[0]);
  assert.ok(Number(/<line class="pw-axis" x1="([\d.]+)"/.exec(short)?.[1]) < 120, 'short names leave the chart its width');
  const huge = svgLeaderboard({ method: 'bt', entries: [entry(1, 'x'.repeat(200))] } as Parameters<typeof svgLeaderboard>[0]);
  assert.match(huge, /…<\/text>/, 'a name longer than half the chart is shortened with an ellipsis');
  assert.ok(huge.includes('x'.repeat(200)), 'the full name stays in the row title');
});
