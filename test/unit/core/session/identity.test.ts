// Drift fixes of the one comparison engine: one paper identity, one title length, one amend builder, and
// records written before the change still read the same.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normalizePaperRecord, paperIdentity, recordTitle, TITLE_MAX } from '../../../../src/core/session/identity';
import { buildAmend } from '../../../../src/core/session/amend';
import { parseRecordLine } from '../../../../src/core/results/parseRecordLine';
import type { Paper } from '../../../../src/core/paper/types';

const ARXIV: Paper = { source: 'arxiv', id: 'arXiv:2602.15763v1', arxivId: '2602.15763', version: 'v1', title: 'T', authors: [], abstract: '',
  text: '', format: 'pdf', hash: 'h', warnings: [] };

test('an arXiv paper is recorded by its bare id with the version apart; a file paper by its id', () => {
  assert.deepEqual(paperIdentity(ARXIV), { id: '2602.15763', version: 'v1', title: 'T', hash: 'h' });
  assert.deepEqual(paperIdentity({ ...ARXIV, source: 'text', id: 'notes', arxivId: undefined, version: undefined }), { id: 'notes', title: 'T', hash: 'h' });
});

const oldLine = (paper: Record<string, unknown>) => JSON.stringify({ schema: 1, type: 'comparison', id: 'r1', time: '2026-01-01T00:00:00.000Z',
  repo: { name: 'r' }, paper, mode: 'pin', prompt: {}, sides: { a: { preset: 'p', model: 'm', status: 'ok' }, b: { preset: 'p', model: 'n', status: 'ok' } },
  blind: true, swapped: false, verdict: 'pending', source: 'cli' });

test('records written before: the CLI\'s arXiv label reads as the same paper the extension recorded', () => {
  const cliOld = parseRecordLine(oldLine({ id: 'arXiv:2602.15763v1', title: 'T', hash: 'h' }));
  const extOld = parseRecordLine(oldLine({ id: '2602.15763', version: 'v1', title: 'T', hash: 'h' }));
  assert.ok(cliOld.ok && extOld.ok);
  assert.ok(cliOld.record.type === 'comparison' && extOld.record.type === 'comparison');
  assert.deepEqual(cliOld.record.paper, { id: '2602.15763', version: 'v1', title: 'T', hash: 'h' });
  assert.deepEqual(cliOld.record.paper, extOld.record.paper, 'one paper is one paper whichever shell recorded it');
  // Old-style arXiv ids and labels without a version, and non-arXiv ids, are left alone.
  assert.deepEqual(normalizePaperRecord({ id: 'arXiv:hep-th/9901001' }), { id: 'hep-th/9901001' });
  assert.deepEqual(normalizePaperRecord({ id: 'brief' }), { id: 'brief' });
  assert.deepEqual(normalizePaperRecord({ id: 'arXiv:2602.15763v2', version: 'v2' }), { id: '2602.15763', version: 'v2' });
});

test('titles are cut at one length', () => {
  assert.equal(recordTitle('x'.repeat(TITLE_MAX + 50)).length, TITLE_MAX);
  assert.equal(recordTitle('short'), 'short');
});

test('one amend builder: empty ratings and blank notes are left out, the time to verdict is never negative', () => {
  const now = new Date('2026-02-03T04:05:06.000Z');
  const live = buildAmend('t1', { verdict: 'b', ratings: { grounded: { b: 5 }, route: {} }, notes: '  ', rater: 'ana', timeToVerdictMs: 1500 }, { id: 'i1', now });
  assert.deepEqual(live, { schema: 1, type: 'amend', id: 'i1', target: 't1', time: now.toISOString(), verdict: 'b', ratings: { grounded: { b: 5 } }, rater: 'ana', timeToVerdictMs: 1500 });
  const judged = buildAmend('t1', { verdict: 'tie', notes: 'close', timeToVerdictMs: -20, swapped: true }, { id: 'i2', now });
  assert.deepEqual(judged, { schema: 1, type: 'amend', id: 'i2', target: 't1', time: now.toISOString(), verdict: 'tie', notes: 'close', timeToVerdictMs: 0, swapped: true });
});
