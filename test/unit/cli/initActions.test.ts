import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateWorkflow } from '@action-validator/core';
import { parse as parseYaml } from 'yaml';
import { renderWorkflow } from '../../../src/cli/actionsWorkflow';
import { EXIT } from '../../../src/cli/exitCodes';
import { cli, tempDir } from './cliHarness';

type Step = { uses?: string; run?: string; with?: Record<string, unknown>; env?: Record<string, string>; if?: string };
type Workflow = { on: { workflow_dispatch: unknown }; jobs: Record<string, { needs?: string; if?: string; strategy?: { matrix: { shard: number[] }; 'fail-fast': boolean }; steps: Step[] }> };

describe('pairwise init-actions', () => {
  const t = tempDir('pw-actions-');
  after(() => t.cleanup());
  // A stand-in for the build (the dist/cli.js launcher and its ES module chunks in dist/cli/), so the test needs no build.
  const bundleDir = join(t.dir, 'built');
  mkdirSync(join(bundleDir, 'cli'), { recursive: true });
  writeFileSync(join(bundleDir, 'cli.js'), '#!/usr/bin/env node\nimport("./cli/main.js");\n');
  writeFileSync(join(bundleDir, 'cli', 'main.js'), 'await import("./chunk-A.js");\n');
  writeFileSync(join(bundleDir, 'cli', 'chunk-A.js'), 'export {};\n');
  writeFileSync(join(bundleDir, 'cli', 'package.json'), '{ "type": "module" }\n');
  const env = { PAIRWISE_CLI_BUNDLE: join(bundleDir, 'cli.js') };

  test('writes a workflow that action-validator accepts (GitHub workflow schema, offline WASM)', async () => {
    writeFileSync(join(t.dir, 'matrix.yaml'), 'repos: [.]\npapers: [arxiv:2602.15763]\npairs:\n  - { a: anthropic:claude-opus-4-7, b: zai:glm-5.2 }\n  - { a: ollama:qwen3:8b, b: openai:gpt-5 }\n');
    const r = await cli(['init-actions', '--shards', '3', '--matrix', 'matrix.yaml', '--json'], { cwd: t.dir, env });
    assert.equal(r.code, EXIT.ok, r.stderr);
    const out = JSON.parse(r.stdout) as { path: string; secrets: string[] };
    assert.equal(out.path, join(t.dir, '.github/workflows/pairwise.yml'));
    assert.deepEqual(out.secrets.sort(), ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'ZAI_API_KEY'], 'only the keys the matrix presets need (ollama needs none)');
    const text = readFileSync(out.path, 'utf8');
    const v = validateWorkflow(text);
    assert.deepEqual(v.errors, [], JSON.stringify(v.errors, null, 2));
  });

  test('structure: N shards run batch --shard i/N, upload artifacts, a final job merges and publishes the report', () => {
    const text = renderWorkflow({ shards: 4, matrix: 'ci/matrix.yaml', cli: 'node .github/pairwise/cli.js', keyEnvVars: ['ZAI_API_KEY', 'ANTHROPIC_API_KEY'] });
    assert.deepEqual(validateWorkflow(text).errors, []);
    const wf = parseYaml(text) as Workflow;
    const batch = wf.jobs.batch;
    assert.deepEqual(batch.strategy?.matrix.shard, [1, 2, 3, 4]);
    assert.equal(batch.strategy?.['fail-fast'], false);
    const run = batch.steps.find((s) => s.run?.includes(' batch '));
    assert.ok(run?.run?.includes('--shard ${{ matrix.shard }}/4') && run.run.includes('--yes'));
    assert.equal(run?.env?.ANTHROPIC_API_KEY, '${{ secrets.ANTHROPIC_API_KEY }}');
    const upload = batch.steps.find((s) => s.uses?.startsWith('actions/upload-artifact@'));
    assert.equal(upload?.with?.name, 'pairwise-shard-${{ matrix.shard }}');
    assert.equal(upload?.if, 'always()');
    const report = wf.jobs.report;
    assert.equal(report.needs, 'batch');
    assert.equal(report.if, 'always()');
    assert.equal(report.steps.find((s) => s.uses?.startsWith('actions/download-artifact@'))?.with?.pattern, 'pairwise-shard-*');
    assert.ok(report.steps.some((s) => s.run?.includes('merge $files -o merged/results.jsonl')));
    assert.ok(report.steps.some((s) => s.run?.includes('report --results merged/results.jsonl >> "$GITHUB_STEP_SUMMARY"')));
  });

  test('the validator is a real check: a broken workflow is rejected', () => {
    const broken = renderWorkflow({ shards: 2, matrix: 'm.yaml', cli: 'pairwise', keyEnvVars: [] }).replace('runs-on: ubuntu-latest', 'runs-onn: ubuntu-latest');
    assert.ok(validateWorkflow(broken).errors.length > 0);
  });

  test('refuses to overwrite without --force (exit 1); bad --shards is a usage error', async () => {
    const again = await cli(['init-actions'], { cwd: t.dir });
    assert.equal(again.code, EXIT.failure);
    assert.match(again.stderr, /already exists; use --force/);
    assert.equal((await cli(['init-actions', '--force', '--shards', '2'], { cwd: t.dir, env })).code, EXIT.ok);
    assert.equal((await cli(['init-actions', '--shards', '0'], { cwd: t.dir })).code, EXIT.usage);
  });

  test('init-actions never writes a registry name: CI runs the CLI committed with the repo, checked against SHA256SUMS', async () => {
    const dir = join(t.dir, 'vendor');
    mkdirSync(dir, { recursive: true });
    const r = await cli(['init-actions', '--json'], { cwd: dir, env });
    assert.equal(r.code, EXIT.ok, r.stderr);
    const out = JSON.parse(r.stdout) as { path: string; cli: string[] };
    assert.deepEqual(out.cli, ['.github/pairwise/cli.js', '.github/pairwise/cli/chunk-A.js', '.github/pairwise/cli/main.js', '.github/pairwise/cli/package.json']);
    const text = readFileSync(out.path, 'utf8');
    assert.doesNotMatch(text, /npx|pnpm dlx|yarn dlx|npm exec|pairwise@/);
    assert.deepEqual(validateWorkflow(text).errors, []);
    const wf = parseYaml(text) as Workflow & { env: Record<string, string> };
    assert.equal(wf.env.PAIRWISE_CLI, 'node .github/pairwise/cli.js');
    for (const job of [wf.jobs.batch, wf.jobs.report]) {
      const names = job.steps.map((s) => s.uses ?? s.run ?? '');
      const verify = names.findIndex((n) => n.includes('sha256sum --strict -c ".github/pairwise/SHA256SUMS"'));
      const firstCli = names.findIndex((n) => n.includes('$PAIRWISE_CLI'));
      assert.ok(names[0].startsWith('actions/checkout@'), 'every job checks out the commit that holds the CLI');
      assert.ok(verify > 0 && verify < firstCli, 'the checksum is verified before the CLI runs');
    }
    const sums = readFileSync(join(dir, '.github/pairwise/SHA256SUMS'), 'utf8').trim().split('\n');
    for (const line of sums) {
      const [hash, file] = line.split(/\s+/);
      assert.equal(createHash('sha256').update(readFileSync(join(dir, file))).digest('hex'), hash, file);
    }
    const npx = await cli(['init-actions', '--force', '--cli', 'npx --yes pairwise@0.1.0'], { cwd: dir, env });
    assert.equal(npx.code, EXIT.usage);
    assert.match(npx.stderr, /would resolve a package from a registry/);
    const own = await cli(['init-actions', '--force', '--cli', 'node tools/pairwise/cli.js', '--json'], { cwd: dir, env });
    assert.equal(own.code, EXIT.ok, own.stderr);
    assert.match(readFileSync(out.path, 'utf8'), /PAIRWISE_CLI: "node tools\/pairwise\/cli.js"/);
    const none = await cli(['init-actions', '--force'], { cwd: dir, env: { PAIRWISE_CLI_BUNDLE: join(t.dir, 'nope.js') } });
    assert.ok(none.code === EXIT.ok || /dist\/cli\.js\) was not found/.test(none.stderr), 'without a bundle: a clear error (or the built dist/cli.js is used)');
    assert.ok(existsSync(join(dir, '.github/pairwise/cli.js')));
  });
});
