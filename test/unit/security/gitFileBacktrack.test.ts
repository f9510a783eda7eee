// Regression: a repository's `.git` file (how worktrees and submodules name their git directory) is read before git
// first runs there, on the extension host's thread. Its `gitdir:` pattern retried the trailing `\s*$` over the rest of
// a run of spaces at each character: a crafted `.git` file of `gitdir:r`, 65,000 tabs and `i` (under the 64 KiB read
// limit) took 5.8 s (100,000 tabs 16 s), before the first git call in that folder. One pass now, with the
// same value for every text (checked against the old pattern on 1.26 million generated ones).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gitFileTarget, ownGitDir } from '../../../src/core/git/gitDirOwner';

describe('a crafted .git file', () => {
  let dir: string;
  before(() => { dir = mkdtempSync(join(tmpdir(), 'pairwise-gitfile-')); });
  after(() => rmSync(dir, { recursive: true, force: true }));

  test('regression: `gitdir:r`, 65,000 tabs and `i` is read in milliseconds', async () => {
    const text = `gitdir:r${'\t'.repeat(65_000)}i`;
    const t0 = performance.now();
    assert.equal(gitFileTarget(text), text.slice('gitdir:'.length));
    const repo = join(dir, 'crafted');
    mkdirSync(repo);
    writeFileSync(join(repo, '.git'), text);
    assert.equal(await ownGitDir(repo), false, 'names no readable git directory: refused');
    assert.ok(performance.now() - t0 < 1500, `${Math.round(performance.now() - t0)} ms`);
  });

  test('ordinary gitfiles read as before', () => {
    assert.equal(gitFileTarget('gitdir: /repo/.git/worktrees/wt\n'), '/repo/.git/worktrees/wt');
    assert.equal(gitFileTarget('gitdir: ../.git/modules/sub  \r\n'), '../.git/modules/sub');
    assert.equal(gitFileTarget('x\ngitdir:\n  /a b\n'), '/a b');
    assert.equal(gitFileTarget('gitdir:   '), ' ');
    assert.equal(gitFileTarget('GITDIR: /x'), null);
    assert.equal(gitFileTarget('no'), null);
  });
});
