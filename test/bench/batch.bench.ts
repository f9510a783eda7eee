// Bench: does `pairwise batch` keep its concurrency busy? Mock providers answer at a fixed latency; the CLI runs
// as its own process (node --import tsx src/cli/main.ts), exactly as a user would.
//   wall_ratio   run phase of 40 cells at concurrency 8 ÷ ideal (40 × one cell's latency ÷ 8), where one cell's
//                latency is measured in the same run: the median gap between consecutive records of a 6-cell batch
//                at concurrency 1 (first-cell SDK loading excluded) (goal <= 1.15)
//   peak_rss_mb  the 40-cell CLI process's peak resident memory (goal <= 400 MB; tsx loader included)
// `npm run bench -- batch [--quick]`; one JSON line per metric; exits 0 even when a goal is missed.
import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { startMockProvider, type MockProvider } from '../fakes/mockProviders';

const quick = process.argv.includes('--quick');
const ROOT = resolve(__dirname, '../..');
const LATENCY_MS = quick ? 400 : 1000;
const CELLS = 40;
const CONCURRENCY = 8;
const ANSWER = ['===ROUTE===', 'ISSUE', '===TITLE===', 'Bench issue', '===BODY===', 'Body of `src/main.py`.', '===PATCH===', '', '===REASON===', 'Because.', ''].join('\n');

const round = (n: number, d = 3) => Math.round(n * 10 ** d) / 10 ** d;
function report(metric: string, value: number, goal: string, pass: boolean, extra: Record<string, unknown> = {}): void {
  process.stdout.write(`${JSON.stringify({ bench: 'batch', metric, value: round(value), goal, pass, ...extra })}\n`);
}

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

async function main(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pw-bench-batch-'));
  const shape = { type: 'ok' as const, text: ANSWER, ttftMs: LATENCY_MS - 20, tokensPerSec: 1e6, chunkChars: 64 };
  const mocks = await Promise.all([startMockProvider({ kind: 'anthropic', scenario: shape }), startMockProvider({ kind: 'openai', scenario: shape })]);
  try {
    mkdirSync(join(dir, 'repo', 'src'), { recursive: true });
    writeFileSync(join(dir, 'repo', 'src', 'main.py'), 'def parse_table(x):\n    return x\n');
    execFileSync('git', ['init', '-q'], { cwd: join(dir, 'repo') });
    // Baseline: 6 cells one after another → one cell's latency through the whole CLI path (run, parse, append).
    await runCli(['batch', '--matrix', matrix(dir, 'base', mocks, 3, 2, 1), '--yes', '--json', '--concurrency', '1', '--results', join(dir, 'base.jsonl')], dir);
    const times = readFileSync(join(dir, 'base.jsonl'), 'utf8').trim().split('\n').map((l) => Date.parse((JSON.parse(l) as { time: string }).time)).sort((x, y) => x - y);
    const gaps = times.slice(1).map((t, i) => t - times[i]).sort((x, y) => x - y);
    const perCell = gaps[gaps.length >> 1];
    const main = await runCli(['batch', '--matrix', matrix(dir, 'main', mocks, 4, 2, CELLS / 8), '--yes', '--json', '--concurrency', String(CONCURRENCY),
      '--results', join(dir, 'main.jsonl')], dir);
    if (main.done !== CELLS) throw new Error(`expected ${CELLS} cells done, got ${main.done} (${main.failed} failed)`);
    const ideal = (CELLS * perCell) / CONCURRENCY;
    const ratio = main.runMs / ideal;
    report('wall_ratio', ratio, '<=1.15', ratio <= 1.15, { cells: CELLS, concurrency: CONCURRENCY, cell_ms: round(perCell, 0), run_ms: main.runMs, ideal_ms: round(ideal, 0), mock_latency_ms: LATENCY_MS });
    report('peak_rss_mb', main.peakRssMb, '<=400', main.peakRssMb <= 400, { note: 'CLI process incl. tsx loader' });
  } finally {
    await Promise.all(mocks.map((m) => m.close()));
    rmSync(dir, { recursive: true, force: true });
  }
}

void main().catch((e: unknown) => {
  process.stderr.write(`batch bench failed: ${(e as Error).message}\n`);
  report('wall_ratio', Number.NaN, '<=1.15', false, { error: (e as Error).message });
});
