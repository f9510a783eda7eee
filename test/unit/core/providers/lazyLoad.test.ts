// Importing src/core/providers (or src/core/run) must not load either SDK; the first run loads only the one it needs.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';

const root = resolve(__dirname, '../../../..');
const url = (p: string) => pathToFileURL(join(root, p)).href;

test('SDKs load lazily, one kind at a time', async () => {
  const dir = await mkdtemp(join(tmpdir(), 'pairwise-lazy-'));
  try {
    const script = join(dir, 'probe.mts');
    await writeFile(script, `
import { registerHooks } from 'node:module';
const seen = [];
registerHooks({ resolve(spec, ctx, next) { if (/^@anthropic-ai\\/sdk|^openai(\\/|$)/.test(spec)) seen.push(spec); return next(spec, ctx); } });
await import(${JSON.stringify(url('src/core/providers/index.ts'))});
await import(${JSON.stringify(url('src/core/run/index.ts'))});
const before = [...seen];
const { openProvider } = await import(${JSON.stringify(url('src/core/providers/providerClient.ts'))});
await openProvider({ preset: { id: 'x', label: 'x', kind: 'openai-compatible', baseUrl: 'http://127.0.0.1:9/v1', auth: 'none' },
  model: 'm', prompt: { system: '', blocks: [], task: 't' }, maxTokens: 1 });
console.log(JSON.stringify({ before, after: seen }));
`);
    const { stdout } = await promisify(execFile)(process.execPath, ['--import', 'tsx', script], { cwd: root, timeout: 20_000 });
    const { before, after } = JSON.parse(stdout.trim().split('\n').at(-1) ?? '{}') as { before: string[]; after: string[] };
    assert.deepEqual(before, [], 'importing the modules loads no SDK');
    assert.ok(after.includes('openai'), 'opening an OpenAI-compatible side loads the openai SDK');
    assert.ok(!after.some((s) => s.startsWith('@anthropic-ai/sdk')), 'and not the Anthropic one');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
});
