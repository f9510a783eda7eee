// The self-preference guard: model families from the registry table and the warning text.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { modelFamily, sameFamilySides, selfPreferenceWarning } from '../../../../src/core/judge/family';

describe('model families', () => {
  test('model ids name their family whatever the preset', () => {
    const cases: [string, string, string | undefined][] = [
      ['anthropic', 'claude-opus-4-7', 'claude'], ['openrouter', 'anthropic/claude-sonnet-4.5', 'claude'],
      ['openai', 'gpt-5', 'gpt'], ['openai', 'o3-mini', 'gpt'], ['openrouter', 'openai/o4-mini', 'gpt'], ['openai', 'o1', 'gpt'],
      ['zai', 'glm-4.6', 'glm'], ['zai-anthropic', 'glm-5', 'glm'], ['ollama', 'qwen3:8b', 'qwen'], ['baseten', 'Qwen/Qwen3-Coder-480B', 'qwen'],
      ['ollama', 'llama3.1:70b', 'llama'], ['openrouter', 'meta-llama/llama-4-maverick', 'llama'], ['openrouter', 'deepseek/deepseek-r1', 'deepseek'],
      ['openrouter', 'google/gemini-2.5-pro', 'gemini'], ['ollama', 'mistral-small', 'mistral'], ['vllm', 'codestral-22b', 'mistral'],
      ['moonshot', 'kimi-k2', 'kimi'], ['openrouter', 'x-ai/grok-4', 'grok'],
      ['vllm', 'my-finetune', undefined], ['anthropic', 'my-proxy-model', 'claude'], ['ollama', 'yolo2', undefined],
    ];
    for (const [preset, model, fam] of cases) assert.equal(modelFamily(preset, model), fam, `${preset}:${model}`);
  });
  test('sameFamily lists the sides of the judge\'s family; unknown families never match', () => {
    const sides = { a: { preset: 'anthropic', model: 'claude-opus-4-7' }, b: { preset: 'zai', model: 'glm-5' } };
    assert.deepEqual(sameFamilySides({ preset: 'openrouter', model: 'anthropic/claude-haiku-4.5' }, sides), ['a']);
    assert.deepEqual(sameFamilySides({ preset: 'zai', model: 'glm-4.6' }, sides), ['b']);
    assert.deepEqual(sameFamilySides({ preset: 'openai', model: 'gpt-5' }, sides), []);
    assert.deepEqual(sameFamilySides({ preset: 'vllm', model: 'x' }, { a: { preset: 'vllm', model: 'y' }, b: { preset: 'vllm', model: 'x' } }), []);
    assert.deepEqual(sameFamilySides({ preset: 'anthropic', model: 'claude-x' }, { a: sides.a, b: { preset: 'anthropic', model: 'claude-y' } }), ['a', 'b']);
  });
  test('the warning names the judge, the family and the same-family side', () => {
    const w = selfPreferenceWarning({ preset: 'anthropic', model: 'claude-haiku-4-5' }, { a: { preset: 'anthropic', model: 'claude-opus-4-7' }, b: { preset: 'zai', model: 'glm-5' } });
    assert.match(w ?? '', /^Judge anthropic:claude-haiku-4-5 is of the claude family, like anthropic:claude-opus-4-7: .*self-preference/);
    assert.equal(selfPreferenceWarning({ preset: 'openai', model: 'gpt-5' }, { a: { preset: 'zai', model: 'glm-5' }, b: { preset: 'zai', model: 'glm-5' } }), undefined);
  });
});
