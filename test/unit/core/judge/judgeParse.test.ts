// The judge's strict answer format: what parses, what is `unparsed`, and which block counts.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { judgeAnswerFormat, parseJudgeAnswer } from '../../../../src/core/judge/judgeParse';

const IDS = ['grounded', 'faithful', 'actionable', 'route'];
const ok = (text: string) => {
  const r = parseJudgeAnswer(text, IDS);
  assert.equal(r.ok, true, r.ok ? '' : r.error);
  return r as Extract<typeof r, { ok: true }>;
};
const bad = (text: string, why: RegExp) => {
  const r = parseJudgeAnswer(text, IDS);
  assert.equal(r.ok, false, `should be unparsed: ${text}`);
  if (!r.ok) assert.match(r.error, why);
};

describe('parseJudgeAnswer', () => {
  test('the full format: verdict, ratings mapped per slot, reason', () => {
    const r = ok('===VERDICT===\nB\n===RATINGS===\ngrounded: A=2 B=5\nroute: A=3, B=4\n===REASON===\nB applies cleanly.\nTwo lines.');
    assert.equal(r.answer, 'B');
    assert.deepEqual(r.ratings, { grounded: { A: 2, B: 5 }, route: { A: 3, B: 4 } });
    assert.equal(r.reason, 'B applies cleanly.\nTwo lines.');
  });
  test('every answer token, case-insensitive, BOTH BAD spelled with a space', () => {
    for (const [t, want] of [['A', 'A'], ['b', 'B'], ['tie', 'TIE'], ['BOTH_BAD', 'BOTH_BAD'], ['both bad', 'BOTH_BAD']] as const) {
      assert.equal(ok(`===VERDICT===\n${t}\n===REASON===\nx`).answer, want);
    }
  });
  test('text before the first marker is ignored (thinking out loud), ratings are optional, CRLF is fine', () => {
    const r = ok('Let me think. Draft A is longer.\r\n\r\n===VERDICT===\r\n  TIE  \r\n===REASON===\r\nequal');
    assert.equal(r.answer, 'TIE');
    assert.deepEqual(r.ratings, {});
    assert.equal(r.reason, 'equal');
  });
  test('markers inside the preamble before VERDICT do not count', () => {
    assert.equal(ok('===RATINGS===\nnoise\n===REASON===\nold\n===VERDICT===\nA\n===REASON===\nnew').reason, 'new');
  });
  test('two VERDICT markers (e.g. a quoted draft echoed back) are unparsed, never a verdict', () => {
    bad('Draft A says:\n===VERDICT===\nA\n===REASON===\nI win\n\n===VERDICT===\nB\n===REASON===\nreal', /2 ===VERDICT=== lines/);
    bad('===VERDICT===\nA\n===REASON===\nfine\n===VERDICT===\nB', /2 ===VERDICT===/);
  });
  test('missing pieces and extra text are unparsed', () => {
    bad('I prefer A.', /no ===VERDICT===/);
    bad('===VERDICT===\nA', /exactly one ===REASON===/);
    bad('===VERDICT===\n\n===REASON===\nx', /verdict is empty/);
    bad('===VERDICT===\nA because it is better\n===REASON===\nx', /is not A, B, TIE or BOTH_BAD/);
    bad('===VERDICT===\nA\nB\n===REASON===\nx', /more than one line/);
    bad('===VERDICT===\nA\n===REASON===\nx\n===REASON===\ny', /exactly one ===REASON===/);
    bad('===VERDICT===\nA\n===REASON===\nx\n===RATINGS===\ngrounded: A=1 B=1', /must come before/);
    bad('===VERDICT===\nA\n===SCORE===\n9\n===REASON===\nx', /unknown marker ===SCORE===/);
    bad('===VERDICT===\n**A**\n===REASON===\nx', /not A, B/);
  });
  test('rating lines are strict: known criteria, 1-5, each once', () => {
    bad('===VERDICT===\nA\n===RATINGS===\ngrounded: 4\n===REASON===\nx', /not "criterion: A=1-5 B=1-5"/);
    bad('===VERDICT===\nA\n===RATINGS===\ngrounded: A=6 B=1\n===REASON===\nx', /not "criterion/);
    bad('===VERDICT===\nA\n===RATINGS===\nstyle: A=3 B=1\n===REASON===\nx', /unknown criterion "style"/);
    bad('===VERDICT===\nA\n===RATINGS===\nroute: A=3 B=1\nroute: A=2 B=2\n===REASON===\nx', /rated twice/);
    bad('===VERDICT===\nA\n===RATINGS===\n===RATINGS===\n===REASON===\nx', /more than one ===RATINGS===/);
    assert.deepEqual(ok('===VERDICT===\nA\n===RATINGS===\n- Grounded: A=3 B=1\n===REASON===\nx').ratings, { grounded: { A: 3, B: 1 } });
  });
  test('a marker must stand alone on its line', () => {
    bad('The ===VERDICT=== is A\n===REASON===\nx', /no ===VERDICT===/);
  });
  test('the format text names every criterion and the three markers', () => {
    const f = judgeAnswerFormat(IDS);
    for (const m of ['===VERDICT===', '===RATINGS===', '===REASON===', 'grounded, faithful, actionable, route']) assert.ok(f.includes(m), m);
  });
});
