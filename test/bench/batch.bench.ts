// Bench: does `pairwise batch` keep its concurrency busy? Mock providers answer at a fixed latency; the CLI runs
// as its own process (node --import tsx src/cli/main.ts), exactly as a user would.
//   wall_ratio   run phase of 40 cells at concurrency 8 ÷ ideal (40 × one cell's latency ÷ 8), where one cell's
//                latency is measured in the same run: the median gap between consecutive records of a 6-cell batch
//                at concurrency 1 (first-cell SDK loading excluded) (goal <= 1.15). Baseline and main batch are
//                interleaved over several rounds (A B, B A, …) and the median of the per-round ratios is reported,
//                so a burst of load from other processes on the shared 2 cores moves one round, not the figure.
//                The mock answers after 1 s in quick mode too: with 0.4 s the CLI's own CPU work per cell, run 8 at
//                a time on 2 cores, is a third of a cell and the ratio measures the machine, not the scheduler.
//   peak_rss_mb  the 40-cell CLI process's peak resident memory (goal <= 400 MB; tsx loader included)
// `npm run bench -- batch [--quick]`; one JSON line per metric; a missed goal is reported, a run that measured
// nothing (a cell failed, no gaps) fails the process (test/bench/benchKit.ts).
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startMockProvider, type MockProvider } from '../fakes/mockProviders';
import { benchKit, median, round } from './benchKit';

const quick = process.argv.includes('--quick');
const ROOT = resolve(__dirname, '../..');
const LATENCY_MS = 1000;
const ROUNDS = quick ? 3 : 5;
const kit = benchKit('batch');
const CELLS = 40;
const CONCURRENCY = 8;
const ANSWER = ['===ROUTE===', 'ISSUE', '===TITLE===', 'Bench issue', '===BODY===', 'Body of `src/main.py`.', '===PATCH===', '', '===REASON===', 'Because.', ''].join('\n');

interface Summary { done: number; failed: number; runMs: number; peakRssMb: number }

/** Writes a matrix of 1 repo × `papers` briefs × 2 pairs × `repeats` (checks off: the bench measures scheduling). */
function matrix(dir: string, name: string, mocks: MockProvider[], papers: number, pairs: number, repeats: number): string {
  const file = join(dir, `${name}.yaml`);
  writeFileSync(file, JSON.stringify({
    repos: ['repo'], papers: Array.from({ length: papers }, (_, i) => ({ brief: `Idea number ${i}: cache parsed tables.`, title: `Idea ${i}` })),
    pairs: [{ a: 'mock-a:model-one', b: 'mock-b:model-two' }, { a: 'mock-a:model-three', b: 'mock-b:model-four' }].slice(0, pairs),
    repeats, checks: false, budget: 2000,
    providers: { 'mock-a': { kind: 'anthropic', baseUrl: mocks[0].url, auth: 'none' }, 'mock-b': { kind: 'openai-compatible', baseUrl: mocks[1].url, auth: 'none' } },
  }));
  return file;
}

function runCli(args: string[], cwd: string): Promise<Summary> {
  const tsx = pathToFileURL(join(ROOT, 'node_modules/tsx/dist/loader.mjs')).href;
  return new Promise((res, rej) => {
    const child = spawn(process.execPath, ['--import', tsx, join(ROOT, 'src/cli/main.ts'), ...args], { cwd, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d: Buffer) => { out += d.toString(); });
    child.stderr.on('data', (d: Buffer) => { err += d.toString(); });
    child.on('close', (code) => (code === 0 ? res(JSON.parse(out) as Summary) : rej(new Error(`exit ${code}: ${err}`))));
  });
}

/** One cell's latency through the whole CLI path: the median gap between consecutive records of a 6-cell batch at concurrency 1. */
async function baseline(dir: string, mocks: MockProvider[], r: number): Promise<number> {
  const file = join(dir, `base-${r}.jsonl`);
  await runCli(['batch', '--matrix', matrix(dir, `base-${r}`, mocks, 3, 2, 1), '--yes', '--json', '--concurrency', '1', '--results', file], dir);
  const times = readFileSync(file, 'utf8').trim().split('\n').map((l) => Date.parse((JSON.parse(l) as { time: string }).time)).sort((x, y) => x - y);
  const gaps = times.slice(1).map((t, i) => t - times[i]);
  kit.measured(`round ${r} baseline gaps`, gaps.length, 5);
  return median(gaps);
}

/** The 40-cell batch at concurrency 8. */
async function mainBatch(dir: string, mocks: MockProvider[], r: number): Promise<Summary> {
  const out = await runCli(['batch', '--matrix', matrix(dir, `main-${r}`, mocks, 4, 2, CELLS / 8), '--yes', '--json', '--concurrency', String(CONCURRENCY),
    '--results', join(dir, `main-${r}.jsonl`)], dir);
  if (out.done !== CELLS) kit.fail(`round ${r}: expected ${CELLS} cells done, got ${out.done} (${out.failed} failed)`);
  return out;
}

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-batch-'));
  const shape = { type: 'ok' as const, text: ANSWER, ttftMs: LATENCY_MS - 20, tokensPerSec: 1e6, chunkChars: 64 };
  const mocks = await Promise.all([startMockProvider({ kind: 'anthropic', scenario: shape }), startMockProvider({ kind: 'openai', scenario: shape })]);
  try {
    mkdirSync(join(dir, 'repo', 'src'), { recursive: true });
    writeFileSync(join(dir, 'repo', 'src', 'main.py'), 'def parse_table(x):\n    return x\n');
    execFileSync('git', ['init', '-q'], { cwd: join(dir, 'repo') });
    const ratios: number[] = [], cells: number[] = [], runs: number[] = [], rss: number[] = [];
    for (let r = 1; r <= ROUNDS; r++) {
      // Alternate the order each round so neither side always runs first (warm caches, a load burst).
      let perCell = 0, m: Summary | undefined;
      if (r % 2) { perCell = await baseline(dir, mocks, r); m = await mainBatch(dir, mocks, r); }
      else { m = await mainBatch(dir, mocks, r); perCell = await baseline(dir, mocks, r); }
      const ideal = (CELLS * perCell) / CONCURRENCY;
      ratios.push(m.runMs / ideal); cells.push(perCell); runs.push(m.runMs); rss.push(m.peakRssMb);
      process.stderr.write(`round ${r}: cell ${perCell} ms, run ${m.runMs} ms, ideal ${Math.round(ideal)} ms, ratio ${round(m.runMs / ideal)}\n`);
    }
    const ratio = median(ratios);
    kit.report('wall_ratio', ratio, '<=1.15', ratio <= 1.15, { rounds: ROUNDS, per_round: ratios.map((x) => round(x)), cell_ms: cells, run_ms: runs,
      cells: CELLS, concurrency: CONCURRENCY, mock_latency_ms: LATENCY_MS, note: 'median of interleaved rounds (baseline and batch alternate order)' });
    kit.report('peak_rss_mb', Math.max(...rss), '<=400', Math.max(...rss) <= 400, { note: 'CLI process incl. tsx loader, worst round' });
  } finally {
    await Promise.all(mocks.map((m) => m.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

kit.run(main);
