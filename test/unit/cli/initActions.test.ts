import { after, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
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

  test('writes a workflow that action-validator accepts (GitHub workflow schema, offline WASM)', async () => {
    writeFileSync(join(t.dir, 'matrix.yaml'), 'repos: [.]\npapers: [arxiv:2602.15763]\npairs:\n  - { a: anthropic:claude-opus-4-7, b: zai:glm-5.2 }\n  - { a: ollama:qwen3:8b, b: openai:gpt-5 }\n');
    const r = await cli(['init-actions', '--shards', '3', '--matrix', 'matrix.yaml', '--json'], { cwd: t.dir });
    assert.equal(r.code, EXIT.ok, r.stderr);
    const out = JSON.parse(r.stdout) as { path: string; secrets: string[] };
    assert.equal(out.path, join(t.dir, '.github/workflows/pairwise.yml'));
    assert.deepEqual(out.secrets.sort(), ['ANTHROPIC_API_KEY', 'OPENAI_API_KEY', 'ZAI_API_KEY'], 'only the keys the matrix presets need (ollama needs none)');
    const text = readFileSync(out.path, 'utf8');
    const v = validateWorkflow(text);
    assert.deepEqual(v.errors, [], JSON.stringify(v.errors, null, 2));
  });

  test('structure: N shards run batch --shard i/N, upload artifacts, a final job merges and publishes the report', () => {
    const text = renderWorkflow({ shards: 4, matrix: 'ci/matrix.yaml', cli: 'npx --yes pairwise@0.1.0', keyEnvVars: ['ZAI_API_KEY', 'ANTHROPIC_API_KEY'] });
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
    assert.equal((await cli(['init-actions', '--force', '--shards', '2'], { cwd: t.dir })).code, EXIT.ok);
    assert.equal((await cli(['init-actions', '--shards', '0'], { cwd: t.dir })).code, EXIT.usage);
  });
});
