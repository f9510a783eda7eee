import { test } from 'node:test';
import assert from 'node:assert/strict';
import { answerText, orderFigures, ordersInColumns, outcomeBadge, totalCost, verdictHeadline } from '../../../webview/compare/judgeText';
import type { JudgeView } from '../../../src/shared/compareProtocol';
import { applyEvent } from '../../../src/shared/compare/reducer';
import { createCompareViewState } from '../../../src/shared/compare/viewState';
import { parsePersistedState } from '../../../src/shared/compare/savedState';

const labels = { left: 'anthropic:claude-opus-4-7', right: 'zai:glm-5' };
const answered = (over: Partial<Extract<JudgeView, { status: 'answered' }>> = {}): Extract<JudgeView, { status: 'answered' }> => ({
  status: 'answered', judge: 'openai:gpt-5', outcome: 'consistent', verdict: 'left', costUsd: 0.0042, costUnknown: false, time: 't', warning: null,
  orders: [{ first: 'right', answer: 'left', reason: 'r2', error: null, costUsd: 0.0012, totalMs: 3100 }, { first: 'left', answer: 'left', reason: 'r1', error: null, costUsd: 0.003, totalMs: 4200 }],
  ...over,
});

test('judge card wording: headline, outcome, orders in column order, figures', () => {
  assert.equal(verdictHeadline(answered(), labels), 'Prefers left · anthropic:claude-opus-4-7');
  assert.equal(verdictHeadline(answered({ outcome: 'inconsistent', verdict: 'tie' }), labels), 'Tie — the two orders disagreed');
  assert.equal(verdictHeadline(answered({ outcome: 'failed', verdict: null }), labels), 'No verdict — a call failed');
  assert.equal(verdictHeadline(answered({ verdict: 'both_bad' }), labels), 'Both drafts bad');
  assert.deepEqual(outcomeBadge('inconsistent').tone, 'warn');
  assert.deepEqual(ordersInColumns(answered().orders).map((o) => o.first), ['left', 'right'], 'the left-first order sits over the left column');
  assert.equal(answerText('right', labels), 'Right · zai:glm-5');
  assert.equal(answerText('unparsed', labels), 'No verdict (unparsed)');
  assert.deepEqual(orderFigures(answered().orders[1]).map((x) => `${x.label} ${x.value}`), ['Total 4.2 s', 'Cost $0.0030']);
  assert.deepEqual(orderFigures({ ...answered().orders[1], costUsd: null }).map((x) => x.value), ['4.2 s', '—'], 'unknown cost is a dash, never $0');
  assert.equal(totalCost(answered()), '2 calls · $0.0042');
  assert.equal(totalCost(answered({ costUsd: null })), '2 calls · cost unknown');
});

test('the judge event and a persisted state with a judge view round-trip through the shared model', () => {
  const s0 = createCompareViewState({ header: { runId: 'r', repo: 'r', commit: 'c', paper: null, mode: 'pin' } });
  const s1 = applyEvent(s0, { type: 'judge', judge: answered() });
  assert.deepEqual(s1.judge, answered());
  assert.equal(applyEvent(s1, { type: 'judge', judge: null }).judge, null);
  assert.deepEqual(parsePersistedState({ view: s1, ui: {} })?.view.judge, answered());
});
