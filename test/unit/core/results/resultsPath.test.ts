import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { resultsPathFor } from '../../../../src/core/results/resultsPath';
import { newRecordId } from '../../../../src/core/results/recordId';

test('resultsPathFor resolves each location and explains missing settings', () => {
  assert.deepEqual(resultsPathFor({ location: 'workspace', workspaceRoot: '/ws' }), { ok: true, path: join('/ws', '.pairwise', 'results.jsonl') });
  assert.deepEqual(resultsPathFor({ location: 'global', globalStorage: '/gs' }), { ok: true, path: join('/gs', '.pairwise', 'results.jsonl') });
  assert.deepEqual(resultsPathFor({ location: 'custom', customPath: '/data/r.jsonl' }), { ok: true, path: '/data/r.jsonl' });
  assert.deepEqual(resultsPathFor({ location: 'custom', customPath: 'out/r.jsonl', workspaceRoot: '/ws' }), { ok: true, path: '/ws/out/r.jsonl' });
  assert.deepEqual(resultsPathFor({ location: 'custom', customPath: '/data/' }), { ok: true, path: '/data/results.jsonl' });
  const bad = resultsPathFor({ location: 'custom', customPath: ' ' });
  assert.match(!bad.ok ? bad.error : '', /resultsPath is empty/);
  assert.equal(resultsPathFor({ location: 'workspace' }).ok, false);
  assert.equal(resultsPathFor({ location: 'global' }).ok, false);
});

test('newRecordId is sortable by time and unique', () => {
  const a = newRecordId(new Date('2026-01-01T00:00:00Z'));
  const b = newRecordId(new Date('2026-01-01T00:00:01Z'));
  assert.match(a, /^20260101T000000Z-[0-9a-f]{12}$/);
  assert.ok(a < b);
  assert.notEqual(newRecordId(), newRecordId());
});
