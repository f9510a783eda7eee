// Red-team regression (issue 12): a work tree whose git directory sits inside it under another name (a `.git`
// FILE saying `gitdir: meta`, as `git init --separate-git-dir` writes, or a `.git` symlink) — git's own
// `ls-files --others` lists that directory's config, logs and hooks as untracked files, so they must be
// refused like `.git/` itself.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { includePinned } from '../../../src/core/context/pinnedInputs';
import { listRepoFiles } from '../../../src/core/context/listRepoFiles';
import { gitDirsOf } from '../../../src/core/context/gitDirGuard';
import { readRepoFiles } from '../../../src/core/context/readRepoFiles';
import { recentlyChangedPaths } from '../../../src/core/context/recentChanges';
import { readRepoState } from '../../../src/core/git/repoState';
import { describeGitFailure, gitDirIsOwn, runGit } from '../../../src/core/git/runGit';
import { cli } from '../cli/cliHarness';

const CANARY = 'CANARY_INNER_GITDIR_7c31';
const GIT = ['-c', 'user.name=Hostile', '-c', `user.email=${CANARY}@example.invalid`, '-c', 'core.hooksPath=/dev/null', '-c', 'init.defaultBranch=main'];
let base: string;
let fileRoot: string;
let linkRoot: string;

function makeRepo(root: string, init: string[]): void {
  mkdirSync(root, { recursive: true });
  execFileSync('git', [...GIT, 'init', '-q', ...init, root]);
  writeFileSync(join(root, 'app.ts'), 'export const answer = 42;\n');
  execFileSync('git', [...GIT, 'add', 'app.ts'], { cwd: root });
  execFileSync('git', [...GIT, 'commit', '-q', '-m', CANARY], { cwd: root });
}

before(() => {
  base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-inner-gitdir-')));
  fileRoot = join(base, 'file-repo');
  makeRepo(fileRoot, [`--separate-git-dir=${join(fileRoot, 'meta')}`]);
  writeFileSync(join(fileRoot, 'meta', 'description'), `${CANARY}\n`);
  linkRoot = join(base, 'link-repo');
  makeRepo(linkRoot, []);
  execFileSync('mv', [join(linkRoot, '.git'), join(linkRoot, 'store')]);
  symlinkSync('store', join(linkRoot, '.git'));
});
after(() => rmSync(base, { recursive: true, force: true }));

describe('a git directory inside the work tree under another name', () => {
  test('the corpus is armed: git lists the inner git directory as untracked files', async () => {
    const l = await listRepoFiles(fileRoot);
    assert.ok(l.paths.includes('meta/config') && l.paths.includes('meta/logs/HEAD'), l.paths.join(','));
    assert.deepEqual(gitDirsOf(realpathSync(fileRoot)), [join(fileRoot, 'meta')]);
    assert.deepEqual(gitDirsOf(realpathSync(linkRoot)), [join(linkRoot, 'store')]);
  });

  test('regression: a `.git` file (gitdir: meta) or a `.git` symlink: no file of the git directory is read, pinned or sent', async () => {
    for (const [root, dir] of [[fileRoot, 'meta'], [linkRoot, 'store']] as const) {
      const l = await listRepoFiles(root);
      const r = await readRepoFiles(root, l.paths, 1 << 20);
      assert.deepEqual(r.files.map((f) => f.path), ['app.ts'], `${dir}: only the source file is kept`);
      assert.equal(r.omitted.find((o) => o.path === `${dir}/config`)?.reason, 'git_dir');
      const pinned = await includePinned(root, [`${dir}/config`, `${dir}/logs/HEAD`], [], 1 << 20, (_r, p) => p);
      assert.equal(pinned.selected.length, 0, `${dir}: pinning a git-directory file sends nothing`);
      assert.deepEqual(pinned.omitted.map((o) => o.reason), ['git_dir', 'git_dir']);
    }
  });

  test('regression: `pairwise context` on a repo with `gitdir: meta` sends no byte of meta/', async () => {
    writeFileSync(join(base, 'paper.md'), '# Answer\n\n## Abstract\n\nThe answer should be cached.\n');
    const out = join(base, 'prompt.txt');
    const r = await cli(['context', '--repo', fileRoot, '--paper', 'paper.md', '--json', '--out', out], { cwd: base });
    assert.equal(r.code, EXIT.ok, r.stderr);
    const prompt = readFileSync(out, 'utf8');
    assert.ok(prompt.includes('export const answer = 42;'), 'the source file is still sent');
    assert.ok(!prompt.includes(CANARY), 'a byte of the git directory (logs, description, commit message) reached the prompt');
    assert.ok(!/meta\/(config|HEAD|hooks)/.test(prompt), 'git-directory paths reached the prompt');
  });
});

describe('a work tree moved outside the root (core.worktree)', () => {
  test('regression: `core.worktree=<folder outside>`: no name of a file outside the root reaches the listing or the prompt', async () => {
    const outside = join(base, 'outside-home');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'CANARY_OUTSIDE_NAME_4e2a.txt'), 'x\n');
    const root = join(base, 'moved-repo');
    makeRepo(root, []);
    execFileSync('git', ['config', 'core.worktree', outside], { cwd: root });
    const naive = execFileSync('git', ['ls-files', '--others'], { cwd: root, encoding: 'utf8' });
    assert.match(naive, /CANARY_OUTSIDE_NAME_4e2a/, 'armed: git itself lists the outside folder');
    const l = await listRepoFiles(root);
    assert.equal(l.source, 'walk', 'git listing refused, the folder is walked instead');
    assert.ok(l.paths.includes('app.ts') && !l.paths.some((p) => p.includes('CANARY')), l.paths.join(','));
    const out = join(base, 'prompt-moved.txt');
    const r = await cli(['context', '--repo', root, '--paper', 'paper.md', '--json', '--out', out], { cwd: base });
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.ok(!readFileSync(out, 'utf8').includes('CANARY_OUTSIDE_NAME'), 'an outside file name reached the prompt');
    assert.ok(!r.stdout.includes('CANARY_OUTSIDE_NAME'), 'an outside file name reached the manifest');
  });

  test('regression: core.worktree written by hand in mixed case (`[Core] WorkTree`) is seen too (no rev-parse is skipped for it)', async () => {
    const outside = join(base, 'outside-home-2');
    mkdirSync(outside, { recursive: true });
    writeFileSync(join(outside, 'CANARY_INCLUDED_NAME_77b1.txt'), 'x\n');
    const root = join(base, 'moved-by-hand');
    makeRepo(root, []);
    appendFileSync(join(root, '.git', 'config'), `[Core]\n\tWorkTree = ${outside}\n`);
    assert.match(execFileSync('git', ['ls-files', '--others'], { cwd: root, encoding: 'utf8' }), /CANARY_INCLUDED_NAME/, 'armed');
    const l = await listRepoFiles(root);
    assert.equal(l.source, 'walk');
    assert.ok(!l.paths.some((p) => p.includes('CANARY')), l.paths.join(','));
  });

  test('an ordinary repository opened at a subfolder is still listed by git', async () => {
    mkdirSync(join(fileRoot, 'sub'), { recursive: true });
    writeFileSync(join(fileRoot, 'sub', 'x.ts'), 'export const x = 1;\n');
    const l = await listRepoFiles(join(fileRoot, 'sub'));
    assert.equal(l.source, 'git');
    assert.deepEqual(l.paths, ['x.ts']);
  });
});

describe('a `.git` file or symlink naming another repository\'s git directory', () => {
  const G = [...GIT, '-c', 'protocol.file.allow=always'];
  let victim: string;
  before(() => {
    // The user's other project, next to where the hostile folder is unpacked (no `.git` can come in a clone).
    victim = join(base, 'my-other-project');
    mkdirSync(victim, { recursive: true });
    execFileSync('git', [...G, 'init', '-q', victim]);
    writeFileSync(join(victim, 'CANARY_FOREIGN_NAME_5d0e.md'), 'plan\n');
    execFileSync('git', [...G, 'add', '.'], { cwd: victim });
    execFileSync('git', [...G, 'commit', '-q', '-m', 'x'], { cwd: victim });
    execFileSync('git', [...G, 'worktree', 'add', '-q', join(base, 'victim-wt')], { cwd: victim });
  });

  /** A hostile folder with app.ts and a `.git` made by `plant`. */
  function hostile(name: string, plant: (root: string) => void): string {
    const root = join(base, name);
    mkdirSync(root, { recursive: true });
    writeFileSync(join(root, 'app.ts'), 'export const answer = 42;\n');
    plant(root);
    return root;
  }

  test('regression: `gitdir: ../my-other-project/.git`, a `.git` symlink to it, or to its linked worktree: no name of that project is listed or sent', async () => {
    const roots = [
      hostile('foreign-file', (r) => writeFileSync(join(r, '.git'), 'gitdir: ../my-other-project/.git\n')),
      hostile('foreign-link', (r) => symlinkSync('../my-other-project/.git', join(r, '.git'))),
      hostile('foreign-wt', (r) => writeFileSync(join(r, '.git'), `gitdir: ${join(victim, '.git', 'worktrees', 'victim-wt')}\n`)),
    ];
    assert.match(execFileSync('git', ['ls-files'], { cwd: roots[0], encoding: 'utf8' }), /CANARY_FOREIGN_NAME/, 'armed: git lists the other project');
    for (const root of roots) {
      const l = await listRepoFiles(root);
      assert.equal(l.source, 'walk', root);
      assert.ok(l.paths.includes('app.ts') && !l.paths.some((p) => p.includes('CANARY')), `${root}: ${l.paths.join(',')}`);
    }
    const out = join(base, 'prompt-foreign.txt');
    const r = await cli(['context', '--repo', roots[0], '--paper', 'paper.md', '--json', '--out', out], { cwd: base });
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.ok(readFileSync(out, 'utf8').includes('export const answer = 42;'), 'the folder\'s own file is sent');
    assert.ok(!readFileSync(out, 'utf8').includes('CANARY_FOREIGN_NAME'), 'another project\'s file name reached the prompt');
    assert.ok(!r.stdout.includes('CANARY_FOREIGN_NAME'), 'another project\'s file name reached the manifest');
  });

  test('regression: no git call runs against the other project from such a folder: identity, recent changes, a scratch worktree', async () => {
    const root = hostile('foreign-all', (r) => writeFileSync(join(r, '.git'), 'gitdir: ../my-other-project/.git\n'));
    const worktreesBefore = readdirSync(join(victim, '.git', 'worktrees')).sort();
    const state = await readRepoState(root);
    assert.deepEqual(state, { name: 'foreign-all' }, 'the other project\'s HEAD and remote are not this folder\'s identity');
    assert.deepEqual(await recentlyChangedPaths(root), [], 'the other project\'s history does not rank this folder\'s files');
    const add = await runGit(['worktree', 'add', '--detach', join(base, 'should-not-exist'), 'HEAD'], { cwd: root });
    assert.equal(add.ok, false);
    assert.equal(add.failure, 'foreign');
    assert.match(describeGitFailure('Making a scratch worktree', add), /another project's git directory/);
    assert.deepEqual(readdirSync(join(victim, '.git', 'worktrees')).sort(), worktreesBefore, 'nothing was written into the other project\'s .git');
    assert.equal(await gitDirIsOwn(join(base, 'victim-wt')), true, 'a linked worktree stays its own');
    assert.equal(await gitDirIsOwn(victim), true);
  });

  test('a linked worktree (and a folder in it), and a submodule opened on its own, are still listed by git', async () => {
    const wt = join(base, 'victim-wt');
    mkdirSync(join(wt, 'sub'), { recursive: true });
    writeFileSync(join(wt, 'sub', 'y.ts'), 'export const y = 1;\n');
    assert.equal((await listRepoFiles(wt)).source, 'git');
    assert.deepEqual(await listRepoFiles(join(wt, 'sub')), { source: 'git', paths: ['y.ts'], omittedDirs: [] });
    const sup = join(base, 'super');
    execFileSync('git', [...G, 'init', '-q', sup]);
    execFileSync('git', [...G, 'submodule', 'add', '-q', victim, 'mod'], { cwd: sup, stdio: 'ignore' });
    const l = await listRepoFiles(join(sup, 'mod'));
    assert.equal(l.source, 'git');
    assert.deepEqual(l.paths, ['CANARY_FOREIGN_NAME_5d0e.md']);
  });
});
