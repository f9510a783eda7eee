// Bench: activation time of the production bundle in the real VS Code host, bundle sizes and .vsix size.
//   npm run bench -- activation [--quick]
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, statSync, existsSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { benchKit } from './benchKit';

const root = join(__dirname, '..', '..');
const out = mkdtempSync(join(tmpdir(), 'pairwise-bench-act-'));

const kit = benchKit('activation');
const report = kit.report;

kit.run(async () => {
  execFileSync('bash', ['scripts/package.sh'], { cwd: root, stdio: 'ignore' });
  execFileSync('node', ['scripts/build.mjs', '--tests'], { cwd: root, stdio: 'ignore' }); // production bundles + test bundle
  const runs = process.argv.includes('--quick') ? 1 : 3;
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const file = join(out, `act-${i}.json`);
    const r = spawnSync('node', ['test/harness/runIntegration.cjs'], { cwd: root, env: { ...process.env, PAIRWISE_ACTIVATION_OUT: file }, encoding: 'utf8' });
    if (!existsSync(file)) { console.error(r.stdout.slice(-2000), r.stderr.slice(-2000)); throw new Error('activation figure not written'); }
    times.push((JSON.parse(readFileSync(file, 'utf8')) as { activationMs: number }).activationMs);
  }
  rmSync(out, { recursive: true, force: true });
  kit.measured('activation runs', times.filter((t) => Number.isFinite(t) && t > 0).length, runs);
  times.sort((a, b) => a - b);
  const median = times[Math.floor(times.length / 2)];
  report('activation_ms', median, '<50', median < 50, { runs });
  for (const f of ['extension.js', 'webview.js', 'cli.js']) {
    const p = join(root, 'dist', f);
    if (existsSync(p)) console.log(JSON.stringify({ bench: 'activation', metric: `bundle_kb_${f}`, value: Math.round(statSync(p).size / 1024), goal: 'report', pass: true }));
  }
  const vsix = readdirSync(root).find((f) => f.endsWith('.vsix'));
  const vsixBytes = vsix ? statSync(join(root, vsix)).size : Number.NaN;
  report('vsix_mb', vsixBytes / 1048576, '<2', vsixBytes < 2 * 1048576, { vsix_ratio_to_goal: Number((vsixBytes / (2 * 1048576)).toFixed(3)) });
});
