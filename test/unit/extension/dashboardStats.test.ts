import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { ComparisonRecord } from '../../../src/core/results/schema';
import { computeStats } from '../../../src/core/stats/computeStats';
import { dashboardSvgs, dashboardTables } from '../../../src/extension/results/dashboardTables';

test('dashboard: sequential decision column, serving table and cold-vs-warm chart', () => {
  const file = join(__dirname, '../../fixtures/stats/serving_records.jsonl');
  const records = readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ComparisonRecord);
  const stats = computeStats(records, { bootstrapRounds: 10, equivalenceMargin: 0.1 });
  const tables = dashboardTables(stats);
  const pairs = tables.find((t) => t.title.startsWith('Head to head'));
  assert.ok(pairs);
  const col = pairs.columns.indexOf('May I stop? (anytime-valid)');
  assert.ok(col > 0);
  assert.match(String(pairs.rows[0][col]), /^(continue: ~\d+ more verdicts|.* better|equivalent within ±10 points)/);
  const serving = tables.find((t) => t.title.startsWith('Serving'));
  assert.ok(serving);
  assert.equal(serving.rows.length, 4, 'cold and warm rows for two models');
  assert.deepEqual(serving.rows.map((r) => r[1]), ['cold', 'warm', 'cold', 'warm']);
  const chart = dashboardSvgs(stats).find((s) => s.title === 'Time to first token, cold vs warm');
  assert.ok(chart && chart.svg.includes('pw-serving-warm'));
});
