// A model's patch may name `.git` as Windows or macOS read it (`.git::$INDEX_ALLOCATION`, `git~1`, `.g\u200cit`):
// the patch's paths are refused by the same test the context's reads use (isGitDirName), and git itself refuses
// them when it applies a patch, even in a repository whose config turns git's own protections off.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathProblem } from '../../../src/core/checks/patchSafety';
import { runGit } from '../../../src/core/git/runGit';

const ALIASES = ['.git::$INDEX_ALLOCATION/hooks/post-checkout', '.g\u200cit/hooks/pre-commit', 'sub/.G\u200dIT/config', '.GIT. /config', 'git~1/config', 'a/.git:stream', '.git\ufeff/hooks/x'];
const PLAIN = ['.github/workflows/ci.yml', '.gitignore', 'src/.gitkeep', 'git~2/x', 'docs/git.md'];

function newFile(path: string): string {
  return `diff --git a/${path} b/${path}\nnew file mode 100755\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1 @@\n+echo pwned\n`;
}

describe('a patch that writes into .git under another spelling', () => {
  test('each spelling of .git is refused; names that only start like it are not', () => {
    for (const p of ALIASES) assert.equal(pathProblem(p), 'writes inside .git', p);
    for (const p of PLAIN) assert.equal(pathProblem(p), undefined, p);
  });

  let repo: string;
  before(() => {
    repo = realpathSync(mkdtempSync(join(tmpdir(), 'pw-patch-alias-')));
    execFileSync('git', ['init', '-q', repo]);
    // A hostile repository turns git's own protections off.
    execFileSync('git', ['config', 'core.protectHFS', 'false'], { cwd: repo });
    execFileSync('git', ['config', 'core.protectNTFS', 'false'], { cwd: repo });
  });
  after(() => rmSync(repo, { recursive: true, force: true }));

  test('git apply run by Pairwise refuses them although the repository turned its protections off', async () => {
    for (const p of ['.g\u200cit/hooks/pre-commit', 'git~1/config']) {
      // As the repository configures it, plain git would take the patch (the test is meaningful)...
      execFileSync('git', ['apply', '--check', '--cached'], { cwd: repo, input: newFile(p) });
      // ...and through runGit it is refused.
      const r = await runGit(['apply', '--check', '--cached'], { cwd: repo, input: newFile(p) });
      assert.equal(r.ok, false, p);
      assert.match(r.stderr, /invalid path/, p);
    }
  });
});
