import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { interleave, median, percentile } from '../bench/benchKit';

const KIT = resolve(__dirname, '../bench/benchKit.ts');

/** Runs a tiny bench script using the kit; returns its exit code and JSON lines. */
function runBench(body: string): { code: number | null; lines: Record<string, unknown>[] } {
  const dir = mkdtempSync(join(tmpdir(), 'pw-benchkit-'));
  try {
    const file = join(dir, 'x.bench.ts');
    writeFileSync(file, `import { benchKit } from ${JSON.stringify(KIT)};\nconst kit = benchKit('x');\n${body}\n`);
    const r = spawnSync(process.execPath, ['--import', 'tsx', file], { encoding: 'utf8', cwd: resolve(__dirname, '../..') });
    return { code: r.status, lines: r.stdout.split('\n').filter((l) => l.startsWith('{')).map((l) => JSON.parse(l) as Record<string, unknown>) };
  } finally { rmSync(dir, { recursive: true, force: true }); }
}

describe('benchKit', () => {
  test('median, percentile', () => {
    assert.equal(median([3, 1, 2]), 2);
    assert.equal(median([4, 1, 2, 3]), 2.5);
    assert.ok(Number.isNaN(median([])));
    const xs = Array.from({ length: 100 }, (_, i) => i + 1);
    assert.equal(percentile(xs, 0.99), 99);
    assert.equal(percentile(xs, 0.5), 50);
  });
  test('interleave alternates the order of the steps each round', async () => {
    const order: string[] = [];
    const r = await interleave(3, { a: () => { order.push('a'); return 1; }, b: () => { order.push('b'); return 2; } });
    assert.deepEqual(order, ['a', 'b', 'b', 'a', 'a', 'b']);
    assert.deepEqual(r, { a: [1, 1, 1], b: [2, 2, 2] });
  });
  test('a bench that measured nothing fails: exit code 1 and a failing measured_nothing line', () => {
    const zero = runBench(`kit.run(async () => { kit.measured('stream_s', 0, 8); kit.report('max_ms', 12, '<=50', true); });`);
    assert.equal(zero.code, 1);
    const last = zero.lines[zero.lines.length - 1];
    assert.equal(last.metric, 'measured_nothing');
    assert.equal(last.pass, false);
    assert.match(JSON.stringify(last.problems), /stream_s = 0, needs >= 8/);
    const none = runBench(`kit.run(async () => {});`);
    assert.equal(none.code, 1, 'no metric reported');
    const nan = runBench(`kit.run(async () => { kit.report('ratio', Number.NaN, '<=1.15', true); });`);
    assert.equal(nan.code, 1, 'a NaN value');
    assert.equal(nan.lines[0].pass, false);
    const threw = runBench(`kit.run(async () => { throw new Error('locator.fill: element is inert'); });`);
    assert.equal(threw.code, 1);
    assert.match(JSON.stringify(threw.lines), /element is inert/);
  });
  test('a bench that measured passes, and a missed goal alone does not fail the process', () => {
    const ok = runBench(`kit.run(async () => { kit.measured('stream_s', 9.5, 8); kit.report('ratio', 1.3, '<=1.15', false); });`);
    assert.equal(ok.code, 0);
    assert.deepEqual(ok.lines.map((l) => l.metric), ['ratio']);
  });
});
