// Red-team regression: git reads a loose ref to its end and follows a ref symlink that does not name `refs/…`. A
// repository whose HEAD branch names another ref (`ref: refs/heads/x`) with x a link to /dev/zero, or with a tag named
// after a commit id (git looks `refs/tags/<id>` up whenever it is given that id) linked there, made git read zeros,
// and grow, until its timeout (400 MB a second; the checks' `rev-parse <id>` has no timeout). The pre-check, which
// looked at HEAD's own branch only, now looks at every loose ref.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, truncateSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { blockingConfigFile } from '../../../src/core/git/configIncludes';
import { describeGitFailure, runGit } from '../../../src/core/git/runGit';
import { committedRepo, git } from './gitFixture';

let base: string;
before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-refs-device-')));
});
after(() => rmSync(base, { recursive: true, force: true }));

/** A repository with one commit; returns its root, the commit id and HEAD's branch ref (refs/heads/…). */
function repo(name: string): { root: string; id: string; branch: string } {
  const root = committedRepo(join(base, name), { 'app.py': 'x = 1\n' });
  return { root, id: git(root, 'rev-parse', 'HEAD'), branch: git(root, 'symbolic-ref', 'HEAD') };
}

/** runGit with a short timeout (the old code read /dev/zero until it), timed. */
async function timed(args: string[], cwd: string) {
  const t0 = performance.now();
  const r = await runGit(args, { cwd, timeoutMs: 1500 });
  return { r, ms: performance.now() - t0 };
}

describe('a loose ref git would read without end', { skip: process.platform === 'win32' && 'no /dev/zero' }, () => {
  test('regression: HEAD\'s branch naming a ref linked to /dev/zero refuses git at once', async () => {
    const { root, branch } = repo('chain');
    writeFileSync(join(root, '.git', branch), 'ref: refs/heads/x\n');
    const x = join(root, '.git', 'refs', 'heads', 'x');
    symlinkSync('/dev/zero', x);
    assert.equal(blockingConfigFile(root), x);
    const { r, ms } = await timed(['log', '--format=%H', '-n', '5'], root);
    assert.equal(r.failure, 'config', `after ${Math.round(ms)} ms`);
    assert.ok(ms < 1000, `git ran for ${Math.round(ms)} ms`);
    assert.match(describeGitFailure('log', r), /include .*would wait on, read without end/);
  });

  test('regression: a tag named after the commit id, linked to /dev/zero, refuses `rev-parse <id>` at once', async () => {
    const { root, id } = repo('dwim');
    const tag = join(root, '.git', 'refs', 'tags', id);
    symlinkSync('/dev/zero', tag);
    assert.equal(blockingConfigFile(root), tag);
    const { r, ms } = await timed(['rev-parse', '--verify', '--quiet', '--end-of-options', `${id}^{commit}`], root);
    assert.ok(r.failure === 'config' && ms < 1000, `${r.failure ?? 'ok'} after ${Math.round(ms)} ms`);
  });

  test('a FIFO, or a link into /proc, among the refs is found; a dangling link too', () => {
    const { root } = repo('kinds');
    const fifo = join(root, '.git', 'refs', 'heads', 'deep', 'f');
    mkdirSync(join(root, '.git', 'refs', 'heads', 'deep'));
    execFileSync('mkfifo', [fifo]);
    assert.equal(blockingConfigFile(root), fifo);
    unlinkSync(fifo);
    symlinkSync('/proc/self/fd/1', fifo);
    assert.equal(blockingConfigFile(root), fifo, 'a link whose target differs from one process to the next');
    unlinkSync(fifo);
    symlinkSync('../../nowhere', fifo);
    assert.equal(blockingConfigFile(root), fifo);
    unlinkSync(fifo);
    symlinkSync('/proc/self/fd', join(root, '.git', 'refs', 'tags', 'fds'));
    assert.equal(blockingConfigFile(root), join(root, '.git', 'refs', 'tags', 'fds'), 'a folder link into /proc');
  });

  test('plain refs, a symbolic ref written as a link, and a refs folder shared by link (git-new-workdir) are no obstacle', async () => {
    const { root, branch } = repo('plain');
    execFileSync('git', ['-C', root, 'tag', 'v1']);
    execFileSync('git', ['-C', root, 'branch', 'other']);
    symlinkSync(branch, join(root, '.git', 'refs', 'heads', 'alias'));
    assert.equal(blockingConfigFile(root), null);
    const shared = repo('shared');
    rmSync(join(shared.root, '.git', 'refs'), { recursive: true });
    symlinkSync(join(root, '.git', 'refs'), join(shared.root, '.git', 'refs'));
    assert.equal(blockingConfigFile(shared.root), null);
    const { r } = await timed(['rev-parse', '--verify', 'alias'], root);
    assert.ok(r.ok, r.stderr);
  });
});

describe('a file the repository config names that git log reads without end', { skip: process.platform === 'win32' && 'no /dev/zero' }, () => {
  test('regression: diff.orderFile or mailmap.file set to /dev/zero no longer holds the recent-changes log until its timeout', async () => {
    for (const [key, name] of [['diff.orderFile', 'order'], ['mailmap.file', 'mailmap']]) {
      const { root } = repo(name);
      execFileSync('git', ['-C', root, 'config', key, '/dev/zero']);
      assert.equal(blockingConfigFile(root), null, 'nothing the pre-check reads');
      const { r, ms } = await timed(['log', '--no-show-signature', '--no-ext-diff', '--no-textconv', '--no-renames', '--name-only', '--format=tformat:@@commit', '-n', '5'], root);
      assert.ok(r.ok && ms < 1000, `${key}: ${r.failure ?? r.code} after ${Math.round(ms)} ms`);
      assert.equal(r.stdout.toString(), '@@commit\n\napp.py\n');
    }
  });
});

describe('a chained alternates file git would read without end', { skip: process.platform === 'win32' && 'no /dev/zero' }, () => {
  test('regression: objects/info/alternates (a plain file) naming a folder whose own alternates links to /dev/zero refuses git at once', async () => {
    const { root } = repo('alternates');
    mkdirSync(join(root, 'alt', 'objects', 'info'), { recursive: true });
    writeFileSync(join(root, '.git', 'objects', 'info', 'alternates'), '# shared objects\n../../alt/objects\n');
    const chained = join(root, 'alt', 'objects', 'info', 'alternates');
    symlinkSync('/dev/zero', chained);
    assert.equal(blockingConfigFile(root), chained);
    const { r, ms } = await timed(['log', '--name-only', '--format=tformat:@@commit', '-n', '5'], root);
    assert.ok(r.failure === 'config' && ms < 1000, `${r.failure ?? 'ok'} after ${Math.round(ms)} ms`);
    // A plain chain (and one that loops back) is no obstacle.
    unlinkSync(chained);
    writeFileSync(chained, `${join(root, '.git', 'objects')}\n`);
    assert.equal(blockingConfigFile(root), null);
  });
});

describe('a linked worktree\'s file git would read without end', { skip: process.platform === 'win32' && 'no /dev/zero' }, () => {
  test('regression: worktrees/<id>/gitdir linked to /dev/zero, or a sparse one of gigabytes, refuses git at once (worktree add and list read it to its end)', async () => {
    const { root } = repo('worktrees');
    const wt = join(root, '.git', 'worktrees', 'x');
    mkdirSync(wt, { recursive: true });
    writeFileSync(join(root, '.git', 'worktrees', 'stray'), 'not a folder\n');
    writeFileSync(join(wt, 'HEAD'), 'ref: refs/heads/other\n');
    const gitdir = join(wt, 'gitdir');
    symlinkSync('/dev/zero', gitdir);
    assert.equal(blockingConfigFile(root), gitdir);
    const { r, ms } = await timed(['worktree', 'list', '--porcelain'], root);
    assert.ok(r.failure === 'config' && ms < 1000, `${r.failure ?? 'ok'} after ${Math.round(ms)} ms`);
    unlinkSync(gitdir);
    writeFileSync(gitdir, `${join(base, 'elsewhere', '.git')}\n`);
    assert.equal(blockingConfigFile(root), null, 'a plain worktree record (and a stray file beside it) is no obstacle');
    truncateSync(gitdir, 3_000_000_000);
    assert.equal(blockingConfigFile(root), gitdir);
  });

  test('regression: git holding more memory than allowed is stopped (git read a sparse gitdir of 3 GB whole)', { skip: process.platform !== 'linux' && 'no /proc here' }, async () => {
    const { root } = repo('memory');
    const t0 = performance.now();
    // hash-object --stdin keeps its whole input: 300 MB of it passes 64 MB.
    const r = await runGit(['hash-object', '--stdin'], { cwd: root, input: Buffer.alloc(300 * 1024 * 1024), maxMemory: 64 * 1024 * 1024, timeoutMs: 8000 });
    assert.equal(r.failure, 'overflow', `after ${Math.round(performance.now() - t0)} ms: ${r.failure ?? 'ok'}`);
    assert.match(describeGitFailure('hash', r), /memory git took, was too large/);
    const small = await runGit(['hash-object', '--stdin'], { cwd: root, input: 'x\n', timeoutMs: 8000 });
    assert.ok(small.ok, 'the default allows ordinary calls');
  });
});

describe('an entry of the git directory git would read without end', { skip: process.platform === 'win32' && 'no /dev/zero' }, () => {
  test('regression: <gitdir>/<commit id> linked to /dev/zero (git looks a commit id up there first) refuses rev-parse and ls-tree at once', async () => {
    const { root, id } = repo('top-entry');
    const top = join(root, '.git', id);
    symlinkSync('/dev/zero', top);
    assert.equal(blockingConfigFile(root), top);
    const { r, ms } = await timed(['ls-tree', '-r', '-z', '--full-tree', id], root);
    assert.ok(r.failure === 'config' && ms < 1000, `${r.failure ?? 'ok'} after ${Math.round(ms)} ms`);
    unlinkSync(top);
    execFileSync('mkfifo', [top]);
    assert.equal(blockingConfigFile(root), top);
    unlinkSync(top);
    symlinkSync(execFileSync('git', ['-C', root, 'symbolic-ref', 'HEAD']).toString().trim(), join(root, '.git', 'ORIG_HEAD'));
    assert.equal(blockingConfigFile(root), null, 'a symbolic ref written as a link is no obstacle');
  });
});
