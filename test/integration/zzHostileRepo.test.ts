// The hostile-repository corpus in the real VS Code host: the workspace is turned into a hostile repository
// (marker programs behind every git key that names one, containment tricks), then Compare (with its checks)
// and Preview Context run on it. Named zz… so it runs last: it arms the shared workspace.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import { startMockProvider, scenarios, type MockProvider } from '../fakes/mockProviders';
import { buildHostileRepo, type HostileRepo } from '../fakes/hostileRepo';
import type { CompareViewState } from '../../src/shared/compareProtocol';
import { until } from './until';

const EXT_ID = 'pairwise.pairwise';
const KEY_A = 'sk-ant-api03-hostile-test-key-A';
const KEY_B = 'sk-hostile-test-key-B-0123456789';
const PR = ['===ROUTE===', 'PR', '===TITLE===', 'Cache parseTable', '===BODY===', 'See `src/app.ts`.', '===PATCH===',
  'diff --git a/src/app.ts b/src/app.ts', '--- a/src/app.ts', '+++ b/src/app.ts', '@@ -1,3 +1,4 @@', '+// cached',
  ' export function parseTable(x: string): string[] {', '   return x.split(",");', ' }', '===REASON===', 'Faster.', ''].join('\n');
const ISSUE = ['===ROUTE===', 'ISSUE', '===TITLE===', 'Track parseTable', '===BODY===', 'See `src/app.ts` and `tools/run.py`.', ''].join('\n');

suite('hostile repository in the real host (Compare, checks, Preview Context)', () => {
  let a: MockProvider; let b: MockProvider; let h: HostileRepo;
  let api: { comparePanelState(): CompareViewState | undefined };

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension(EXT_ID)!.activate()) as typeof api;
    // VS Code's own git extension runs `git status` on the workspace (it is not Pairwise); markers it causes carry
    // no Pairwise fingerprint and are told apart with firedByPairwise().
    await vscode.workspace.getConfiguration('git').update('enabled', false, vscode.ConfigurationTarget.Global);
    h = buildHostileRepo(vscode.workspace.workspaceFolders![0].uri.fsPath);
    a = await startMockProvider({ kind: 'anthropic', scenario: scenarios.ok({ text: PR, ttftMs: 20 }), expectKey: KEY_A });
    b = await startMockProvider({ kind: 'openai-compatible', scenario: scenarios.ok({ text: ISSUE, ttftMs: 20 }), expectKey: KEY_B });
    const cfg = vscode.workspace.getConfiguration('pairwise');
    await cfg.update('providers', { hosta: { kind: 'anthropic', baseUrl: a.url, label: 'Hostile A' },
      hostb: { kind: 'openai-compatible', baseUrl: b.url, label: 'Hostile B' } }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('pairwise.chooseModels', { a: 'hosta:claude-test', b: 'hostb:glm-test' });
    await vscode.commands.executeCommand('pairwise.setApiKey', { preset: 'hosta', key: KEY_A });
    await vscode.commands.executeCommand('pairwise.setApiKey', { preset: 'hostb', key: KEY_B });
    await vscode.commands.executeCommand('pairwise.pinPaper', { input: { brief: 'parseTable should cache its results.', title: 'Cache brief' } });
  });

  suiteTeardown(async () => { await a?.close(); await b?.close(); h?.cleanup(); });

  test('Compare and its checks run no repository program and send no outside, .env or .git byte', async () => {
    const rec = await vscode.commands.executeCommand<{ id: string; sides: Record<'a' | 'b', { status: string; route: string }> }>('pairwise.compare', { yes: true });
    assert.ok(rec, 'a record was returned');
    assert.equal(rec.sides.a.status, 'ok');
    assert.equal(rec.sides.a.route, 'pr');
    const state = await until(() => { const s = api.comparePanelState(); return s && s.header?.runId === rec.id && s.slots.left.checks.length > 0 && s.slots.right.checks.length > 0 ? s : undefined; }, 60000);
    const bodies = [...a.requests, ...b.requests].map((q) => q.body);
    assert.ok(bodies.length >= 2 && bodies.every((x) => x.includes('parseTable')), 'the repository context was sent');
    assert.deepEqual(h.firedByPairwise(), [], 'a program named by the repository ran under a git call Pairwise made');
    for (const body of bodies) assert.deepEqual(h.leaks(body), [], 'a canary reached a request');
    assert.deepEqual(h.leaks(JSON.stringify(state)), []);
  });

  test('Preview Context runs no repository program and shows no canary', async () => {
    await vscode.commands.executeCommand('pairwise.previewContext');
    const doc = await until(() => vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.isUntitled && /app\.ts/.test(d.getText())), 30000);
    const text = doc.getText();
    assert.deepEqual(h.firedByPairwise(), []);
    assert.deepEqual(h.leaks(text), []);
    assert.match(text, /symlink outside the repository|path leaves the repository|inside \.git/);
  });
});
