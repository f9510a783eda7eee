import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createdPaths, parsePatch } from '../../../../src/core/checks/patchParse';

const GIT_PATCH = `diff --git a/src/a.py b/src/a.py
index 111..222 100644
--- a/src/a.py
+++ b/src/a.py
@@ -1,3 +1,4 @@
 import os
-x = 1
+x = 2
+y = 3
 print(x)
diff --git a/src/new.py b/src/new.py
new file mode 100644
--- /dev/null
+++ b/src/new.py
@@ -0,0 +1,2 @@
+def f():
+    return 1
diff --git a/old name.txt b/new name.txt
similarity index 100%
rename from old name.txt
rename to new name.txt
`;

describe('parsePatch', () => {
  test('splits git diffs per file with statuses, counts and new-file line numbers', () => {
    const p = parsePatch(GIT_PATCH);
    assert.equal(p.files.length, 3);
    const [a, n, r] = p.files;
    assert.deepEqual([a.oldPath, a.newPath, a.status, a.added, a.removed, a.strip], ['src/a.py', 'src/a.py', 'modified', 2, 1, 1]);
    assert.deepEqual(a.addedLines, [{ line: 2, text: 'x = 2' }, { line: 3, text: 'y = 3' }]);
    assert.deepEqual([n.oldPath, n.newPath, n.status, n.added], [null, 'src/new.py', 'added', 2]);
    assert.deepEqual([r.oldPath, r.newPath, r.status], ['old name.txt', 'new name.txt', 'renamed']);
    assert.ok(a.text.startsWith('diff --git a/src/a.py') && a.text.endsWith(' print(x)\n'));
    assert.deepEqual([...createdPaths(p)].sort(), ['new name.txt', 'src/new.py']);
  });
  test('plain diffs without a/ b/ prefixes use -p0; fences and CRLF are removed', () => {
    const p = parsePatch('```diff\r\n--- lib/x.js\t2024-01-01\r\n+++ lib/x.js\r\n@@ -1 +1 @@\r\n-a\r\n+b\r\n```\r\n');
    assert.equal(p.files.length, 1);
    assert.deepEqual([p.files[0].oldPath, p.files[0].newPath, p.files[0].strip], ['lib/x.js', 'lib/x.js', 0]);
    assert.ok(!p.text.includes('\r') && !p.text.includes('```'));
  });
  test('plain diffs with prefixes and several files', () => {
    const p = parsePatch('Some prose first.\n--- a/x.py\n+++ b/x.py\n@@ -1,1 +1,1 @@\n-a\n+b\n--- a/y.py\n+++ b/y.py\n@@ -1 +1,2 @@\n a\n+c\n');
    assert.deepEqual(p.files.map((f) => [f.newPath, f.strip, f.added, f.removed]), [['x.py', 1, 1, 1], ['y.py', 1, 1, 0]]);
    assert.ok(!p.files[0].text.includes('prose'));
  });
  test('keeps raw header paths (for the safety check) and symlink modes', () => {
    const p = parsePatch('diff --git a/link b/link\nnew file mode 120000\n--- /dev/null\n+++ b/link\n@@ -0,0 +1 @@\n+../../etc\n\\ No newline at end of file\n');
    assert.equal(p.files[0].newMode, '120000');
    assert.deepEqual(p.files[0].rawPaths, ['a/link', 'b/link', 'b/link']);
    assert.equal(p.files[0].added, 1);
  });
  test('wrong hunk counts still count lines', () => {
    const p = parsePatch('--- a/x\n+++ b/x\n@@ -1,9 +1,9 @@\n a\n+b\n+c\n');
    assert.equal(p.files[0].added, 2);
  });
});
