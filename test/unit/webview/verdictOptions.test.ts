import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createCompareViewState } from '../../../src/shared/compare/viewState';
import type { CompareViewState, SlotStatus } from '../../../src/shared/compareProtocol';
import { applyEvent, applyLocal } from '../../../src/shared/compare/reducer';
import { buildSubmission, saveBlocker, verdictChoices } from '../../../webview/compare/verdictOptions';

function withStatus(left: SlotStatus, right: SlotStatus): CompareViewState {
  let s = createCompareViewState({ header: { runId: 'r1', repo: 'r', commit: 'c', paper: null, mode: 'pin' } });
  s = applyEvent(s, { type: 'status', slot: 'left', status: left });
  return applyEvent(s, { type: 'status', slot: 'right', status: right });
}
const failed: SlotStatus = { kind: 'failed', message: 'x', retryable: true };

describe('verdictChoices', () => {
  test('closed while streaming', () => {
    const c = verdictChoices(withStatus({ kind: 'done' }, { kind: 'streaming', tokPerSec: null }));
    assert.ok(c.every((x) => !x.enabled));
    assert.deepEqual(c.map((x) => x.key), ['1', '2', '3', '4']);
  });
  test('all four open when both finished; tooltips tell tie from both bad', () => {
    const c = verdictChoices(withStatus({ kind: 'done' }, { kind: 'truncated' }));
    assert.deepEqual(c.map((x) => [x.verdict, x.label, x.enabled]), [['left', 'A better', true], ['right', 'B better', true], ['tie', 'Tie', true], ['both_bad', 'Both bad', true]]);
    assert.match(c[2].tooltip, /equally good/);
    assert.match(c[3].tooltip, /Neither/);
  });
  test('one failed side: "B only usable" and "Both bad"', () => {
    const c = verdictChoices(withStatus(failed, { kind: 'done' }));
    assert.deepEqual(c.filter((x) => x.enabled).map((x) => x.label), ['B only usable', 'Both bad']);
  });
  test('both failed: only "Both bad"', () => {
    assert.deepEqual(verdictChoices(withStatus(failed, failed)).filter((x) => x.enabled).map((x) => x.verdict), ['both_bad']);
  });
});

describe('saveBlocker / buildSubmission', () => {
  test('requires an enabled verdict, then builds the request body', () => {
    let s = withStatus({ kind: 'done' }, { kind: 'done' });
    assert.match(saveBlocker(s) ?? '', /Choose a verdict/);
    assert.equal(buildSubmission(s), null);
    s = applyLocal(s, { type: 'draft/verdict', verdict: 'right' });
    s = applyLocal(s, { type: 'draft/notes', notes: '  concise  ' });
    s = applyLocal(s, { type: 'draft/rating', criterion: 'route', slot: 'right', value: 4 });
    assert.equal(saveBlocker(s), null);
    assert.deepEqual(buildSubmission(s), { runId: 'r1', verdict: 'right', ratings: { route: { right: 4 } }, notes: 'concise' });
  });
  test('a verdict made unavailable by a failure cannot be saved', () => {
    let s = withStatus({ kind: 'done' }, { kind: 'done' });
    s = applyLocal(s, { type: 'draft/verdict', verdict: 'tie' });
    s = applyEvent(s, { type: 'status', slot: 'left', status: failed });
    assert.match(saveBlocker(s) ?? '', /not available/);
  });
  test('blocked while streaming, saving, saved or read-only', () => {
    assert.match(saveBlocker(withStatus({ kind: 'done' }, { kind: 'waiting' })) ?? '', /Voting opens/);
    const ro = { ...withStatus({ kind: 'done' }, { kind: 'done' }), readOnly: true };
    assert.match(saveBlocker(ro) ?? '', /read-only/);
    let s = applyLocal(withStatus({ kind: 'done' }, { kind: 'done' }), { type: 'draft/verdict', verdict: 'tie' });
    s = applyLocal(s, { type: 'save/start' });
    assert.match(saveBlocker(s) ?? '', /Saving/);
    s = applyEvent(s, { type: 'verdictSaved', savedAt: 5 });
    assert.match(saveBlocker(s) ?? '', /saved/);
  });
});
