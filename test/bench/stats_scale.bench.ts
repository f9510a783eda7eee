// Scale as a user meets it:  npm run bench -- stats_scale [--quick] [--no-build]
// Whole processes of the built CLI (`node dist/cli.js`, rebuilt first unless --no-build): `pairwise import` of N
// LMArena battles, then — after appending a judge amend on every tenth battle and 5,000 own comparisons with run data,
// judge amends and second raters' verdicts — `pairwise report` (Markdown) and `pairwise report --json` over the file.
// Each process is measured for wall time, CPU time (user + system) and peak RSS (process.resourceUsage() printed at
// exit by a preload), against a baseline process that only reads the same file's bytes (ratios are within one run:
// the machine is shared). Import: above 16 MB of battles it plans duplicates and present ids on disk in hash buckets
// (importPlan.ts), so what it keeps does not grow with the file. Whole-process peak RSS with V8's default heap sizing
// (N/4 and N, printed) keeps creeping up with run time even when the live heap is flat (V8 lets the heap grow under
// a high allocation rate), so constant memory is judged on the same import under a fixed heap (--max-old-space-size=32
// --max-semi-space-size=4: it only completes if what it keeps fits) at N/2 and N: peak RSS growth per extra battle,
// medians of three interleaved rounds at each size (one process's peak RSS varies by about ±5 MB from run to run).
// Full: N = 1,000,000 (every import takes the on-disk plan); --quick: N = 40,000 (same goals, judged as at 1M, except
// import growth: at that size the in-memory tables are used; printed, judged on full runs only).
// Ends with ONE JSON line: the report's wall time with every other figure as extra fields.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { benchKit, round } from './benchKit';
import { appendJudgesAndRuns, writeArenaBattles } from './scaleFixture';

const quick = process.argv.includes('--quick');
const N = quick ? 40_000 : 1_000_000;
const OWN = 5000;
const ROOT = resolve(__dirname, '../..');
const CLI = join(ROOT, 'dist/cli.js');
const kit = benchKit('stats_scale');

interface Run { ms: number; cpuMs: number; rssMb: number; ok: boolean; out: string }

/** Runs a node process with the usage preload; wall time from spawn to exit. */
function run(args: string[], preload: string): Run {
  const t = performance.now();
  const r = spawnSync(process.execPath, ['--require', preload, ...args], { cwd: ROOT, encoding: 'utf8', maxBuffer: 1 << 28 });
  const ms = performance.now() - t;
  const m = /PW_USAGE rss_kb=(\d+) cpu_us=(\d+)/.exec(r.stderr);
  if (r.status !== 0 || !m) console.error(r.stderr.slice(-2000));
  return { ms, cpuMs: m ? Number(m[2]) / 1000 : NaN, rssMb: m ? Number(m[1]) / 1024 : NaN, ok: r.status === 0 && m !== null, out: r.stdout };
}

const fmt = (r: Run): string => `${r.ms.toFixed(0)} ms wall, ${r.cpuMs.toFixed(0)} ms CPU, ${r.rssMb.toFixed(0)} MB peak RSS`;

async function main(): Promise<void> {
  if (!process.argv.includes('--no-build') || !existsSync(CLI)) {
    const b = spawnSync(process.execPath, ['scripts/build.mjs'], { cwd: ROOT, encoding: 'utf8' });
    if (b.status !== 0) throw new Error(`build failed: ${b.stderr.slice(-1000)}`);
  }
  const dir = await mkdtemp(join(tmpdir(), 'pw-bench-scale-'));
  try {
    const preload = join(dir, 'usage.cjs');
    await writeFile(preload, "process.on('exit', () => { const u = process.resourceUsage(); require('node:fs').writeSync(2, `\\nPW_USAGE rss_kb=${u.maxRSS} cpu_us=${u.userCPUTime + u.systemCPUTime}\\n`); });\n");
    const readBytes = join(dir, 'read.cjs');
    await writeFile(readBytes, "const fs = require('node:fs'); const b = Buffer.alloc(1 << 20); const fd = fs.openSync(process.argv[2], 'r'); let n = 0, k; while ((k = fs.readSync(fd, b)) > 0) n += k; console.log(n);\n");
    const small = join(dir, 'small.jsonl');
    const big = join(dir, 'battles.jsonl');
    await writeArenaBattles(small, Math.floor(N / 4));
    await writeArenaBattles(big, N);
    const results = join(dir, 'results.jsonl');
    const half = join(dir, 'half.jsonl');
    await writeArenaBattles(half, Math.floor(N / 2));
    const importOf = async (file: string, flags: string[]): Promise<Run> => {
      const out = join(dir, 'scratch-results.jsonl');
      const r = run([...flags, CLI, 'import', '--format', 'arena', file, '--results', out, '--json'], preload);
      await rm(out, { force: true });
      return r;
    };
    const capped = ['--max-old-space-size=32', '--max-semi-space-size=4'];
    // Peak RSS of one process varies by ±5 MB from run to run: three interleaved rounds at each size, medians compared.
    const CAPPED_ROUNDS = 3;
    const cappedBySize: Run[][] = [[], [], []];
    for (let r = 0; r < CAPPED_ROUNDS; r++) {
      for (const k of r % 2 ? [2, 1, 0] : [0, 1, 2]) cappedBySize[k].push(await importOf([small, half, big][k], capped));
    }
    const medianRun = (runs: Run[]): Run => [...runs].sort((a, b) => a.rssMb - b.rssMb)[runs.length >> 1];
    const cappedRuns = cappedBySize.map(medianRun);
    const importSmall = await importOf(small, []);
    const importBig = run([CLI, 'import', '--format', 'arena', big, '--results', results, '--json'], preload);
    const importRuns = [...cappedBySize.flat(), importSmall, importBig];
    const extra = await appendJudgesAndRuns(results, N, 10, OWN);
    const resultsBytes = (await stat(results).catch(() => ({ size: 0 }))).size;
    const base = run([readBytes, results], preload);
    const json = run([CLI, 'report', '--json', '--results', results], preload);
    const md = run([CLI, 'report', '--results', results], preload);
    let decided = 0, judges = 0;
    try {
      const j = JSON.parse(json.out) as { totals: { decided: number }; ppi?: { judges: unknown[] } };
      decided = j.totals.decided;
      judges = j.ppi?.judges.length ?? 0;
    } catch { decided = 0; }
    const expected = N + extra.ownDecided;
    kit.measured('decided verdicts counted by report --json', decided === expected ? decided : -1, expected);
    kit.measured('Markdown report bytes', md.ok ? md.out.length : 0, 1000);
    kit.measured('imports that ran', importRuns.filter((r) => r.ok).length + Number(base.ok), 3 * CAPPED_ROUNDS + 3);
    const perBattle = (x: Run, y: Run, n: number): number => (y.rssMb - x.rssMb) * 1024 * 1024 / n;
    const defaultGrowth = perBattle(importSmall, importBig, N - Math.floor(N / 4));
    const growth = perBattle(cappedRuns[1], cappedRuns[2], N - Math.floor(N / 2));
    console.log(`N = ${N} battles + ${extra.written} appended lines (${extra.judges} judge amends, ${OWN} own comparisons); results file ${(resultsBytes / 1e6).toFixed(0)} MB`);
    console.log(`read bytes baseline:     ${fmt(base)}`);
    console.log(`pairwise report --json:  ${fmt(json)}  (${decided} decided verdicts, ${judges} judge(s) in the prediction-powered section)`);
    console.log(`pairwise report (md):    ${fmt(md)}`);
    console.log(`pairwise import N/4:     ${fmt(importSmall)}`);
    console.log(`pairwise import N:       ${fmt(importBig)}  (${defaultGrowth.toFixed(0)} bytes of peak RSS per extra battle with V8's default heap sizing)`);
    console.log(`  fixed heap (${capped.join(' ')}): peak RSS medians ${cappedRuns.map((r) => r.rssMb.toFixed(0)).join(' / ')} MB at N/4 / N/2 / N (rounds: ${cappedBySize.map((rs) => rs.map((r) => r.rssMb.toFixed(0)).join(',')).join(' / ')}): ${growth.toFixed(1)} bytes per extra battle from N/2 to N`);
    console.log(`  what import keeps per battle: nothing above 16 MB of battles — duplicate counts and present ids are planned on disk in K hash buckets`);
    console.log(`  (temp files ~28 bytes a battle; memory: 1 MB of buffers shared by the K <= 256 bucket files and one bucket's tables, ~31k ids); below it, in-memory fingerprints (~19 B a battle)`);
    const wall = Math.max(json.ms, md.ms);
    const rss = Math.max(json.rssMb, md.rssMb);
    // At --quick sizes V8's heap is still warming up between N/4 and N: import growth is printed but judged at full size only.
    const pass = wall < 5000 && rss < 1024 && (quick || growth <= 5);
    kit.report('report_wall_ms', wall, '<5000 ms and <1024 MB peak RSS for report at 1M; import peak RSS growth N/2 to N under a fixed heap <=5 B/battle (judged on full runs)', pass, {
      n: N, report_json_ms: round(json.ms, 0), report_md_ms: round(md.ms, 0), report_cpu_ms: round(Math.max(json.cpuMs, md.cpuMs), 0), report_peak_rss_mb: round(rss, 0),
      read_bytes_ms: round(base.ms, 0), read_bytes_cpu_ms: round(base.cpuMs, 0), wall_ratio_vs_read_bytes: round(wall / base.ms, 1), cpu_ratio_vs_read_bytes: round(Math.max(json.cpuMs, md.cpuMs) / base.cpuMs, 1),
      import_ms: round(importBig.ms, 0), import_cpu_ms: round(importBig.cpuMs, 0), import_peak_rss_mb: round(importBig.rssMb, 0), import_n4_peak_rss_mb: round(importSmall.rssMb, 0),
      import_rss_growth_bytes_per_battle: round(growth, 1), import_default_heap_growth_bytes_per_battle: round(defaultGrowth, 1),
      import_fixed_heap_peak_rss_mb: cappedRuns.map((r) => round(r.rssMb, 0)), import_fixed_heap_rounds_mb: cappedBySize.map((rs) => rs.map((r) => round(r.rssMb, 0))), import_growth_judged: !quick, results_mb: round(resultsBytes / 1e6, 0) });
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

kit.run(main);
