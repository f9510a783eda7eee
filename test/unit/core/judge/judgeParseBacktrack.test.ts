// Regression: the judge's answer (model output, up to 2 MB) is parsed on the extension host's thread. Its rating-line
// pattern had two adjacent runs of spaces around an optional separator (`\s*[,;]?\s*`), so a rating line with a long
// run of tabs before a wrong character backtracked quadratically: 20,000 tabs took 0.35 s, 80,000 8.5 s, the cap
// hours. 400,000 tabs are rejected in milliseconds now, with the same error; rating lines read as before.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parseJudgeAnswer } from '../../../../src/core/judge/judgeParse';

const IDS = ['grounded', 'route'];

describe('a judge rating line with a long run of spaces', () => {
  test('regression: 400,000 tabs before a wrong character is rejected in milliseconds', () => {
    const t0 = performance.now();
    const r = parseJudgeAnswer(`===VERDICT===\nA\n===RATINGS===\ngrounded: A=1${'\t'.repeat(400_000)}-\n===REASON===\nx`, IDS);
    assert.ok(performance.now() - t0 < 1000, `${Math.round(performance.now() - t0)} ms`);
    assert.ok(!r.ok && /is not "criterion: A=1-5 B=1-5"/.test(r.error));
  });

  test('separators and spaces are read as before', () => {
    const r = parseJudgeAnswer('===VERDICT===\nB\n===RATINGS===\ngrounded: A=2 ;\tB=5\nroute:A=3,B=4\n===REASON===\nok', IDS);
    assert.ok(r.ok, r.ok ? '' : r.error);
    assert.deepEqual(r.ratings, { grounded: { A: 2, B: 5 }, route: { A: 3, B: 4 } });
    assert.ok(!parseJudgeAnswer('===VERDICT===\nB\n===RATINGS===\nroute: A=3 ;; B=4\n===REASON===\nok', IDS).ok);
  });
});
