// The CLI ends within 2 s of SIGTERM at any point: during a run whose provider drips forever, and while it
// checks a huge or pathological draft (the checks run in a worker thread, so the main thread stays responsive).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { scenarios } from '../../fakes/mockProviders';
import { makeRepo, spawnCli, startMocks, tempDir } from './cliHarness';

const KEY = 'sk-test-0123456789abcdefghijklmnopqrstuv';

/** Sends SIGTERM once `ready` says so (or after `fallbackMs`) and returns the ms from the signal to the exit. */
async function termAndTime(run: ReturnType<typeof spawnCli>, ready: (stderr: string) => boolean, fallbackMs: number): Promise<{ ms: number; signal: string | null; code: number | null }> {
  let stderr = '';
  await new Promise<void>((resolve) => {
    const t = setTimeout(resolve, fallbackMs);
    run.child.stderr?.on('data', (d: Buffer) => { stderr += d.toString(); if (ready(stderr)) { clearTimeout(t); resolve(); } });
  });
  const sent = Date.now();
  run.child.kill('SIGTERM');
  const guard = setTimeout(() => run.child.kill('SIGKILL'), 30_000);
  const out = await run.done;
  clearTimeout(guard);
  return { ms: Date.now() - sent, signal: out.signal, code: out.code };
}

describe('pairwise ends within 2 s of SIGTERM', () => {
  const t = tempDir();
  let mocks: Awaited<ReturnType<typeof startMocks>>;
  before(async () => {
    makeRepo(join(t.dir, 'repo'), { 'src/main.py': 'def parse_table(x):\n    return x\n' });
    writeFileSync(join(t.dir, 'paper.md'), '# Table caching\n\n## Abstract\n\nCache parsed tables.\n');
    const wrap = (body: string, patch = '') => `===ROUTE===\nISSUE\n===TITLE===\nHuge\n===BODY===\n${body}\n===PATCH===\n${patch}\n===REASON===\nr\n`;
    writeFileSync(join(t.dir, 'huge.txt'), wrap('a'.repeat(15 * 1024 * 1024)));
    writeFileSync(join(t.dir, 'patho.txt'), wrap('a@'.repeat(900 * 1024) + '\n' + '`a'.repeat(900 * 1024)));
    mocks = await startMocks(scenarios.ok(), scenarios.byteDrip(1000));
  });
  after(async () => { await mocks.close(); t.cleanup(); });

  test('during a run whose provider drips one byte a second', async () => {
    const run = spawnCli(['compare', '--repo', 'repo', '--paper', 'paper.md', '--a', 'anthropic:claude-opus-4-7', '--b', 'openai:gpt-5',
      '--a-base-url', mocks.a.url, '--b-base-url', mocks.b.url, '--yes', '--no-checks'], t.dir, { ANTHROPIC_API_KEY: KEY, OPENAI_API_KEY: KEY });
    const r = await termAndTime(run, (s) => /About to send/.test(s) && mocks.b.requests.length > 0, 120_000);
    assert.ok(r.ms < 2000, `exited ${r.ms} ms after SIGTERM`);
    assert.equal(r.signal, 'SIGTERM', `still running when signalled (exit code ${r.code})`);
  });

  for (const [name, file] of [['a 15 MB draft (over the limit, under the refuse-unread size)', 'huge.txt'], ['a 3.5 MB pathological draft (checks in progress)', 'patho.txt']]) {
    test(`while checking ${name}`, async () => {
      const run = spawnCli(['check', '--repo', 'repo', '--draft', file, '--json'], t.dir);
      // No output before the report: signal once the process has had time to start reading and scanning.
      const r = await termAndTime(run, () => false, 8000);
      // On a fast machine the check may already be over; either way the process is gone within 2 s of the signal.
      assert.ok(r.signal === 'SIGTERM' || r.code !== null, 'the process ended');
      assert.ok(r.ms < 2000, `exited ${r.ms} ms after SIGTERM`);
    });
  }
});
