// Scale as a user meets it:  npm run bench -- stats_scale [--quick]
// Whole processes, each started the way a user runs the CLI (node + tsx + src/cli/main.ts): `pairwise import` of N
// LMArena battles and `pairwise report --json` over the N imported verdicts, each measured for wall time and peak
// RSS (process.resourceUsage().maxRSS printed at exit by a preload) against a baseline process that only reads the
// same file's bytes. Import is run at N/4 and N to see whether its memory grows with the file (constant memory would
// give a ratio near 1). Full: N = 1,000,000; --quick: N = 40,000. Ends with one JSON line per metric.
import { spawnSync } from 'node:child_process';
import { createWriteStream } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { once } from 'node:events';
import { seededRandom } from '../../src/core/stats/prng';

const quick = process.argv.includes('--quick');
const N = quick ? 40_000 : 1_000_000;
const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'src/cli/main.ts');
const MODELS = ['claude-opus', 'glm-5.2', 'gpt-5', 'gemini-3', 'deepseek-v4', 'qwen-coder', 'kimi-k3', 'mistral-large'];
const WINNERS = ['model_a', 'model_b', 'model_a', 'model_b', 'tie', 'tie (bothbad)'];

interface Run { ms: number; rssMb: number; ok: boolean; out: string }

/** Runs a node process with the RSS preload; wall time from spawn to exit. */
function run(args: string[], preload: string): Run {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  const m = /PW_MAXRSS_KB=(\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) console.error(r.stderr.slice(-2000));
  return { ms, rssMb: m ? Number(m[1]) / 1024 : NaN, ok: r.status === 0 && m !== null, out: r.stdout };
}

async function battles(file: string, n: number): Promise<void> {
  const rand = seededRandom(99);
  const ws = createWriteStream(file);
  for (let k = 0; k < n; k++) {
    const i = Math.floor(rand() * MODELS.length);
    const j = (i + 1 + Math.floor(rand() * (MODELS.length - 1))) % MODELS.length;
    const line = `${JSON.stringify({ question_id: `q${k}`, model_a: MODELS[i], model_b: MODELS[j], winner: WINNERS[Math.floor(rand() * WINNERS.length)], tstamp: 1.7e9 + k, judge: `r${k % 3}` })}\n`;
    if (!ws.write(line)) await once(ws, 'drain');
  }
  ws.end();
  await once(ws, 'finish');
}

interface Metric { metric: string; value: number; goal: string; pass: boolean }

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-bench-scale-'));
  const metrics: Metric[] = [];
  try {
    const preload = join(dir, 'maxrss.cjs');
    await writeFile(preload, "process.on('exit', () => { require('node:fs').writeSync(2, `\\nPW_MAXRSS_KB=${process.resourceUsage().maxRSS}\\n`); });\n");
    const readBytes = join(dir, 'read.cjs');
    await writeFile(readBytes, "const fs = require('node:fs'); const b = Buffer.alloc(1 << 20); const fd = fs.openSync(process.argv[2], 'r'); let n = 0, k; while ((k = fs.readSync(fd, b)) > 0) n += k; console.log(n);\n");
    const small = join(dir, 'small.jsonl');
    const big = join(dir, 'battles.jsonl');
    await battles(small, Math.floor(N / 4));
    await battles(big, N);
    const results = join(dir, 'results.jsonl');
    const importSmall = run(['--import', 'tsx', CLI, 'import', '--format', 'arena', small, '--results', join(dir, 'small-results.jsonl'), '--json'], preload);
    const importBig = run(['--import', 'tsx', CLI, 'import', '--format', 'arena', big, '--results', results, '--json'], preload);
    const resultsBytes = (await stat(results).catch(() => ({ size: 0 }))).size;
    const base = run([readBytes, results], preload);
    const report = run(['--import', 'tsx', CLI, 'report', '--json', '--results', results], preload);
    let decided = 0;
    try { decided = (JSON.parse(report.out) as { totals: { decided: number } }).totals.decided; } catch { decided = 0; }
    const measured = importBig.ok && report.ok && base.ok && decided === N;
    console.log(`N = ${N} battles; results file ${(resultsBytes / 1e6).toFixed(0)} MB; report counted ${decided} decided verdicts`);
    console.log(`read bytes baseline: ${base.ms.toFixed(0)} ms, ${base.rssMb.toFixed(0)} MB peak RSS`);
    console.log(`pairwise report --json: ${report.ms.toFixed(0)} ms, ${report.rssMb.toFixed(0)} MB peak RSS`);
    console.log(`pairwise import: N/4 ${importSmall.ms.toFixed(0)} ms, ${importSmall.rssMb.toFixed(0)} MB; N ${importBig.ms.toFixed(0)} ms, ${importBig.rssMb.toFixed(0)} MB peak RSS`);
    const round = (x: number) => Math.round(x * 1000) / 1000;
    // The goals are stated for 1M verdicts; in --quick mode the same metrics are printed, judged against the same goals.
    metrics.push({ metric: 'report_wall_ms', value: round(report.ms), goal: '<5000 (at 1M)', pass: measured && report.ms < 5000 });
    metrics.push({ metric: 'report_peak_rss_mb', value: round(report.rssMb), goal: '<1024 (at 1M)', pass: measured && report.rssMb < 1024 });
    metrics.push({ metric: 'report_wall_ratio_vs_read_bytes', value: round(report.ms / base.ms), goal: 'informational', pass: measured });
    metrics.push({ metric: 'import_rss_growth_ratio_n_vs_n4', value: round(importBig.rssMb / importSmall.rssMb), goal: '<=1.2 (constant memory)', pass: measured && importSmall.ok && importBig.rssMb / importSmall.rssMb <= 1.2 });
    if (!measured) process.exitCode = 1;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  for (const m of metrics) console.log(JSON.stringify({ bench: 'stats_scale', n: N, ...m }));
}

main().catch((e: unknown) => { console.error(e); process.exitCode = 1; });
