import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';

const EXT_ID = 'pairwise.pairwise';

suite('activation', () => {
  let api: { activationMs: number } | undefined;

  suiteSetup(async () => {
    const ext = vscode.extensions.getExtension(EXT_ID);
    assert.ok(ext, `extension ${EXT_ID} is loaded`);
    api = (await ext.activate()) as { activationMs: number };
  });

  test('registers every contributed command', async () => {
    const ext = vscode.extensions.getExtension(EXT_ID)!;
    const contributed = (ext.packageJSON.contributes.commands as { command: string }[]).map((c) => c.command);
    assert.ok(contributed.length >= 8);
    const registered = new Set(await vscode.commands.getCommands(true));
    for (const id of contributed) assert.ok(registered.has(id), `${id} is registered`);
  });

  test('reports its activation time', () => {
    assert.ok(api && typeof api.activationMs === 'number' && api.activationMs >= 0);
    console.log(`activation: ${api.activationMs.toFixed(2)} ms in VS Code ${vscode.version}`);
    const out = process.env.PAIRWISE_ACTIVATION_OUT;
    if (out) fs.writeFileSync(out, JSON.stringify({ activationMs: api.activationMs, vscode: vscode.version }));
  });

  test('pairwise.compare opens the compare panel (and asks for models when none are chosen)', async () => {
    void vscode.commands.executeCommand('pairwise.compare');
    const deadline = Date.now() + 5000;
    let found = false;
    while (!found && Date.now() < deadline) {
      found = vscode.window.tabGroups.all.some((g) => g.tabs.some((t) =>
        t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('pairwise.compare')));
      if (!found) await new Promise((r) => setTimeout(r, 100));
    }
    assert.ok(found, 'a pairwise.compare webview tab is open');
    await vscode.commands.executeCommand('workbench.action.closeQuickOpen');
  });

  test('the workspace is the sample repo', () => {
    const folder = vscode.workspace.workspaceFolders?.[0];
    assert.ok(folder, 'a folder is open');
    assert.ok(fs.existsSync(path.join(folder.uri.fsPath, 'src', 'attention.py')));
  });
});
