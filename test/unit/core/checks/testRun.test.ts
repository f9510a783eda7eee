import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { OUTPUT_TAIL_BYTES, runTestCommand, testEnvironment } from '../../../../src/core/checks/testRun';

const NODE = JSON.stringify(process.execPath);

/** Running (a zombie waiting for init to reap it counts as dead). */
function alive(pid: number): boolean {
  try { process.kill(pid, 0); } catch { return false; }
  try { return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8')); } catch { return process.platform !== 'linux'; }
}

async function waitDead(pid: number, ms = 3000): Promise<boolean> {
  const end = Date.now() + ms;
  while (Date.now() < end) {
    if (!alive(pid)) return true;
    await new Promise((r) => setTimeout(r, 25));
  }
  return !alive(pid);
}

describe('runTestCommand', () => {
  test('pass and fail with exit code and output', async () => {
    const ok = await runTestCommand({ command: `${NODE} -e "console.log('all good')"`, cwd: tmpdir() });
    assert.equal(ok.status, 'passed');
    assert.equal(ok.exitCode, 0);
    assert.match(ok.outputTail ?? '', /all good/);
    const bad = await runTestCommand({ command: 'echo boom >&2; exit 3', cwd: tmpdir() });
    assert.equal(bad.status, 'failed');
    assert.equal(bad.exitCode, 3);
    assert.match(bad.outputTail ?? '', /boom/);
  });
  test('keeps only the tail of long output', async () => {
    const r = await runTestCommand({ command: `${NODE} -e "for (let i = 0; i < 5000; i++) console.log('line ' + i)"`, cwd: tmpdir() });
    assert.ok(Buffer.byteLength(r.outputTail ?? '') <= OUTPUT_TAIL_BYTES);
    assert.match(r.outputTail ?? '', /line 4999\n$/);
    assert.doesNotMatch(r.outputTail ?? '', /line 10\n/);
  });
  test('timeout kills the whole process group, grandchildren included', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairwise-test-run-'));
    try {
      const pidFile = join(dir, 'pid');
      const started = Date.now();
      const r = await runTestCommand({ command: `sleep 30 & echo $! > "${pidFile}"; wait`, cwd: dir, timeoutMs: 300 });
      assert.equal(r.status, 'timedOut');
      assert.ok(Date.now() - started < 5000);
      const pid = Number(readFileSync(pidFile, 'utf8'));
      assert.ok(await waitDead(pid), 'the background sleep was killed with its group');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
  test('cancel via AbortSignal, before and during the run', async () => {
    const pre = new AbortController();
    pre.abort();
    assert.equal((await runTestCommand({ command: 'exit 0', cwd: tmpdir(), signal: pre.signal })).status, 'cancelled');
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 150);
    const r = await runTestCommand({ command: 'sleep 30', cwd: tmpdir(), signal: ac.signal });
    assert.equal(r.status, 'cancelled');
    assert.ok((r.durationMs ?? 0) < 5000);
  });
  test('a background child left by a finished command does not outlive it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairwise-test-run-'));
    try {
      const pidFile = join(dir, 'pid');
      const r = await runTestCommand({ command: `(sleep 30 >/dev/null 2>&1 &  echo $! > "${pidFile}"); exit 0`, cwd: dir, timeoutMs: 10_000 });
      assert.equal(r.status, 'passed');
      assert.ok((r.durationMs ?? 0) < 5000);
      assert.ok(await waitDead(Number(readFileSync(pidFile, 'utf8'))));
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
  test('credentials are withheld from the command\'s environment', async () => {
    const { env, removed } = testEnvironment({ PATH: '/bin', ANTHROPIC_API_KEY: 'sk-1', GITHUB_TOKEN: 'g', AWS_SECRET_ACCESS_KEY: 's', HOME: '/h' });
    assert.deepEqual(removed, ['ANTHROPIC_API_KEY', 'AWS_SECRET_ACCESS_KEY', 'GITHUB_TOKEN']);
    assert.deepEqual(env, { PATH: '/bin', HOME: '/h', CI: '1', PAIRWISE_CHECK: '1' });
    process.env.PAIRWISE_TEST_FAKE_API_KEY = 'should-not-leak';
    try {
      const r = await runTestCommand({ command: 'echo "key=[$PAIRWISE_TEST_FAKE_API_KEY] ci=$CI"', cwd: tmpdir() });
      assert.match(r.outputTail ?? '', /key=\[\] ci=1/);
      assert.ok(r.envRemoved?.includes('PAIRWISE_TEST_FAKE_API_KEY'));
    } finally { delete process.env.PAIRWISE_TEST_FAKE_API_KEY; }
  });
});
