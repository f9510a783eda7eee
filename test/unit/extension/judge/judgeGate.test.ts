// No anchoring: on a blind comparison the webview never receives the LLM judge's verdict, reasons or warning before
// the developer's verdict is saved. The gate is the one path judge views take to the webview (ComparePanel.show /
// showJudge / verdict/save); this drives it with the panel's own reducer and records everything it would send.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createCompareViewState } from '../../../../src/shared/compare/viewState';
import { applyEvent } from '../../../../src/shared/compare/reducer';
import type { CompareEvent, CompareViewState, JudgeView } from '../../../../src/shared/compareProtocol';
import { answeredView, gatedView, JudgeGate, latestJudgeView, selfPreferenceNote } from '../../../../src/extension/judge/judgeView';
import type { JudgeRecord } from '../../../../src/core/results/schema';
import type { EffectiveComparison } from '../../../../src/core/results/foldAmends';

const JUDGE: JudgeRecord = {
  preset: 'anthropic', model: 'claude-sonnet-4-5', outcome: 'consistent', sameFamily: ['a'],
  orders: [
    { order: 'ab', answer: 'A', verdict: 'a', reason: 'Draft A cites softmax.py:12 and its patch applies.', cost: { usd: 0.002, basis: 'list' }, usage: { input: 1, output: 1, cacheRead: 0, cacheWrite: 0 }, totalMs: 4100, ttftMs: 900 },
    { order: 'ba', answer: 'B', verdict: 'a', reason: 'The second draft (A above) is grounded.', cost: { usd: 0.001, basis: 'list' }, usage: { input: 1, output: 1, cacheRead: 1, cacheWrite: 0 }, totalMs: 3000, ttftMs: 700 },
  ],
};
const SIDES = { a: { preset: 'anthropic', model: 'claude-opus-4-7' }, b: { preset: 'zai', model: 'glm-5' } };
const SECRETS = ['claude-opus-4-7', 'glm-5', 'softmax.py:12', 'Self-preference', '"verdict":"right"', '"verdict":"left"', 'Draft A cites'];

/** A panel-like harness: state + reducer, and the wire (every event the webview would get). */
function panel(blind: boolean, runId = 'r1') {
  let state: CompareViewState = { ...createCompareViewState({ header: { runId, repo: 'r', commit: 'c', paper: 'p', mode: 'pin' }, blind }), seq: 0 };
  const wire: unknown[] = [];
  const gate = new JudgeGate((e: CompareEvent) => { state = applyEvent(state, e); wire.push(e); });
  return {
    gate, wire, get state() { return state; },
    show(s: CompareViewState) { state = gate.initial(s); wire.push({ snapshot: state }); },
    saveVerdict() { const e: CompareEvent = { type: 'verdictSaved', savedAt: 1 }; state = applyEvent(state, e); wire.push(e); gate.release(state); },
  };
}

describe('the judge view in screen terms', () => {
  test('maps model sides to slots through the layout, both orders, cost and the self-preference warning', () => {
    const v = answeredView(JUDGE, '2026-01-01T00:00:00Z', SIDES, { swapped: true }, 'a');
    assert.ok(v.status === 'answered');
    assert.equal(v.verdict, 'right', 'sides.a sits right when swapped');
    assert.deepEqual(v.orders.map((o) => [o.first, o.answer]), [['right', 'right'], ['left', 'right']]);
    assert.equal(v.costUsd, 0.003);
    assert.equal(v.costUnknown, false);
    assert.match(v.warning ?? '', /claude family, like the right draft \(anthropic:claude-opus-4-7\)/);
    assert.equal(selfPreferenceNote({ ...JUDGE, sameFamily: [] }, SIDES, { swapped: false }), null);
  });

  test('an inconsistent or failed judge keeps its per-order answers and errors', () => {
    const failed: JudgeRecord = { ...JUDGE, outcome: 'failed', orders: [JUDGE.orders[0], { order: 'ba', answer: 'failed', errorKind: 'idle', errorMessage: 'No data for 60 s.', totalMs: 60000 }] };
    const v = answeredView(failed, 't', SIDES, { swapped: false }, undefined);
    assert.ok(v.status === 'answered');
    assert.equal(v.verdict, null);
    assert.deepEqual(v.orders[1], { first: 'right', answer: 'failed', reason: null, error: 'No data for 60 s.', costUsd: null, totalMs: 60000 });
  });

  test('the latest recorded judge answer is the one shown', () => {
    const rec = { sides: SIDES, judgeOpinions: [
      { rater: 'judge:x:old', time: '2026-01-01T00:00:00Z', amendId: '1', judge: { ...JUDGE, model: 'old' }, verdict: 'b' as const },
      { rater: 'judge:x:new', time: '2026-01-02T00:00:00Z', amendId: '2', judge: { ...JUDGE, model: 'new' }, verdict: 'a' as const },
    ] } as unknown as EffectiveComparison;
    const v = latestJudgeView(rec, { swapped: false });
    assert.ok(v?.status === 'answered' && v.judge === 'anthropic:new' && v.verdict === 'left');
    assert.equal(latestJudgeView({ ...rec, judgeOpinions: [] } as EffectiveComparison, { swapped: false }), null);
  });
});

describe('no anchoring: the judge verdict reaches a blind panel only after the human verdict', () => {
  const answered = answeredView(JUDGE, 't', SIDES, { swapped: false }, 'a');

  test('asked live: running and withheld go out, the answer only after verdictSaved', () => {
    const p = panel(true);
    p.gate.offer(p.state, 'r1', { status: 'running', judge: 'anthropic:claude-sonnet-4-5', message: 'Asking the judge — first order…' });
    p.gate.offer(p.state, 'r1', answered);
    assert.equal(p.gate.holding, true);
    assert.deepEqual(p.state.judge, { status: 'withheld', judge: 'anthropic:claude-sonnet-4-5' });
    const before = JSON.stringify(p.wire);
    for (const s of SECRETS) assert.equal(before.includes(s), false, `"${s}" reached the webview before the verdict`);
    assert.equal(before.includes('"answered"'), false);
    p.saveVerdict();
    assert.equal(p.gate.holding, false);
    assert.deepEqual(p.state.judge, answered, 'shown right after the verdict');
    assert.ok(JSON.stringify(p.wire.at(-1)).includes('Draft A cites'));
  });

  test('a past blind comparison shown with a recorded judge answer (Judge Pending): the snapshot carries only "withheld"', () => {
    const p = panel(true, 'r2');
    p.show({ ...p.state, judge: answered });
    const before = JSON.stringify(p.wire);
    for (const s of SECRETS) assert.equal(before.includes(s), false, `"${s}" was in the first snapshot`);
    assert.equal(p.state.judge?.status, 'withheld');
    p.saveVerdict();
    assert.deepEqual(p.state.judge, answered);
  });

  test('a held answer never leaks to the next comparison; answers for another run are refused', () => {
    const p = panel(true, 'r3');
    p.gate.offer(p.state, 'r3', answered);
    p.show(createCompareViewState({ header: { runId: 'r4', repo: 'r', commit: 'c', paper: null, mode: 'pin' }, blind: true }));
    p.saveVerdict();
    assert.equal(p.state.judge ?? null, null, 'r3\'s answer was not released into r4');
    assert.equal(p.gate.offer(p.state, 'r3', answered), false);
    assert.equal(JSON.stringify(p.wire).includes('Draft A cites'), false);
  });

  test('not blind (or already voted): the answer shows at once', () => {
    const open = panel(false);
    open.gate.offer(open.state, 'r1', answered);
    assert.deepEqual(open.state.judge, answered);
    const voted = panel(true);
    voted.saveVerdict();
    voted.gate.offer(voted.state, 'r1', answered);
    assert.deepEqual(voted.state.judge, answered);
    const failed: JudgeView = { status: 'failed', judge: 'x:y', message: 'No API key.' };
    assert.deepEqual(gatedView(panel(true).state, failed), failed, 'a failure carries no verdict and shows at once');
  });
});
