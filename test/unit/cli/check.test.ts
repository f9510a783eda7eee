import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import type { CheckReport } from '../../../src/core/checks';
import { cli, makeRepo, ROOT, tempDir } from './cliHarness';

const DRAFT = join(ROOT, 'test/fixtures/cli/pr-draft.md');

describe('pairwise check', () => {
  const t = tempDir('pw-check-');
  before(() => { makeRepo(join(t.dir, 'repo'), { 'src/main.py': 'def parse_table(x):\n    return x\n' }); });
  after(() => t.cleanup());

  test('a PR draft: parsed, grounded, its patch applies (--json report)', async () => {
    const r = await cli(['check', '--repo', 'repo', '--draft', DRAFT, '--json'], { cwd: t.dir });
    assert.equal(r.code, EXIT.ok, r.stderr);
    const out = JSON.parse(r.stdout) as { draft: { route: string; title: string }; report: CheckReport };
    assert.equal(out.draft.route, 'pr');
    assert.equal(out.draft.title, 'Memoize parse_table');
    assert.equal(out.report.patch?.applies, true);
    assert.ok(out.report.grounding.grounded >= 1);
    assert.ok(out.report.badges.some((b) => b.label === 'patch applies'));
  });

  test('human output lists badges; a draft citing missing files is flagged', async () => {
    const bad = join(t.dir, 'bad.md');
    writeFileSync(bad, '===ROUTE===\nISSUE\n===TITLE===\nFix the loader\n===BODY===\nSee `src/loader.py` and `lib/missing_thing.py`.\n===PATCH===\n\n===REASON===\nx\n');
    const r = await cli(['check', '--repo', 'repo', '--draft', bad], { cwd: t.dir });
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.match(r.stdout, /^route ISSUE · Fix the loader/);
    assert.match(r.stdout, /[!✗] 0\/2 references verified/);
    const missing = await cli(['check', '--repo', 'repo', '--draft', 'nope.md'], { cwd: t.dir });
    assert.equal(missing.code, EXIT.failure);
  });
});
