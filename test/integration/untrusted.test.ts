// Runs only in a host that opened the workspace untrusted (PAIRWISE_TEST_UNTRUSTED=1, see index.ts and driver.cjs).
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startMockProvider, scenarios, type MockProvider } from '../fakes/mockProviders';

const EXT_ID = 'pairwise.pairwise';
const DRAFT = '===ROUTE===\nISSUE\n===TITLE===\nNever sent\n===BODY===\nx\n';

suite('untrusted workspace (Restricted Mode)', () => {
  let mock: MockProvider;
  let api: { shownMessages(): readonly { kind: string; message: string }[] };

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension(EXT_ID)!.activate()) as typeof api;
    mock = await startMockProvider({ kind: 'openai-compatible', scenario: scenarios.ok({ text: DRAFT }) });
    const cfg = vscode.workspace.getConfiguration('pairwise');
    await cfg.update('providers', { mocku: { kind: 'openai-compatible', baseUrl: mock.url, label: 'Mock', auth: 'none' } }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('pairwise.chooseModels', { a: 'mocku:one', b: 'mocku:two' });
    await vscode.commands.executeCommand('pairwise.pinPaper', { input: { brief: 'Stable softmax.', title: 'Brief' } });
  });

  suiteTeardown(async () => { await mock?.close(); });

  test('the host really opened the workspace untrusted', () => {
    assert.equal(vscode.workspace.isTrusted, false, 'this suite proves nothing in a trusted workspace');
  });

  test('Preview Context builds no context: no manifest opens, the refusal says how to trust the folder', async () => {
    const docsBefore = vscode.workspace.textDocuments.length;
    await vscode.commands.executeCommand('pairwise.previewContext');
    await new Promise((r) => setTimeout(r, 500));
    const manifests = vscode.workspace.textDocuments.filter((d) => d.languageId === 'markdown' && /manifest/i.test(d.getText().slice(0, 400)));
    assert.deepEqual(manifests.map((d) => d.uri.toString()), [], 'no manifest document');
    assert.equal(vscode.workspace.textDocuments.length, docsBefore);
    const last = api.shownMessages().at(-1);
    assert.ok(last && last.kind === 'warning' && /builds no context and sends nothing in an untrusted workspace/.test(last.message), JSON.stringify(last));
  });

  test('Compare sends nothing and records nothing', async () => {
    const rec = await vscode.commands.executeCommand('pairwise.compare', { yes: true });
    assert.equal(rec, undefined);
    assert.equal(mock.requests.length, 0, 'no request reached the provider');
    assert.match(api.shownMessages().at(-1)?.message ?? '', /never sends anything from an untrusted workspace/);
  });

  test('Ask Judge and Judge Pending\'s LLM judge send nothing', async () => {
    await vscode.workspace.getConfiguration('pairwise').update('judge.model', 'mocku:judge', vscode.ConfigurationTarget.Global);
    try {
      assert.equal(await vscode.commands.executeCommand('pairwise.askJudge', { id: 'any', yes: true }), undefined);
      assert.match(api.shownMessages().at(-1)?.message ?? '', /sends nothing from an untrusted workspace, the judge included/);
      assert.equal(await vscode.commands.executeCommand('pairwise.judgePending', { llm: true, yes: true }), undefined);
      assert.equal(mock.requests.length, 0, 'no request reached the provider');
    } finally {
      await vscode.workspace.getConfiguration('pairwise').update('judge.model', undefined, vscode.ConfigurationTarget.Global);
    }
  });

  test('Test Connection sends nothing (its ping carries the key)', async () => {
    const out = await vscode.commands.executeCommand('pairwise.testConnection');
    assert.deepEqual(out, {});
    assert.equal(mock.requests.length, 0, 'no request reached the provider');
    assert.match(api.shownMessages().at(-1)?.message ?? '', /Test Connection sends nothing from an untrusted workspace/);
  });
});
