// Secrets are scanned out of every part of the prompt the sides get, not only the blocks: the task names the paper by
// its title (a brief's first line) and the repository by its folder's name, and the system prompt and task can come
// from the user's template file.
import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { buildContext } from '../../../src/core/context/buildContext';
import { loadPaper } from '../../../src/core/paper/loadPaper';
import { DEFAULT_TEMPLATE } from '../../../src/core/prompt/template';
import { hashPromptPrefix } from '../../../src/core/prompt/assemblePrompt';
import { makeRepo } from '../core/context/repoFixture';

const GHP = 'ghp_R8nT2kLw9QxZ4vBm7YcJ1pHs6DfG3aEu5NoK';
const AKIA = 'AKIAQ3EGRTW7ZPLMN4VB';

describe('secrets outside the blocks of the sides\' prompt', () => {
  test('regression: a brief whose first line holds a token: neither the task nor the paper block carries it, and the redaction is listed', async () => {
    const repo = makeRepo({ 'src/app.py': 'def load():\n    return 1\n' }, { git: true });
    try {
      const p = await loadPaper({ brief: `Stop using the token ${GHP} in CI\n\nThe deploy job reads it from the workflow file; move it to a secret store.` }, { cacheDir: '/nonexistent-pairwise-cache' });
      assert.ok(p.ok);
      assert.ok(p.paper.title.includes(GHP), 'the brief\'s title is its first line');
      const r = await buildContext({ repoRoot: repo.root, paper: p.paper, budgetTokens: 4000 });
      assert.ok(r.ok);
      assert.ok(!r.prompt.blocks.some((b) => b.text.includes(GHP)), 'the paper block was already scanned');
      assert.ok(!r.prompt.task.includes(GHP), 'the task names the brief by its title: scanned too (it went out verbatim)');
      assert.ok(!r.promptBytes.includes(GHP));
      assert.match(r.prompt.task, /\[redacted: /);
      assert.ok(r.manifest.redactions.some((x) => x.path === '(task)'), 'listed in the manifest');
    } finally { repo.cleanup(); }
  });

  test('regression: a secret in the template\'s system prompt is redacted and the prefix hash is that of what is sent', async () => {
    const repo = makeRepo({ 'src/app.py': 'def load():\n    return 1\n' }, { git: true });
    try {
      const template = { ...DEFAULT_TEMPLATE, system: `${DEFAULT_TEMPLATE.system}\nInternal mirror credentials: aws_access_key_id = ${AKIA}` };
      const r = await buildContext({ repoRoot: repo.root, budgetTokens: 4000, template });
      assert.ok(r.ok);
      assert.ok(!r.prompt.system.includes(AKIA) && !r.promptBytes.includes(AKIA));
      assert.equal(r.prompt.prefixHash, hashPromptPrefix(r.prompt.system, r.prompt.blocks));
      assert.equal(r.manifest.prefixHash, r.prompt.prefixHash);
      assert.ok(r.manifest.redactions.some((x) => x.path === '(system prompt)'));
    } finally { repo.cleanup(); }
  });

  test('the default template and an ordinary brief are sent exactly as before: nothing redacted', async () => {
    const repo = makeRepo({ 'src/app.py': 'def load():\n    return 1\n' }, { git: true });
    try {
      const p = await loadPaper({ brief: 'Cache the loaded config\n\nload() re-reads the file on every call.' }, { cacheDir: '/nonexistent-pairwise-cache' });
      assert.ok(p.ok);
      const r = await buildContext({ repoRoot: repo.root, paper: p.paper, budgetTokens: 4000 });
      assert.ok(r.ok);
      assert.deepEqual(r.manifest.redactions, []);
      assert.equal(r.prompt.system, DEFAULT_TEMPLATE.system.replace(/\r\n?/g, '\n'));
      assert.match(r.prompt.task, /the idea brief "Cache the loaded config" above/);
    } finally { repo.cleanup(); }
  });
});
