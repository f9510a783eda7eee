import { test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync, mkdirSync, existsSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ResultsStore } from '../../../../src/core/results';
import { PAIRWISE_GITIGNORE } from '../../../../src/core/results/pairwiseGitignore';
import { makeComparison } from '../../../fixtures/results/makeRecord';

const git = (cwd: string, ...args: string[]): string => execFileSync('git', ['-c', 'user.name=t', '-c', 'user.email=t@example.invalid', ...args], { cwd, encoding: 'utf8' });

test('.pairwise/.gitignore on first use: results, drafts and locks stay out of Source Control; results.jsonl can be shared', async () => {
  const repo = mkdtempSync(join(tmpdir(), 'pw-gitignore-'));
  try {
    git(repo, 'init', '-q');
    writeFileSync(join(repo, 'a.txt'), 'a\n');
    const store = new ResultsStore(join(repo, '.pairwise', 'results.jsonl'));
    const rec = makeComparison({ verdict: 'pending' });
    await store.saveBlob(rec.id, 'draft-a', 'a draft');
    await store.append(rec);
    await store.amend({ target: rec.id, verdict: 'a' });
    assert.equal(readFileSync(join(repo, '.pairwise', '.gitignore'), 'utf8'), PAIRWISE_GITIGNORE);
    const status = git(repo, 'status', '--porcelain', '--untracked-files=all');
    assert.equal(status.trim(), '?? a.txt', `only the user's own file is untracked:\n${status}`);
    git(repo, 'add', '-f', '.pairwise/results.jsonl');
    assert.match(git(repo, 'status', '--porcelain'), /A {2}\.pairwise\/results\.jsonl/, 'the documented way to share results works');
  } finally {
    rmSync(repo, { recursive: true, force: true });
  }
});

test('a team\'s own .pairwise/.gitignore is kept; a custom results folder gets none', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'pw-gitignore-own-'));
  try {
    mkdirSync(join(dir, '.pairwise'));
    writeFileSync(join(dir, '.pairwise', '.gitignore'), 'runs/\n');
    await new ResultsStore(join(dir, '.pairwise', 'results.jsonl')).append(makeComparison({ verdict: 'pending' }));
    assert.equal(readFileSync(join(dir, '.pairwise', '.gitignore'), 'utf8'), 'runs/\n');
    await new ResultsStore(join(dir, 'elsewhere', 'results.jsonl')).append(makeComparison({ verdict: 'pending' }));
    assert.equal(existsSync(join(dir, 'elsewhere', '.gitignore')), false);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
});
