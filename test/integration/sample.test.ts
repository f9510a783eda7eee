import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { CompareViewState } from '../../src/shared/compareProtocol';

const EXT_ID = 'pairwise.pairwise';

suite('open sample comparison (one engine)', () => {
  let api: { comparePanelState(): CompareViewState | undefined };
  const resultsFile = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.pairwise', 'results.jsonl');
  const size = () => (fs.existsSync(resultsFile()) ? fs.statSync(resultsFile()).size : -1);

  suiteSetup(async () => { api = (await vscode.extensions.getExtension(EXT_ID)!.activate()) as typeof api; });

  test('the sample streams through the session into the panel, with check badges, and records nothing', async () => {
    const before = size();
    const r = await vscode.commands.executeCommand<{ written: boolean; record: { id: string; sides: Record<'a' | 'b', { model: string; route?: string; status: string }> } }>('pairwise.openSample');
    assert.ok(r, 'the sample run finished');
    assert.equal(r.written, true, 'the session kept its record (in memory)');
    assert.equal(r.record.sides.a.model, 'recorded-model-a');
    assert.equal(r.record.sides.a.route, 'pr');
    assert.equal(r.record.sides.b.route, 'issue');
    const st = api.comparePanelState();
    assert.ok(st?.header, 'the compare panel shows the sample');
    assert.equal(st.header.runId, r.record.id, 'the panel shows the session\'s run');
    assert.match(st.header.paper ?? '', /Sample comparison/);
    for (const slot of ['left', 'right'] as const) assert.equal(st.slots[slot].status.kind, 'done', JSON.stringify(st.slots[slot].status));
    const all = [...st.slots.left.checks, ...st.slots.right.checks].map((b) => b.label);
    assert.ok(all.includes('patch applies'), `the checks ran on the sample repo: ${all.join(' | ')}`);
    assert.equal(st.revealed, false, 'blind by default');
    assert.equal(size(), before, 'the sample wrote nothing to the results file');
  });
});
