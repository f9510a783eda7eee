// The editor's judge questions say, like the compare question and the CLI's judge line, when the judge is reached over
// plain http on another machine: the key and the drafts cross the network unencrypted. Regression: Ask Judge and Judge
// Pending asked for consent without a word about it.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSide } from '../../../../src/core/providers/presets';
import type { ResolvedSide } from '../../../../src/core/providers/types';
import { askJudgeDetail, judgeQueueDetail } from '../../../../src/extension/judge/judgeConsentText';

function judgeAt(baseUrl: string | undefined): ResolvedSide {
  const r = resolveSide({ preset: 'openai', model: 'gpt-5', ...(baseUrl ? { baseUrl } : {}) }, { env: {}, apiKey: 'sk-test' });
  assert.ok(!('error' in r), JSON.stringify(r));
  return r;
}

const EST = { usd: 0.02, usdMax: 0.05, inputTokens: 12_000, pairs: 2, fullContext: 2 };

describe('the editor\'s judge consent questions', () => {
  test('regression: a judge over plain http on another machine is warned about in Ask Judge and Judge Pending', () => {
    const lan = judgeAt('http://192.168.1.20:8080/v1');
    for (const detail of [askJudgeDetail(lan, EST), judgeQueueDetail(lan, EST, '')]) {
      assert.match(detail, /Warning: 192\.168\.1\.20:8080 is reached over plain http: the key and everything sent cross the network unencrypted/);
      assert.match(detail, /192\.168\.1\.20/);
    }
  });

  test('https and this machine get no warning; the rest of the text is as before', () => {
    for (const url of [undefined, 'http://127.0.0.1:11434/v1', 'http://localhost:8080/v1', 'https://10.0.0.5/v1']) {
      const judge = judgeAt(url);
      assert.doesNotMatch(askJudgeDetail(judge, EST), /Warning/);
      assert.doesNotMatch(judgeQueueDetail(judge, EST, '1 already answered by this judge'), /Warning/);
    }
    const judge = judgeAt(undefined);
    assert.equal(askJudgeDetail(judge, EST), 'Sends the paper, the context the sides got (or its summary), both drafts and their check results to api.openai.com — twice, once in each order, '
      + 'so position bias shows. Estimated cost: $0.02 (at most $0.05). The answer is recorded as the judge\'s own; your verdict is never changed.');
    assert.equal(judgeQueueDetail(judge, EST, 'x'), 'Each comparison is judged twice, once in each order: the repository context the sides were sent, the paper, both drafts and their checks go to api.openai.com. '
      + 'Estimated cost: $0.02 (at most $0.05 if every answer runs to the output cap), about 12,000 input tokens. Skipped: x. Answers are recorded as the judge\'s own; your verdicts stay pending, and on blind comparisons you see the judge\'s verdict only after yours.');
  });
});
