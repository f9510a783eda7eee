// PROOF that the comparison flow exists once: the same inputs (mock providers, fixed clock and ids) through the
// CLI's `pairwise compare` and through the extension's Compare logic (compareRun.ts, no vscode) give identical
// records and blobs. Plus the drift fixes: one arXiv paper identity, one title length.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { cli, comparisons, makeRepo, startMocks, tempDir } from '../../cli/cliHarness';
import { EXIT } from '../../../../src/cli/exitCodes';
import { resolveCliSide, sideConfigFrom } from '../../../../src/cli/sides';
import { writeCachedPaper } from '../../../../src/core/paper/paperCache';
import { loadPaper } from '../../../../src/core/paper/loadPaper';
import type { Paper } from '../../../../src/core/paper/types';
import { ResultsStore } from '../../../../src/core/results';
import { runDirFor } from '../../../../src/core/results/blobStore';
import { prepareRun } from '../../../../src/core/session/prepare';
import { readRepoInfo } from '../../../../src/core/session/repoInfo';
import { TITLE_MAX } from '../../../../src/core/session/identity';
import { saveRunVerdict, startCompareRun } from '../../../../src/extension/compare/compareRun';
import type { RunEvent } from '../../../../src/core/run/types';

const KEY = 'sk-test-0123456789abcdefghijklmnopqrstuv';
const LONG_TITLE = `Cache the parsed table ${'and keep it warm '.repeat(30)}`.trim();
const PR_TEXT = ['===ROUTE===', 'ISSUE', '===TITLE===', LONG_TITLE, '===BODY===', 'See `src/main.py`: it re-parses on each call.',
  '===PATCH===', '', '===REASON===', 'The paper measures a cache like this.', ''].join('\n');
const SKIP = ['===ROUTE===', 'SKIP', '===TITLE===', 'Not applicable', '===BODY===', '', '===PATCH===', '', '===REASON===', 'No fit.', ''].join('\n');
const PAPER: Paper = {
  source: 'arxiv', id: 'arXiv:2602.15763v1', arxivId: '2602.15763', version: 'v1', title: 'Table caching', authors: ['A. Author'],
  abstract: 'Caching parsed tables cuts latency.', text: '# Table caching\n\nKeep an LRU of parsed tables.\n', format: 'md', hash: 'f'.repeat(64), warnings: [],
};
const AT = new Date('2026-03-04T05:06:07.000Z');
const ID = '20260304T050607Z-0123456789ab';
const ports = { now: () => AT, newId: () => ID };
const env = { ANTHROPIC_API_KEY: KEY, OPENAI_API_KEY: KEY };

/** Timings are measured on the wire, not read from the clock port: the only fields that may differ. */
function withoutTimings<T>(rec: T): T {
  const r = structuredClone(rec) as { sides: Record<string, Record<string, unknown>> };
  for (const s of Object.values(r.sides)) { delete s.ttftMs; delete s.totalMs; }
  return r as T;
}
function blobs(resultsFile: string): Record<string, string> {
  const dir = runDirFor(resultsFile, ID);
  return Object.fromEntries(readdirSync(dir).sort().map((f) => [f, readFileSync(join(dir, f), 'utf8')]));
}

describe('one comparison engine for both shells', () => {
  const t = tempDir('pw-shells-');
  const cache = join(t.dir, 'papers');
  const repo = join(t.dir, 'repo');
  before(async () => {
    makeRepo(repo, { 'src/main.py': 'def parse_table(x):\n    return x\n', 'README.md': '# r\n' });
    await writeCachedPaper(cache, PAPER);
  });
  after(() => t.cleanup());

  test('the CLI and the extension record the same comparison and the same blobs', async () => {
    // Both paths talk to the same two mock servers; fixed usage so the prompt-cache simulation cannot tell them apart.
    const usage = { input: 900, output: 120, cacheRead: 0, cacheWrite: 0 };
    const mocks = await startMocks({ type: 'ok', text: PR_TEXT, ttftMs: 5, usage }, { type: 'ok', text: SKIP, ttftMs: 5, usage });
    // CLI path: `pairwise compare`.
    const cliResults = join(t.dir, 'cli', 'results.jsonl');
    const r = await cli(['compare', '--repo', repo, '--paper', 'arxiv:2602.15763v1', '--a', 'anthropic:claude-opus-4-7', '--b', 'openai:gpt-5',
      '--a-base-url', mocks.a.url, '--b-base-url', mocks.b.url, '--results', cliResults, '--yes'],
    { cwd: t.dir, env: { ...env, PAIRWISE_PAPER_CACHE: cache }, ports });
    assert.equal(r.code, EXIT.ok, r.stderr);

    // Extension path: the Compare logic behind the panel, the same sides, paper and repo, the same ports.
    const cfg = sideConfigFrom(undefined, undefined, env);
    assert.ok(cfg.ok);
    const a = resolveCliSide('anthropic:claude-opus-4-7', mocks.a.url, cfg.config, '--a');
    const b = resolveCliSide('openai:gpt-5', mocks.b.url, cfg.config, '--b');
    assert.ok(a.ok && b.ok);
    const paper = await loadPaper('arxiv:2602.15763v1', { cacheDir: cache });
    assert.ok(paper.ok);
    const prepared = await prepareRun({ repoRoot: repo, mode: 'pin', papers: [paper.paper], budgetTokens: 60_000, pinnedFiles: [] });
    assert.ok(prepared.ok);
    const extResults = join(t.dir, 'ext', 'results.jsonl');
    const events: RunEvent[] = [];
    const view = { onRunEvent: (e: RunEvent) => events.push(e), onParsed: () => undefined, onChecks: () => undefined };
    const session = startCompareRun({ root: repo, repo: await readRepoInfo(repo), prepared: prepared.run, sides: { a: a.side, b: b.side },
      store: new ResultsStore(extResults), allowTestRun: false, swapped: false,
      settings: { blind: true, rater: '', testCommand: '', warmRepeat: false, maxOutputTokens: 8192, idleTimeoutSeconds: 60, maxRetries: 2 } }, view, ports);
    const done = await session.recorded;
    await mocks.close();
    assert.equal(done.written, true, done.writeError);
    assert.ok(events.some((e) => e.type === 'done'), 'the view port saw the stream');

    const [fromCli] = comparisons(cliResults);
    const [fromExt] = comparisons(extResults);
    assert.ok(fromCli && fromExt);
    const { source, ...cliRest } = fromCli as typeof fromCli & { source?: string };
    assert.equal(source, 'cli', 'the CLI tags its records; that tag is the only difference');
    assert.deepEqual(withoutTimings(cliRest), withoutTimings(fromExt));
    assert.equal(fromExt.id, ID);
    assert.equal(fromExt.time, AT.toISOString());
    assert.deepEqual(blobs(cliResults), blobs(extResults));

    // Drift fixes, seen in the records themselves.
    assert.deepEqual(fromCli.type === 'comparison' && fromCli.paper, { id: '2602.15763', version: 'v1', title: 'Table caching', hash: PAPER.hash },
      'one arXiv paper is one paper: bare id, version apart');
    assert.equal(fromExt.type === 'comparison' && fromExt.sides.a.title?.length, TITLE_MAX, 'titles are cut at one length on both sides');
    assert.equal(fromCli.type === 'comparison' && fromCli.sides.a.title?.length, TITLE_MAX);

    // The verdict goes through the one amend builder.
    const saved = await saveRunVerdict(session, { verdict: 'a', ratings: { grounded: { a: 4 }, faithful: {} }, notes: ' ', timeToVerdictMs: 1200 });
    assert.ok(saved.ok);
    const amend = (await new ResultsStore(extResults).readAll()).records.find((x) => x.type === 'amend');
    assert.deepEqual(amend, { schema: 1, type: 'amend', id: ID, target: ID, time: AT.toISOString(), verdict: 'a', ratings: { grounded: { a: 4 } }, timeToVerdictMs: 1200 });
  });
});

describe('a run stopped through its signal', () => {
  test('the extension records it with its sides cancelled; the CLI records nothing', async () => {
    const t = tempDir('pw-stop-');
    try {
      const repo = makeRepo(join(t.dir, 'repo'), { 'src/main.py': 'def f(x):\n    return x\n' });
      const mocks = await startMocks({ type: 'hang' }, { type: 'hang' });
      const cfg = sideConfigFrom(undefined, undefined, env);
      assert.ok(cfg.ok);
      const a = resolveCliSide('anthropic:claude-opus-4-7', mocks.a.url, cfg.config, '--a');
      const b = resolveCliSide('openai:gpt-5', mocks.b.url, cfg.config, '--b');
      assert.ok(a.ok && b.ok);
      const prepared = await prepareRun({ repoRoot: repo, mode: 'pin', papers: [] });
      assert.ok(prepared.ok);
      const ctl = new AbortController();
      const results = join(t.dir, 'ext', 'results.jsonl');
      const view = { onRunEvent: () => undefined, onParsed: () => undefined, onChecks: () => undefined };
      const session = startCompareRun({ root: repo, repo: await readRepoInfo(repo), prepared: prepared.run, sides: { a: a.side, b: b.side },
        store: new ResultsStore(results), allowTestRun: false, swapped: false, signal: ctl.signal,
        settings: { blind: true, rater: '', testCommand: '', warmRepeat: false, maxOutputTokens: 8192, idleTimeoutSeconds: 60, maxRetries: 0 } }, view, ports);
      setTimeout(() => ctl.abort(), 300);
      const done = await session.recorded;
      await mocks.close();
      assert.equal(done.cancelled, true);
      assert.equal(done.written, true, done.writeError);
      const [rec] = comparisons(results);
      assert.ok(rec?.type === 'comparison' && rec.sides.a.status === 'failed' && rec.sides.a.errorKind === 'cancelled');
    } finally { t.cleanup(); }
  });
});
