// Red-team regression (issue 12): a repository can ship `.pairwise/results.jsonl` as a symlink to a file of the
// user's (here a stand-in for ~/.bashrc). `pairwise compare` appended its record there, and the record carries
// text the repository controls (its remote URL): a shell sourcing the file ran `$(…)` from it. Results (and the
// `.corrupt` side file) are never written through a symlink.
import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { appendLineLocked } from '../../../src/core/results/appendLine';
import { readAllResults } from '../../../src/core/results';
import { cli, ISSUE_TEXT, startMocks, tempDir } from '../cli/cliHarness';

const t = tempDir('pw-results-link-');
after(() => t.cleanup());
const RC = '# my shell startup file\n';

describe('results never written through a symlink', () => {
  test('regression: `pairwise compare` on a repo whose .pairwise/results.jsonl links to a shell rc file writes nothing there and runs nothing', async () => {
    const root = join(t.dir, 'repo');
    const rc = join(t.dir, 'fake_bashrc');
    const pwned = join(t.dir, 'PWNED');
    writeFileSync(rc, RC);
    mkdirSync(join(root, '.pairwise'), { recursive: true });
    writeFileSync(join(root, 'app.ts'), 'export const answer = 42;\n');
    symlinkSync(rc, join(root, '.pairwise', 'results.jsonl'));
    const git = ['-c', 'user.name=a', '-c', 'user.email=a@example.invalid', '-c', 'core.hooksPath=/dev/null'];
    execFileSync('git', [...git, 'init', '-q', root]);
    execFileSync('git', [...git, 'add', '.'], { cwd: root });
    execFileSync('git', [...git, 'commit', '-q', '-m', 'i'], { cwd: root });
    execFileSync('git', ['config', 'remote.origin.url', `https://example.com/$(touch ${pwned})`], { cwd: root });
    writeFileSync(join(t.dir, 'paper.md'), '# Answer\n\n## Abstract\n\nThe answer should be cached.\n');
    const mocks = await startMocks({ type: 'ok', text: ISSUE_TEXT, ttftMs: 5 });
    try {
      const r = await cli(['compare', '--repo', root, '--paper', 'paper.md', '--a', 'anthropic:claude-opus-4-7', '--b', 'openai:gpt-5',
        '--a-base-url', mocks.a.url, '--b-base-url', mocks.b.url, '--no-checks', '--yes'],
      { cwd: t.dir, env: { ANTHROPIC_API_KEY: 'sk-test-0123456789abcdefghij', OPENAI_API_KEY: 'sk-test-0123456789abcdefghij' } });
      assert.notEqual(r.code, EXIT.ok, 'the record could not be written: the run must not claim success');
      assert.match(r.stdout + r.stderr, /symbolic link/, 'the user is told why');
    } finally {
      await mocks.close();
    }
    assert.equal(readFileSync(rc, 'utf8'), RC, 'the linked file was written to');
    execFileSync('bash', ['-c', `source ${rc}`]);
    assert.ok(!existsSync(pwned), 'sourcing the file ran a command from the record');
  });

  test('regression: appendLineLocked refuses a symlinked results file; a symlinked .corrupt side file is left alone and reading goes on', async () => {
    const target = join(t.dir, 'target.txt');
    writeFileSync(target, RC);
    const file = join(t.dir, 'linked.jsonl');
    symlinkSync(target, file);
    await assert.rejects(appendLineLocked(file, '{"x":1}\n'), /symbolic link/);
    const own = join(t.dir, 'own.jsonl');
    writeFileSync(own, 'not json $(touch x)\n');
    symlinkSync(target, `${own}.corrupt`);
    const all = await readAllResults(own);
    assert.ok(all.problems.length >= 1, 'the bad line is still reported');
    assert.equal(readFileSync(target, 'utf8'), RC, 'the quarantine copy went through the link');
  });
});

describe('the .pairwise folder itself a symlink', () => {
  test('regression: a shipped `.pairwise` linked to a folder a shell sources (~/.bashrc.d) gets no results file', async () => {
    const sourced = join(t.dir, 'bashrc.d');
    mkdirSync(sourced, { recursive: true });
    const root = join(t.dir, 'repo2');
    mkdirSync(root, { recursive: true });
    symlinkSync(sourced, join(root, '.pairwise'));
    await assert.rejects(appendLineLocked(join(root, '.pairwise', 'results.jsonl'), '{"x":"$(touch y)"}\n'), /symbolic link/);
    assert.ok(!existsSync(join(sourced, 'results.jsonl')), 'a results file was created in the linked folder');
  });
});

describe('run folders (drafts, patches, manifests)', () => {
  test('regression: a shipped .pairwise/runs linked to an outside folder gets no draft written into it', async () => {
    const { saveBlob } = await import('../../../src/core/results/blobStore');
    const tmp = tempDir();
    after(tmp.cleanup);
    const dir = tmp.dir;
    const outside = join(dir, 'outside');
    mkdirSync(outside);
    mkdirSync(join(dir, 'repo', '.pairwise'), { recursive: true });
    symlinkSync(outside, join(dir, 'repo', '.pairwise', 'runs'));
    await assert.rejects(saveBlob(join(dir, 'repo', '.pairwise', 'results.jsonl'), 'run1', 'draft A', 'text'), /symbolic link/);
    assert.equal(existsSync(join(outside, 'run1')), false, 'nothing was created through the link');
  });
});
