// The checks in a worker thread: same report as in-process, the caller's event loop stays free while a big draft
// is scanned, cancel and the hard limit end it (the worker is terminated), and nothing is left behind.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { runChecks } from '../../../../src/core/checks';
import { checksWorkerPath, runChecksOffThread } from '../../../../src/core/checks/offThread';
import { makeRepo, type RepoFixture } from './repoFixture';

const stable = (r: object) => JSON.stringify(r, (k, v) => (/Ms$/.test(k) ? 0 : v));

describe('checks off the caller thread', () => {
  let fx: RepoFixture;
  before(() => { fx = makeRepo({ 'src/loader.py': 'class Loader:\n    def load(self):\n        return 1\n' }); });
  after(() => fx.cleanup());
  const draft = { route: 'issue', title: 'Cache', body: 'See `src/loader.py` and `Loader.load`, not `src/missing.py`.' };

  test('the worker entry is found next to the module', () => {
    assert.match(checksWorkerPath() ?? '', /checksWorker\.(ts|js)$/);
  });

  test('same report as running in-process', async () => {
    const inProc = await runChecks({ repoRoot: fx.root, draft });
    const off = await runChecksOffThread({ repoRoot: fx.root, draft });
    assert.equal(stable(off), stable(inProc));
    assert.equal(off.grounding.grounded, 2);
  });

  test('the event loop keeps ticking while a 3.5 MB pathological draft is checked', async () => {
    let ticks = 0;
    const timer = setInterval(() => { ticks++; }, 20);
    const body = `${'a@'.repeat(900 * 1024)}\n${'`a'.repeat(900 * 1024)}`;
    const r = await runChecksOffThread({ repoRoot: fx.root, draft: { route: 'issue', title: 't', body } });
    clearInterval(timer);
    assert.equal(r.error, undefined, r.error);
    assert.ok(ticks > 0, 'timers ran during the checks');
  });

  test('cancel ends the run as cancelled', async () => {
    const ctl = new AbortController();
    const p = runChecksOffThread({ repoRoot: fx.root, draft, signal: ctl.signal });
    ctl.abort();
    const r = await p;
    assert.equal(r.cancelled, true);
  });

  test('a worker past its hard limit is terminated with a clear error', async () => {
    const r = await runChecksOffThread({ repoRoot: fx.root, draft }, { hardLimitMs: 1 });
    assert.match(r.error ?? '', /The checks took longer than 0 s and were stopped\./);
    assert.ok(r.badges.some((b) => b.level === 'error'));
  });
});
