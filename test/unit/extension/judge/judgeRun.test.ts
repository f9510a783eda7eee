// Ask Judge's logic (no vscode) against mock judge servers on 127.0.0.1: both orders through core with the sides'
// retries and watchdogs, the amend in the results file, the panel's view in screen terms, and faults that end in a
// clear state without losing the human's pending verdict.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startMockProvider, scenarios, JUDGE_PREFER_MARK, type MockProvider } from '../../../../src/core/demo/demoProviders';
import type { ResolvedSide } from '../../../../src/core/providers/types';
import { askJudge, judgeContextFor, judgeOptionsFrom, progressText, rememberJudgeContext, viewOfResult } from '../../../../src/extension/judge/judgeRun';
import type { JudgeEvent } from '../../../../src/core/judge';
import { recorded } from './judgeFixture';

const A = `===ROUTE===\nPR\n===TITLE===\nStable softmax\n===BODY===\nSubtract the max in src/softmax.py. ${JUDGE_PREFER_MARK}\n`;
const B = '===ROUTE===\nISSUE\n===TITLE===\nLook into softmax\n===BODY===\nMaybe overflow.\n';
const settings = { idleTimeoutSeconds: 60, maxRetries: 2, sideDeadlineSeconds: 120 };

function judgeOn(server: MockProvider, kind: 'anthropic' | 'openai-compatible' = 'openai-compatible'): ResolvedSide {
  return { spec: { preset: 'mockj', model: 'gpt-judge' }, preset: { id: 'mockj', label: 'Mock judge', kind, baseUrl: server.url, auth: 'none' } };
}

describe('asking the LLM judge on a recorded comparison', () => {
  let server: MockProvider;
  before(async () => { server = await startMockProvider({ kind: 'openai-compatible', scenario: { type: 'judge', rule: 'marked' } }); });
  after(async () => { await server.close(); });

  test('both orders, one amend by judge:<preset>:<model>, the verdict in screen terms; the human verdict stays pending', async () => {
    const r = await recorded([{ id: 'c1', a: A, b: B, swapped: true }]);
    try {
      server.requests.length = 0;
      const [c] = await r.effective();
      const events: JudgeEvent[] = [];
      const res = await askJudge({ comparison: c, store: r.store, judge: judgeOn(server), settings }, { onEvent: (e) => events.push(e) });
      assert.ok(res.ok, res.ok ? '' : res.error);
      assert.equal(res.written, true, res.writeError);
      assert.equal(server.requests.length, 2, 'one call per order');
      assert.equal(res.record.outcome, 'consistent');
      assert.equal(res.amend.rater, 'judge:mockj:gpt-judge');
      assert.equal(res.amend.verdict, 'a');
      // The file: the judge's opinion next to a still-pending human verdict.
      const [after1] = await r.effective();
      assert.equal(after1.verdict, 'pending', 'the judge never changes the human verdict');
      assert.equal(after1.judgeOpinions.length, 1);
      assert.equal(after1.judgeOpinions[0].verdict, 'a');
      // The panel's view: sides.a sits right in this layout.
      const view = viewOfResult(res, c, { swapped: true }, 'mockj:gpt-judge');
      assert.ok(view.status === 'answered');
      assert.equal(view.verdict, 'right');
      assert.equal(view.outcome, 'consistent');
      assert.deepEqual(view.orders.map((o) => o.first).sort(), ['left', 'right']);
      assert.ok(view.orders.every((o) => o.answer === 'right' && o.reason?.includes('Mock judge')));
      // Progress wording for the panel and the notification.
      const lines = events.map(progressText).filter(Boolean);
      assert.ok(lines.some((l) => /first order/.test(l ?? '')) && lines.some((l) => /second order/.test(l ?? '')), lines.join(' | '));
    } finally { await r.cleanup(); }
  });

  test('a 429 is retried like a side\'s (pairwise.maxRetries), and the answer still lands', async () => {
    const r = await recorded([{ id: 'c2', a: A, b: B }]);
    const flaky = await startMockProvider({ kind: 'anthropic', scenario: [scenarios.rateLimitedMs(20), { type: 'judge', rule: 'marked' }] });
    try {
      const [c] = await r.effective();
      const res = await askJudge({ comparison: c, store: r.store, judge: judgeOn(flaky, 'anthropic'), settings });
      assert.ok(res.ok && res.written);
      assert.equal(flaky.requests.length, 3, '429, its retry, and the second order');
      assert.equal(res.record.outcome, 'consistent');
      assert.equal(res.amend.verdict, 'a');
    } finally { await flaky.close(); await r.cleanup(); }
  });

  test('a stalled order ends on the idle watchdog: outcome failed, recorded, no verdict; the view says so', async () => {
    const r = await recorded([{ id: 'c3', a: A, b: B }]);
    const stalls = await startMockProvider({ kind: 'openai-compatible', scenario: [{ type: 'judge', rule: 'marked' }, scenarios.stall(1)] });
    try {
      const [c] = await r.effective();
      const res = await askJudge({ comparison: c, store: r.store, judge: judgeOn(stalls), settings: { ...settings, idleTimeoutSeconds: 0.3, maxRetries: 0 } });
      assert.ok(res.ok);
      assert.equal(res.record.outcome, 'failed');
      assert.equal(res.amend.verdict, undefined, 'one order alone is never a verdict');
      assert.equal(res.written, true, 'the failed attempt is recorded (the next run judges it again)');
      const view = viewOfResult(res, c, { swapped: false }, 'mockj:gpt-judge');
      assert.ok(view.status === 'answered' && view.outcome === 'failed' && view.verdict === null);
      assert.ok(view.orders.some((o) => o.answer === 'failed' && (o.error ?? '').length > 0));
      const [again] = await r.effective();
      assert.equal(again.verdict, 'pending');
    } finally { await stalls.close(); await r.cleanup(); }
  });

  test('cancelling records nothing and says so', async () => {
    const r = await recorded([{ id: 'c4', a: A, b: B }]);
    const hangs = await startMockProvider({ kind: 'openai-compatible', scenario: scenarios.hang() });
    try {
      const [c] = await r.effective();
      const ctl = new AbortController();
      setTimeout(() => ctl.abort(), 200);
      const res = await askJudge({ comparison: c, store: r.store, judge: judgeOn(hangs), settings, signal: ctl.signal });
      assert.ok(res.ok && res.cancelled && !res.written);
      assert.deepEqual(viewOfResult(res, c, { swapped: false }, 'j'), { status: 'failed', judge: 'j', message: 'Cancelled: the judge\'s answer was not recorded.' });
      assert.equal((await r.effective())[0].judgeOpinions.length, 0);
    } finally { await hangs.close(); await r.cleanup(); }
  });

  test('a live comparison reuses the sides\' prompt prefix; a past one falls back to its saved manifest', async () => {
    const r = await recorded([{ id: 'c5', a: A, b: B }]);
    try {
      const [c] = await r.effective();
      assert.deepEqual(await judgeContextFor(c, r.store), {}, 'no manifest saved: no context');
      const prompt = { system: 'You are a careful engineer.', blocks: [{ kind: 'repo', text: 'src/softmax.py' }] };
      rememberJudgeContext('c5', { prompt });
      assert.deepEqual(await judgeContextFor(c, r.store), { prompt });
    } finally { await r.cleanup(); }
  });

  test('run options: the sides\' retries, idle watchdog and deadline', () => {
    assert.deepEqual(judgeOptionsFrom({ idleTimeoutSeconds: 30, maxRetries: 1, sideDeadlineSeconds: 600 }), { retry: { maxRetries: 1 }, idleTimeoutMs: 30_000, sideDeadlineMs: 600_000 });
  });
});
