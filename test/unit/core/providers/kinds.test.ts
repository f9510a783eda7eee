// The provider-kind registry: every kind is complete, an unknown kind is a clear error (never a silent
// fallback to another wire protocol), and presets take their default auth from the registry.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { isProviderKind, PROVIDER_KIND_IDS, PROVIDER_KINDS, providerKind } from '../../../../src/core/providers/kinds';
import { customPresetsFrom } from '../../../../src/core/providers/presets';
import { openProvider } from '../../../../src/core/providers/providerClient';
import type { ProviderPreset } from '../../../../src/core/providers/types';

const PROMPT = { system: 's', blocks: [], task: 't' };

describe('provider kind registry', () => {
  test('lists both kinds, each with a label, a default auth, open and preload', async () => {
    assert.deepEqual([...PROVIDER_KIND_IDS].sort(), ['anthropic', 'openai-compatible']);
    for (const id of PROVIDER_KIND_IDS) {
      const k = PROVIDER_KINDS[id];
      assert.equal(k.kind, id);
      assert.ok(k.label.length > 3);
      assert.ok(['x-api-key', 'bearer', 'none'].includes(k.defaultAuth));
      assert.equal(await k.preload(), undefined, 'preload resolves (never rejects)');
    }
  });

  test('each kind opens its own SDK client', async () => {
    for (const id of PROVIDER_KIND_IDS) {
      const preset: ProviderPreset = { id: 'x', label: 'X', kind: id, baseUrl: 'http://127.0.0.1:9/v1', auth: 'none' };
      const client = await openProvider({ preset, model: 'm', prompt: PROMPT, maxTokens: 16 });
      assert.equal(typeof client.stream, 'function');
    }
  });

  test('an unknown kind is a clear error naming the known kinds, not OpenAI by default', async () => {
    assert.equal(isProviderKind('gemini'), false);
    assert.equal(isProviderKind('toString'), false, 'no prototype keys');
    assert.throws(() => providerKind('gemini'), /Unknown provider kind "gemini"\. Known kinds: anthropic, openai-compatible\./);
    const preset = { id: 'x', label: 'X', kind: 'gemini', baseUrl: 'http://127.0.0.1:9', auth: 'none' } as unknown as ProviderPreset;
    await assert.rejects(openProvider({ preset, model: 'm', prompt: PROMPT, maxTokens: 16 }), /Unknown provider kind "gemini"/);
  });

  test('custom presets: kind validated against the registry, default auth from it', () => {
    const { presets, problems } = customPresetsFrom({
      a: { kind: 'anthropic', baseUrl: 'https://a.example' },
      o: { kind: 'openai-compatible', baseUrl: 'https://o.example/v1' },
      g: { kind: 'gemini', baseUrl: 'https://g.example' },
    });
    assert.equal(presets.a.auth, PROVIDER_KINDS.anthropic.defaultAuth);
    assert.equal(presets.o.auth, PROVIDER_KINDS['openai-compatible'].defaultAuth);
    assert.equal(presets.g, undefined);
    assert.deepEqual(problems, ['pairwise.providers.g.kind must be "anthropic" or "openai-compatible".']);
  });
});
