import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, realpathSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { runChecks, sweepStaleWorktrees } from '../../../../src/core/checks';
import { makeRepo, worktreePaths, type RepoFixture } from './repoFixture';

let fx: RepoFixture;
const NODE = JSON.stringify(process.execPath);
const PATCH = 'diff --git a/app/new_check.py b/app/new_check.py\nnew file mode 100644\n--- /dev/null\n+++ b/app/new_check.py\n@@ -0,0 +1 @@\n+VALUE = 42\n';

before(() => { fx = makeRepo({ 'app/main.py': 'import app.new_check\n', 'README.md': 'hi\n' }); });
after(() => fx.cleanup());

function myScratchDirs(): string[] {
  return readdirSync(tmpdir()).filter((n) => n.startsWith(`pairwise-wt-${process.pid}-`));
}
afterEach(() => {
  assert.deepEqual(worktreePaths(fx), [realpathSync(fx.root)], 'only the main worktree is left');
  assert.deepEqual(myScratchDirs(), [], 'temp folder removed');
  assert.equal(fx.git('status', '--porcelain'), '', 'the user\'s checkout is untouched');
  assert.ok(!existsSync(join(fx.root, 'app/new_check.py')));
});

function draft(): { route: string; body: string; patch: string } {
  return { route: 'pr', body: 'Adds app/new_check.py', patch: PATCH };
}

describe('scratch worktrees are always removed', () => {
  test('after a passing test run that sees the applied patch', async () => {
    const r = await runChecks({ repoRoot: fx.root, draft: draft(), allowTestRun: true,
      testCommand: `${NODE} -e "process.exit(require('fs').readFileSync('app/new_check.py','utf8').includes('42') ? 0 : 1)"` });
    assert.equal(r.testRun?.status, 'passed');
    assert.equal(r.testRun?.exitCode, 0);
    assert.equal(r.badges.at(-1)?.label, 'tests pass');
    assert.equal(r.timings.testMs, r.testRun?.durationMs);
  });
  test('after a failing test run', async () => {
    const r = await runChecks({ repoRoot: fx.root, draft: draft(), allowTestRun: true, testCommand: 'echo FAILED-SUITE; exit 2' });
    assert.equal(r.testRun?.status, 'failed');
    assert.equal(r.testRun?.exitCode, 2);
    assert.match(r.testRun?.outputTail ?? '', /FAILED-SUITE/);
    assert.equal(r.badges.at(-1)?.label, 'tests fail (exit 2)');
  });
  test('after a timeout', async () => {
    const r = await runChecks({ repoRoot: fx.root, draft: draft(), allowTestRun: true, testCommand: 'sleep 30', testTimeoutMs: 200 });
    assert.equal(r.testRun?.status, 'timedOut');
  });
  test('after cancel during the test run', async () => {
    const ac = new AbortController();
    setTimeout(() => ac.abort(), 300);
    const r = await runChecks({ repoRoot: fx.root, draft: draft(), allowTestRun: true, testCommand: 'sleep 30', signal: ac.signal });
    assert.equal(r.cancelled, true);
    assert.equal(r.error, undefined);
    assert.equal(r.testRun?.status, 'cancelled');
    assert.ok(r.badges.some((b) => b.label === 'checks cancelled'));
  });
  test('after cancel at every early point', async () => {
    for (const delay of [0, 5, 20, 40]) {
      const ac = new AbortController();
      if (delay === 0) ac.abort(); else setTimeout(() => ac.abort(), delay);
      const r = await runChecks({ repoRoot: fx.root, draft: draft(), signal: ac.signal });
      assert.ok(r.cancelled || r.patch?.applies === true, `delay ${delay}`);
      if (delay === 0) assert.deepEqual([r.cancelled, r.patch, r.error], [true, undefined, undefined]);
      assert.deepEqual(worktreePaths(fx), [realpathSync(fx.root)], `delay ${delay}`);
    }
  });
  test('from a subfolder, the test command runs in the same subfolder of the worktree', async () => {
    const r = await runChecks({ repoRoot: join(fx.root, 'app'), draft: draft(), allowTestRun: true, testCommand: 'test -f main.py && test -f new_check.py && pwd' });
    assert.equal(r.testRun?.status, 'passed', r.testRun?.outputTail);
    assert.match(r.testRun?.outputTail ?? '', /pairwise-wt-\d+-\w+\/wt\/app\n$/);
  });
  test('without consent the command never runs', async () => {
    const marker = join(tmpdir(), `pairwise-test-marker-${process.pid}`);
    const r = await runChecks({ repoRoot: fx.root, draft: draft(), testCommand: `touch "${marker}"` });
    assert.equal(r.testRun?.status, 'skipped');
    assert.match(r.testRun?.reason ?? '', /not allowed/);
    assert.ok(!existsSync(marker));
  });
  test('two drafts checked at once (sides a and b) with uncommitted edits in the user\'s checkout', async () => {
    const readme = join(fx.root, 'README.md');
    writeFileSync(readme, 'local edit\n');
    try {
      const conflicting = { route: 'pr', body: 'x', patch: '--- a/README.md\n+++ b/README.md\n@@ -1 +1 @@\n-nope\n+yes\n' };
      const [a, b] = await Promise.all([
        runChecks({ repoRoot: fx.root, draft: draft(), allowTestRun: true, testCommand: 'test -f app/new_check.py' }),
        runChecks({ repoRoot: fx.root, draft: conflicting }),
      ]);
      assert.equal(a.testRun?.status, 'passed');
      assert.equal(a.patch?.applies, true);
      assert.equal(b.patch?.applies, false);
      assert.equal(readFileSync(readme, 'utf8'), 'local edit\n', 'the user\'s uncommitted edit is untouched');
    } finally {
      fx.git('checkout', '--', 'README.md');
    }
  });
  test('regression: the user\'s own worktree records are kept (git worktree prune dropped every record whose folder was missing: a worktree on a drive not mounted now)', async () => {
    const away = join(fx.root, '..', `pw-away-${process.pid}`);
    fx.git('worktree', 'add', '--detach', away, 'HEAD');
    rmSync(away, { recursive: true, force: true }); // as when its drive is not mounted
    // A record of a Pairwise scratch worktree whose folder is gone (a killed run) is dropped, the user's kept.
    const scratch = join(realpathSync(tmpdir()), `pairwise-wt-999999-gone${process.pid}`, 'wt');
    const common = resolve(fx.root, fx.git('rev-parse', '--git-common-dir'));
    const ours = join(common, 'worktrees', `wt-gone-${process.pid}`);
    mkdirSync(ours, { recursive: true });
    writeFileSync(join(ours, 'gitdir'), `${scratch}/.git\n`);
    writeFileSync(join(ours, 'HEAD'), `${fx.git('rev-parse', 'HEAD')}\n`);
    try {
      await sweepStaleWorktrees(fx.root);
      const r = await runChecks({ repoRoot: fx.root, draft: draft() });
      assert.equal(r.error, undefined);
      assert.ok(!existsSync(ours), 'the scratch record whose folder is gone was dropped');
      const records = readdirSync(join(common, 'worktrees'));
      assert.equal(records.length, 1, `records left: ${records.join(', ')}`);
      assert.equal(readFileSync(join(common, 'worktrees', records[0], 'gitdir'), 'utf8').trim(), `${realpathSync(join(fx.root, '..'))}/pw-away-${process.pid}/.git`, 'the user\'s record is still there');
    } finally {
      fx.git('worktree', 'prune'); // the test's own clean-up: only the main worktree is left
    }
  });
  test('a worktree left by a killed process is swept on the next run', async () => {
    const script = join(fx.root, '..', `pairwise-test-crash-${process.pid}.ts`);
    const mod = resolve('src/core/checks/scratchWorktree.ts');
    writeFileSync(script, `import { createScratchWorktree } from ${JSON.stringify(mod)};\n` +
      `void createScratchWorktree(${JSON.stringify(fx.root)}, 'HEAD').then((r) => { if (r.ok) { console.log(r.wt.dir); process.kill(process.pid, 'SIGKILL'); } });\n`);
    try {
      const child = spawnSync(process.execPath, ['--import', 'tsx', script], { encoding: 'utf8', cwd: process.cwd() });
      assert.equal(child.signal, 'SIGKILL', child.stderr);
      const leftover = child.stdout.trim();
      assert.ok(existsSync(leftover), 'the killed process left its worktree');
      assert.equal(worktreePaths(fx).length, 2);
      const removed = await sweepStaleWorktrees(fx.root);
      assert.deepEqual(removed, [leftover]);
      assert.ok(!existsSync(leftover));
    } finally {
      rmSync(script, { force: true });
    }
  });
});
