import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, makeRepo, tempDir } from './cliHarness';

const t = tempDir('pw-ctx-budget-');
before(() => {
  makeRepo(join(t.dir, 'repo'), { 'src/cache.py': 'def lookup(k):\n    return k\n'.repeat(40), 'README.md': '# cache\n' });
  writeFileSync(join(t.dir, 'paper.md'), `# LRU caches\n\n## Abstract\n\n${'An LRU cache for lookups. '.repeat(200)}\n`);
});
after(() => t.cleanup());

test('context says the budget covers the repository part only, and splits the total it sent', async () => {
  const r = await cli(['context', '--repo', 'repo', '--paper', 'paper.md', '--budget', '2000'], { cwd: t.dir });
  assert.equal(r.code, 0, r.stderr);
  assert.match(r.stdout, /token budget 2,000 for the repository part only \(map, files, selection\); the paper and the instructions come on top/);
  const m = /~([\d,]+) tokens in all \(o200k\) = repository ~([\d,]+) of its 2,000 budget \+ paper ~([\d,]+) \+ instructions and wrappers ~([\d,]+)/.exec(r.stdout);
  assert.ok(m, r.stdout.split('\n').slice(0, 6).join('\n'));
  const [total, repo, paper, rest] = m.slice(1).map((x) => Number(x.replace(/,/g, '')));
  assert.ok(repo <= 2000, `repository part ${repo} within its budget`);
  assert.ok(paper > 500, 'the paper is counted outside the repository budget');
  assert.equal(repo + paper + rest, total);
});
