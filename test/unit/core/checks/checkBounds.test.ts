// Checks stay linear and bounded: the inputs that once took minutes (a 256 KB draft without whitespace, long
// `a@a@…` runs, many short added lines) now scan in well under 2 s of CPU; oversize drafts are refused before any
// scan; a check that outlives its budget is stopped with a clear reason.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runChecks } from '../../../../src/core/checks';
import { MAX_CHECK_CHARS, oversizeReason, withBudget } from '../../../../src/core/checks/checkBudget';
import { parsePatch } from '../../../../src/core/checks/patchParse';
import { extractRefs } from '../../../../src/core/checks/refExtract';
import { scanStubs } from '../../../../src/core/checks/stubScan';
import { makeRepo, type RepoFixture } from './repoFixture';

/** CPU milliseconds `fn` takes (other processes on a loaded machine do not count). */
function cpuMs(fn: () => void): number {
  const t0 = process.cpuUsage();
  fn();
  const d = process.cpuUsage(t0);
  return (d.user + d.system) / 1000;
}

const KB = 1024;
const PATHOLOGICAL: Record<string, string> = {
  'no whitespace (256 KB, took 70 s before)': 'a'.repeat(256 * KB),
  'a@a@… run': 'a@'.repeat(128 * KB),
  'dotted run': `a${'.'.repeat(256 * KB)}a`,
  'unclosed link openers': '['.repeat(256 * KB),
  'unclosed link targets': '[a]('.repeat(64 * KB),
  'plus run in a fence': `\`\`\`\n${'a+'.repeat(128 * KB)}\n\`\`\``,
  'import run in a fence': `\`\`\`js\n${'import '.repeat(36 * KB)}\n\`\`\``,
  'backtick pairs': '`a'.repeat(128 * KB),
};

describe('checks stay linear', () => {
  for (const [name, body] of Object.entries(PATHOLOGICAL)) {
    test(`extractRefs: ${name}`, () => {
      const ms = cpuMs(() => extractRefs('title', body));
      assert.ok(ms < 2000, `${Math.round(ms)} ms of CPU`);
    });
  }

  test('scanStubs: 200,000 short added lines (each line once looked back over all previous ones)', () => {
    const lines = Array.from({ length: 200_000 }, (_, i) => (i % 3 === 0 ? '+' : i % 3 === 1 ? '+    pass' : '+def f():'));
    const patch = `diff --git a/n.py b/n.py\nnew file mode 100644\n--- /dev/null\n+++ b/n.py\n@@ -0,0 +1,${lines.length} @@\n${lines.join('\n')}\n`;
    let count = 0;
    const ms = cpuMs(() => { count = scanStubs(parsePatch(patch)).count; });
    assert.ok(ms < 2000, `${Math.round(ms)} ms of CPU`);
    assert.ok(count > 60_000, `stubs still found (${count})`);
  });

  test('the fixes keep what the scans find', () => {
    const refs = extractRefs('Fix', 'See [docs](https://x.example/a) and src/app/main.py:12, mail me@example.com, `Loader.load` and Widget.render here.');
    const texts = refs.map((r) => r.text).sort();
    assert.deepEqual(texts, ['Loader.load', 'Widget.render', 'src/app/main.py:12']);
  });
});

describe('checks stay bounded', () => {
  let fx: RepoFixture;
  before(() => { fx = makeRepo({ 'src/a.py': 'def a():\n    return 1\n' }); });
  after(() => fx.cleanup());

  test('an oversize draft is refused before any scan, with the reason', async () => {
    const huge = 'x'.repeat(MAX_CHECK_CHARS + 1);
    const t0 = Date.now();
    const r = await runChecks({ repoRoot: fx.root, draft: { route: 'issue', title: 't', body: huge } });
    const ms = Date.now() - t0;
    assert.match(r.error ?? '', /^The draft is 4 MB, over the 4 MB the checks read; nothing was checked\.$/);
    assert.equal(r.grounding.refs, 0);
    assert.ok(r.badges.some((b) => b.level === 'error'), 'an error badge says so');
    assert.ok(ms < 5000, `refused quickly (${ms} ms)`);
    assert.equal(oversizeReason({ body: 'small' }), undefined);
  });

  test('a check that outlives its budget is stopped and named', async () => {
    const errors: string[] = [];
    let aborted = false;
    const out = await withBudget('grounding', 50, undefined, errors, (signal) => new Promise<string>((resolve) => {
      signal.addEventListener('abort', () => { aborted = true; });
      setTimeout(() => resolve('late'), 500).unref();
    }));
    assert.equal(out, undefined);
    assert.equal(aborted, true, 'the work was told to stop');
    assert.deepEqual(errors, ['The grounding check took longer than 0 s and was stopped.']);
  });

  test('runChecks with a tiny budget reports the stopped check, never hangs', async () => {
    const r = await runChecks({ repoRoot: fx.root, budgetMs: 1, draft: { route: 'issue', title: 't', body: 'See `src/a.py`, `Loader` and `Widget.render`.' } });
    assert.match(r.error ?? '', /The grounding check took longer than 0 s and was stopped\./);
  });
});
