import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChecks } from '../../../../src/core/checks/runChecks';

test('checks of several drafts on one repo at once never trip over each other\'s worktrees', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'pairwise-race-'));
  try {
    writeFileSync(join(repo, 'a.py'), 'def f():\n    return 1\n');
    const git = (...a: string[]) => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@t', ...a], { cwd: repo });
    git('init', '-q'); git('add', '-A'); git('commit', '-qm', 'init');
    const draft = { route: 'pr', body: 'See `a.py`.', patch: 'diff --git a/a.py b/a.py\n--- a/a.py\n+++ b/a.py\n@@ -1,2 +1,2 @@\n def f():\n-    return 1\n+    return 2\n' };
    let failures = 0;
    for (let round = 0; round < 8; round++) {
      const reports = await Promise.all([1, 2, 3].map(() => runChecks({ repoRoot: repo, draft })));
      failures += reports.filter((r) => r.patch?.applies !== true).length;
    }
    assert.equal(failures, 0);
    const list = execFileSync('git', ['worktree', 'list', '--porcelain'], { cwd: repo, encoding: 'utf8' });
    assert.equal(list.split('\n').filter((l) => l.startsWith('worktree ')).length, 1, 'only the main worktree remains');
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});
