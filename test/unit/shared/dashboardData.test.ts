import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDashboardData } from '../../../src/shared/dashboardProtocol';
import type { ReportModel } from '../../../src/shared/reportModel';

test('isDashboardData accepts the protocol shape and rejects junk', () => {
  const report: ReportModel = { title: 'T', sections: [{ id: 's', title: 'S', lines: ['one line'], charts: [{ id: 'leaderboard', title: 'L', table: 't' }], explanation: ['why'],
    tables: [{ id: 't', title: 'T', columns: [{ label: 'a', align: 'left', kind: 'label' }, { label: 'n', align: 'right', kind: 'number' }], notes: [],
      rows: [['x', '1'], ['y', { text: '2', ids: ['c1'], tone: 'disagree', shade: 0.5 }]] }] }] };
  const ok = { report, charts: { leaderboard: '<svg/>' }, filters: { repo: null, paper: null, rater: null, since: null } };
  assert.ok(isDashboardData(ok));
  assert.ok(isDashboardData(JSON.parse(JSON.stringify(ok))));
  assert.ok(isDashboardData({ ...ok, report: null, charts: {} }), 'nothing matches the filters');
  const table = report.sections[0].tables[0];
  const withSection = (s: object) => ({ ...ok, report: { ...report, sections: [{ ...report.sections[0], ...s }] } });
  for (const bad of [null, {}, { ...ok, filters: null }, { ...ok, charts: { leaderboard: 1 } }, { ...ok, charts: { other: '<svg/>' } },
    withSection({ tables: [{ ...table, rows: [1] }] }), withSection({ tables: [{ ...table, columns: [{ label: 'a', align: 'middle', kind: 'label' }] }] }),
    withSection({ tables: [{ ...table, rows: [[{ text: 'x', shade: 2 }]] }] }), withSection({ charts: [{ id: 'pie', title: 'P' }] }), withSection({ lines: [3] })]) {
    assert.equal(isDashboardData(bad), false, JSON.stringify(bad).slice(0, 120));
  }
});
