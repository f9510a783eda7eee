// Red-team regression: `git worktree prune` (the checks run it before every check, to sweep records a killed run
// left) removes each entry of `.git/worktrees` whose `gitdir` file is missing, recursively, and follows a symlink on
// the way: a repository whose `.git/worktrees` linked to `../..` (the folder it was unpacked in) had every folder and
// file there deleted; a `.git/worktrees/<id>` linked to a folder had that folder's contents deleted. Such a repository
// is now refused before git runs.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { sweepStaleWorktrees } from '../../../src/core/checks/scratchWorktree';
import { blockingConfigFile } from '../../../src/core/git/configIncludes';
import { runGit } from '../../../src/core/git/runGit';
import { committedRepo } from './gitFixture';

let base: string;
before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-worktree-links-')));
});
after(() => rmSync(base, { recursive: true, force: true }));

/** A folder standing for the user's own files, beside the repository. */
function victim(name: string): string {
  const dir = join(base, name);
  mkdirSync(join(dir, 'project', 'src'), { recursive: true });
  writeFileSync(join(dir, 'project', 'src', 'main.py'), 'precious = 1\n');
  writeFileSync(join(dir, 'notes.txt'), 'precious\n');
  return dir;
}

const intact = (dir: string): boolean => existsSync(join(dir, 'project', 'src', 'main.py')) && existsSync(join(dir, 'notes.txt'));

/** A repository with one commit. */
function repo(name: string): string {
  return committedRepo(join(base, name), { 'app.py': 'x = 1\n' });
}

describe('a repository whose worktree records link out of it', () => {
  test('regression: .git/worktrees linked to a folder of the user\'s: git is refused and nothing there is deleted (prune deleted it all)', async () => {
    const mine = victim('mine');
    const root = repo('linked-dir');
    symlinkSync(mine, join(root, '.git', 'worktrees'));
    await sweepStaleWorktrees(root);
    assert.ok(intact(mine), 'the user\'s files are still there');
    assert.equal(blockingConfigFile(root), join(root, '.git', 'worktrees'));
    const r = await runGit(['worktree', 'prune'], { cwd: root, timeoutMs: 8000 });
    assert.equal(r.failure, 'config');
  });

  test('regression: .git/worktrees/<id> linked to a folder of the user\'s: git is refused and the folder keeps its files', async () => {
    const mine = victim('mine2');
    const root = repo('linked-id');
    mkdirSync(join(root, '.git', 'worktrees'));
    symlinkSync(mine, join(root, '.git', 'worktrees', 'evil'));
    await sweepStaleWorktrees(root);
    assert.ok(intact(mine), 'the user\'s files are still there');
    assert.equal(blockingConfigFile(root), join(root, '.git', 'worktrees', 'evil'));
  });

  test('a real stale record is still pruned (the sweep works as before)', async () => {
    const root = repo('stale');
    mkdirSync(join(root, '.git', 'worktrees', 'old'), { recursive: true });
    writeFileSync(join(root, '.git', 'worktrees', 'old', 'gitdir'), `${join(base, 'gone', '.git')}\n`);
    assert.equal(blockingConfigFile(root), null);
    const r = await runGit(['worktree', 'prune'], { cwd: root, timeoutMs: 8000 });
    assert.ok(r.ok, r.stderr);
    assert.equal(existsSync(join(root, '.git', 'worktrees', 'old')), false);
  });
});
