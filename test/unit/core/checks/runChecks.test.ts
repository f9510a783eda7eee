import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readdirSync, readFileSync, realpathSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runChecks, summarizeChecksForRecord, type CheckReport } from '../../../../src/core/checks';
import { makeRepo, worktreePaths, type RepoFixture } from './repoFixture';

let fx: RepoFixture;
const TRAIN = 'from demo.loader import Loader\n\n\ndef train_epoch(model):\n    data = Loader().load("x")\n    return model(data)\n';

before(() => {
  fx = makeRepo({
    'demo/__init__.py': '',
    'demo/loader.py': 'class Loader:\n    def load(self, path):\n        return [path]\n',
    'demo/train.py': TRAIN,
    'README.md': '# demo\n',
    'vendor': { symlink: 'demo' },
  });
});
after(() => fx.cleanup());

/** No scratch worktree is registered or left on disk, and the user's checkout is untouched. */
function assertClean(): void {
  assert.deepEqual(worktreePaths(fx), [realpathSync(fx.root)]);
  const mine = readdirSync(tmpdir()).filter((n) => n.startsWith(`pairwise-wt-${process.pid}-`));
  assert.deepEqual(mine, []);
  assert.equal(fx.git('status', '--porcelain'), '');
  assert.equal(readFileSync(join(fx.root, 'demo/train.py'), 'utf8'), TRAIN);
}
afterEach(assertClean);

function newFile(path: string, lines: string[]): string {
  return `diff --git a/${path} b/${path}\nnew file mode 100644\n--- /dev/null\n+++ b/${path}\n@@ -0,0 +1,${lines.length} @@\n${lines.map((l) => `+${l}`).join('\n')}\n`;
}
const EDIT_TRAIN = 'diff --git a/demo/train.py b/demo/train.py\n--- a/demo/train.py\n+++ b/demo/train.py\n@@ -1,3 +1,4 @@\n from demo.loader import Loader\n+from demo.metrics import accuracy\n \n \n';
const CONFLICT = '--- a/demo/loader.py\n+++ b/demo/loader.py\n@@ -1,3 +1,3 @@\n class Loader:\n-    def load(self, name):\n+    def load(self, key):\n         return [path]\n';

function pr(patch: string, body = 'Adds metrics.'): { repoRoot: string; draft: { route: string; title: string; body: string; patch: string } } {
  return { repoRoot: fx.root, draft: { route: 'pr', title: 'Add metrics', body, patch } };
}
function labels(r: CheckReport): string[] {
  return r.badges.map((b) => `${b.level}:${b.label}`);
}

describe('runChecks: patches', () => {
  test('a wired-in patch applies and nothing is dead', async () => {
    const r = await runChecks(pr(EDIT_TRAIN + newFile('demo/metrics.py', ['def accuracy(p, g):', '    return sum(a == b for a, b in zip(p, g)) / len(g)'])));
    assert.equal(r.error, undefined);
    assert.equal(r.patch?.valid, true);
    assert.equal(r.patch?.applies, true);
    assert.deepEqual(r.patch?.files.map((f) => [f.path, f.status, f.applies, f.added, f.removed]),
      [['demo/train.py', 'modified', true, 1, 0], ['demo/metrics.py', 'added', true, 2, 0]]);
    assert.deepEqual(r.patch?.deadModules, []);
    assert.equal(r.patch?.stubs.count, 0);
    assert.ok(labels(r).includes('ok:patch applies'));
    assert.ok(labels(r).includes('ok:+3 −0 in 2 files'));
    assert.equal(r.commit, fx.head);
    assert.deepEqual(JSON.parse(JSON.stringify(r)), r, 'JSON-serialisable');
  });
  test('a conflicting file is reported per file with git\'s message', async () => {
    const r = await runChecks(pr(CONFLICT + newFile('demo/extra.py', ['X = 1'])));
    assert.equal(r.patch?.applies, false);
    const [loader, extra] = r.patch?.files ?? [];
    assert.equal(loader.applies, false);
    assert.match(loader.error ?? '', /patch does not apply|patch failed/);
    assert.equal(extra.applies, true);
    assert.match(r.patch?.applyError ?? '', /demo\/loader.py/);
    assert.ok(labels(r).includes('error:patch does not apply (1/2 files)'));
    assert.equal(summarizeChecksForRecord(r).patchApplies, false);
  });
  test('wrong hunk counts: applies only with --recount', async () => {
    const bad = '--- a/demo/loader.py\n+++ b/demo/loader.py\n@@ -1,9 +1,9 @@\n class Loader:\n     def load(self, path):\n-        return [path]\n+        return [path, path]\n';
    const r = await runChecks(pr(bad));
    assert.equal(r.patch?.applies, false);
    assert.equal(r.patch?.appliesWithRecount, true);
    assert.ok(labels(r).includes('warn:patch applies after --recount'));
  });
  for (const [name, patch, reason] of [
    ['../', newFile('../escaped.txt', ['pwned']), /leaves the repo/],
    ['an absolute path', '--- /dev/null\n+++ /tmp/pairwise-escape-test.txt\n@@ -0,0 +1 @@\n+pwned\n', /absolute/],
    ['.git/', newFile('.git/hooks/post-checkout', ['#!/bin/sh', 'echo pwned']), /inside \.git/],
    ['a symlink of the tree', newFile('vendor/evil.py', ['x = 1']), /through the symlink vendor/],
  ] as const) {
    test(`a patch escaping via ${name} is rejected before anything is applied`, async () => {
      const r = await runChecks({ ...pr(patch), testCommand: 'echo ran', allowTestRun: true });
      assert.equal(r.patch?.valid, false);
      assert.equal(r.patch?.applies, false);
      assert.match(r.patch?.pathProblems.map((p) => p.reason).join() ?? '', reason);
      assert.equal(r.badges[0].label === 'unsafe patch' || labels(r).includes('error:unsafe patch'), true);
      assert.equal(r.testRun?.status, 'skipped');
      assert.ok(!existsSync(join(fx.root, '..', 'escaped.txt')));
      assert.ok(!existsSync('/tmp/pairwise-escape-test.txt'));
    });
  }
  test('flags a new module nothing imports, and stubs', async () => {
    const r = await runChecks(pr(newFile('demo/orphan_feature.py', ['def run():', '    # TODO: implement', '    raise NotImplementedError', 'def other():', '    pass'])));
    assert.deepEqual(r.patch?.deadModules.map((d) => d.path), ['demo/orphan_feature.py']);
    assert.equal(r.patch?.stubs.count, 3);
    assert.equal(r.patch?.stubs.perAddedLine, 0.6);
    assert.ok(labels(r).includes('warn:1 unused new module'));
    assert.ok(labels(r).includes('error:3 stubs'));
    assert.deepEqual(summarizeChecksForRecord(r), {
      grounded: 0, unverified: 0, newInPatch: 0, emptyClaims: 0, patchApplies: true, stubs: 3, deadModules: 1, testsPassed: null,
    });
  });
});

describe('runChecks: grounding and claims', () => {
  test('a draft that claims the repo is empty gets an error badge', async () => {
    const r = await runChecks({ repoRoot: fx.root, draft: { route: 'skip', body: 'The repository layout supplied is empty, so I skip.' } });
    assert.equal(r.grounding.emptyClaims.length, 1);
    assert.ok(labels(r).includes('error:claims repo empty'));
    assert.equal(r.patch, undefined);
  });
  test('counts verified and unverified references', async () => {
    const r = await runChecks({ repoRoot: fx.root, draft: { route: 'issue', title: 'Loader', body: '`Loader.load` in demo/loader.py:2 and `demo/cache.py`, `fetch_all()`.' } });
    assert.equal(r.grounding.grounded, 2);
    assert.equal(r.grounding.unverified, 2);
    assert.ok(labels(r).includes('error:2/4 references verified'));
  });
  test('a PR route without a patch is flagged', async () => {
    const r = await runChecks({ repoRoot: fx.root, draft: { route: 'pr', body: 'See demo/loader.py' } });
    assert.ok(labels(r).includes('warn:PR without a patch'));
  });
});

describe('runChecks: never rejects', () => {
  test('not a git repository', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'pairwise-test-norepo-'));
    try {
      const r = await runChecks({ repoRoot: dir, draft: { route: 'issue', body: 'x' } });
      assert.match(r.error ?? '', /not a git repository/);
      assert.equal(r.badges[0].level, 'error');
    } finally { rmSync(dir, { recursive: true, force: true }); }
  });
  test('unknown commit, missing folder, and a malformed input', async () => {
    const bad = await runChecks({ repoRoot: fx.root, commit: 'deadbeef', draft: { route: 'pr', body: '', patch: EDIT_TRAIN } });
    assert.match(bad.error ?? '', /Commit "deadbeef" was not found/);
    const missing = await runChecks({ repoRoot: join(fx.root, 'nope'), draft: { route: 'issue', body: 'x' } });
    assert.ok(missing.error);
    const fresh = mkdtempSync(join(tmpdir(), 'pairwise-test-fresh-'));
    try {
      fx.git('init', '-q', fresh);
      const none = await runChecks({ repoRoot: fresh, draft: { route: 'issue', body: 'x' } });
      assert.match(none.error ?? '', /has no commits yet/);
    } finally { rmSync(fresh, { recursive: true, force: true }); }
    const junk = await runChecks(undefined as unknown as Parameters<typeof runChecks>[0]);
    assert.match(junk.error ?? '', /Checks failed/);
    assert.equal(junk.badges[0].label, 'checks incomplete');
  });
});
