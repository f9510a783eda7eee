import { after, afterEach, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { EXIT } from '../../../src/cli/exitCodes';
import { parseMatrix } from '../../../src/cli/matrix';
import { expandMatrix } from '../../../src/cli/matrixCells';
import { scenarios } from '../../fakes/mockProviders';
import { cli, comparisons, ISSUE_TEXT, scriptFromNow, SKIP_TEXT, spawnCli, startMocks, tempDir, writeMatrix } from './cliHarness';

type Summary = { total: number; alreadyDone: number; done: number; failed: number; notStarted: number; requeues: number; backoffs: number;
  stoppedBy: string | null; spentUsd: number; cells: Record<string, string> };

/** Waits until `file` holds at least `n` comparison records. */
// Generous: under load (other suites sharing the 2 cores) a cell's context builds and mock calls take several times longer.
async function waitForRecords(file: string, n: number, timeoutMs = 90_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  while (comparisons(file).length < n) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${n} records in ${file}`);
    await new Promise((r) => setTimeout(r, 15));
  }
}

/** Asserts that the file holds exactly one successful record per expected cell and nothing else. */
function assertExactlyOnce(file: string, expected: string[]): void {
  const ids = comparisons(file).map((r) => r.cellId as string);
  assert.equal(ids.length, new Set(ids).size, `no duplicate cell in ${file}: ${ids.length} records, ${new Set(ids).size} distinct`);
  assert.deepEqual([...ids].sort(), [...expected].sort(), 'no missing cell');
}

describe('pairwise batch (mock providers, 3 repos × 2 papers × 2 pairs)', () => {
  const t = tempDir('pw-batch-');
  let mocks: Awaited<ReturnType<typeof startMocks>>;
  let matrix = '';
  let cellIds: string[] = [];
  const okA = () => ({ type: 'ok' as const, text: ISSUE_TEXT, ttftMs: 10 });
  const okB = () => ({ type: 'ok' as const, text: SKIP_TEXT, ttftMs: 10 });
  before(async () => {
    mocks = await startMocks(okA(), okB());
    matrix = writeMatrix(t.dir, mocks);
    const m = parseMatrix(readFileSync(matrix, 'utf8'), dirname(matrix));
    assert.ok(m.ok);
    cellIds = expandMatrix(m.matrix).map((c) => c.id);
    assert.equal(cellIds.length, 12);
  });
  afterEach(() => { mocks.a.setScenario(okA()); mocks.b.setScenario(okB()); });
  after(async () => { await mocks.close(); t.cleanup(); });

  test('runs every cell once (--json parses), and a re-run skips them all', async () => {
    const results = join(t.dir, 'full.jsonl');
    const r = await cli(['batch', '--matrix', matrix, '--yes', '--json', '--concurrency', '4', '--results', results], { cwd: t.dir });
    assert.equal(r.code, EXIT.ok, r.stderr);
    const s = JSON.parse(r.stdout) as Summary;
    assert.equal(s.total, 12);
    assert.equal(s.done, 12);
    assert.equal(s.failed, 0);
    assert.deepEqual(Object.keys(s.cells).sort(), [...cellIds].sort());
    assertExactlyOnce(results, cellIds);
    const recs = comparisons(results);
    assert.ok(recs.every((x) => x.type === 'comparison' && x.verdict === 'pending' && x.sides.a.route === 'issue' && x.sides.b.route === 'skip'));
    assert.match(r.stderr, /cell [0-9a-f]{16} done: repos\/r0 × /, 'plain progress lines when not a TTY');
    const again = await cli(['batch', '--matrix', matrix, '--yes', '--json', '--results', results], { cwd: t.dir });
    assert.equal(again.code, EXIT.ok);
    const s2 = JSON.parse(again.stdout) as Summary;
    assert.equal(s2.alreadyDone, 12);
    assert.equal(s2.done, 0);
    assert.equal(comparisons(results).length, 12);
    const report = await cli(['report', '--results', results, '--json'], { cwd: t.dir });
    assert.equal((JSON.parse(report.stdout) as { totals: { comparisons: number } }).totals.comparisons, 12);
  });

  test('not a TTY and no --yes: refuses with exit 3 and sends nothing', async () => {
    const n = mocks.a.requests.length;
    const r = await cli(['batch', '--matrix', matrix, '--results', join(t.dir, 'refused.jsonl')], { cwd: t.dir });
    assert.equal(r.code, EXIT.refused);
    assert.equal(mocks.a.requests.length, n);
  });

  test('failed cells give exit 4; the re-run retries only them; the report counts each cell once', async () => {
    const results = join(t.dir, 'retry.jsonl');
    scriptFromNow(mocks.b, [scenarios.badKey(), scenarios.badKey(), scenarios.badKey(), okB()], okB());
    const first = await cli(['batch', '--matrix', matrix, '--yes', '--json', '--concurrency', '1', '--results', results], { cwd: t.dir });
    assert.equal(first.code, EXIT.partial, first.stderr);
    const s1 = JSON.parse(first.stdout) as Summary;
    assert.equal(s1.failed, 3);
    assert.equal(s1.done, 9);
    mocks.b.setScenario(okB());
    const second = await cli(['batch', '--matrix', matrix, '--yes', '--json', '--results', results], { cwd: t.dir });
    assert.equal(second.code, EXIT.ok);
    const s2 = JSON.parse(second.stdout) as Summary;
    assert.equal(s2.alreadyDone, 9);
    assert.equal(s2.done, 3);
    assert.equal(comparisons(results).length, 15, 'failed attempts stay in the file (append-only)');
    const report = await cli(['report', '--results', results, '--json'], { cwd: t.dir });
    const rep = JSON.parse(report.stdout) as { totals: { comparisons: number }; models: { outcomes: { counts: { failed: number } } | null }[] };
    assert.equal(rep.totals.comparisons, 12, 'superseded attempts are not counted');
    assert.ok(rep.models.every((m) => (m.outcomes?.counts.failed ?? 0) === 0));
  });

  test('a 429 storm slows the provider down (backoff + requeue) without failing any cell', async () => {
    const results = join(t.dir, 'storm.jsonl');
    scriptFromNow(mocks.a, [...Array.from({ length: 10 }, () => scenarios.rateLimitedMs(60)), okA()], okA());
    const stormMatrix = writeMatrix(join(t.dir, 'storm'), mocks, { retries: 1 }, 1);
    const r = await cli(['batch', '--matrix', stormMatrix, '--yes', '--json', '--concurrency', '4', '--backoff-ms', '40', '--results', results], { cwd: t.dir });
    assert.equal(r.code, EXIT.ok, r.stderr);
    const s = JSON.parse(r.stdout) as Summary;
    assert.equal(s.done, 4);
    assert.equal(s.failed, 0);
    assert.ok(s.backoffs > 0, 'provider-wide backoff triggered');
    assert.ok(s.requeues > 0, 'rate-limited cells were requeued, not failed');
    const recs = comparisons(results);
    assert.equal(recs.length, 4);
    assert.ok(recs.every((x) => x.type === 'comparison' && x.sides.a.status === 'ok'));
  });

  test('--max-cost stops starting new cells (exit 4, stoppedBy budget); a re-run continues', async () => {
    const results = join(t.dir, 'cost.jsonl');
    const costMatrix = writeMatrix(join(t.dir, 'cost'), mocks, { prices: { 'model-one': { input: 1000, output: 1000 }, 'model-three': { input: 1000, output: 1000 } } }, 1);
    const r = await cli(['batch', '--matrix', costMatrix, '--yes', '--json', '--concurrency', '1', '--max-cost', '0.01', '--results', results], { cwd: t.dir });
    assert.equal(r.code, EXIT.partial, r.stderr);
    const s = JSON.parse(r.stdout) as Summary;
    assert.equal(s.stoppedBy, 'budget');
    assert.equal(s.done, 1);
    assert.equal(s.notStarted, 3);
    assert.ok(s.spentUsd > 0.01);
    const rest = await cli(['batch', '--matrix', costMatrix, '--yes', '--json', '--results', results], { cwd: t.dir });
    assert.equal((JSON.parse(rest.stdout) as Summary).done, 3);
  });

  test('selection mode: one cell per repo × pair with the whole pool; picks and samePaper are recorded', async () => {
    const pick = (id: string, route: string) => ['===PAPER===', id, '===ROUTE===', route, '===TITLE===', 't', '===BODY===', 'b', '===PATCH===', '', '===REASON===', 'r', ''].join('\n');
    mocks.a.setScenario({ type: 'ok', text: pick('paper', 'ISSUE'), ttftMs: 5 });
    mocks.b.setScenario({ type: 'ok', text: pick('arXiv:paper', 'SKIP'), ttftMs: 5 });
    const sel = writeMatrix(join(t.dir, 'sel'), mocks, { mode: 'selection' }, 2);
    const results = join(t.dir, 'sel.jsonl');
    const r = await cli(['batch', '--matrix', sel, '--yes', '--json', '--results', results], { cwd: t.dir });
    assert.equal(r.code, EXIT.ok, r.stderr);
    assert.equal((JSON.parse(r.stdout) as Summary).done, 4, '2 repos × 1 pool × 2 pairs');
    const recs = comparisons(results);
    assert.ok(recs.every((x) => x.type === 'comparison' && x.mode === 'selection' && x.sides.a.paperPick === 'paper' && x.selection?.samePaper === true));
    assert.ok(mocks.a.requests.at(-1)?.body.includes('Write batching'), 'the pool (both papers) is in the prompt');
  });

  test('SIGKILL half-way, then resume: no duplicate, no missing cell', async () => {
    const results = join(t.dir, 'killed.jsonl');
    mocks.a.setScenario({ type: 'ok', text: ISSUE_TEXT, ttftMs: 120 });
    const run = spawnCli(['batch', '--matrix', matrix, '--yes', '--concurrency', '2', '--results', results], t.dir);
    await waitForRecords(results, 4);
    run.child.kill('SIGKILL');
    const killed = await run.done;
    assert.equal(killed.signal, 'SIGKILL');
    const partial = comparisons(results).length;
    assert.ok(partial >= 4 && partial < 12, `killed half-way with ${partial} records`);
    const resumed = await cli(['batch', '--matrix', matrix, '--yes', '--json', '--results', results], { cwd: t.dir });
    assert.equal(resumed.code, EXIT.ok, resumed.stderr);
    assert.equal((JSON.parse(resumed.stdout) as Summary).alreadyDone, partial);
    assertExactlyOnce(results, cellIds);
  });

  test('SIGINT stops cleanly with exit 130 and keeps every finished cell; resume completes', async () => {
    const results = join(t.dir, 'interrupted.jsonl');
    mocks.a.setScenario({ type: 'ok', text: ISSUE_TEXT, ttftMs: 120 });
    const run = spawnCli(['batch', '--matrix', matrix, '--yes', '--concurrency', '2', '--results', results], t.dir);
    await waitForRecords(results, 4);
    run.child.kill('SIGINT');
    const stopped = await run.done;
    assert.equal(stopped.code, EXIT.interrupted, stopped.stderr);
    assert.match(stopped.stderr, /stopping \(finished cells are kept\)/);
    const kept = comparisons(results);
    assert.ok(kept.length >= 4 && kept.length < 12);
    assert.ok(kept.every((x) => x.type === 'comparison' && x.sides.a.status === 'ok'), 'no cancelled cell was recorded');
    const resumed = await cli(['batch', '--matrix', matrix, '--yes', '--results', results], { cwd: t.dir });
    assert.equal(resumed.code, EXIT.ok, resumed.stderr);
    assertExactlyOnce(results, cellIds);
  });

  test('3 shards as parallel processes, merged = the unsharded cell set', async () => {
    const runs = [1, 2, 3].map((i) => spawnCli(['batch', '--matrix', matrix, '--yes', '--json', '--shard', `${i}/3`, '--results', join(t.dir, `shard${i}`, 'results.jsonl')], t.dir));
    const outs = await Promise.all(runs.map((r) => r.done));
    for (const o of outs) assert.equal(o.code, EXIT.ok, o.stderr);
    const perShard = outs.map((o) => Object.keys((JSON.parse(o.stdout) as Summary).cells));
    assert.deepEqual(perShard.map((c) => c.length), [4, 4, 4]);
    const merged = join(t.dir, 'merged.jsonl');
    const m = await cli(['merge', ...[1, 2, 3].map((i) => join(t.dir, `shard${i}`, 'results.jsonl')), '-o', merged, '--json'], { cwd: t.dir });
    assert.equal(m.code, EXIT.ok, m.stderr);
    assert.equal((JSON.parse(m.stdout) as { appended: number }).appended, 12);
    assertExactlyOnce(merged, cellIds);
    const reversed = join(t.dir, 'merged-reversed.jsonl');
    await cli(['merge', ...[3, 1, 2].map((i) => join(t.dir, `shard${i}`, 'results.jsonl')), '-o', reversed], { cwd: t.dir });
    assert.deepEqual(comparisons(reversed).map((r) => r.id).sort(), comparisons(merged).map((r) => r.id).sort(), 'merge is order-independent');
  });
});
