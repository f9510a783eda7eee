// A model's patch may name `.git` as Windows or macOS read it (`.git::$INDEX_ALLOCATION`, `git~1`, `.g\u200cit`):
// the patch's paths are refused by the same test the context's reads use (isGitDirName), and git itself refuses
// them when it applies a patch, even in a repository whose config turns git's own protections off.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parsePatch } from '../../../src/core/checks/patchParse';
import { pathProblem, validatePatchPaths } from '../../../src/core/checks/patchSafety';
import { parseLsTree } from '../../../src/core/checks/repoTree';
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

  // git reads a name that starts with `"` as C-quoted (octal bytes, \t, \\, \"): checked as written, these named no
  // `.git`, `..`, symlink or submodule to the path checks, while git applied them to the unquoted names.
  const QUOTED: [string, string][] = [
    ['.g\\342\\200\\214it/hooks/pre-commit', 'writes inside .git'],
    ['x/\\056git/config', 'writes inside .git'],
    ['\\056\\056/outside', 'leaves the repo'],
    ['\\166endor/x.py', 'goes through the symlink vendor'],
    ['libs/su\\142/x.py', 'inside the submodule libs/sub'],
  ];
  const SHA = '0'.repeat(40);
  const tree = parseLsTree('c'.repeat(40), [`120000 blob ${SHA}\tvendor`, `160000 commit ${SHA}\tlibs/sub`].join('\0') + '\0');
  const quotedGit = (p: string) => `diff --git "a/${p}" "b/${p}"\nnew file mode 100644\n--- /dev/null\n+++ "b/${p}"\n@@ -0,0 +1 @@\n+x\n`;
  const quotedPlain = (p: string) => `--- "a/${p}"\t2026-01-01\n+++ "b/${p}"\n@@ -1 +1 @@\n-x\n+y\n`;
  const quotedRename = (p: string) => `diff --git a/src/a.py "b/${p}"\nsimilarity index 100%\nrename from src/a.py\nrename to "${p}"\n`;

  test('C-quoted names are checked as git reads them', () => {
    for (const [p, reason] of QUOTED) {
      for (const make of [quotedGit, quotedPlain, quotedRename]) {
        const found = validatePatchPaths(parsePatch(make(p)), tree).map((x) => x.reason);
        assert.ok(found.some((r) => r.startsWith(reason)), `${make.name} ${p}: ${JSON.stringify(found)}`);
      }
    }
  });

  test('the parsed names are the names git apply uses', () => {
    const cases = [...QUOTED.map(([p]) => p), 'caf\\303\\251 menu.py', 'tab\\there\\\\\\"q', 'plain/name.py'];
    for (const p of cases) {
      for (const make of [quotedGit, quotedPlain]) {
        const text = make(p);
        // --numstat -z: the name git would write, unquoted (no repository needed, nothing applied).
        const numstat = execFileSync('git', ['apply', '--numstat', '-z', '-'], { cwd: repo, input: text }).toString('utf8');
        const gitName = /^(?:\d+|-)\t(?:\d+|-)\t([\s\S]*)\0$/.exec(numstat)?.[1];
        const parsed = parsePatch(text).files[0];
        assert.equal(parsed.newPath, gitName, `${make.name} ${p}`);
      }
    }
  });
});
