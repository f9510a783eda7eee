// Regression: a checks worker stuck in JavaScript at the checks' hard limit cannot act on the cancel, and the timers
// that stop its git live in it: terminated, it left that git running with no one to stop it (and when the CLI then
// exited, the git outlived Pairwise). The worker now reports each process it starts and ends; the caller stops what
// is still running once the worker is terminated, or when its own process exits first.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChecksOffThread } from '../../../src/core/checks/offThread';
import { alive, committedRepo, installHungGit, type HungGit } from './gitFixture';

const STUCK = join(__dirname, '..', '..', 'fakes', 'stuckChecksWorker.ts');
const STUCK_TEST = join(__dirname, '..', '..', 'fakes', 'stuckTestWorker.ts');
// The stuck workers load through tsx in a new thread before they start git: on a loaded machine that took over 1.5 s,
// and a hard limit of 1.5 s stopped them first (the fresh-clone CI failed once so).
const HARD_LIMIT_MS = 6000;
let base: string;
let hung: HungGit;

async function waitFor(ms: number, until: () => boolean): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !until()) await new Promise<void>((r) => setTimeout(r, 50));
}

before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-stuck-worker-')));
  hung = installHungGit(base);
});
after(() => {
  hung.restore();
  rmSync(base, { recursive: true, force: true });
});

describe('a checks worker stuck in JavaScript', { skip: process.platform !== 'linux' && 'uses /proc and a shell script as git' }, () => {
  test('regression: at the hard limit the git it started is stopped once the worker is terminated (it was left running)', async () => {
    const root = committedRepo(join(base, 'limit'), { 'a.py': 'a = 1\n' });
    rmSync(hung.pidFile, { force: true });
    const r = await runChecksOffThread({ repoRoot: root, draft: { route: 'issue', title: 't', body: 'b' } }, { workerPath: STUCK, hardLimitMs: HARD_LIMIT_MS });
    assert.match(r.error ?? '', /took longer than 6 s and were stopped/);
    assert.ok(existsSync(hung.pidFile), 'the stuck worker never started its git');
    const pid = hung.hungPid();
    assert.ok(alive(pid), 'the report comes before the worker is terminated');
    await waitFor(8000, () => !alive(pid));
    assert.equal(alive(pid), false, 'the git a stuck worker started still runs after the worker was terminated');
  });

  test('regression: a process that exits before the worker is terminated stops that git too', () => {
    const root = committedRepo(join(base, 'exit'), { 'a.py': 'a = 1\n' });
    rmSync(hung.pidFile, { force: true });
    // A CLI-like process: it prints the report and exits at once, before the grace period that would terminate the worker.
    const script = `import { runChecksOffThread } from ${JSON.stringify(join(__dirname, '..', '..', '..', 'src', 'core', 'checks', 'offThread.ts'))};
void runChecksOffThread({ repoRoot: ${JSON.stringify(root)}, draft: { route: 'issue', title: 't', body: 'b' } }, { workerPath: ${JSON.stringify(STUCK)}, hardLimitMs: ${HARD_LIMIT_MS} })
  .then((r) => { console.log(r.error); process.exit(0); });`;
    const file = join(base, 'cli-like.ts');
    writeFileSync(file, script);
    const out = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', timeout: 30_000, env: process.env });
    assert.equal(out.status, 0, out.stderr);
    assert.match(out.stdout, /took longer than 6 s/);
    assert.ok(existsSync(hung.pidFile), 'the stuck worker never started its git');
    assert.equal(alive(hung.hungPid()), false, 'the git outlived the process that started it');
  });

  test('regression: what the test command left running in its group is stopped though its shell has exited (it was left running)', async () => {
    // The shell starts a process in its group and exits; the stuck worker never reaps it, so /proc shows the shell as
    // a zombie, and only live children were signalled: the process in its group ran on, past Pairwise's exit.
    const root = committedRepo(join(base, 'group'), { 'a.py': 'a = 1\n' });
    const bgPid = join(base, 'bg.pid');
    const r = await runChecksOffThread({ repoRoot: root, draft: { route: 'issue', title: 't', body: 'b' }, allowTestRun: true,
      testCommand: `sleep 300 & echo $! > '${bgPid}'` }, { workerPath: STUCK_TEST, hardLimitMs: HARD_LIMIT_MS });
    assert.match(r.error ?? '', /took longer than 6 s and were stopped/);
    await waitFor(3000, () => existsSync(bgPid));
    const pid = Number(readFileSync(bgPid, 'utf8'));
    assert.ok(pid > 0, 'the test command never started its process');
    await waitFor(8000, () => !alive(pid));
    const left = alive(pid);
    if (left) process.kill(pid, 'SIGKILL');
    assert.equal(left, false, 'the process the test command left in its group still runs after the worker was terminated');
  });
});
