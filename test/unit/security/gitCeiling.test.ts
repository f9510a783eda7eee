// Regression: a git that hangs on something the watch does not recognise (here a stand-in `git ls-tree` that never
// ends) was waited on for good: the checks' ls-tree, rev-parse and worktree calls had no timeout. And when the checks
// hit their hard limit the worker was terminated at once, leaving the git it waited on running with no one to stop
// it. Every git call now has a ceiling (GIT_CEILING_MS), and at the hard limit the worker is told to cancel first.
import { after, before, describe, mock, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { chmodSync, existsSync, mkdirSync, mkdtempSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { delimiter, join } from 'node:path';
import { GIT_CEILING_MS, runGit, type GitResult } from '../../../src/core/git/runGit';
import { runChecksOffThread } from '../../../src/core/checks/offThread';
import { committedRepo } from './gitFixture';

let base: string;
let bin: string;
let pidFile: string;
let oldPath: string | undefined;
const realGit = execFileSync('sh', ['-c', 'command -v git']).toString().trim();

/** True while a process with this id runs (and is not a zombie). */
function alive(pid: number): boolean {
  try {
    return !/^\d+ \(.*\) Z/.test(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return false;
  }
}

/** Resolves after ms of real time (setTimeout may be mocked; setImmediate is not). */
async function realWait(ms: number, until: () => boolean = () => false): Promise<void> {
  const end = Date.now() + ms;
  while (Date.now() < end && !until()) await new Promise<void>((r) => setImmediate(r));
}

const hungPid = (): number => Number(readFileSync(pidFile, 'utf8').trim());

before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-git-ceiling-')));
  bin = join(base, 'bin');
  pidFile = join(base, 'hung.pid');
  mkdirSync(bin);
  // Every call goes to the real git, except ls-tree, which writes its process id and sleeps (as a stuck git would).
  writeFileSync(join(bin, 'git'), `#!/bin/sh\nfor a in "$@"; do if [ "$a" = ls-tree ]; then echo $$ > '${pidFile}'; exec sleep 300; fi; done\nexec '${realGit}' "$@"\n`);
  chmodSync(join(bin, 'git'), 0o755);
  oldPath = process.env.PATH;
  process.env.PATH = `${bin}${delimiter}${oldPath ?? ''}`;
});
after(() => {
  process.env.PATH = oldPath;
  if (existsSync(pidFile) && alive(hungPid())) process.kill(hungPid(), 'SIGKILL');
  rmSync(base, { recursive: true, force: true });
});

describe('a git that never ends', { skip: process.platform !== 'linux' && 'uses /proc and a shell script as git' }, () => {
  test('regression: a call without a timeout of its own is stopped at the ceiling (it was waited on for good)', async () => {
    const root = committedRepo(join(base, 'ceiling'), { 'a.py': 'a = 1\n' });
    rmSync(pidFile, { force: true });
    mock.timers.enable({ apis: ['setTimeout'] });
    try {
      const box: { result?: GitResult } = {};
      void runGit(['ls-tree', '-r', 'HEAD'], { cwd: root }).then((r) => { box.result = r; });
      await realWait(10_000, () => existsSync(pidFile) && readFileSync(pidFile, 'utf8').trim() !== '');
      assert.ok(existsSync(pidFile), 'the stand-in git did not start');
      const pid = hungPid();
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
    }
  });

  test('regression: at the checks\' hard limit the git the worker waits on is stopped too (it was left running)', async () => {
    const root = committedRepo(join(base, 'checks'), { 'src/loader.py': 'class Loader:\n    def load(self):\n        return 1\n' });
    rmSync(pidFile, { force: true });
    const draft = { route: 'issue', title: 'Cache', body: 'See `src/loader.py` and `Loader.load`.' };
    const r = await runChecksOffThread({ repoRoot: root, draft }, { hardLimitMs: 3000 });
    assert.match(r.error ?? '', /took longer than 3 s and were stopped/);
    assert.ok(existsSync(pidFile), 'the checks never ran ls-tree (the test no longer exercises the hard limit)');
    const pid = hungPid();
    await realWait(5000, () => !alive(pid));
    assert.equal(alive(pid), false, 'the git the checks waited on is still running after they were stopped');
  });
});
