import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { parsePatch } from '../../../../src/core/checks/patchParse';
import { pathProblem, validatePatchPaths } from '../../../../src/core/checks/patchSafety';
import { parseLsTree } from '../../../../src/core/checks/repoTree';

const SHA = '0'.repeat(40);
const tree = parseLsTree('c'.repeat(40), [
  `100644 blob ${SHA}\tsrc/a.py`, `120000 blob ${SHA}\tvendor`, `160000 commit ${SHA}\tlibs/sub`,
].join('\0') + '\0');

function problems(patch: string): string[] {
  return validatePatchPaths(parsePatch(patch), tree).map((p) => `${p.path}: ${p.reason}`);
}

function modify(path: string, prefix = true): string {
  const [a, b] = prefix ? [`a/${path}`, `b/${path}`] : [path, path];
  return `--- ${a}\n+++ ${b}\n@@ -1 +1 @@\n-x\n+y\n`;
}

describe('pathProblem', () => {
  test('flags absolute, parent, .git and NUL paths', () => {
    assert.match(pathProblem('/etc/passwd') ?? '', /absolute/);
    assert.match(pathProblem('C:\\x') ?? '', /absolute/);
    assert.match(pathProblem('a/../../x') ?? '', /leaves the repo/);
    assert.match(pathProblem('.git/hooks/pre-commit') ?? '', /\.git/);
    assert.match(pathProblem('sub/.GIT/config') ?? '', /\.git/);
    assert.match(pathProblem('a\0b') ?? '', /NUL/);
    assert.equal(pathProblem('src/.gitignore'), undefined);
    assert.equal(pathProblem('src/a..b.py'), undefined);
  });
});

describe('validatePatchPaths', () => {
  test('a normal patch has no problems', () => {
    assert.deepEqual(problems(modify('src/a.py')), []);
  });
  test('rejects ../, absolute and .git paths in headers', () => {
    assert.match(problems(modify('../outside.py')).join(), /leaves the repo/);
    assert.match(problems(modify('/etc/passwd', false)).join(), /absolute/);
    assert.match(problems(modify('.git/config')).join(), /inside \.git/);
    assert.match(problems('diff --git a/x b/x\nrename from x\nrename to ../../y\n').join(), /leaves the repo/);
  });
  test('regression (issue 12): `rename to ../x` and `copy to ../x` are validated like new paths, not stripped to `x`', () => {
    assert.deepEqual(problems('diff --git a/src/a.py b/src/a.py\nsimilarity index 100%\nrename from src/a.py\nrename to ../x\n'), ['../x: leaves the repo ("..")']);
    assert.deepEqual(problems('diff --git a/src/a.py b/src/a.py\nsimilarity index 100%\ncopy from src/a.py\ncopy to ../x\n'), ['../x: leaves the repo ("..")']);
    assert.match(problems('diff --git a/src/a.py b/src/a.py\nrename from ../../etc/passwd\nrename to src/p\n').join(), /leaves the repo/);
    assert.match(problems('diff --git a/src/a.py b/src/a.py\nrename from src/a.py\nrename to .git/hooks/post-checkout\n').join(), /inside \.git/);
  });
  test('rejects paths through a symlink of the tree, one made by the patch, or into a submodule', () => {
    assert.match(problems(modify('vendor/pkg/x.py')).join(), /through the symlink vendor/);
    const viaNewLink = 'diff --git a/lnk b/lnk\nnew file mode 120000\n--- /dev/null\n+++ b/lnk\n@@ -0,0 +1 @@\n+src\n' + modify('lnk/a.py');
    assert.match(problems(viaNewLink).join(), /through the symlink lnk/);
    assert.match(problems(modify('libs/sub/x.c')).join(), /submodule/);
  });
  test('rejects a symlink that points outside the repo', () => {
    const p = 'diff --git a/up b/up\nnew file mode 120000\n--- /dev/null\n+++ b/up\n@@ -0,0 +1 @@\n+../../../etc\n';
    assert.match(problems(p).join(), /symlink pointing outside/);
    const inside = 'diff --git a/in b/in\nnew file mode 120000\n--- /dev/null\n+++ b/in\n@@ -0,0 +1 @@\n+src/a.py\n';
    assert.deepEqual(problems(inside), []);
  });
  test('regression: a symlink whose target the text does not show, or that moves to another folder, is refused', () => {
    const linkTree = parseLsTree('c'.repeat(40), [`100644 blob ${SHA}\tx`, `120000 blob ${SHA}\ta/b/lnk`].join('\0') + '\0');
    const found = (patch: string) => validatePatchPaths(parsePatch(patch), linkTree).map((p) => `${p.path}: ${p.reason}`);
    // `git diff --binary` of a link to /etc/passwd (git apply makes the link from it).
    const binaryLink = 'diff --git a/lnk b/lnk\nnew file mode 120000\nindex 0000000000000000000000000000000000000000..3594e94c04db171e2767224db355f514b13715c5\n'
      + 'GIT binary patch\nliteral 11\nScmdN-ElJidNGvWcPXPcIa|A5_\n\nliteral 0\nHcmV?d00001\n\n';
    assert.deepEqual(found(binaryLink), ['lnk: symlink written as a binary patch (its target cannot be checked)']);
    assert.match(found(binaryLink.replace('new file mode 120000\n', '').replace(/a\/lnk b\/lnk/, 'a/a/b/lnk b/a/b/lnk').replace(/\.\.3594e94c04db171e2767224db355f514b13715c5/, '..3594e94')).join(), /a\/b\/lnk: symlink written as a binary patch/);
    // a/b/lnk -> ../../x is inside; renamed to the top, the same target leaves the repo (git apply takes both).
    const moved = 'diff --git a/a/b/lnk b/lnk\nsimilarity index 100%\nrename from a/b/lnk\nrename to lnk\n';
    assert.deepEqual(found(moved), ['lnk: moves the symlink a/b/lnk to another folder (its target would resolve elsewhere)']);
    assert.deepEqual(found(moved.replace(/lnk\n$/, 'a/b/lnk2\n').replace('b/lnk\nsim', 'b/a/b/lnk2\nsim')), [], 'renamed in its folder');
    const retargeted = 'diff --git a/a/b/lnk b/up\nsimilarity index 50%\nrename from a/b/lnk\nrename to up\n--- a/a/b/lnk\n+++ b/up\n@@ -1 +1 @@\n-../../x\n\\ No newline at end of file\n+../x\n\\ No newline at end of file\n';
    assert.deepEqual(found(retargeted), ['up: symlink pointing outside the repo (../x)']);
  });
  test('rejects text that is no patch at all, and NUL bytes', () => {
    assert.match(problems('just some words\n').join(), /no file sections/);
    assert.match(problems(modify('src/a.py').replace('+y', '+y\0')).join(), /NUL/);
  });
});
