// The LLM judge in the real VS Code host, against mock servers on 127.0.0.1: Ask Judge on a live blind comparison
// (key from SecretStorage, both orders, the amend in results.jsonl, the panel holding the judge's verdict until the
// developer's is saved), and Judge Pending's judge-the-queue option.
import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startMockProvider, scenarios, JUDGE_PREFER_MARK, type MockProvider } from '../fakes/mockProviders';
import type { CompareViewState, VerdictSubmission } from '../../src/shared/compareProtocol';
import { until } from './until';

const EXT_ID = 'pairwise.pairwise';
const KEY_J = 'sk-judge-integration-key-0123456789';
const DRAFT_A = `===ROUTE===\nPR\n===TITLE===\nStable softmax in src/attention.py\n===BODY===\nSubtract the row max in \`src/attention.py\`. ${JUDGE_PREFER_MARK}\n`;
const DRAFT_B = '===ROUTE===\nISSUE\n===TITLE===\nLook into softmax overflow\n===BODY===\nSee `src/attention.py`.\n';
const RATER = 'judge:mjudge:gpt-judge';

interface Api { comparePanelState(): CompareViewState | undefined; compareSubmitVerdict(s: VerdictSubmission): Promise<{ ok: boolean }> | undefined }
type Rec = { id: string; type: string; target?: string; rater?: string; verdict?: string; judge?: { orders: unknown[]; outcome: string } };

suite('LLM judge in the editor', () => {
  let api: Api; let sideA: MockProvider; let sideB: MockProvider; let judge: MockProvider;
  const cfg = () => vscode.workspace.getConfiguration('pairwise');
  const saved: Record<string, unknown> = {};
  const results = () => path.join(vscode.workspace.workspaceFolders![0].uri.fsPath, '.pairwise', 'results.jsonl');
  const lines = (): Rec[] => fs.readFileSync(results(), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Rec);

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension(EXT_ID)!.activate()) as Api;
    for (const k of ['providers', 'sideA', 'sideB', 'judge.model']) saved[k] = cfg().inspect(k)?.globalValue;
    sideA = await startMockProvider({ kind: 'anthropic', scenario: scenarios.ok({ text: DRAFT_A, ttftMs: 20 }) });
    sideB = await startMockProvider({ kind: 'openai-compatible', scenario: scenarios.ok({ text: DRAFT_B, ttftMs: 20 }) });
    judge = await startMockProvider({ kind: 'openai-compatible', scenario: { type: 'judge', rule: 'marked' }, expectKey: KEY_J });
    await cfg().update('providers', { mja: { kind: 'anthropic', baseUrl: sideA.url, auth: 'none', label: 'Side A mock' },
      mjb: { kind: 'openai-compatible', baseUrl: sideB.url, auth: 'none', label: 'Side B mock' },
      mjudge: { kind: 'openai-compatible', baseUrl: judge.url, label: 'Judge mock' } }, vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('pairwise.chooseModels', { a: 'mja:claude-test', b: 'mjb:glm-test' });
    await vscode.commands.executeCommand('pairwise.setApiKey', { preset: 'mjudge', key: KEY_J });
    await cfg().update('judge.model', 'mjudge:gpt-judge', vscode.ConfigurationTarget.Global);
    await vscode.commands.executeCommand('pairwise.pinPaper', { input: { brief: 'Stable softmax: subtract the row max first.', title: 'Judge brief' } });
  });

  suiteTeardown(async () => {
    for (const [k, v] of Object.entries(saved)) await cfg().update(k, v, vscode.ConfigurationTarget.Global);
    await Promise.all([sideA?.close(), sideB?.close(), judge?.close()]);
  });

  test('Ask Judge on a blind comparison: both orders, the amend in results.jsonl, the verdict shown only after yours', async () => {
    const rec = await vscode.commands.executeCommand<{ id: string }>('pairwise.compare', { yes: true });
    assert.ok(rec, 'the comparison was recorded');
    await until(() => api.comparePanelState()?.header?.runId === rec.id && api.comparePanelState()?.canAskJudge);
    judge.requests.length = 0;
    const res = await vscode.commands.executeCommand<{ ok: boolean; written: boolean; record: { outcome: string } }>('pairwise.askJudge', { yes: true });
    assert.ok(res?.ok && res.written, JSON.stringify(res));
    assert.equal(res.record.outcome, 'consistent');
    // What left: two calls to the judge's host, with its key from SecretStorage, the sides' context and both drafts.
    assert.equal(judge.requests.length, 2);
    for (const r of judge.requests) {
      assert.equal(r.headers.authorization, `Bearer ${KEY_J}`);
      assert.ok(r.body.includes('Subtract the row max') && r.body.includes('Look into softmax overflow'), 'both drafts');
      assert.ok(r.body.includes('src/attention.py'), 'the context the sides got');
    }
    // The amend: the judge's own rater, both orders; the human verdict stays pending.
    const amend = lines().find((l) => l.type === 'amend' && l.target === rec.id && l.rater === RATER);
    assert.ok(amend?.judge, 'judge amend in results.jsonl');
    assert.equal(amend.judge.orders.length, 2);
    assert.equal(amend.verdict, 'a');
    assert.equal(lines().filter((l) => l.type === 'amend' && l.target === rec.id && l.rater !== RATER).length, 0, 'no human verdict yet');
    // Blind and unvoted: the panel (and so its webview) holds only "withheld" — no verdict, no reason.
    const before = api.comparePanelState();
    assert.deepEqual(before?.judge, { status: 'withheld', judge: 'mjudge:gpt-judge' });
    assert.equal(JSON.stringify(before).includes('Mock judge'), false, 'no judge reason before the verdict');
    // The developer's verdict, as the webview sends it; then the judge's answer appears.
    const saved1 = await api.compareSubmitVerdict({ runId: rec.id, verdict: 'tie', ratings: {}, notes: '' });
    assert.ok(saved1?.ok);
    const after = await until(() => { const s = api.comparePanelState(); return s?.judge?.status === 'answered' ? s : undefined; });
    const j = after.judge;
    assert.ok(j?.status === 'answered');
    assert.equal(j.outcome, 'consistent');
    assert.ok(j.verdict === 'left' || j.verdict === 'right');
    assert.equal(after.slots[j.verdict].identity?.model, 'claude-test', 'the judge\'s pick is side A, wherever it sits');
    assert.equal(j.orders.length, 2);
    assert.ok(j.orders.every((o) => (o.reason ?? '').includes('Mock judge')), 'per-order reasons');
    assert.ok(j.orders.every((o) => typeof o.totalMs === 'number'), 'per-order latency');
    // The human verdict is the developer's own.
    const human = lines().find((l) => l.type === 'amend' && l.target === rec.id && l.rater !== RATER);
    assert.equal(human?.verdict, 'tie');
  });

  test('Judge Pending: the LLM judge answers the pending queue; the verdicts stay pending', async () => {
    const rec = await vscode.commands.executeCommand<{ id: string }>('pairwise.compare', { yes: true });
    assert.ok(rec);
    const summary = await vscode.commands.executeCommand<{ judged: number; consistent: number; stoppedBy?: string }>('pairwise.judgePending', { llm: true, yes: true });
    assert.ok(summary && summary.judged >= 1, JSON.stringify(summary));
    assert.equal(summary.stoppedBy, undefined);
    const mine = lines().filter((l) => l.type === 'amend' && l.target === rec.id);
    assert.deepEqual(mine.map((l) => l.rater), [RATER], 'only the judge answered it');
    // Running it again judges nothing twice.
    const again = await vscode.commands.executeCommand('pairwise.judgePending', { llm: true, yes: true });
    assert.equal(again, undefined, 'nothing left for this judge');
  });
});
