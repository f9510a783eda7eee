import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { summarizePatch } from '../../../webview/compare/patchSummary';

const patch = `diff --git a/src/cache.ts b/src/cache.ts
--- a/src/cache.ts
+++ b/src/cache.ts
@@ -1,3 +1,4 @@
 import x from 'y';
-const a = 1;
+const a = 2;
+const b = 3;
 export {};
diff --git a/docs/new.md b/docs/new.md
--- /dev/null
+++ b/docs/new.md
@@ -0,0 +1,2 @@
+# New
+text
diff --git a/old.txt b/old.txt
--- a/old.txt
+++ /dev/null
@@ -1 +0,0 @@
-gone
`;

describe('summarizePatch', () => {
  test('lists files with +/- counts and status', () => {
    const s = summarizePatch(patch);
    assert.ok(s.ok);
    assert.deepEqual(s.files, [
      { path: 'src/cache.ts', added: 2, removed: 1, status: 'modified' },
      { path: 'docs/new.md', added: 2, removed: 0, status: 'added' },
      { path: 'old.txt', added: 0, removed: 1, status: 'deleted' },
    ]);
  });
  test('empty patch has no files', () => { assert.deepEqual(summarizePatch('  \n'), { ok: true, files: [] }); });
  test('a malformed patch yields a message, not a throw', () => {
    const s = summarizePatch('--- a/x\n+++ b/x\n@@ -1,2 +1,2 @@\n-a\n');
    assert.equal(s.ok, false);
    assert.match(!s.ok ? s.message : '', /could not be parsed/);
  });
});
