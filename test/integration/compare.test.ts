import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startMockProvider, scenarios, type MockProvider } from '../fakes/mockProviders';
import type { CompareViewState } from '../../src/shared/compareProtocol';
import { until } from './until';

const EXT_ID = 'pairwise.pairwise';
const PLANTED = 'AKIAQ7XJ4K2M9PLR3TZW';
const PLANTED_TOKEN = 'ghp_1234567890abcdefghijklmnopqrstuvwxyzAB';
const KEY_A = 'sk-ant-api03-integration-test-key-A';
const KEY_B = 'sk-integration-test-key-B-0123456789';

const DRAFT_A = `===ROUTE===\nPR\n===TITLE===\nUse a numerically stable softmax in src/attention.py\n===BODY===\nThe \`attention\` function in \`src/attention.py\` multiplies raw scores.\n===PATCH===\ndiff --git a/src/attention.py b/src/attention.py\n--- a/src/attention.py\n+++ b/src/attention.py\n@@ -1,3 +1,4 @@\n def attention(q, k, v):\n     """Scaled dot-product attention."""\n-    return q @ k.T @ v\n+    s = q @ k.T\n+    return s @ v\n`;
const DRAFT_B = `===ROUTE===\nISSUE\n===TITLE===\nTrack softmax stability\n===BODY===\nSee \`src/attention.py\` and \`src/missing_module.py\`.\n`;

suite('compare against mock providers', () => {
  let anthropic: MockProvider; let openai: MockProvider;
  let api: { comparePanelState(): CompareViewState | undefined; shownMessages(): readonly { kind: string; message: string }[] };
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension(EXT_ID)!.activate()) as typeof api;
    anthropic = await startMockProvider({ kind: 'anthropic', scenario: scenarios.ok({ text: DRAFT_A, ttftMs: 50 }), expectKey: KEY_A });
    openai = await startMockProvider({ kind: 'openai-compatible', scenario: scenarios.ok({ text: DRAFT_B, ttftMs: 80 }), expectKey: KEY_B });
    fs.writeFileSync(path.join(root(), 'settings.py'), `AWS_ACCESS_KEY_ID = "${PLANTED}"\nGITHUB_TOKEN = "${PLANTED_TOKEN}"\nDEBUG = True\n`);
    const cfg = vscode.workspace.getConfiguration('pairwise');
    await cfg.update('providers', { mocka: { kind: 'anthropic', baseUrl: anthropic.url, label: 'Mock Anthropic' },
      mockb: { kind: 'openai-compatible', baseUrl: openai.url, label: 'Mock OpenAI' } }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('pairwise.chooseModels', { a: 'mocka:claude-test', b: 'mockb:glm-test' });
    await vscode.commands.executeCommand('pairwise.setApiKey', { preset: 'mocka', key: KEY_A });
    await vscode.commands.executeCommand('pairwise.setApiKey', { preset: 'mockb', key: KEY_B });
    const title = await vscode.commands.executeCommand('pairwise.pinPaper', { input: { brief: 'Stable softmax: subtract the row max before exponentiating.', title: 'Stable softmax brief' } });
    assert.equal(title, 'Stable softmax brief');
  });

  suiteTeardown(async () => { await anthropic?.close(); await openai?.close(); });

  test('Test Connection reaches both mock servers', async () => {
    const r = await vscode.commands.executeCommand<Record<string, { ok: boolean; timing?: { ttftMs: number | null } }>>('pairwise.testConnection');
    assert.equal(r.a.ok, true, JSON.stringify(r.a));
    assert.equal(r.b.ok, true, JSON.stringify(r.b));
  });

  test('Test Connection: a provider error body with a command: link shows as text, not a link (outside text stays text)', async () => {
    const hostile = 'quota exceeded, contact [support](command:workbench.action.terminal.new) or see [docs](https://evil.example/)';
    anthropic.setScenario({ type: 'status', status: 400, message: hostile });
    const terminals = vscode.window.terminals.length;
    try {
      const r = await vscode.commands.executeCommand<Record<string, { ok: boolean; message?: string }>>('pairwise.testConnection');
      assert.equal(r.a.ok, false);
      assert.ok(r.a.message?.includes('command:workbench.action.terminal.new'), `the raw error reached the side result: ${r.a.message}`);
      const shown = api.shownMessages().at(-1);
      assert.ok(shown && shown.kind === 'warning' && shown.message.includes('[support] (command: workbench.action.terminal.new)'), JSON.stringify(shown));
      // VS Code's notification link syntax (parseLinkedText): nothing in the message can become a link or a command.
      assert.equal(/\[[^\]]+\]\((?:https?:\/\/|command:)/i.test(shown.message), false, shown.message);
      assert.equal(/command:\S/i.test(shown.message), false, shown.message);
      assert.equal(vscode.window.terminals.length, terminals, 'no terminal opened');
    } finally {
      anthropic.setScenario(scenarios.ok({ text: DRAFT_A, ttftMs: 50 }));
    }
  });

  test('compare streams both sides, records the pair, sends identical prefixes and no planted secret', async () => {
    anthropic.requests.length = 0; openai.requests.length = 0;
    const rec = await vscode.commands.executeCommand<{ id: string; sides: Record<'a' | 'b', { route: string; status: string; usage?: { input: number } }> }>('pairwise.compare', { yes: true });
    assert.ok(rec, 'a record was returned');
    assert.equal(rec.sides.a.status, 'ok');
    assert.equal(rec.sides.a.route, 'pr');
    assert.equal(rec.sides.b.route, 'issue');
    assert.ok((rec.sides.a.usage?.input ?? 0) >= 0);
    // What left the machine: one request each, same system + cacheable blocks, no secret, keys only in auth headers.
    assert.equal(anthropic.requests.length, 1);
    assert.equal(openai.requests.length, 1);
    const bodyA = anthropic.requests[0].body; const bodyB = openai.requests[0].body;
    for (const body of [bodyA, bodyB]) {
      assert.ok(!body.includes(PLANTED), 'AWS key redacted');
      assert.ok(!body.includes(PLANTED_TOKEN), 'GitHub token redacted');
      assert.ok(!body.includes(KEY_A) && !body.includes(KEY_B), 'no API key in a body');
      assert.ok(body.includes('src/attention.py'), 'repo context was sent');
    }
    const ja = anthropic.requests[0].json as { system: { text: string }[]; messages: { content: { text: string }[] }[] };
    const jb = openai.requests[0].json as { messages: { role: string; content: string }[] };
    const userB = jb.messages.find((m) => m.role === 'user')!.content;
    assert.equal(typeof userB, 'string');
    assert.ok(ja.messages[0].content.length >= 2, 'repo and paper blocks travel as separate cacheable blocks');
    for (const block of ja.messages[0].content) assert.ok(userB.includes(block.text), 'each block reaches side B byte for byte');
    assert.equal(ja.system[0].text, jb.messages[0].content, 'same system prompt');
    // The results file has the comparison with its verdict pending.
    const file = path.join(root(), '.pairwise', 'results.jsonl');
    const lines = fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));
    const stored = lines.find((l) => l.id === rec.id);
    assert.equal(stored.verdict, 'pending');
    assert.ok(stored.sides.a.draftHash, 'draft text stored as a blob');
    assert.ok(!JSON.stringify(lines).includes(KEY_A), 'no key in results');
    // The panel shows both drafts with their routes and check badges.
    const state = await until(() => { const s = api.comparePanelState(); return s && s.header?.runId === rec.id && s.slots.left.checks.length > 0 && s.slots.right.checks.length > 0 ? s : undefined; });
    const routes = [state.slots.left.route, state.slots.right.route].sort();
    assert.deepEqual(routes, ['issue', 'pr']);
    assert.equal(state.slots.left.status.kind, 'done');
    assert.ok(state.blind, 'blind by default');
    assert.deepEqual([state.slots.left.label, state.slots.right.label], ['A', 'B'], 'names hidden while blind');
  });

  test('one side failing leaves the other complete with an actionable message', async () => {
    openai.setScenario(scenarios.badKey());
    const rec = await vscode.commands.executeCommand<{ sides: Record<'a' | 'b', { status: string; errorKind?: string; errorMessage?: string; route?: string }> }>('pairwise.compare', { yes: true });
    openai.setScenario(scenarios.ok({ text: DRAFT_B }));
    assert.equal(rec.sides.a.status, 'ok');
    assert.equal(rec.sides.a.route, 'pr');
    assert.equal(rec.sides.b.status, 'failed');
    assert.equal(rec.sides.b.errorKind, 'auth');
    assert.match(rec.sides.b.errorMessage ?? '', /key/i);
    assert.ok(!(rec.sides.b.errorMessage ?? '').includes(KEY_B));
  });

  test('Preview Context opens a manifest listing sent files and the redaction', async () => {
    await vscode.commands.executeCommand('pairwise.previewContext');
    const doc = await until(() => vscode.workspace.textDocuments.find((d) => d.languageId === 'markdown' && d.isUntitled && /attention\.py/.test(d.getText())));
    const text = doc.getText();
    assert.match(text, /settings\.py/);
    assert.ok(!text.includes(PLANTED));
  });
});
