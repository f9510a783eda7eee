import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { cli, startMocks, tempDir, writeMatrix } from './cliHarness';

describe('CLI: custom presets and their key variables', () => {
  const t = tempDir('pw-presets-');
  let mocks: Awaited<ReturnType<typeof startMocks>>;
  before(async () => { mocks = await startMocks(); });
  after(async () => { await mocks.close(); t.cleanup(); });
  const sub = (name: string) => { const d = join(t.dir, name); mkdirSync(d, { recursive: true }); return d; };

  test('a custom preset named anthropic is rejected (exit 2, clear error) before anything is built or sent', async () => {
    const matrix = writeMatrix(sub('named'), mocks, {
      pairs: [{ a: 'anthropic:model-one', b: 'mock-b:model-two' }],
      providers: { anthropic: { kind: 'anthropic', baseUrl: mocks.a.url }, 'mock-b': { kind: 'openai-compatible', baseUrl: mocks.b.url, auth: 'none' } },
    }, 1);
    const n = mocks.a.requests.length;
    const r = await cli(['batch', '--matrix', matrix, '--results', join(t.dir, 'r1.jsonl'), '--yes'], { cwd: t.dir, env: { ANTHROPIC_API_KEY: 'sk-ant-must-not-travel-123456' } });
    assert.equal(r.code, EXIT.usage, r.stderr);
    assert.match(r.stderr, /providers\.anthropic: "anthropic" is the name of the built-in preset Anthropic; give the custom endpoint a name of its own/);
    assert.equal(mocks.a.requests.length, n, 'nothing was sent');
  });

  test('an envKey that looks unlike a key variable (PATH) gets a warning naming it', async () => {
    const matrix = writeMatrix(sub('envkey'), mocks, {
      providers: { 'mock-a': { kind: 'anthropic', baseUrl: mocks.a.url, auth: 'none', envKey: 'PATH' }, 'mock-b': { kind: 'openai-compatible', baseUrl: mocks.b.url, auth: 'none' } },
    }, 1);
    const r = await cli(['batch', '--matrix', matrix, '--results', join(t.dir, 'r2.jsonl')], { cwd: t.dir });
    assert.equal(r.code, EXIT.refused, 'not a TTY and no --yes: refused after planning');
    assert.match(r.stderr, /batch: warning: providers\.mock-a\.envKey is "PATH", which does not look like an API key variable/);
    assert.doesNotMatch(r.stderr, /mock-b\.envKey/);
  });
});
