// Results / stats / export bench:  npm run bench -- results [--quick]
// Measures (each against a baseline in the same run): locked+fsynced append latency vs a bare open/write/fsync,
// statistics + reports over N records vs a bare win-count loop, exports vs JSON.stringify, and the streaming
// reader's peak live heap (sampled after forced GCs) vs readFileSync + split. Ends with one JSON line per metric.
import { mkdtemp, open, rm, writeFile } from 'node:fs/promises';
import { readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { getHeapStatistics, setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { ResultsStore } from '../../src/core/results/resultsStore';
import { readResults } from '../../src/core/results/readResults';
import { SCHEMA_VERSION, type ComparisonRecord, type ResultRecord, type SideRoute, type Verdict } from '../../src/core/results/schema';
import { computeStats } from '../../src/core/stats/computeStats';
import { renderReportMarkdown } from '../../src/core/stats/reportMarkdown';
import { reportJson } from '../../src/core/stats/reportJson';
import { seededRandom } from '../../src/core/stats/prng';
import { exportCsv, exportJsonl } from '../../src/core/export/exportTable';
import { exportArenaCsv } from '../../src/core/export/arena';
import { benchKit, median, percentile } from './benchKit';

const quick = process.argv.includes('--quick');
const N = quick ? 20_000 : 100_000;
const APPENDS = quick ? 1000 : 2500;
const BATCHES = 5;
let measuredAppends = 0;

setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const heap = (): number => getHeapStatistics().used_heap_size;

interface Metric { metric: string; value: number; goal: string; pass: boolean }
const kit = benchKit('results');
const metrics: Metric[] = [];
/** Collects a metric; all are printed together at the end (after the human-readable lines). */
const report = (metric: string, value: number, goal: string, pass: boolean): void => { metrics.push({ metric, value, goal, pass }); };

const MODELS = [['anthropic', 'claude-opus'], ['zai', 'glm-5.2'], ['openai', 'gpt-5'], ['google', 'gemini-3'], ['deepseek', 'v4'], ['local', 'qwen-coder']];
const ROUTES: SideRoute[] = ['pr', 'issue', 'issue', 'skip', 'failed', 'unparsed'];
const VERDICTS: Verdict[] = ['a', 'b', 'a', 'b', 'tie', 'both_bad', 'pending'];

/** N seeded synthetic records (about 10% amends). */
function generate(n: number): ResultRecord[] {
  const r = seededRandom(1234);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)];
  const out: ResultRecord[] = [];
  const side = (i: number): ComparisonRecord['sides']['a'] => {
    const [preset, model] = MODELS[i];
    const route = pick(ROUTES);
    return { preset, model, baseUrlHost: `api.${preset}.example`, route, status: route === 'failed' ? 'failed' : 'ok', title: `Draft ${Math.floor(r() * 1e6)}`,
      usage: { input: Math.floor(r() * 80_000), output: Math.floor(r() * 30_000), cacheRead: Math.floor(r() * 60_000), cacheWrite: Math.floor(r() * 5000) },
      cost: { usd: Math.round(r() * 300) / 100, basis: 'list' }, ttftMs: Math.floor(r() * 5000), totalMs: Math.floor(60_000 + r() * 1_500_000),
      draftHash: 'd'.repeat(64) };
  };
  for (let k = 0; k < n; k++) {
    const time = new Date(Date.UTC(2026, 0, 1) + k * 60_000).toISOString();
    if (k > 10 && r() < 0.1) {
      out.push({ schema: SCHEMA_VERSION, type: 'amend', id: `m${k}`, target: `c${Math.floor(r() * k)}`, time, verdict: pick(VERDICTS), rater: pick(['ana', 'bob']) });
      continue;
    }
    const i = Math.floor(r() * MODELS.length);
    const j = (i + 1 + Math.floor(r() * (MODELS.length - 1))) % MODELS.length;
    out.push({ schema: SCHEMA_VERSION, type: 'comparison', id: `c${k}`, time, repo: { name: `repo${k % 40}`, remote: `https://example.invalid/r${k % 40}.git`, commit: 'a'.repeat(40), dirty: false },
      paper: { id: `p${k % 300}`, title: `Paper ${k % 300}` }, mode: r() < 0.5 ? 'pin' : 'selection', prompt: { templateVersion: 't1', prefixHash: 'b'.repeat(64) },
      sides: { a: side(i), b: side(j) }, blind: true, swapped: r() < 0.5, verdict: pick(VERDICTS), rater: pick(['ana', 'bob']), timeToVerdictMs: Math.floor(r() * 120_000),
      selection: { samePaper: r() < 0.6 } });
  }
  return out;
}

const pctl = percentile;
const time = <T>(fn: () => T): [T, number] => { const t = performance.now(); const v = fn(); return [v, performance.now() - t]; };

/**
 * Appends with lock + fsync, interleaved one by one with a bare open/write/fsync/close of the same line (alternating
 * which goes first), in BATCHES batches: a burst of disk or CPU load from other processes hits both at once and
 * spoils one batch's tail, not the figure. Reported: the median over batches of each batch's p99.
 */
async function benchAppend(dir: string, sample: ResultRecord): Promise<void> {
  const store = new ResultsStore(join(dir, 'append.jsonl'));
  const line = Buffer.from(`${JSON.stringify(sample)}\n`);
  const bare = async (): Promise<number> => {
    const t = performance.now();
    const fh = await open(join(dir, 'raw.jsonl'), 'a');
    await fh.write(line);
    await fh.sync();
    await fh.close();
    return performance.now() - t;
  };
  let id = 0;
  const ours = async (): Promise<number> => {
    const t = performance.now();
    await store.append({ ...sample, id: `a${id++}` });
    return performance.now() - t;
  };
  await ours(); await bare(); // warm-up: lock module, file creation
  const batches: { ours: number[]; raw: number[] }[] = [];
  for (let b = 0; b < BATCHES; b++) {
    const x = { ours: [] as number[], raw: [] as number[] };
    for (let k = 0; k < APPENDS / BATCHES; k++) {
      if (k % 2) { x.ours.push(await ours()); x.raw.push(await bare()); } else { x.raw.push(await bare()); x.ours.push(await ours()); }
    }
    batches.push(x);
  }
  const all = { ours: batches.flatMap((x) => x.ours), raw: batches.flatMap((x) => x.raw) };
  measuredAppends = all.ours.length;
  const p99s = batches.map((x) => pctl(x.ours, 0.99)), rawP99s = batches.map((x) => pctl(x.raw, 0.99));
  const p99 = median(p99s), rawP99 = median(rawP99s);
  console.log(`append x${all.ours.length} in ${BATCHES} batches, interleaved with a bare open+write+fsync: ours p50 ${pctl(all.ours, 0.5).toFixed(2)} ms, `
    + `batch p99s ${p99s.map((v) => v.toFixed(1)).join('/')} ms (median ${p99.toFixed(2)}); bare p50 ${pctl(all.raw, 0.5).toFixed(2)} ms, batch p99s ${rawP99s.map((v) => v.toFixed(1)).join('/')} ms; `
    + `pooled p99 ours ${pctl(all.ours, 0.99).toFixed(2)} ms, bare ${pctl(all.raw, 0.99).toFixed(2)} ms`);
  report('append_p50_ms', pctl(all.ours, 0.5), 'info', true);
  report('append_p99_ms', p99, '<5', p99 < 5);
  report('append_bare_fsync_p99_ms', rawP99, 'baseline', true);
  const overhead = pctl(all.ours, 0.5) - pctl(all.raw, 0.5);
  report('append_lock_overhead_p50_ms', overhead, '<1', overhead < 1);
  report('append_p50_vs_bare_fsync_ratio', pctl(all.ours, 0.5) / pctl(all.raw, 0.5), 'info', true);
}

function benchStats(records: ResultRecord[]): void {
  const [stats, ms] = time(() => computeStats(records));
  const [, mdMs] = time(() => renderReportMarkdown(stats));
  const [, jsonMs] = time(() => JSON.stringify(reportJson(stats)));
  const total = ms + mdMs + jsonMs;
  // baseline: the least work a report needs — one pass counting wins per model pair
  const [, baseMs] = time(() => {
    const wins = new Map<string, number>();
    for (const r of records) if (r.type === 'comparison' && r.verdict === 'a') {
      const k = `${r.sides.a.preset}:${r.sides.a.model}|${r.sides.b.preset}:${r.sides.b.model}`;
      wins.set(k, (wins.get(k) ?? 0) + 1);
    }
    return wins;
  });
  console.log(`stats over ${N} records: compute ${ms.toFixed(0)} ms (incl. ${stats.leaderboard.bootstrapRounds} bootstrap rounds over ${stats.leaderboard.battles} battles), markdown ${mdMs.toFixed(1)} ms, json ${jsonMs.toFixed(1)} ms; bare count loop ${baseMs.toFixed(1)} ms`);
  report('stats_report_ms', total, '<1000', total < 1000);
  report('stats_vs_count_loop_ratio', total / Math.max(baseMs, 0.01), 'info', true);
}

function benchExport(records: ResultRecord[]): void {
  const [, baseMs] = time(() => records.map((r) => JSON.stringify(r)).join('\n'));
  const runs: [string, () => string][] = [['csv', () => exportCsv(records)], ['jsonl', () => exportJsonl(records)], ['arena_csv', () => exportArenaCsv(records)]];
  let worst = 0;
  for (const [name, fn] of runs) {
    const [text, ms] = time(fn);
    worst = Math.max(worst, ms);
    console.log(`export ${name}: ${ms.toFixed(0)} ms, ${(text.length / 1e6).toFixed(1)} MB`);
    report(`export_${name}_ms`, ms, '<2000', ms < 2000);
  }
  report('export_worst_vs_stringify_ratio', worst / baseMs, 'info', true);
}

/** Live heap is sampled right after a forced GC every SAMPLE lines, so garbage not yet collected is not counted. */
const SAMPLE = 2000;

async function benchReader(dir: string, records: ResultRecord[]): Promise<void> {
  const file = join(dir, 'read.jsonl');
  await writeFile(file, exportJsonl(records));
  records.length = 0;
  gc();
  // streaming reader, records consumed and dropped
  let start = heap();
  let peak = 0;
  let count = 0;
  const t0 = performance.now();
  for await (const e of readResults(file, { quarantine: false })) {
    if (e.ok) count += 1;
    if (count % SAMPLE === 0) { gc(); peak = Math.max(peak, heap() - start); }
  }
  const streamMs = performance.now() - t0;
  kit.measured('records read by the streaming reader', count, N * 0.9);
  const streamPeak = peak;
  gc();
  // baseline: whole file as one string, split, parse each line (not kept)
  start = heap();
  peak = 0;
  const t1 = performance.now();
  const text = readFileSync(file, 'utf8');
  const lines = text.split('\n');
  gc();
  peak = Math.max(peak, heap() - start);
  let baseCount = 0;
  for (const l of lines) {
    if (l) { JSON.parse(l); baseCount += 1; }
    if (baseCount % SAMPLE === 0) { gc(); peak = Math.max(peak, heap() - start); }
  }
  const baseMs = performance.now() - t1;
  const basePeak = peak;
  const mb = (b: number): number => b / 1024 / 1024;
  console.log(`reader over ${count} lines (${(text.length / 1e6).toFixed(0)} MB): streaming ${streamMs.toFixed(0)} ms, peak heap +${mb(streamPeak).toFixed(1)} MB; ` +
    `readFileSync+split ${baseMs.toFixed(0)} ms, peak heap +${mb(basePeak).toFixed(1)} MB (${baseCount} lines)`);
  report('reader_peak_heap_mb', mb(streamPeak), '<32 (flat)', mb(streamPeak) < 32);
  report('reader_heap_vs_readall_ratio', streamPeak / basePeak, '<0.5', streamPeak / basePeak < 0.5);
  report('reader_time_vs_readall_ratio', streamMs / baseMs, 'info', true);
}

async function main(): Promise<void> {
  const dir = await mkdtemp(join(tmpdir(), 'pw-bench-results-'));
  try {
    const records = generate(N);
    const sample = records.find((r) => r.type === 'comparison') as ComparisonRecord;
    await benchAppend(dir, sample);
    benchStats(records);
    benchExport(records);
    await benchReader(dir, records);
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
  kit.measured('appends', measuredAppends, APPENDS);
  for (const m of metrics) kit.report(m.metric, m.value, m.goal, m.pass);
}

kit.run(main);
