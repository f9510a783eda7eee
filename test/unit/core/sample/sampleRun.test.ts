// Open Sample Comparison runs on the one comparison engine: the sample's mock servers stream the recorded drafts
// through core/session (the same startCompareRun as Compare), the checks run on the sample repo, and the record and
// the verdict stay in memory. Regression test for the sample's own replay loop that bypassed the session.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync } from 'node:fs';
import { dirname } from 'node:path';
import { prepareSampleRun } from '../../../../src/core/sample/sampleRun';
import { SAMPLE } from '../../../../src/core/sample/sampleDrafts';
import { saveRunVerdict, startCompareRun } from '../../../../src/extension/compare/compareRun';
import type { RunEvent } from '../../../../src/core/run/types';
import type { CheckReport } from '../../../../src/core/checks/types';
import type { SideId } from '../../../../src/core/providers/types';

const settings = { blind: true, rater: 'me', testCommand: '', warmRepeat: false, maxOutputTokens: 8192, idleTimeoutSeconds: 60, maxRetries: 0 };

describe('the sample comparison runs through core/session', () => {
  test('streams the recorded drafts from the local mocks, checks them on the sample repo, keeps record and verdict in memory', async () => {
    const prepared = await prepareSampleRun({ speed: 50 });
    assert.ok(prepared.ok, prepared.ok ? '' : prepared.error);
    const s = prepared.run;
    const text: Record<SideId, string> = { a: '', b: '' };
    const events: RunEvent[] = [];
    const checks: Partial<Record<SideId, CheckReport>> = {};
    const routes: Partial<Record<SideId, string>> = {};
    const view = {
      onRunEvent: (e: RunEvent) => { events.push(e); if (e.type === 'delta') text[e.side] += e.text; },
      onParsed: (side: SideId, d: { route: string }) => { routes[side] = d.route; },
      onChecks: (side: SideId, r: CheckReport) => { checks[side] = r; },
    };
    try {
      assert.match(s.servers.a.url, /^http:\/\/127\.0\.0\.1:\d+$/);
      assert.match(s.servers.b.url, /^http:\/\/127\.0\.0\.1:\d+\/v1$/);
      const run = startCompareRun({ root: s.root, repo: s.repo, prepared: s.prepared, sides: s.sides, store: s.store, settings, swapped: true, allowTestRun: false }, view,
        { now: () => new Date('2026-01-02T03:04:05Z'), newId: () => 'sample-id' });
      const done = await run.recorded;
      assert.equal(done.written, true, done.writeError);
      // The panel port saw both streams, byte for byte the recorded drafts, through the real wire formats.
      assert.equal(text.a, SAMPLE.drafts.a);
      assert.equal(text.b, SAMPLE.drafts.b);
      assert.ok(events.some((e) => e.type === 'firstToken' && e.side === 'a') && events.some((e) => e.type === 'firstToken' && e.side === 'b'));
      assert.deepEqual(routes, { a: 'pr', b: 'issue' });
      // One request per side, carrying the prompt core/session prepared from the sample brief and repo.
      assert.equal(s.servers.a.requests.length, 1);
      assert.equal(s.servers.b.requests.length, 1);
      for (const side of ['a', 'b'] as const) {
        const body = s.servers[side].requests[0].body;
        assert.ok(body.includes('running maximum and a rescaled running sum'), 'the sample brief is in the prompt');
        assert.ok(body.includes('tinyattn/softmax.py'), 'the sample repo is in the prompt');
      }
      // The checks ran on the sample repo: draft A's patch applies to softmax.py.
      const patch = checks.a?.badges.find((b) => /patch/i.test(b.label));
      assert.ok(patch, JSON.stringify(checks.a?.badges));
      assert.equal(patch.level, 'ok', JSON.stringify(patch));
      // The record is the session's own, kept in memory with the recorded usage.
      const rec = s.store.records[0];
      assert.ok(rec?.type === 'comparison');
      assert.equal(rec.id, 'sample-id');
      assert.equal(rec.swapped, true);
      assert.equal(rec.sides.a.model, SAMPLE.sides.a.model);
      assert.equal(rec.sides.b.route, 'issue');
      assert.deepEqual(rec.sides.a.usage, { input: 6120, output: 412, cacheRead: 0, cacheWrite: 5800 });
      assert.ok(rec.sides.a.draftHash && s.store.blobs.get(`sample-id/${rec.sides.a.draftHash}`) === SAMPLE.drafts.a);
      // The verdict goes through the session's amend builder, into memory too.
      const saved = await saveRunVerdict(run, { verdict: 'b', ratings: {}, notes: '', timeToVerdictMs: 10 });
      assert.ok(saved.ok);
      const amend = s.store.records[1];
      assert.ok(amend?.type === 'amend');
      assert.equal(amend.target, 'sample-id');
      assert.equal(amend.verdict, 'b');
      assert.equal(amend.rater, 'me');
    } finally {
      await s.close();
    }
    assert.equal(existsSync(dirname(s.root)), false, 'close() removes the temp sample repo');
  });

  test('cancelling the sample ends both sides as cancelled, and close() still cleans up', async () => {
    const prepared = await prepareSampleRun({ speed: 0.05 });
    assert.ok(prepared.ok);
    const s = prepared.run;
    const ctl = new AbortController();
    try {
      const run = startCompareRun({ root: s.root, repo: s.repo, prepared: s.prepared, sides: s.sides, store: s.store, settings, swapped: false, allowTestRun: false, signal: ctl.signal },
        { onRunEvent: () => undefined, onParsed: () => undefined, onChecks: () => undefined });
      setTimeout(() => ctl.abort(), 200);
      const done = await run.recorded;
      assert.equal(done.cancelled, true);
      assert.equal(done.record.sides.a.status, 'failed');
      assert.equal(done.record.sides.a.errorKind, 'cancelled');
    } finally {
      await s.close();
    }
    assert.equal(existsSync(dirname(s.root)), false);
  });
});
