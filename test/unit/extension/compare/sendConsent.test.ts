// Consent to send is given for destinations, not for a workspace once and for all: after "Send" for two hosts, moving a
// side to another host (another preset, a custom preset's base URL, http instead of https) asks again.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { customPresetsFrom, resolveSide } from '../../../../src/core/providers/presets';
import type { ResolvedSide, SideId } from '../../../../src/core/providers/types';
import { CONSENT_HOSTS_KEY, sendDestinations, unconsentedDestinations, withConsent } from '../../../../src/extension/compare/sendConsent';

const ROOT = join(import.meta.dirname, '../../../..');
const custom = customPresetsFrom({ corp: { kind: 'openai-compatible', baseUrl: 'https://llm.corp.example/v1', auth: 'none' } }).presets;
function side(text: string): ResolvedSide {
  const r = resolveSide(text, { custom, env: { ANTHROPIC_API_KEY: 'k', ZAI_API_KEY: 'k' } });
  assert.ok(!('error' in r), JSON.stringify(r));
  return r;
}
const pair = (a: ResolvedSide, b: ResolvedSide): Record<SideId, ResolvedSide> => ({ a, b });

describe('send consent is scoped to destinations', () => {
  test('regression: consent given for two hosts does not cover a side moved to another host', () => {
    const first = pair(side('anthropic:claude-opus-4-7'), side('zai:glm-5.2'));
    assert.deepEqual(unconsentedDestinations(undefined, first), ['https://api.anthropic.com', 'https://api.z.ai'], 'nothing consented yet: ask');
    const stored = withConsent(undefined, first);
    assert.deepEqual(unconsentedDestinations(stored, first), [], 'the same hosts again: no question');
    assert.deepEqual(unconsentedDestinations(stored, pair(side('anthropic:claude-sonnet-4-5'), side('zai:glm-4.6'))), [], 'another model on the same hosts: no question');
    assert.deepEqual(unconsentedDestinations(stored, pair(first.a, side('corp:qwen3'))), ['https://llm.corp.example'], 'a custom preset\'s host: ask');
    const overridden = side('zai:glm-5.2');
    overridden.spec.baseUrl = 'https://proxy.example.net/zai';
    assert.deepEqual(unconsentedDestinations(stored, pair(first.a, overridden)), ['https://proxy.example.net'], 'a base URL override: ask');
    const plain = side('zai:glm-5.2');
    plain.spec.baseUrl = 'http://api.z.ai/api/paas/v4';
    assert.deepEqual(unconsentedDestinations(stored, pair(first.a, plain)), ['http://api.z.ai'], 'the same host over plain http: ask');
    assert.deepEqual(withConsent(stored, pair(first.a, side('corp:qwen3'))), ['https://api.anthropic.com', 'https://api.z.ai', 'https://llm.corp.example']);
  });

  test('the consent stored by earlier versions (a bare true, hosts unknown) covers no destination', () => {
    assert.deepEqual(unconsentedDestinations(true, pair(side('anthropic:claude-opus-4-7'), side('anthropic:claude-opus-4-7'))), ['https://api.anthropic.com']);
    assert.deepEqual(sendDestinations(pair(side('anthropic:a'), side('anthropic:b'))), ['https://api.anthropic.com']);
  });

  test('the Compare command decides through these destinations (no workspace-wide flag)', () => {
    const src = readFileSync(join(ROOT, 'src/extension/compare/contextStep.ts'), 'utf8');
    assert.ok(!/consentGiven/.test(src), 'the workspace-wide boolean is gone');
    const body = src.slice(src.indexOf('export async function confirmSend'));
    assert.ok(body.indexOf('unconsentedDestinations(') > 0 && body.indexOf('unconsentedDestinations(') < body.indexOf('showWarning('), 'checked before anything is shown or sent');
    assert.match(body, /update\(CONSENT_HOSTS_KEY, withConsent\(/, 'a yes adds the destinations to what was consented');
    assert.equal(CONSENT_HOSTS_KEY, 'pairwise.consentHosts');
  });
});
