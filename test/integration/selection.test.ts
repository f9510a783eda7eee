import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { startMockProvider, scenarios, type MockProvider } from '../fakes/mockProviders';

const answer = (paper: string, route: string) => `===PAPER===\n${paper}\n===ROUTE===\n${route}\n===TITLE===\nPicked ${paper}\n===BODY===\nSee \`src/attention.py\`.\n===REASON===\nFits the repo.\n`;

suite('selection mode: each model picks its own paper from a pool', () => {
  let a: MockProvider; let b: MockProvider; let poolDir: string;

  suiteSetup(async () => {
    await vscode.extensions.getExtension('pairwise.pairwise')!.activate();
    poolDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-pool-'));
    fs.writeFileSync(path.join(poolDir, 'online-softmax.md'), '# Online softmax\n\n## Abstract\nOne-pass softmax with a running max.\n');
    fs.writeFileSync(path.join(poolDir, 'flash-decoding.md'), '# Flash decoding\n\n## Abstract\nSplit the KV cache for long-context decoding.\n');
    a = await startMockProvider({ kind: 'anthropic', scenario: scenarios.ok({ text: answer('online-softmax', 'ISSUE') }) });
    b = await startMockProvider({ kind: 'openai-compatible', scenario: scenarios.ok({ text: answer('online-softmax', 'SKIP') }) });
    const cfg = vscode.workspace.getConfiguration('pairwise');
    await cfg.update('providers', { sela: { kind: 'anthropic', baseUrl: a.url, auth: 'none' }, selb: { kind: 'openai-compatible', baseUrl: b.url, auth: 'none' } }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('pairwise.chooseModels', { a: 'sela:model-a', b: 'selb:model-b' });
  });

  suiteTeardown(async () => { await a?.close(); await b?.close(); fs.rmSync(poolDir, { recursive: true, force: true }); });

  test('both see the same pool; the record says which paper each picked and whether they matched', async () => {
    const title = await vscode.commands.executeCommand<string>('pairwise.pinPaper', { pool: { folder: poolDir } });
    assert.match(title, /Pool of 2 papers/);
    const rec = await vscode.commands.executeCommand<{ mode: string; selection?: { samePaper?: boolean }; sides: Record<'a' | 'b', { paperPick?: string; route?: string }> }>('pairwise.compare', { yes: true });
    assert.equal(rec.mode, 'selection');
    assert.equal(rec.sides.a.paperPick, 'online-softmax');
    assert.equal(rec.sides.b.route, 'skip');
    assert.equal(rec.selection?.samePaper, true);
    for (const m of [a, b]) {
      const body = m.requests[0].body;
      assert.ok(body.includes('Online softmax') && body.includes('Flash decoding'), 'the whole pool was sent');
    }
  });
});
