// Regression: a git that hangs on something the watch does not recognise (here a stand-in `git ls-tree` that never
// ends) was waited on for good: the checks' ls-tree, rev-parse and worktree calls had no timeout. And when the checks
// hit their hard limit the worker was terminated at once, leaving the git it waited on running with no one to stop
// it. Every git call now has a ceiling (GIT_CEILING_MS), and at the hard limit the worker is told to cancel first.
import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GIT_CEILING_MS, runGit, type GitResult } from '../../../src/core/git/runGit';
import { useGitHost } from '../../../src/core/git/gitHost';
import { runChecksOffThread } from '../../../src/core/checks/offThread';
import { alive, committedRepo, installHungGit, type HungGit } from './gitFixture';

let base: string;
let hung: HungGit;

/** Resolves after ms of real time (setTimeout may be mocked; setImmediate is not). */
async function realWait(ms: number, until: () => boolean = () => false): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !until()) await new Promise<void>((r) => setImmediate(r));
}

before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-git-ceiling-')));
  hung = installHungGit(base);
});
after(() => {
  hung.restore();
  rmSync(base, { recursive: true, force: true });
});

describe('a git that never ends', { skip: process.platform !== 'linux' && 'uses /proc and a shell script as git' }, () => {
  test('regression: a call without a timeout of its own is stopped at the ceiling (it was waited on for good)', async () => {
    const root = committedRepo(join(base, 'ceiling'), { 'a.py': 'a = 1\n' });
    rmSync(hung.pidFile, { force: true });
    // The mocked clock reaches this process's timers only: git starts here (the git host runs the same spawnLocal,
    // whose ceiling this is, on its own clock).
    useGitHost(false);
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const box: { result?: GitResult } = {};
      void runGit(['ls-tree', '-r', 'HEAD'], { cwd: root }).then((r) => { box.result = r; });
      await realWait(10_000, () => existsSync(hung.pidFile) && readFileSync(hung.pidFile, 'utf8').trim() !== '');
      assert.ok(existsSync(hung.pidFile), 'the stand-in git did not start');
      const pid = hung.hungPid();
      mock.timers.tick(GIT_CEILING_MS - 1000);
      await realWait(500);
      assert.equal(box.result, undefined, 'stopped before the ceiling');
      assert.ok(alive(pid));
      mock.timers.tick(1000);
      await realWait(10_000, () => box.result !== undefined);
      const r = (box as { result?: GitResult }).result;
      assert.ok(r, 'git was still waited on after the ceiling');
      assert.equal(r.failure, 'timeout');
      assert.equal(alive(pid), false, 'the stuck git still runs');
    } finally {
      mock.timers.reset();
      useGitHost(true);
    }
  });

  test('regression: at the checks\' hard limit the git the worker waits on is stopped too (it was left running)', async () => {
    const root = committedRepo(join(base, 'checks'), { 'src/loader.py': 'class Loader:\n    def load(self):\n        return 1\n' });
    rmSync(hung.pidFile, { force: true });
    const draft = { route: 'issue', title: 'Cache', body: 'See `src/loader.py` and `Loader.load`.' };
    const r = await runChecksOffThread({ repoRoot: root, draft }, { hardLimitMs: 3000 });
    assert.match(r.error ?? '', /took longer than 3 s and were stopped/);
    assert.ok(existsSync(hung.pidFile), 'the checks never ran ls-tree (the test no longer exercises the hard limit)');
    const pid = hung.hungPid();
    await realWait(5000, () => !alive(pid));
    assert.equal(alive(pid), false, 'the git the checks waited on is still running after they were stopped');
  });
});
