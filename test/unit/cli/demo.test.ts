import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { dirname } from 'node:path';
import { DEMO_NOTICE } from '../../../src/cli/demo';
import { EXIT } from '../../../src/cli/exitCodes';
import { comparisons, spawnCli, ROOT } from './cliHarness';

describe('pairwise batch --demo', () => {
  test('runs the whole flow against local mocks without keys, says so, and exits by itself', async () => {
    const run = spawnCli(['batch', '--demo', '--json'], ROOT);
    const out = await run.done;
    const summary = JSON.parse(out.stdout) as { resultsFile: string; done: number; failed: number; spentUsd: number };
    try {
      assert.equal(out.code, EXIT.ok, out.stderr);
      assert.ok(out.stderr.startsWith(`${DEMO_NOTICE}\n`));
      assert.equal(summary.done, 4);
      assert.equal(summary.failed, 0);
      assert.ok(summary.spentUsd > 0, 'demo prices make the spend column meaningful');
      const recs = comparisons(summary.resultsFile);
      assert.equal(recs.length, 4);
      for (const r of recs) {
        assert.ok(r.type === 'comparison');
        if (r.type !== 'comparison') continue;
        assert.equal(r.sides.a.route, 'pr');
        assert.equal(r.sides.b.route, 'issue');
        assert.equal((r.checks?.a as { patchApplies?: boolean } | undefined)?.patchApplies, true, `the demo PR patch applies to the demo repo: ${JSON.stringify(r.checks)}`);
      }
    } finally {
      if (summary.resultsFile) rmSync(dirname(summary.resultsFile), { recursive: true, force: true });
    }
  });
});
