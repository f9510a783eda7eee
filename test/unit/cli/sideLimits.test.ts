// `--side-deadline` and `--max-output-bytes`: a dripping or flooding provider cannot hold `pairwise compare`;
// the other side is recorded, the exit code says one side failed, and a spawned CLI exits on its own.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { scenarios } from '../../fakes/mockProviders';
import { cli, comparisons, makeRepo, spawnCli, startMocks, tempDir } from './cliHarness';

const KEY = 'sk-test-0123456789abcdefghijklmnopqrstuv';
const env = { ANTHROPIC_API_KEY: KEY, OPENAI_API_KEY: KEY };

describe('pairwise compare: bounds per side', () => {
  const t = tempDir();
  let mocks: Awaited<ReturnType<typeof startMocks>>;
  let base: string[] = [];
  before(async () => {
    makeRepo(join(t.dir, 'repo'), { 'src/main.py': 'def parse_table(x):\n    return x\n' });
    writeFileSync(join(t.dir, 'paper.md'), '# Table caching\n\n## Abstract\n\nCache parsed tables.\n');
    mocks = await startMocks();
    base = ['compare', '--repo', 'repo', '--paper', 'paper.md', '--a', 'anthropic:claude-opus-4-7', '--b', 'openai:gpt-5',
      '--a-base-url', mocks.a.url, '--b-base-url', mocks.b.url, '--budget', '3000', '--yes', '--no-checks'];
  });
  after(async () => { await mocks.close(); t.cleanup(); });

  test('bad values are usage errors (exit 2) before anything is sent', async () => {
    const n = mocks.a.requests.length + mocks.b.requests.length;
    for (const bad of [['--side-deadline', '0'], ['--side-deadline', 'soon'], ['--max-output-bytes', '1.5']]) {
      const r = await cli([...base, ...bad], { cwd: t.dir, env });
      assert.equal(r.code, EXIT.usage, r.stderr);
      assert.match(r.stderr, new RegExp(`${bad[0]} must be a whole number`));
    }
    assert.equal(mocks.a.requests.length + mocks.b.requests.length, n);
  });

  test('--side-deadline stops a one-byte-per-second drip; the other side is recorded (exit 4)', async () => {
    mocks.b.setScenario(scenarios.byteDrip(1000));
    const results = join(t.dir, 'drip.jsonl');
    const t0 = Date.now();
    const r = await cli([...base, '--side-deadline', '10', '--results', results], { cwd: t.dir, env });
    assert.equal(r.code, EXIT.partial, r.stderr);
    assert.ok(Date.now() - t0 < 60_000, 'ended near the deadline, not when the drip ends (never)');
    const [rec] = comparisons(results);
    assert.ok(rec.type === 'comparison');
    if (rec.type !== 'comparison') return;
    assert.equal(rec.sides.a.status, 'ok');
    assert.equal(rec.sides.b.status, 'failed');
    assert.equal(rec.sides.b.errorKind, 'deadline');
    assert.match(rec.sides.b.errorMessage ?? '', /did not finish within 10 s, the side deadline/);
  });

  test('--max-output-bytes stops a flood; the other side is recorded (exit 4)', async () => {
    mocks.b.setScenario(scenarios.ok());
    mocks.a.setScenario(scenarios.flood(50 * 1024 * 1024));
    const results = join(t.dir, 'flood.jsonl');
    const r = await cli([...base, '--max-output-bytes', '200000', '--results', results], { cwd: t.dir, env });
    assert.equal(r.code, EXIT.partial, r.stderr);
    const [rec] = comparisons(results);
    if (rec.type !== 'comparison') return assert.fail('no comparison recorded');
    assert.equal(rec.sides.a.errorKind, 'too_large');
    assert.match(rec.sides.a.errorMessage ?? '', /sent more than 195\.3 KB, the output cap/);
    assert.equal(rec.sides.b.status, 'ok');
    assert.ok((mocks.a.requests.at(-1)?.bytesOut ?? 0) < 50 * 1024 * 1024, 'the flood was cut off');
  });

  test('a spawned CLI facing a drip and a flood exits on its own and records both failures', async () => {
    mocks.a.setScenario(scenarios.flood(50 * 1024 * 1024, 'line'));
    mocks.b.setScenario(scenarios.byteDrip(1000));
    const results = join(t.dir, 'spawned.jsonl');
    const { child, done } = spawnCli([...base, '--side-deadline', '10', '--max-output-bytes', '1000000', '--results', results], t.dir, env);
    const timer = setTimeout(() => child.kill('SIGKILL'), 180_000); // generous: a loaded machine starts tsx slowly
    const out = await done;
    clearTimeout(timer);
    assert.equal(out.signal, null, 'not killed: it exited by itself');
    assert.equal(out.code, EXIT.failure, out.stderr);
    const [rec] = comparisons(results);
    if (rec.type !== 'comparison') return assert.fail('no comparison recorded');
    assert.deepEqual([rec.sides.a.errorKind, rec.sides.b.errorKind], ['too_large', 'deadline']);
    assert.ok(!out.stdout.includes(KEY) && !out.stderr.includes(KEY));
  });
});
