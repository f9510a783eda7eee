import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { checkGrounding } from '../../../../src/core/checks/grounding';
import { parsePatch } from '../../../../src/core/checks/patchParse';
import { readRepoTree, resolveCommit } from '../../../../src/core/checks/repoTree';
import type { DraftForChecks, GroundingReport } from '../../../../src/core/checks/types';
import { makeRepo, type RepoFixture } from './repoFixture';

let fx: RepoFixture;
let first: string;

before(() => {
  fx = makeRepo({
    'pyproject.toml': '[project]\nname = "demo"\ndependencies = ["numpy>=1.26", "PyYAML"]\n',
    'demo/__init__.py': '',
    'demo/data/loader.py': 'import numpy as np\n\nclass Loader:\n    def load(self, path):\n        return np.load(path)\n\n    def close(self):\n        pass\n',
    'demo/train.py': 'from demo.data.loader import Loader\n\ndef train_epoch(model):\n    return Loader().load("x")\n',
    'web/package.json': '{"name":"web","dependencies":{"react":"19.0.0"},"devDependencies":{"@types/node":"24.0.0"}}\n',
    'web/src/app.ts': "import { helper } from './lib/helper';\nexport const app = helper();\n",
    'web/src/lib/helper.ts': 'export function helper() { return 1; }\n',
    'docs/guide.md': '# Guide\n',
    'README.md': '# Demo\n',
  });
  first = fx.head;
  fx.commit({ 'demo/later.py': 'def added_later():\n    return 2\n' }, 'second');
});
after(() => fx.cleanup());

async function ground(draft: DraftForChecks, commit = first, patch?: string): Promise<GroundingReport> {
  const sha = await resolveCommit(fx.root, commit);
  assert.ok(sha.ok);
  const tree = await readRepoTree(fx.root, sha.value);
  assert.ok(tree.ok);
  const r = await checkGrounding({ repoRoot: fx.root, tree: tree.value, draft, patch: patch ? parsePatch(patch) : undefined });
  assert.equal(r.error, undefined);
  return r.report;
}

function reasons(g: GroundingReport): Record<string, string> {
  return Object.fromEntries(g.unverifiedList.map((u) => [u.ref, u.reason]));
}

describe('checkGrounding on a real repo', () => {
  test('true references are grounded', async () => {
    const g = await ground({ route: 'issue', title: 'Loader leaks handles', body: [
      '`Loader.load` in demo/data/loader.py:4 never calls `close()`; `train_epoch` (demo/train.py#L3-L4) relies on it.',
      'The web side lives in `web/src/lib/helper.ts` and docs in docs/. `loader.py` is the only reader.',
      'Update the README and use `react`, `numpy` and `fetch` as before.',
      '```python\nfrom demo.data.loader import Loader\nimport yaml, numpy.linalg, json\n```',
    ].join('\n') });
    assert.deepEqual(g.unverifiedList, []);
    assert.equal(g.unverified, 0);
    assert.ok(g.grounded >= 9, `grounded ${g.grounded}`);
    assert.equal(g.external, 2, 'json (standard library) and `fetch` (a JS global); README, react and numpy are in the repo');
  });
  test('false references are unverified, each with a reason', async () => {
    const g = await ground({ route: 'issue', title: 'Fix `Loader.save`', body: [
      'See demo/data/loader.py:40 and `demo/data/cache.py`. `DataModule` and `fetch_remote()` are wrong.',
      'Also `Loader.helper` is odd.', '```python\nimport scipy\nfrom demo.models import Net\n```',
    ].join('\n') });
    const r = reasons(g);
    assert.match(r['Loader.save'], /"save" not found/);
    assert.match(r['demo/data/loader.py:40'], /line 40 is past the end of demo\/data\/loader.py \(8 lines\)/);
    assert.match(r['demo/data/cache.py'], /no such file/);
    assert.match(r.DataModule, /not found/);
    assert.match(r['fetch_remote()'], /not found/);
    assert.match(r['Loader.helper'], /never occur in the same file/);
    assert.match(r['import scipy'], /neither in the repo nor a declared dependency/);
    assert.match(r['from demo.models import'], /package "demo" is in the repo but has no module "demo.models"/);
    assert.equal(g.unverified, 8);
  });
  test('checks the compared commit, not HEAD', async () => {
    const body = 'See `demo/later.py` and `added_later`.';
    const old = await ground({ route: 'issue', body });
    assert.equal(old.unverified, 2);
    const head = await ground({ route: 'issue', body }, 'HEAD');
    assert.equal(head.grounded, 2);
  });
  test('paths, symbols and imports the patch creates are "new in patch"', async () => {
    const patch = [
      'diff --git a/demo/metrics.py b/demo/metrics.py', 'new file mode 100644', '--- /dev/null', '+++ b/demo/metrics.py',
      '@@ -0,0 +1,3 @@', '+from .data.loader import Loader', '+def accuracy(pred, gold):', '+    return 1.0',
      'diff --git a/web/src/app.ts b/web/src/app.ts', '--- a/web/src/app.ts', '+++ b/web/src/app.ts', '@@ -1,2 +1,4 @@',
      " import { helper } from './lib/helper';", "+import { fmt } from './lib/fmt';", "+import React from 'react';",
      "+import leftPad from 'left-pad';", ' export const app = helper();',
    ].join('\n') + '\n';
    const g = await ground({ route: 'pr', body: 'Adds `accuracy()` in demo/metrics.py.' }, first, patch);
    const r = reasons(g);
    assert.equal(g.newInPatch, 2, 'accuracy and demo/metrics.py');
    assert.match(r["'./lib/fmt'"], /does not resolve from web\/src\/app.ts/);
    assert.match(r["'left-pad'"], /not a dependency in any package.json/);
    assert.equal(r["'react'"], undefined, 'declared dependency');
    assert.equal(r['from .data.loader import'], undefined, 'relative import resolves from demo/metrics.py');
  });
  test('collects false empty-repo claims, but not from code blocks', async () => {
    const g = await ground({ route: 'skip', body: 'The repository layout supplied is empty, so there is nothing to change.\n```\nrepo is empty\n```' });
    assert.equal(g.emptyClaims.length, 1);
    assert.equal(g.emptyClaims[0].subject, 'repo');
  });
});
