// Bench: start-up of the `pairwise` CLI — `pairwise --help` against a bare `node -e 0`, interleaved in one run on
// this machine (so load hits both alike); the figure is the median time Pairwise adds to Node's own start.
//   npm run bench -- cli_start [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');
if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });

/** Wall time of one process run in ms; throws when it did not do what it should. */
function timed(args: string[], expect?: RegExp): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 || (expect && !expect.test(r.stdout))) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return ms;
}

const median = (xs: number[]): number => { const s = [...xs].sort((a, b) => a - b); const m = s.length >> 1; return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2; };
const pairs = process.argv.includes('--quick') ? 9 : 31;
timed([cli, '--help'], /Usage: pairwise/); // warm the file cache once
const help: number[] = [];
const bare: number[] = [];
const version: number[] = [];
for (let i = 0; i < pairs; i++) {
  // Interleaved, order alternating, so a load spike hits both sides.
  if (i % 2) { bare.push(timed(['-e', '0'])); help.push(timed([cli, '--help'], /Usage: pairwise <command>/)); } else { help.push(timed([cli, '--help'], /Usage: pairwise <command>/)); bare.push(timed(['-e', '0'])); }
  if (i % 3 === 0) version.push(timed([cli, '--version'], /^\d+\.\d+\.\d+/));
}
const h = median(help);
const b = median(bare);
const overhead = h - b;
if (!(help.length === pairs && bare.length === pairs && h > 0 && b > 0)) throw new Error('measured nothing');
console.log(JSON.stringify({ bench: 'cli_start', metric: 'help_ms_median', value: Number(h.toFixed(1)), goal: 'report', pass: true, node_e0_ms_median: Number(b.toFixed(1)), runs: pairs }));
console.log(JSON.stringify({ bench: 'cli_start', metric: 'version_ms_median', value: Number(median(version).toFixed(1)), goal: 'report', pass: true }));
console.log(JSON.stringify({ bench: 'cli_start', metric: 'help_overhead_ms', value: Number(overhead.toFixed(1)), goal: '<100', pass: overhead < 100,
  ratio_to_node: Number((h / b).toFixed(2)), help_ms: Number(h.toFixed(1)), node_e0_ms: Number(b.toFixed(1)), runs: pairs }));
