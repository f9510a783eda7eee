import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { BUILTIN_PRESETS, customPresetsFrom, envKeyWarning, findPreset, isLocalBaseUrl, parseSideSpec, presetIds, resolveSide } from '../../../../src/core/providers/presets';

describe('built-in presets', () => {
  test('endpoints, auth styles and key variables', () => {
    const expected: Record<string, [string, string, string, string | undefined]> = {
      anthropic: ['anthropic', 'https://api.anthropic.com', 'x-api-key', 'ANTHROPIC_API_KEY'],
      openai: ['openai-compatible', 'https://api.openai.com/v1', 'bearer', 'OPENAI_API_KEY'],
      zai: ['openai-compatible', 'https://api.z.ai/api/paas/v4', 'bearer', 'ZAI_API_KEY'],
      'zai-anthropic': ['anthropic', 'https://api.z.ai/api/anthropic', 'bearer', 'ZAI_API_KEY'],
      baseten: ['openai-compatible', 'https://inference.baseten.co/v1', 'bearer', 'BASETEN_API_KEY'],
      openrouter: ['openai-compatible', 'https://openrouter.ai/api/v1', 'bearer', 'OPENROUTER_API_KEY'],
      moonshot: ['openai-compatible', 'https://api.moonshot.ai/v1', 'bearer', 'MOONSHOT_API_KEY'],
      vllm: ['openai-compatible', 'http://localhost:8000/v1', 'none', undefined],
      ollama: ['openai-compatible', 'http://localhost:11434/v1', 'none', undefined],
      lmstudio: ['openai-compatible', 'http://localhost:1234/v1', 'none', undefined],
    };
    for (const [id, [kind, url, auth, env]] of Object.entries(expected)) {
      const p = BUILTIN_PRESETS[id];
      assert.deepEqual([p.id, p.kind, p.baseUrl, p.auth, p.envKey], [id, kind, url, auth, env], id);
    }
    assert.equal(BUILTIN_PRESETS.zai.label, 'z.ai');
    assert.equal(BUILTIN_PRESETS.openai.maxTokensField, 'max_completion_tokens');
  });
});

describe('parseSideSpec', () => {
  test('splits at the first colon; the model may contain ":" and "/"', () => {
    assert.deepEqual(parseSideSpec('anthropic:claude-opus-4-7'), { preset: 'anthropic', model: 'claude-opus-4-7' });
    assert.deepEqual(parseSideSpec('ollama:qwen3:8b'), { preset: 'ollama', model: 'qwen3:8b' });
    assert.deepEqual(parseSideSpec(' openrouter:anthropic/claude-opus-4.7 '), { preset: 'openrouter', model: 'anthropic/claude-opus-4.7' });
    assert.deepEqual(parseSideSpec('vllm:org/model:q4:latest'), { preset: 'vllm', model: 'org/model:q4:latest' });
  });

  test('rejects malformed specs with a hint', () => {
    for (const bad of ['', 'claude-opus-4-7', ':model', 'anthropic:', 'bad preset:model']) {
      const r = parseSideSpec(bad);
      assert.ok('error' in r, bad);
      if ('error' in r) assert.match(r.error, /preset:model|not a preset name|No model chosen/);
    }
  });

  test('with a custom map, the preset must exist (custom or built-in)', () => {
    const { presets } = customPresetsFrom({ mylab: { kind: 'openai-compatible', baseUrl: 'https://llm.lab.example/v1' } });
    assert.deepEqual(parseSideSpec('mylab:llama-4', presets), { preset: 'mylab', model: 'llama-4' });
    const r = parseSideSpec('nope:model', presets);
    assert.ok('error' in r && /Unknown provider preset "nope"/.test(r.error) && r.error.includes('mylab'));
  });
});

describe('custom presets', () => {
  test('valid entries become presets with defaults; bad ones are reported, not thrown', () => {
    const { presets, problems } = customPresetsFrom({
      mylab: { kind: 'openai-compatible', baseUrl: 'https://llm.lab.example/v1', headers: { 'X-Team': 'ml' }, label: 'Lab' },
      gateway: { kind: 'anthropic', baseUrl: 'https://gw.example', auth: 'bearer', envKey: 'GW_KEY' },
      'zai-coding': { kind: 'openai-compatible', baseUrl: 'https://api.z.ai/api/coding/paas/v4', envKey: 'ZAI_CODING_KEY' },
      broken: { kind: 'grpc', baseUrl: 'https://x' },
      nourl: { kind: 'anthropic', baseUrl: 'ftp://x' },
      leaky: { kind: 'anthropic', baseUrl: 'https://x.example', headers: { Authorization: 'Bearer sk-secret' } },
    });
    assert.deepEqual(presets.mylab, { id: 'mylab', label: 'Lab', kind: 'openai-compatible', baseUrl: 'https://llm.lab.example/v1', auth: 'bearer', headers: { 'X-Team': 'ml' } });
    assert.equal(presets.gateway.auth, 'bearer');
    assert.equal(presets.gateway.envKey, 'GW_KEY');
    assert.equal(findPreset('zai-coding', presets)?.baseUrl, 'https://api.z.ai/api/coding/paas/v4');
    assert.equal(findPreset('zai', presets)?.baseUrl, 'https://api.z.ai/api/paas/v4');
    assert.deepEqual(Object.keys(presets).sort(), ['gateway', 'mylab', 'zai-coding']);
    assert.equal(problems.length, 3);
    assert.ok(problems.some((p) => p.includes('broken.kind')));
    assert.ok(problems.some((p) => p.includes('nourl.baseUrl')));
    assert.ok(problems.some((p) => p.includes('must not carry a key')));
    assert.ok(presetIds(presets).includes('mylab') && presetIds(presets).includes('anthropic'));
    assert.deepEqual(customPresetsFrom('nope').presets, {});
    assert.equal(customPresetsFrom([]).problems.length, 1);
  });
});

describe('custom presets never take a built-in slot', () => {
  test('a custom preset named anthropic (any case) is rejected with a clear error and never receives the Anthropic key', () => {
    const { presets, problems } = customPresetsFrom({
      anthropic: { kind: 'anthropic', baseUrl: 'https://evil.example' },
      OpenAI: { kind: 'openai-compatible', baseUrl: 'https://evil.example/v1' },
    });
    assert.deepEqual(presets, {});
    assert.equal(problems.length, 2);
    assert.match(problems[0], /pairwise\.providers\.anthropic: "anthropic" is the name of the built-in preset Anthropic; give the custom endpoint a name of its own/);
    assert.match(problems[1], /"OpenAI" is the name of the built-in preset OpenAI/);
    // What a side named anthropic resolves to: the built-in host, with the built-in's key, never the custom URL.
    const side = resolveSide('anthropic:claude-x', { custom: presets, env: { ANTHROPIC_API_KEY: 'sk-ant-real-key-123456' } });
    assert.ok(!('error' in side));
    assert.equal(side.preset.baseUrl, 'https://api.anthropic.com');
  });

  test('a custom preset cannot take a built-in key variable (envKey ANTHROPIC_API_KEY on another host)', () => {
    const { presets, problems } = customPresetsFrom({ proxy: { kind: 'anthropic', baseUrl: 'https://proxy.example', envKey: 'ANTHROPIC_API_KEY' } });
    assert.deepEqual(presets, {});
    assert.match(problems[0], /pairwise\.providers\.proxy\.envKey: ANTHROPIC_API_KEY is the key variable of the built-in preset Anthropic/);
    const own = resolveSide('mine:m', { custom: customPresetsFrom({ mine: { kind: 'anthropic', baseUrl: 'https://proxy.example' } }).presets,
      env: { ANTHROPIC_API_KEY: 'sk-ant-real-key-123456' } });
    assert.ok(!('error' in own) && own.apiKey === undefined, 'a custom preset without its own envKey gets no key from a built-in variable');
  });

  test('envKey warning: PATH, HOME and names unlike a key variable warn; real key variables do not', () => {
    for (const v of ['PATH', 'HOME', 'home', 'LC_ALL', 'XDG_CONFIG_HOME', 'MY_ENDPOINT']) assert.match(envKeyWarning('lab', v) ?? '', /does not look like an API key variable.*LAB_API_KEY/, v);
    for (const v of ['LAB_API_KEY', 'GW_TOKEN', 'MY_SECRET', undefined]) assert.equal(envKeyWarning('lab', v), undefined, String(v));
  });
});

describe('resolveSide', () => {
  test('key from secret storage wins over the environment; env is read per preset', () => {
    const env = { ZAI_API_KEY: 'zai-from-env-123456' };
    const fromEnv = resolveSide('zai:glm-5.1', { env });
    assert.ok(!('error' in fromEnv) && fromEnv.apiKey === 'zai-from-env-123456' && fromEnv.spec.model === 'glm-5.1');
    const stored = resolveSide('zai:glm-5.1', { env, apiKey: 'zai-stored-abcdef' });
    assert.ok(!('error' in stored) && stored.apiKey === 'zai-stored-abcdef');
    const none = resolveSide('anthropic:claude-opus-4-7', { env: {} });
    assert.ok(!('error' in none) && none.apiKey === undefined);
  });

  test('spec overrides of base URL and headers apply on top of the preset', () => {
    const r = resolveSide({ preset: 'openrouter', model: 'x/y', baseUrl: 'http://127.0.0.1:9/v1', headers: { 'HTTP-Referer': 'pairwise' } }, { env: {} });
    assert.ok(!('error' in r));
    if ('error' in r) return;
    assert.equal(r.preset.baseUrl, 'http://127.0.0.1:9/v1');
    assert.deepEqual(r.preset.headers, { 'HTTP-Referer': 'pairwise' });
    assert.equal(BUILTIN_PRESETS.openrouter.baseUrl, 'https://openrouter.ai/api/v1', 'built-in untouched');
    assert.ok('error' in resolveSide({ preset: 'openrouter', model: 'm', baseUrl: 'not a url' }));
    assert.ok('error' in resolveSide('ghost:model'));
  });

  test('regression: a base URL with user:password@ is refused at once, without repeating it (it was accepted, printed in the CLI\'s send line, and every attempt failed as a lost connection)', () => {
    for (const baseUrl of ['https://alice:S3cretPassw0rd@gw.example/v1', 'http://S3cretPassw0rd@127.0.0.1:9/v1', 'https://:S3cretPassw0rd@gw.example']) {
      const r = resolveSide({ preset: 'zai', model: 'glm-5', baseUrl }, { apiKey: 'k', env: {} });
      assert.ok('error' in r, baseUrl);
      if (!('error' in r)) continue;
      assert.match(r.error, /holds a user name or password/);
      assert.ok(!r.error.includes('S3cretPassw0rd'), 'the password is not repeated');
      const custom = customPresetsFrom({ gw: { kind: 'openai-compatible', baseUrl, envKey: 'GW_KEY' } });
      assert.deepEqual(custom.presets, {});
      assert.equal(custom.problems.length, 1);
      assert.match(custom.problems[0], /pairwise\.providers\.gw\.baseUrl holds a user name or password/);
      assert.ok(!custom.problems[0].includes('S3cretPassw0rd'));
    }
    const plain = resolveSide({ preset: 'zai', model: 'glm-5', baseUrl: 'https://gw.example/v1?team=a@b' }, { apiKey: 'k', env: {} });
    assert.ok(!('error' in plain), 'an @ outside the authority is no user name');
  });

  test('isLocalBaseUrl', () => {
    assert.equal(isLocalBaseUrl('http://localhost:11434/v1'), true);
    assert.equal(isLocalBaseUrl('http://127.0.0.1:8000/v1'), true);
    assert.equal(isLocalBaseUrl('https://api.z.ai/api/paas/v4'), false);
    assert.equal(isLocalBaseUrl('::'), false);
    // Regression: the rest of the loopback block, the root's trailing dot and IPv4-mapped loopback were taken for
    // another machine (a plain-http warning for a server on this one).
    for (const url of ['http://127.0.0.2:8000/v1', 'http://LOCALHOST.:11434/v1', 'http://[0:0:0:0:0:0:0:1]:8080', 'http://[::ffff:127.0.0.1]:9000', 'http://2130706433:80/v1']) {
      assert.equal(isLocalBaseUrl(url), true, url);
    }
    for (const url of ['http://127.0.0.1.nip.io/v1', 'http://localhost.example.com/v1', 'http://128.0.0.1/v1', 'http://[::2]/v1', 'http://[::ffff:10.0.0.1]/v1', 'http://10.127.0.1/v1']) {
      assert.equal(isLocalBaseUrl(url), false, url);
    }
  });
});
