// Red-team regression: git starts git for some commands (`worktree add` runs `git reset --hard` to check the files
// out). A FIFO among the loose objects that only the started git opens (a blob) left it waiting for good: the FIFO
// watch looked at the first git alone (waiting on its child, not on the FIFO), the checks' `worktree add` has no
// timeout, and a timeout stopped the first git only, so the child kept git's output pipes open and the call never
// ended. The whole process tree is now watched and stopped.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, realpathSync, rmSync, unlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { committedRepo, git } from './gitFixture';

let base: string;
const fifos: string[] = [];
before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-git-tree-')));
});
after(() => {
  // Wakes any git still waiting to open a FIFO (the old code left them): a writer that opens and closes at once.
  for (const f of fifos) {
    try {
      closeSync(openSync(f, constants.O_WRONLY | constants.O_NONBLOCK));
    } catch {
      // no reader waits
    }
  }
  rmSync(base, { recursive: true, force: true });
});

/** A repository whose one commit holds a.py and b.py, b.py's loose blob replaced by a FIFO. */
function repoWithBlobFifo(name: string): string {
  const root = committedRepo(join(base, name), { 'a.py': 'a = 1\n', 'b.py': 'b = 2\n' });
  const id = git(root, 'rev-parse', 'HEAD:b.py');
  const obj = join(root, '.git', 'objects', id.slice(0, 2), id.slice(2));
  unlinkSync(obj);
  execFileSync('mkfifo', [obj]);
  fifos.push(obj);
  return root;
}

const src = (p: string): string => join(__dirname, '..', '..', '..', 'src', ...p.split('/')).replace(/\\/g, '/');

/** Runs code (an ES module body) in a child Node, killed after 8 s: the old code waited there for good. */
function inChild(code: string): { out: string; ms: number } {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], { encoding: 'utf8', timeout: 8000 });
  const ms = performance.now() - t0;
  assert.ok(r.status === 0, `the child did not finish (${r.error?.message ?? r.signal ?? r.status}) after ${Math.round(ms)} ms: ${r.stderr.slice(-400)}`);
  return { out: r.stdout, ms };
}

const linux = process.platform === 'linux';

describe('a git that git starts waits on a FIFO', { skip: !linux && 'no /proc here' }, () => {
  test('regression: worktree add (its `git reset --hard` opens a blob that is a FIFO) is stopped at once as `fifo`', () => {
    const root = repoWithBlobFifo('add');
    const { out } = inChild(`
      import { runGit, describeGitFailure } from ${JSON.stringify(src('core/git/runGit.ts'))};
      const t0 = performance.now();
      const r = await runGit(['worktree', 'add', '--detach', '--force', ${JSON.stringify(join(base, 'add-wt'))}, 'HEAD'], { cwd: ${JSON.stringify(root)} });
      process.stdout.write(JSON.stringify({ failure: r.failure, ms: performance.now() - t0, text: describeGitFailure('add', r) }));
      process.exit(0);`);
    const r = JSON.parse(out) as { failure?: string; ms: number; text: string };
    assert.equal(r.failure, 'fifo');
    assert.ok(r.ms < 4000, `git was waited on for ${Math.round(r.ms)} ms`);
    assert.match(r.text, /waited to open a FIFO/);
  });

  test('regression: the checks\' scratch worktree with files says git met a FIFO (it waited for good)', () => {
    const root = repoWithBlobFifo('scratch');
    const { out } = inChild(`
      import { createScratchWorktree } from ${JSON.stringify(src('core/checks/scratchWorktree.ts'))};
      const r = await createScratchWorktree(${JSON.stringify(root)}, 'HEAD', undefined, true);
      process.stdout.write(r.ok ? 'made' : r.error);
      process.exit(0);`);
    assert.match(out, /^Creating a temporary worktree: git waited to open a FIFO/);
  });

  test('regression: a timeout (or a signal) stops the git git started too, so the call ends (its pipes stayed open)', () => {
    const root = repoWithBlobFifo('timeout');
    const { out } = inChild(`
      import { runGit } from ${JSON.stringify(src('core/git/runGit.ts'))};
      const add = (n, o) => runGit(['worktree', 'add', '--detach', '--force', ${JSON.stringify(join(base, 'to-wt'))} + n, 'HEAD'], { cwd: ${JSON.stringify(root)}, ...o });
      const t0 = performance.now();
      const a = await add(1, { timeoutMs: 300 });
      const t1 = performance.now();
      const b = await add(2, { signal: AbortSignal.timeout(300) });
      process.stdout.write(JSON.stringify({ a: a.failure, aMs: t1 - t0, b: b.failure, bMs: performance.now() - t1 }));
      process.exit(0);`);
    const r = JSON.parse(out) as { a?: string; aMs: number; b?: string; bMs: number };
    assert.deepEqual([r.a, r.b], ['timeout', 'aborted']);
    assert.ok(r.aMs < 2500 && r.bMs < 2500, `ended after ${Math.round(r.aMs)} and ${Math.round(r.bMs)} ms`);
  });
});

describe('the patch check in a repository with a FIFO blob', { skip: !linux && 'no /proc here' }, () => {
  test('regression: git apply stopped on the FIFO says so (the error was the stderr of git, or "git apply failed")', () => {
    const root = repoWithBlobFifo('apply');
    const patch = 'diff --git a/b.py b/b.py\n--- a/b.py\n+++ b/b.py\n@@ -1 +1 @@\n-b = 2\n+b = 3\n';
    const { out } = inChild(`
      import { createScratchWorktree, removeScratchWorktree } from ${JSON.stringify(src('core/checks/scratchWorktree.ts'))};
      import { checkApplies } from ${JSON.stringify(src('core/checks/patchApply.ts'))};
      import { parsePatch } from ${JSON.stringify(src('core/checks/patchParse.ts'))};
      const made = await createScratchWorktree(${JSON.stringify(root)}, 'HEAD');
      if (!made.ok) { process.stdout.write(made.error); process.exit(0); }
      const r = await checkApplies(made.wt, parsePatch(${JSON.stringify(patch)}));
      await removeScratchWorktree(made.wt);
      process.stdout.write(String(r.applyError));
      process.exit(0);`);
    assert.match(out, /^git apply: git waited to open a FIFO/);
  });
});
