import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparisonRecord } from '../../../../src/core/results/schema';
import { computeStats } from '../../../../src/core/stats/computeStats';
import { buildReportModel } from '../../../../src/core/stats/reportModel';
import { reportCharts } from '../../../../src/core/stats/reportCharts';
import { renderModelMarkdown, renderReportMarkdown } from '../../../../src/core/stats/reportMarkdown';
import { mdCell } from '../../../../src/core/stats/format';
import { cellText, isReportModel, REPORT_CHART_IDS } from '../../../../src/shared/reportModel';
import { isDashboardData } from '../../../../src/shared/dashboardProtocol';

const file = join(__dirname, '../../../fixtures/stats/serving_records.jsonl');
const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ComparisonRecord);
const stats = computeStats(records, { bootstrapRounds: 10, equivalenceMargin: 0.1 });
const model = buildReportModel(stats);

test('report model: sections in reading order, each with a title, an explanation or an empty message', () => {
  assert.deepEqual(model.sections.map((s) => s.id), ['overview', 'leaderboard', 'pairs', 'outcomes', 'agreement', 'usage', 'serving', 'bias', 'raters']);
  for (const s of model.sections) {
    assert.ok(s.empty || s.explanation.length > 0 || s.lines.length > 0, `${s.id} explains itself`);
    for (const t of s.tables) for (const r of t.rows) assert.equal(r.length, t.columns.length, `${t.id}: every row fills every column`);
  }
  assert.ok(isReportModel(JSON.parse(JSON.stringify(model))), 'the model survives JSON (it crosses the webview boundary)');
});

test('report model: the head-to-head decision column and the serving table (cold and warm rows) with its chart', () => {
  const pairs = model.sections.find((s) => s.id === 'pairs')?.tables[0];
  assert.ok(pairs);
  const col = pairs.columns.findIndex((c) => c.label === 'May I stop?');
  assert.ok(col > 0);
  assert.match(cellText(pairs.rows[0][col]), /^(continue: ~\d+ more verdicts|.* better|equivalent within ±10 points)/);
  assert.equal(pairs.columns[1].align, 'right', 'counts line up right');
  const serving = model.sections.find((s) => s.id === 'serving');
  assert.ok(serving);
  assert.deepEqual(serving.tables[0].rows.map((r) => r[1]), ['cold', 'warm', 'cold', 'warm'], 'cold and warm rows for two models');
  const charts = reportCharts(stats, model);
  assert.ok(charts.servingTtft?.includes('pw-serving-warm'));
  assert.deepEqual(Object.keys(charts).sort(), [...REPORT_CHART_IDS].sort(), 'every chart the dashboard draws comes from the model');
});

test('Markdown renders the model: every section title, table head and cell of the model is in the Markdown', () => {
  const md = renderReportMarkdown(stats);
  assert.equal(md, renderModelMarkdown(model));
  for (const s of model.sections) {
    if (s.title) assert.ok(md.includes(`## ${s.title}`), s.title);
    for (const t of s.tables) {
      assert.ok(md.includes(`| ${t.columns.map((c) => c.label).join(' | ')} |`), `${t.id} head`);
      assert.ok(md.includes(`| ${t.columns.map((c) => (c.align === 'right' ? '---:' : '---')).join(' | ')} |`), `${t.id} alignment row`);
      for (const r of t.rows) assert.ok(md.includes(`| ${r.map((c) => mdCell(cellText(c))).join(' | ')} |`), `${t.id} row ${cellText(r[0])}`);
    }
    for (const e of s.explanation) assert.ok(md.includes(`_${mdCell(e)}_`), `${s.id} explanation`);
  }
});

test('dashboard data guard: accepts a report model with its charts, refuses a malformed one', () => {
  const data = { report: model, charts: reportCharts(stats, model), filters: { repo: null, paper: null, rater: null, since: null } };
  assert.ok(isDashboardData(JSON.parse(JSON.stringify(data))));
  assert.ok(isDashboardData({ ...data, report: null, charts: {} }), 'the empty state');
  assert.ok(!isDashboardData({ ...data, charts: { evil: '<svg/>' } }), 'an unknown chart');
  const broken = JSON.parse(JSON.stringify(model)) as { sections: { tables: { rows: unknown[][] }[] }[] };
  broken.sections[1].tables[0].rows[0][0] = { text: 1 };
  assert.ok(!isDashboardData({ ...data, report: broken }), 'a cell that is not text');
  assert.ok(!isDashboardData({ tables: [], svgs: [], filters: {} }), 'the old shape');
});
