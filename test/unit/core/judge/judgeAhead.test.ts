// batch --judge prices the judge before any draft exists: the prefix counted exactly, drafts at a typical length and
// at their cap. The expected dollars are worked out here from the list prices by hand (Anthropic: cache write 1.25×,
// read 0.1× of input; z.ai GLM-5: $1 in, $0.2 cached, $3.2 out), not through the pricing module.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { countTokens } from '../../../../src/core/context/tokenCount';
import { estimateJudgeAhead, TYPICAL_DRAFT_TOKENS } from '../../../../src/core/judge/judgeAhead';
import { judgeContext } from '../../../../src/core/judge/judgeContext';
import { JUDGE_MAX_TOKENS } from '../../../../src/core/judge/judgeOrders';
import { buildJudgePrompts } from '../../../../src/core/judge/judgePrompt';
import { TYPICAL_JUDGE_OUTPUT_TOKENS } from '../../../../src/core/judge/judgeQueue';
import { DEFAULT_JUDGE_RUBRIC } from '../../../../src/core/judge/rubric';
import { resolveSide } from '../../../../src/core/providers/presets';
import type { ResolvedSide } from '../../../../src/core/providers/types';
import type { BuiltPrompt } from '../../../../src/core/prompt/types';

function side(preset: string, model: string): ResolvedSide {
  const r = resolveSide({ preset, model, baseUrl: 'http://127.0.0.1:9' }, { apiKey: 'test-key', env: {} });
  if ('error' in r) throw new Error(r.error);
  return r;
}

function prompt(marker: string): BuiltPrompt {
  const repo = `<repository name="demo">\n<file path="src/cache.py">\n${'def get(key):\n    return table[key]\n'.repeat(40)}# ${marker}\n</file>\n</repository>`;
  return { templateVersion: 't', system: 'You are a careful engineer.', blocks: [{ kind: 'repo', text: repo }, { kind: 'paper', text: '<paper>LRU caching of tables.</paper>' }], task: 'Decide.', prefixHash: `hash-${marker}`, mode: 'pin' };
}

const PAPER = { id: 'arXiv:2401.00001', title: 'Caching Tables' };

/** Prefix and empty-draft task tokens of one pair's judge prompt. */
function tokensOf(p: BuiltPrompt): { P: number; T: number } {
  const jp = buildJudgePrompts({ context: judgeContext({ prompt: p }), rubric: DEFAULT_JUDGE_RUBRIC, repoName: 'demo', paper: PAPER, drafts: { a: '', b: '' } });
  return { P: countTokens([jp.ab.system, ...jp.ab.blocks.map((b) => b.text)].join('\n')), T: countTokens(jp.ab.task) };
}

describe('judge cost before the drafts exist', () => {
  test('Anthropic judge: prefix written once at 1.25x and read at 0.1x, both drafts in each order, typical and capped answers', () => {
    const p = prompt('one');
    const { P, T } = tokensOf(p);
    const est = estimateJudgeAhead([{ prompt: p, repoName: 'demo', paper: PAPER }], side('anthropic', 'claude-haiku-4-5'), 8192);
    const usd = (draft: number, answer: number) => (2 * (T + 2 * draft) * 1 + P * 1.25 + P * 0.1 + 2 * answer * 5) / 1e6;
    assert.equal(est.pairs, 1);
    assert.ok(Math.abs((est.usd ?? -1) - usd(TYPICAL_DRAFT_TOKENS, TYPICAL_JUDGE_OUTPUT_TOKENS)) < 1e-12, `${est.usd}`);
    assert.ok(Math.abs((est.usdMax ?? -1) - usd(8192, JUDGE_MAX_TOKENS)) < 1e-12, `${est.usdMax}`);
    assert.equal(est.inputTokens, 2 * (P + T + 2 * TYPICAL_DRAFT_TOKENS));
    assert.ok(P > 400, `the prefix holds the context (${P} tokens)`);
  });

  test('z.ai GLM judge: no cache write, the second order reads the prefix at the cached rate; pairs add up', () => {
    const a = prompt('a');
    const b = prompt('b');
    const ta = tokensOf(a);
    const tb = tokensOf(b);
    const judge = side('zai', 'glm-5');
    const est = estimateJudgeAhead([{ prompt: a, repoName: 'demo', paper: PAPER }, { prompt: b, repoName: 'demo', paper: PAPER }, { prompt: a, repoName: 'demo', paper: PAPER }], judge, 4000);
    const one = (t: { P: number; T: number }, draft: number, answer: number) => ((t.T + 2 * draft + t.P) * 1 + (t.T + 2 * draft) * 1 + t.P * 0.2 + 2 * answer * 3.2) / 1e6;
    const want = 2 * one(ta, TYPICAL_DRAFT_TOKENS, TYPICAL_JUDGE_OUTPUT_TOKENS) + one(tb, TYPICAL_DRAFT_TOKENS, TYPICAL_JUDGE_OUTPUT_TOKENS);
    assert.equal(est.pairs, 3);
    assert.ok(Math.abs((est.usd ?? -1) - want) < 1e-12, `${est.usd} vs ${want}`);
    assert.ok(Math.abs((est.usdMax ?? -1) - (2 * one(ta, 4000, JUDGE_MAX_TOKENS) + one(tb, 4000, JUDGE_MAX_TOKENS))) < 1e-12);
  });

  test('a judge model without a known price gives no dollar figure, and no pair gives zero', () => {
    const est = estimateJudgeAhead([{ prompt: prompt('x'), repoName: 'demo' }], side('vllm', 'my-local-model'), 8192);
    assert.equal(est.usd, null);
    assert.equal(est.usdMax, null);
    assert.ok(est.inputTokens > 0);
    assert.deepEqual(estimateJudgeAhead([], side('anthropic', 'claude-haiku-4-5'), 8192), { pairs: 0, usd: 0, usdMax: 0, inputTokens: 0 });
  });
});
