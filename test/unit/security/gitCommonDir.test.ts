// Regression: a `.git` FOLDER can name another project's git directory too. git reads a git directory's `commondir`
// file (which only linked worktrees' git directories have) and takes objects, refs, config and worktree records from
// the folder it names. An unpacked repository whose `.git/commondir` said `../../other/.git` made every git call
// Pairwise ran there read that project: `git log` showed its history, the repository's identity in the results was
// its commit, and the checks' scratch worktree would have been recorded in its `.git/worktrees`. Such a folder is now
// refused like a `.git` file naming another project's git directory (the context is then built by walking the folder).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, realpathSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { buildContext } from '../../../src/core/context/buildContext';
import { ownGitDir } from '../../../src/core/git/gitDirOwner';
import { readRepoState } from '../../../src/core/git/repoState';
import { runGit } from '../../../src/core/git/runGit';
import type { Paper } from '../../../src/core/paper/types';

const CANARY = 'OTHER_PROJECT_HISTORY_5e1d';
const GIT = ['-c', 'user.name=Other', '-c', 'user.email=other@example.invalid', '-c', 'core.hooksPath=/dev/null', '-c', 'init.defaultBranch=main'];
const PAPER: Paper = { source: 'brief', id: 'b', title: 'Plan', authors: [], abstract: 'plan of the other project', text: 'plan', format: 'md', hash: 'h', warnings: [] };

describe('a .git folder whose commondir names another project', () => {
  let base: string;
  let other: string;
  let proj: string;
  let selfNamed: string;
  before(() => {
    base = realpathSync(mkdtempSync(join(tmpdir(), 'pw-commondir-')));
    other = join(base, 'other');
    mkdirSync(other);
    execFileSync('git', [...GIT, 'init', '-q', other]);
    writeFileSync(join(other, `${CANARY}.txt`), 'private\n');
    execFileSync('git', [...GIT, 'add', '-A'], { cwd: other });
    execFileSync('git', [...GIT, 'commit', '-q', '-m', CANARY], { cwd: other });
    // The unpacked project: a `.git` folder of two files, HEAD and a commondir naming the other project's.
    proj = join(base, 'proj');
    mkdirSync(join(proj, '.git'), { recursive: true });
    writeFileSync(join(proj, 'app.ts'), 'export const answer = 42;\n');
    writeFileSync(join(proj, '.git', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(proj, '.git', 'commondir'), '../../other/.git\n');
    // A commondir naming the folder itself is harmless.
    selfNamed = join(base, 'self');
    mkdirSync(selfNamed);
    execFileSync('git', [...GIT, 'init', '-q', selfNamed]);
    writeFileSync(join(selfNamed, '.git', 'commondir'), '.\n');
  });
  after(() => rmSync(base, { recursive: true, force: true }));

  test('the case is armed: git itself reads the other project through the commondir', () => {
    const log = execFileSync('git', ['log', '--oneline'], { cwd: proj, encoding: 'utf8' });
    assert.match(log, new RegExp(CANARY));
  });

  test('regression: no git call runs there, the identity is not the other project\'s, the build walks the folder and says why', async () => {
    assert.equal(await ownGitDir(proj), false);
    const log = await runGit(['log', '--oneline'], { cwd: proj });
    assert.equal(log.ok, false);
    assert.equal(log.failure, 'foreign');
    assert.doesNotMatch(log.stdout.toString(), new RegExp(CANARY));
    const otherHead = execFileSync('git', ['rev-parse', 'HEAD'], { cwd: other, encoding: 'utf8' }).trim();
    const state = await readRepoState(proj);
    assert.notEqual(state.commit, otherHead, 'the results would have named the other project\'s commit');
    // The context is built from the folder itself (walked, as where git is missing), saying why.
    const built = await buildContext({ repoRoot: proj, paper: PAPER });
    assert.ok(built.ok, built.ok ? '' : built.error);
    assert.deepEqual(built.manifest.files.map((f) => f.path), ['app.ts']);
    assert.match(built.warnings.join('\n'), /another project's git directory/);
    assert.doesNotMatch(JSON.stringify(built), new RegExp(CANARY));
  });

  test('a commondir naming the folder itself, or none, is the folder\'s own', async () => {
    assert.equal(await ownGitDir(selfNamed), true);
    assert.equal(await ownGitDir(other), true);
    assert.equal((await runGit(['rev-parse', 'HEAD'], { cwd: other })).ok, true);
  });

  // The same commondir reached without a `.git` folder: a `.git` file or link naming a git directory inside the
  // project, and the project folder itself, which git takes as a bare repository when it holds HEAD (no `.git` at all,
  // or one git skips, as an empty folder). Each made `git log` there print the other project's history.
  const viaInside = (name: string, link: boolean): string => {
    const dir = join(base, name);
    mkdirSync(join(dir, '.g'), { recursive: true });
    writeFileSync(join(dir, 'app.ts'), 'export const answer = 42;\n');
    writeFileSync(join(dir, '.g', 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(dir, '.g', 'commondir'), '../../other/.git\n');
    if (link) symlinkSync('.g', join(dir, '.git'));
    else writeFileSync(join(dir, '.git'), 'gitdir: .g\n');
    return dir;
  };
  const bare = (name: string, emptyDotGit: boolean): string => {
    const dir = join(base, name);
    mkdirSync(join(dir, 'src'), { recursive: true });
    if (emptyDotGit) mkdirSync(join(dir, '.git'));
    writeFileSync(join(dir, 'src', 'app.ts'), 'export const answer = 42;\n');
    writeFileSync(join(dir, 'HEAD'), 'ref: refs/heads/main\n');
    writeFileSync(join(dir, 'commondir'), '../other/.git\n');
    return dir;
  };

  for (const [label, make] of [
    ['a .git file naming a git directory inside the project', () => viaInside('file-inside', false)],
    ['a .git link to a git directory inside the project', () => viaInside('link-inside', true)],
    ['the project folder itself as a bare repository', () => bare('bare', false)],
    ['the project folder as a bare repository behind an empty .git folder', () => bare('bare-empty', true)],
    ['a subfolder of a bare-looking project folder', () => join(bare('bare-sub', false), 'src')],
  ] as const) {
    test(`regression: ${label} whose commondir names the other project is refused`, async () => {
      const dir = make();
      assert.match(execFileSync('git', ['log', '--oneline'], { cwd: dir, encoding: 'utf8' }), new RegExp(CANARY), 'the case is armed');
      assert.equal(await ownGitDir(dir), false);
      const log = await runGit(['log', '--oneline'], { cwd: dir });
      assert.equal(log.failure, 'foreign');
      assert.doesNotMatch(log.stdout.toString(), new RegExp(CANARY));
    });
  }

  test('a linked worktree (also one inside its repository) and a submodule are still their own', async () => {
    const wt = join(base, 'wt');
    execFileSync('git', [...GIT, 'worktree', 'add', '-q', '-b', 'wt', wt], { cwd: other });
    execFileSync('git', [...GIT, 'worktree', 'add', '-q', '-b', 'nested', join(other, 'nested')], { cwd: other });
    const sup = join(base, 'super');
    execFileSync('git', [...GIT, 'init', '-q', sup]);
    execFileSync('git', [...GIT, '-c', 'protocol.file.allow=always', 'submodule', 'add', '-q', other, 'sub'], { cwd: sup });
    for (const dir of [wt, join(other, 'nested'), join(sup, 'sub'), sup]) {
      const r = await runGit(['rev-parse', '--show-toplevel'], { cwd: dir });
      assert.equal(r.stdout.toString().trim(), dir);
      assert.equal(r.ok, true, `${dir}: ${r.stderr}`);
    }
    assert.equal(await ownGitDir(wt), true);
  });
});
