// Keys go only to the configured host, and only the headers Pairwise chose: both SDKs add the headers of
// ANTHROPIC_CUSTOM_HEADERS / OPENAI_CUSTOM_HEADERS (set for the user's own gateway, often with its token) to every
// request, whatever the host. Pairwise sends a side's preset headers and its auth header, nothing from those variables.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveSide } from '../../../../src/core/providers/presets';
import { PairRun } from '../../../../src/core/run/pairRun';
import { startMockProvider } from '../../../fakes/mockProviders';
import { FAST, PROMPT } from './pairHarness';

const ENV_HEADERS = { ANTHROPIC_CUSTOM_HEADERS: 'X-Gateway-Token: gw-anthropic-SECRET-1\nanthropic-beta: gw-only', OPENAI_CUSTOM_HEADERS: 'X-Proxy-Auth: proxy-openai-SECRET-2' };

describe('headers from the environment', () => {
  test('regression: a side on another host never gets ANTHROPIC_CUSTOM_HEADERS or OPENAI_CUSTOM_HEADERS; preset headers still go', async () => {
    const anth = await startMockProvider({ kind: 'anthropic' });
    const oai = await startMockProvider({ kind: 'openai' });
    const saved = { ...process.env };
    Object.assign(process.env, ENV_HEADERS);
    try {
      const custom = { gw: { id: 'gw', label: 'gw', kind: 'openai-compatible' as const, baseUrl: oai.url, auth: 'bearer' as const, envKey: 'GW_KEY', headers: { 'X-Preset': 'kept' } } };
      const a = resolveSide({ preset: 'zai-anthropic', model: 'glm-5', baseUrl: anth.url }, { apiKey: 'zai-key-0123456789abcdef', env: {} });
      const b = resolveSide({ preset: 'gw', model: 'm' }, { custom, env: { GW_KEY: 'gw-key-0123456789abcdef' } });
      assert.ok(!('error' in a) && !('error' in b));
      const out = await new PairRun({ a, b, prompt: PROMPT, options: FAST }).start();
      assert.ok(out.a.ok && out.b.ok, JSON.stringify([out.a, out.b]).slice(0, 400));
      const sent = [...anth.requests, ...oai.requests];
      assert.equal(sent.length, 2);
      for (const q of sent) {
        const h = JSON.stringify(q.headers);
        assert.ok(!h.includes('SECRET') && !h.includes('gw-only'), `no header from the environment reached ${q.path}: ${h}`);
      }
      assert.equal(oai.requests[0].headers['x-preset'], 'kept', 'a preset\'s own headers are sent');
      assert.equal(oai.requests[0].headers.authorization, 'Bearer gw-key-0123456789abcdef');
      assert.equal(anth.requests[0].headers.authorization, 'Bearer zai-key-0123456789abcdef');
    } finally {
      for (const k of Object.keys(ENV_HEADERS)) { if (k in saved) process.env[k] = saved[k]; else delete process.env[k]; }
      await anth.close(); await oai.close();
    }
  });
});
