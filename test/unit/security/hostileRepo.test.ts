// The hostile-repository corpus (test/fakes/hostileRepo.ts) run through every CLI command that touches a repo,
// the checks, repo identity and the patch-diff reader: no marker program runs, no canary byte reaches a payload,
// the results file or the printed output. The first test proves the traps are armed (naive git fires them).
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { runChecks, sweepStaleWorktrees } from '../../../src/core/checks';
import { buildContext } from '../../../src/core/context/buildContext';
import { loadPaper } from '../../../src/core/paper/loadPaper';
import type { ContextManifest } from '../../../src/core/context/types';
import { readFileAtCommit } from '../../../src/core/git/fileAtCommit';
import { readRepoState } from '../../../src/core/git/repoState';
import { readRepoInfo } from '../../../src/core/session/repoInfo';
import { buildHostileRepo, CANARIES, type HostileRepo } from '../../fakes/hostileRepo';
import { cli, SKIP_TEXT, startMocks, tempDir } from '../cli/cliHarness';

/** A PR answer whose patch applies to the hostile repo's commit (so the checks make a worktree and apply it). */
const PR_TEXT = ['===ROUTE===', 'PR', '===TITLE===', 'Cache parseTable', '===BODY===', 'See `src/app.ts` and `tools/run.py`.', '===PATCH===',
  '```diff', 'diff --git a/src/app.ts b/src/app.ts', '--- a/src/app.ts', '+++ b/src/app.ts', '@@ -1,3 +1,4 @@', '+// cached',
  ' export function parseTable(x: string): string[] {', '   return x.split(",");', ' }', 'diff --git a/tools/new.md b/tools/new.md',
  'new file mode 100644', '--- /dev/null', '+++ b/tools/new.md', '@@ -0,0 +1 @@', '+note', '```', '===REASON===', 'Faster.', ''].join('\n');

let h: HostileRepo;
const t = tempDir('pw-hostile-run-');
before(() => {
  h = buildHostileRepo();
  writeFileSync(join(t.dir, 'paper.md'), '# Table parsing\n\n## Abstract\n\nparseTable should cache its results.\n');
});
after(() => { h.cleanup(); t.cleanup(); });

/** Fails with the list of marker programs that ran and the canaries found in `texts`. */
function assertClean(what: string, ...texts: string[]): void {
  assert.deepEqual(h.fired(), [], `${what}: a program named by the repository ran`);
  for (const text of texts) assert.deepEqual(h.leaks(text), [], `${what}: a byte from outside the root / .env / .git reached the output`);
}

function allFiles(dir: string): string {
  if (!existsSync(dir)) return '';
  return readdirSync(dir, { recursive: true, withFileTypes: true }).filter((e) => e.isFile())
    .map((e) => readFileSync(join(e.parentPath, e.name), 'latin1')).join('\n');
}

describe('hostile repository corpus', () => {
  test('the corpus is armed: naive git runs the filter, fsmonitor and gpg programs; a naive read crosses the symlinked folder', () => {
    const armed = buildHostileRepo();
    try {
      const naive = (args: string[]) => { try { execFileSync('git', args, { cwd: armed.root, stdio: 'ignore', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1' } }); } catch { /* exit code irrelevant */ } };
      naive(['status', '--porcelain']);
      naive(['log', '-1']);
      const fired = armed.fired();
      for (const m of ['filter.included.clean', 'filter.infoattr.clean', 'include.core.fsmonitor']) assert.ok(fired.includes(m), `${m} fired: ${fired}`);
      assert.ok(fired.some((m) => m.startsWith('gpg.')), `a gpg program fired: ${fired}`);
      assert.match(readFileSync(join(armed.root, 'docs', 'readme.md'), 'utf8'), new RegExp(CANARIES.outside));
      assert.match(execFileSync('git', ['ls-files'], { cwd: armed.root, encoding: 'utf8', env: { ...process.env, GIT_CONFIG_NOSYSTEM: '1', GIT_CONFIG_GLOBAL: '/dev/null' } }), /^\.\.\/outside\/canary\.txt$/m);
    } finally {
      armed.cleanup();
    }
  });

  test('regression: a signed commit + log.showSignature + gpg.program does not run during `pairwise context`; outside files never reach the prompt', async () => {
    const out = join(t.dir, 'prompt.txt');
    const r = await cli(['context', '--repo', h.root, '--paper', 'paper.md', '--budget', '6000', '--json', '--out', out], { cwd: t.dir });
    assert.equal(r.code, EXIT.ok, r.stderr);
    const prompt = readFileSync(out, 'utf8');
    assertClean('pairwise context', prompt, r.stdout, r.stderr);
    const m = JSON.parse(r.stdout) as ContextManifest;
    const why = Object.fromEntries(m.omitted.map((o) => [o.path, o.reason]));
    // Each containment trick is left out with a reason the manifest shows.
    assert.equal(why['docs/readme.md'], 'symlink_outside_root', 'tracked folder replaced by a symlink to a folder outside');
    assert.equal(why['../outside/canary.txt'], 'unsafe_path', 'index entry containing ..');
    assert.equal(why['src/settings.txt'], 'secret_file', 'innocent name symlinked to .env');
    assert.equal(why['src/config.txt'], 'git_dir', 'symlink to .git/config');
    assert.equal(why['src/description.txt'], 'git_dir', 'symlink into .git');
    assert.equal(why['src/abs-link.txt'], 'symlink_outside_root', 'absolute symlink outside');
    assert.ok(m.files.some((f) => f.path === 'src/app.ts'), 'ordinary files are still sent');
  });

  test('regression: a symlinked root component (the repo opened through a link) reads the same, and nothing outside', async () => {
    const paper = await loadPaper(join(t.dir, 'paper.md'), { cacheDir: join(t.dir, 'cache') });
    assert.ok(paper.ok);
    if (!paper.ok) return;
    const r = await buildContext({ repoRoot: h.linkedRoot, paper: paper.paper, budgetTokens: 6000 });
    assert.ok(r.ok);
    if (!r.ok) return;
    assertClean('buildContext via a symlinked root', r.promptBytes, JSON.stringify(r.manifest));
    assert.ok(r.manifest.files.some((f) => f.path === 'src/app.ts'));
  });

  test('regression: a .gitattributes clean filter does not run during `pairwise compare` (context, repo identity, checks); payloads carry no canary', async () => {
    const mocks = await startMocks({ type: 'ok', text: PR_TEXT, ttftMs: 5 }, { type: 'ok', text: SKIP_TEXT, ttftMs: 5 });
    try {
      const results = join(t.dir, 'compare-results.jsonl');
      const r = await cli(['compare', '--repo', h.root, '--paper', 'paper.md', '--a', 'anthropic:claude-opus-4-7', '--b', 'openai:gpt-5',
        '--a-base-url', mocks.a.url, '--b-base-url', mocks.b.url, '--budget', '6000', '--yes', '--json', '--results', results],
      { cwd: t.dir, env: { ANTHROPIC_API_KEY: 'sk-test-0123456789abcdefghij', OPENAI_API_KEY: 'sk-test-0123456789abcdefghij' } });
      assert.equal(r.code, EXIT.ok, r.stderr);
      const bodies = [...mocks.a.requests, ...mocks.b.requests].map((q) => q.body);
      assert.equal(bodies.length, 2);
      assert.ok(bodies.every((b) => b.includes('parseTable')), 'the repo context was sent');
      const stored = readFileSync(results, 'utf8');
      assertClean('pairwise compare', ...bodies, stored, allFiles(join(t.dir, 'runs')), r.stdout, r.stderr);
      const rec = JSON.parse(stored.split('\n')[0]) as { repo: { remote?: string; dirty?: boolean; commit?: string } };
      assert.equal(rec.repo.remote, 'https://example.invalid/hostile.git', 'credentials stripped from the remote');
      assert.equal(rec.repo.dirty, true, 'dirty read without git status');
    } finally {
      await mocks.close();
    }
  });

  test('`pairwise check` and runChecks on a PR draft (scratch worktree, git apply, grep, cat-file) run no repository program', async () => {
    const draft = join(t.dir, 'pr.md');
    writeFileSync(draft, PR_TEXT);
    const plain = await cli(['check', '--repo', h.root, '--draft', draft, '--json'], { cwd: t.dir });
    assert.equal(plain.code, EXIT.ok, plain.stderr);
    const report = JSON.parse(plain.stdout) as { report: { patch?: { applies: boolean } } };
    assert.equal(report.report.patch?.applies, true, 'the patch was really applied in a scratch worktree');
    const direct = await runChecks({ repoRoot: h.root, draft: { route: 'pr', body: 'See src/app.ts', patch: PR_TEXT.split('```diff\n')[1].split('```')[0] } });
    assert.equal(direct.patch?.applies, true);
    assertClean('checks', plain.stdout, plain.stderr, JSON.stringify(direct));
  });

  test('`pairwise batch` over the hostile repo runs no repository program and sends no canary', async () => {
    const mocks = await startMocks({ type: 'ok', text: PR_TEXT, ttftMs: 5 }, { type: 'ok', text: SKIP_TEXT, ttftMs: 5 });
    try {
      const matrix = join(t.dir, 'matrix.json');
      writeFileSync(matrix, JSON.stringify({
        repos: [h.root, h.linkedRoot], papers: ['paper.md'], pairs: [{ a: 'mock-a:m1', b: 'mock-b:m2' }], budget: 6000, checks: true,
        providers: { 'mock-a': { kind: 'anthropic', baseUrl: mocks.a.url, auth: 'none' }, 'mock-b': { kind: 'openai-compatible', baseUrl: mocks.b.url, auth: 'none' } },
      }));
      const results = join(t.dir, 'batch-results.jsonl');
      const r = await cli(['batch', '--matrix', matrix, '--yes', '--json', '--results', results], { cwd: t.dir });
      assert.equal(r.code, EXIT.ok, r.stderr);
      const bodies = [...mocks.a.requests, ...mocks.b.requests].map((q) => q.body);
      assert.equal(bodies.length, 4);
      assertClean('pairwise batch', ...bodies, readFileSync(results, 'utf8'), r.stdout, r.stderr);
    } finally {
      await mocks.close();
    }
  });

  test('repo identity (CLI and extension), the patch-diff reader and textconv-able blobs run no repository program', async () => {
    const state = await readRepoState(h.root);
    const info = await readRepoInfo(h.linkedRoot);
    assert.match(state.commit ?? '', /^[0-9a-f]{40}$/);
    assert.equal(info.commit, state.commit);
    assert.equal(state.dirty, true);
    const before = await readFileAtCommit(h.root, state.commit ?? '', 'src/app.ts');
    assert.match(before, /split\(","\)/, 'raw blob, no textconv or smudge');
    assert.equal(await readFileAtCommit(h.root, '--output=/tmp/x', 'src/app.ts'), '', 'a non-hex commit is refused');
    assertClean('repo identity + patch diff', JSON.stringify(state), JSON.stringify(info), before);
  });

  test('regression: the stale-worktree sweep never deletes a folder named by a hostile .git/worktrees/*/gitdir', async () => {
    const victimParent = join(h.base, 'victim', 'pairwise-wt-1-abcdef');
    const victim = join(victimParent, 'wt');
    mkdirSync(victim, { recursive: true });
    writeFileSync(join(victim, 'precious.txt'), 'keep me\n');
    const tmpVictim = join(tmpdir(), `pairwise-wt-2-${process.pid}x`);
    mkdirSync(tmpVictim, { recursive: true });
    writeFileSync(join(tmpVictim, 'precious.txt'), 'not made by Pairwise\n');
    try {
      for (const [id, path] of [['evil', victim], ['evil2', join(tmpVictim, 'wt')]] as const) {
        const admin = join(h.root, '.git', 'worktrees', id);
        mkdirSync(admin, { recursive: true });
        writeFileSync(join(admin, 'gitdir'), `${path}/.git\n`);
        writeFileSync(join(admin, 'HEAD'), `${'0'.repeat(40)}\n`);
        writeFileSync(join(victim, '.git'), `gitdir: ${admin}\n`);
      }
      const removed = await sweepStaleWorktrees(h.root);
      assert.ok(!removed.includes(victimParent) && !removed.includes(tmpVictim), `removed: ${removed}`);
      assert.ok(existsSync(join(victim, 'precious.txt')), 'a folder named by the repository is untouched');
      assert.ok(existsSync(join(tmpVictim, 'precious.txt')), 'a pairwise-wt-* folder without Pairwise\'s owner record is untouched');
      assertClean('sweep');
    } finally {
      rmSync(tmpVictim, { recursive: true, force: true });
      rmSync(join(h.root, '.git', 'worktrees', 'evil'), { recursive: true, force: true });
      rmSync(join(h.root, '.git', 'worktrees', 'evil2'), { recursive: true, force: true });
    }
  });
});
