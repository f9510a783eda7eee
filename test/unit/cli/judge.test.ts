// `pairwise judge` against a mock judge: flags and bad input, consent, the summary (text and JSON), resume,
// --max-cost, faults, and the self-preference warning.
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { ResultsStore } from '../../../src/core/results';
import { writeCachedPaper } from '../../../src/core/paper/paperCache';
import { foldAmends } from '../../../src/core/results/foldAmends';
import { JUDGE_PREFER_MARK, scenarios, startMockProvider, type MockProvider } from '../../fakes/mockProviders';
import { resultsWith } from '../core/judge/judgeFixture';
import { cli, comparisons, startMocks, tempDir, writeMatrix } from './cliHarness';

const KEY = 'sk-test-0123456789abcdefghijklmnopqrstuv';
const env = { ANTHROPIC_API_KEY: KEY, OPENAI_API_KEY: KEY };
const PAIRS = [
  { id: 'p1', a: `short ${JUDGE_PREFER_MARK}`, b: 'a much longer second draft text here', verdict: 'a' as const },
  { id: 'p2', a: 'a much longer first draft', b: 'short', verdict: 'pending' as const },
  { id: 'p3', a: 'x', b: 'y', failedB: true },
];

describe('pairwise judge', () => {
  let mock: MockProvider;
  before(async () => { mock = await startMockProvider({ kind: 'anthropic', scenario: scenarios.judge('longer') }); });
  after(() => mock.close());
  const judgeArgs = (file: string, ...more: string[]) => ['judge', '--results', file, '--judge', 'anthropic:claude-haiku-4-5', '--judge-base-url', mock.url, ...more];

  test('bad flags and bad input: clear errors, nothing sent', async () => {
    const fx = await resultsWith(PAIRS);
    try {
      const before = mock.requests.length;
      const noJudge = await cli(['judge', '--results', fx.store.file], { env });
      assert.equal(noJudge.code, EXIT.usage);
      assert.match(noJudge.stderr, /--judge PRESET:MODEL is required/);
      const badOnly = await cli(judgeArgs(fx.store.file, '--only', 'some'), { env });
      assert.equal(badOnly.code, EXIT.usage);
      assert.match(badOnly.stderr, /--only must be one of pending, human, all, not "some"/);
      const badPreset = await cli(['judge', '--results', fx.store.file, '--judge', 'nosuch:model'], { env });
      assert.equal(badPreset.code, EXIT.usage);
      assert.match(badPreset.stderr, /--judge: Unknown provider preset "nosuch"/);
      const noKey = await cli(judgeArgs(fx.store.file), { env: {} });
      assert.equal(noKey.code, EXIT.usage);
      assert.match(noKey.stderr, /no API key for Anthropic\. Set the environment variable ANTHROPIC_API_KEY/);
      const missing = await cli(judgeArgs(join(fx.dir, 'nope.jsonl')), { env });
      assert.equal(missing.code, EXIT.failure);
      assert.match(missing.stderr, /no results file at .*nope\.jsonl/);
      const refused = await cli(judgeArgs(fx.store.file, '--only', 'all'), { env });
      assert.equal(refused.code, EXIT.refused);
      assert.match(refused.stderr, /2 comparisons to judge .* each in both orders \(0 already answered, 1 without both drafts\)/);
      assert.match(refused.stderr, /estimated cost \$[\d.]+, at most \$[\d.]+/);
      assert.match(refused.stderr, /pass --yes/);
      assert.equal(mock.requests.length, before, 'nothing sent');
    } finally { await fx.cleanup(); }
    const noDrafts = await resultsWith([PAIRS[2]]);
    try {
      const r = await cli(judgeArgs(noDrafts.store.file, '--only', 'all', '--yes'), { env });
      assert.equal(r.code, EXIT.failure);
      assert.match(r.stderr, /none of the 1 selected comparisons .* has both drafts saved/);
    } finally { await noDrafts.cleanup(); }
  });

  test('--yes --json: judges both orders, prints the summary and the same-family warning; a re-run resumes (nothing left)', async () => {
    const fx = await resultsWith(PAIRS);
    try {
      mock.setScenario(scenarios.judge('longer'));
      const r = await cli(judgeArgs(fx.store.file, '--only', 'all', '--yes', '--json'), { env });
      assert.equal(r.code, EXIT.ok, r.stderr);
      const s = JSON.parse(r.stdout) as Record<string, unknown>;
      assert.equal(s.judge, 'judge:anthropic:claude-haiku-4-5');
      assert.deepEqual([s.judged, s.consistent, s.inconsistent, s.unparsed, s.failed], [2, 2, 0, 0, 0]);
      assert.ok(typeof s.costUsd === 'number' && s.costUsd > 0);
      assert.ok((s.warnings as string[]).some((w) => /claude family, like anthropic:claude-opus-4-7/.test(w)));
      assert.deepEqual(s.skipped, { answered: 0, noDrafts: 1, notSelected: 0 });
      const { records } = await new ResultsStore(fx.store.file).readAll();
      const folded = foldAmends(records);
      assert.deepEqual(folded.map((c) => c.verdict), ['a', 'pending', 'pending'], 'human verdicts unchanged');
      assert.deepEqual(folded.map((c) => c.judgeOpinions[0]?.verdict), ['b', 'a', undefined]);
      const again = await cli(judgeArgs(fx.store.file, '--only', 'all', '--yes'), { env });
      assert.equal(again.code, EXIT.ok);
      assert.match(again.stdout, /nothing to judge .*: 2 already answered by judge:anthropic:claude-haiku-4-5, 1 without both drafts/);
    } finally { await fx.cleanup(); }
  });

  test('text summary; --only pending; position bias shows as inconsistent', async () => {
    const fx = await resultsWith(PAIRS);
    try {
      mock.setScenario(scenarios.judge('first'));
      const r = await cli(judgeArgs(fx.store.file, '--yes'), { env });
      assert.equal(r.code, EXIT.ok, r.stderr);
      assert.match(r.stdout, /^judge: 1 judged by judge:anthropic:claude-haiku-4-5: 0 consistent, 1 inconsistent \(count as ties\), 0 unparsed, 0 failed; cost \$/m);
      assert.match(r.stderr, /judge: 1\/1 p2: inconsistent/);
    } finally { await fx.cleanup(); }
  });

  test('--max-cost stops before spending past it (exit 4) and a later run continues', async () => {
    const fx = await resultsWith(PAIRS);
    try {
      mock.setScenario(scenarios.judge('longer'));
      const r = await cli(judgeArgs(fx.store.file, '--only', 'all', '--yes', '--max-cost', '0'), { env });
      assert.equal(r.code, EXIT.partial);
      assert.match(r.stdout, /stopped at --max-cost 0 with 2 pairs left; re-run to continue/);
      const next = await cli(judgeArgs(fx.store.file, '--only', 'all', '--yes', '--json'), { env });
      assert.equal(JSON.parse(next.stdout).judged, 2);
    } finally { await fx.cleanup(); }
  });

  test('faults: a 429 that never clears and an unparsed answer end as failed / unparsed (exit 4), and are retried on the next run', async () => {
    const fx = await resultsWith(PAIRS);
    try {
      mock.setScenario([...Array.from({ length: mock.requests.length }, () => scenarios.judge('longer')), scenarios.judge('unparsed'), scenarios.judge('unparsed'), scenarios.rateLimitedMs(1)]);
      const r = await cli(judgeArgs(fx.store.file, '--only', 'all', '--yes', '--json', '--side-deadline', '5'), { env });
      assert.equal(r.code, EXIT.partial, r.stderr);
      const s = JSON.parse(r.stdout) as Record<string, number>;
      assert.deepEqual([s.judged, s.unparsed, s.failed], [2, 1, 1]);
      mock.setScenario(scenarios.judge('longer'));
      const again = await cli(judgeArgs(fx.store.file, '--only', 'all', '--yes', '--json'), { env });
      assert.equal(JSON.parse(again.stdout).judged, 1, 'only the failed pair is judged again (an unparsed answer is an answer)');
    } finally { await fx.cleanup(); }
  });

  test('--paper gives the judge the paper text on the comparisons recorded with it', async () => {
    const fx = await resultsWith(PAIRS);
    try {
      mock.setScenario(scenarios.judge('longer'));
      mock.requests.length = 0;
      const file = join(fx.dir, 'paper.md');
      writeFileSync(file, '# A Paper\n\n## Abstract\n\nTables are cached.\n\n## Method\n\nKeep an LRU of parsed tables (PAPER-BODY-MARK).\n');
      const other = await cli(judgeArgs(fx.store.file, '--only', 'all', '--yes', '--paper', file), { env });
      assert.equal(other.code, EXIT.ok, other.stderr);
      assert.match(other.stderr, /the judge reads "A Paper" on 0 of 2 comparisons/);
      assert.ok(mock.requests.every((r) => !r.body.includes('PAPER-BODY-MARK')));
      const bad = await cli(judgeArgs(fx.store.file, '--paper', join(fx.dir, 'missing.md')), { env });
      assert.equal(bad.code, EXIT.failure);
      assert.match(bad.stderr, /--paper .*missing\.md/);
    } finally { await fx.cleanup(); }
    const fx2 = await resultsWith(PAIRS.map((p) => ({ ...p, paperId: 'paper' })));
    try {
      mock.requests.length = 0;
      const file = join(fx2.dir, 'paper.md');
      writeFileSync(file, '# A Paper\n\n## Abstract\n\nTables are cached.\n\n## Method\n\nKeep an LRU of parsed tables (PAPER-BODY-MARK).\n');
      const r = await cli(judgeArgs(fx2.store.file, '--only', 'all', '--yes', '--paper', file), { env });
      assert.equal(r.code, EXIT.ok, r.stderr);
      assert.match(r.stderr, /on 2 of 2 comparisons/);
      assert.equal(mock.requests.length, 4);
      assert.ok(mock.requests.every((q) => q.body.includes('PAPER-BODY-MARK')), 'every judge request carries the paper');
    } finally { await fx2.cleanup(); }
  });

  test('without --paper, an arXiv paper compare cached here is read from the local paper cache (no network)', async () => {
    const fx = await resultsWith(PAIRS);
    try {
      mock.setScenario(scenarios.judge('longer'));
      mock.requests.length = 0;
      const cacheDir = join(fx.dir, 'papers');
      await writeCachedPaper(cacheDir, { source: 'arxiv', id: 'arXiv:2401.00001v1', arxivId: '2401.00001', version: 'v1', title: 'A Paper', authors: [],
        abstract: 'Tables are cached.', text: 'Keep an LRU of parsed tables (CACHED-PAPER-MARK).', format: 'txt', hash: 'h1', warnings: [] });
      const r = await cli(judgeArgs(fx.store.file, '--only', 'all', '--yes'), { env: { ...env, PAIRWISE_PAPER_CACHE: cacheDir } });
      assert.equal(r.code, EXIT.ok, r.stderr);
      assert.equal(mock.requests.length, 4);
      assert.ok(mock.requests.every((q) => q.body.includes('CACHED-PAPER-MARK')), 'every judge request carries the cached paper');
    } finally { await fx.cleanup(); }
  });

  test('pairwise --help lists judge; judge --help shows the usage', async () => {
    const help = await cli(['--help']);
    assert.match(help.stdout, /judge\s+let an LLM judge recorded comparisons in both orders/);
    const h = await cli(['judge', '--help']);
    assert.equal(h.code, EXIT.ok);
    assert.match(h.stdout, /Usage: pairwise judge --results FILE --judge PRESET:MODEL/);
  });

  test('batch --judge judges each pair as it finishes: one judge amend per cell, counted in the summary', async () => {
    const t = tempDir();
    const mocks = await startMocks();
    try {
      mock.setScenario(scenarios.judge('longer'));
      const before = mock.requests.length;
      const matrix = writeMatrix(t.dir, mocks, {}, 1);
      const r = await cli(['batch', '--matrix', matrix, '--yes', '--json', '--judge', 'anthropic:claude-haiku-4-5', '--judge-base-url', mock.url], { cwd: t.dir, env });
      assert.equal(r.code, EXIT.ok, r.stderr);
      // Priced before consent: the judge's prefix counted from each cell's context, drafts at a typical length and at the cap.
      const est = /batch: judge anthropic:claude-haiku-4-5 answers each finished pair twice \(both orders, the second from the prompt cache\): ~([\d,]+) prompt tokens; estimated \$([\d.]+) \(drafts of ~1,500 tokens, typical answers\), at most \$([\d.]+) \(drafts and answers at their token caps\)/.exec(r.stderr);
      assert.ok(est, r.stderr);
      assert.ok(Number(est[2]) > 0 && Number(est[3]) > Number(est[2]), `${est[2]} .. ${est[3]}`);
      const s = JSON.parse(r.stdout) as { done: number; judged: Record<string, number> };
      assert.equal(s.done, 4);
      assert.deepEqual(s.judged, { consistent: 4, inconsistent: 0, unparsed: 0, failed: 0, notWritten: 0 });
      assert.equal(mock.requests.length - before, 8, 'two orders per pair');
      const file = join(t.dir, '.pairwise', 'results.jsonl');
      const { records } = await new ResultsStore(file).readAll();
      const folded = foldAmends(records);
      assert.equal(comparisons(file).length, 4);
      assert.ok(folded.every((c) => c.verdict === 'pending' && c.judgeOpinions.length === 1 && c.judgeOpinions[0].judge.outcome === 'consistent'));
      const bad = await cli(['batch', '--matrix', matrix, '--judge', 'nosuch:model'], { cwd: t.dir, env });
      assert.equal(bad.code, EXIT.usage);
      assert.match(bad.stderr, /--judge: Unknown provider preset "nosuch"/);
    } finally { await mocks.close(); t.cleanup(); }
  });
});
