import { test } from 'node:test';
import assert from 'node:assert/strict';
import { isDashboardData } from '../../../src/shared/dashboardProtocol';

test('isDashboardData accepts the protocol shape and rejects junk', () => {
  const ok = { tables: [{ title: 'T', columns: ['a'], rows: [[1], ['x'], [null]] }], svgs: [{ title: 'S', svg: '<svg/>' }], filters: { repo: null, paper: null, rater: null, since: null } };
  assert.ok(isDashboardData(ok));
  assert.ok(isDashboardData(JSON.parse(JSON.stringify(ok))));
  for (const bad of [null, {}, { ...ok, tables: [{ title: 'T', columns: [], rows: [1] }] }, { ...ok, svgs: [{ title: 'S' }] }, { ...ok, filters: null }]) {
    assert.equal(isDashboardData(bad), false);
  }
});
