import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { createCompareViewState } from '../../../src/shared/compare/viewState';
import type { CompareViewState } from '../../../src/shared/compareProtocol';
import { applyEvent, applyLocal, applySeqEvent, applySnapshot, votingOpen } from '../../../src/shared/compare/reducer';

const header = { runId: 'run-1', repo: 'acme/widget', commit: 'abc123', paper: 'Paper', mode: 'pin' as const };
const fresh = () => createCompareViewState({ header });

describe('viewReducer', () => {
  test('deltas append, text replaces, stats merge, parsed and checks set', () => {
    let s = fresh();
    s = applyEvent(s, { type: 'delta', slot: 'left', text: 'Hel' });
    s = applyEvent(s, { type: 'delta', slot: 'left', text: 'lo' });
    assert.equal(s.slots.left.text, 'Hello');
    assert.equal(s.slots.right.text, '');
    s = applyEvent(s, { type: 'stats', slot: 'left', stats: { ttftMs: 120 } });
    s = applyEvent(s, { type: 'stats', slot: 'left', stats: { tokensOut: 50 } });
    assert.equal(s.slots.left.stats.ttftMs, 120);
    assert.equal(s.slots.left.stats.tokensOut, 50);
    s = applyEvent(s, { type: 'parsed', slot: 'right', route: 'pr', title: 'Add cache', patch: 'diff --git a/x b/x' });
    assert.equal(s.slots.right.route, 'pr');
    s = applyEvent(s, { type: 'checks', slot: 'right', checks: [{ label: 'applies', level: 'ok' }] });
    assert.equal(s.slots.right.checks.length, 1);
    s = applyEvent(s, { type: 'text', slot: 'left', text: 'final' });
    assert.equal(s.slots.left.text, 'final');
  });

  test('never mutates its input', () => {
    const s = fresh();
    const frozen = JSON.stringify(s);
    applyEvent(s, { type: 'delta', slot: 'left', text: 'x' });
    applyLocal(s, { type: 'draft/notes', notes: 'n' });
    assert.equal(JSON.stringify(s), frozen);
  });

  test('seq: applies next, ignores duplicates, reports gaps', () => {
    let s = fresh();
    let r = applySeqEvent(s, 1, { type: 'delta', slot: 'left', text: 'a' });
    assert.equal(r.outcome, 'applied'); s = r.state;
    assert.equal(s.seq, 1);
    r = applySeqEvent(s, 1, { type: 'delta', slot: 'left', text: 'a' });
    assert.equal(r.outcome, 'duplicate');
    assert.equal(r.state.slots.left.text, 'a');
    r = applySeqEvent(s, 3, { type: 'delta', slot: 'left', text: 'c' });
    assert.equal(r.outcome, 'gap');
    assert.equal(r.state, s);
  });

  test('voting opens when both sides are final, including failures', () => {
    let s = fresh();
    assert.equal(votingOpen(s), false);
    s = applyEvent(s, { type: 'status', slot: 'left', status: { kind: 'done' } });
    assert.equal(votingOpen(s), false);
    s = applyEvent(s, { type: 'status', slot: 'right', status: { kind: 'failed', message: 'rate limited', retryable: true } });
    assert.equal(votingOpen(s), true);
    assert.equal(votingOpen(createCompareViewState({ header: null })), false);
  });

  test('reveal sets labels and identities; detached fails unfinished slots only', () => {
    let s = applyEvent(fresh(), { type: 'status', slot: 'left', status: { kind: 'done' } });
    s = applyEvent(s, { type: 'status', slot: 'right', status: { kind: 'streaming', tokPerSec: 30 } });
    s = applyEvent(s, { type: 'detached', message: 'Interrupted' });
    assert.deepEqual(s.slots.left.status, { kind: 'done' });
    assert.deepEqual(s.slots.right.status, { kind: 'failed', message: 'Interrupted', retryable: false });
    s = applyEvent(s, { type: 'reveal', identities: { left: { label: 'opus', model: 'claude-opus-4-7', provider: 'anthropic' }, right: { label: 'glm', model: 'glm-5.2', provider: 'zai' } } });
    assert.equal(s.revealed, true);
    assert.equal(s.slots.left.label, 'opus');
    assert.deepEqual(s.slots.right.identity, { model: 'glm-5.2', provider: 'zai' });
  });

  test('local form edits; locked after save or when read-only', () => {
    let s = fresh();
    s = applyLocal(s, { type: 'draft/verdict', verdict: 'left' });
    s = applyLocal(s, { type: 'draft/rating', criterion: 'grounded', slot: 'left', value: 9 });
    s = applyLocal(s, { type: 'draft/rating', criterion: 'grounded', slot: 'right', value: 2 });
    s = applyLocal(s, { type: 'draft/rating', criterion: 'grounded', slot: 'right', value: null });
    s = applyLocal(s, { type: 'draft/notes', notes: 'left cites real files' });
    assert.deepEqual(s.verdict.draft, { verdict: 'left', ratings: { grounded: { left: 5 } }, notes: 'left cites real files' });
    s = applyLocal(s, { type: 'save/start' });
    assert.equal(s.verdict.saving, true);
    s = applyLocal(s, { type: 'save/failed', message: 'disk full' });
    assert.equal(s.verdict.error, 'disk full');
    assert.equal(s.verdict.saving, false);
    s = applyEvent(s, { type: 'verdictSaved', savedAt: 1000 });
    assert.equal(s.verdict.savedAt, 1000);
    assert.equal(s.verdict.error, null);
    assert.equal(applyLocal(s, { type: 'draft/verdict', verdict: 'tie' }), s);
    const ro: CompareViewState = { ...fresh(), readOnly: true };
    assert.equal(applyLocal(ro, { type: 'draft/notes', notes: 'x' }), ro);
  });

  test('snapshot keeps the local unsaved draft of the same run, not of another run', () => {
    const local = applyLocal(fresh(), { type: 'draft/notes', notes: 'typing…' });
    const snap = { ...applyEvent(fresh(), { type: 'delta', slot: 'left', text: 'more' }), seq: 9 };
    const merged = applySnapshot(local, snap);
    assert.equal(merged.verdict.draft.notes, 'typing…');
    assert.equal(merged.slots.left.text, 'more');
    assert.equal(merged.seq, 9);
    const other = createCompareViewState({ header: { ...header, runId: 'run-2' } });
    assert.equal(applySnapshot(local, other).verdict.draft.notes, '');
    assert.equal(applySnapshot(null, snap), snap);
  });
});
