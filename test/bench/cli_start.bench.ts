// Bench: start-up of the `pairwise` CLI — `pairwise --help` against a bare `node -e 0`, interleaved in one run on
// this machine (so load hits both alike); the figure is the median time Pairwise adds to Node's own start.
//   npm run bench -- cli_start [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { benchKit, interleave, median } from './benchKit';

const kit = benchKit('cli_start');
const root = join(__dirname, '..', '..');
const cli = join(root, 'dist', 'cli.js');

/** Wall time of one process run in ms; throws when it did not do what it should. */
function timed(args: string[], expect?: RegExp): number {
  const t0 = process.hrtime.bigint();
  const r = spawnSync(process.execPath, args, { encoding: 'utf8' });
  const ms = Number(process.hrtime.bigint() - t0) / 1e6;
  if (r.status !== 0 || (expect && !expect.test(r.stdout))) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stderr.slice(0, 500)}`);
  return ms;
}

kit.run(async () => {
  if (!existsSync(join(root, 'dist', 'cli', 'main.js'))) execFileSync('node', ['scripts/build.mjs'], { cwd: root, stdio: 'ignore' });
  const rounds = process.argv.includes('--quick') ? 9 : 31;
  timed([cli, '--help'], /Usage: pairwise/); // warm the file cache once
  const r = await interleave(rounds, {
    help: () => timed([cli, '--help'], /Usage: pairwise <command>/),
    bare: () => timed(['-e', '0']),
  });
  kit.measured('help_runs', r.help.length, rounds);
  kit.measured('node_runs', r.bare.length, rounds);
  const version = median([0, 1, 2].map(() => timed([cli, '--version'], /^\d+\.\d+\.\d+/)));
  const h = median(r.help);
  const b = median(r.bare);
  kit.report('version_ms_median', version, 'report', true);
  kit.report('help_ms_median', h, 'report', true, { node_e0_ms_median: Number(b.toFixed(1)), runs: rounds });
  kit.report('help_overhead_ms', h - b, '<100', h - b < 100, { ratio_to_node: Number((h / b).toFixed(2)), help_ms: Number(h.toFixed(1)), node_e0_ms: Number(b.toFixed(1)), runs: rounds });
});
