import * as assert from 'node:assert/strict';
import * as vscode from 'vscode';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { ResultsStore } from '../../src/core/results/resultsStore';
import { newRecordId } from '../../src/core/results/recordId';
import { SCHEMA_VERSION, type AmendRecord, type ComparisonRecord, type ResultRecord } from '../../src/core/results/schema';
import { parseCsv } from '../../src/core/export/csvFormat';
import type { CompareViewState } from '../../src/shared/compareProtocol';
import type { DashboardData } from '../../src/shared/dashboardProtocol';
import { cellText } from '../../src/shared/reportModel';
import { judgeSave } from '../../src/extension/results/judgeSave';
import { pendingFor } from '../../src/extension/results/judgePending';
import { foldAmends } from '../../src/core/results/foldAmends';
import { describeProblems } from '../../src/extension/results/resultsSource';
import { until } from './until';

const EXT_ID = 'pairwise.pairwise';
const A = { preset: 'fixa', model: 'alpha-1' };
const B = { preset: 'fixb', model: 'beta-2' };
const REPO = 'results-fixture-repo';
const draft = (route: string, title: string, body: string, patch?: string) =>
  `===ROUTE===\n${route}\n===TITLE===\n${title}\n===BODY===\n${body}\n${patch ? `===PATCH===\n${patch}` : ''}`;
const PATCH = 'diff --git a/src/attention.py b/src/attention.py\n--- a/src/attention.py\n+++ b/src/attention.py\n@@ -1,3 +1,3 @@\n def attention(q, k, v):\n     """Scaled dot-product attention."""\n-    return q @ k.T @ v\n+    return (q @ k.T) @ v\n';

/** Comparisons, judged and pending, read from the report's overview sentence ("5 comparisons: 3 judged, 2 pending; …"). */
function totals(data: DashboardData | undefined): number[] {
  const m = /^(\d+) comparisons?: (\d+) judged, (\d+) pending/.exec(data?.report?.sections[0]?.lines[0] ?? '');
  return m ? m.slice(1, 4).map(Number) : [];
}

interface DashboardView { readonly data: DashboardData | undefined; readonly refreshCount: number }
interface JudgeSessionLike {
  current: { rec: ComparisonRecord; shownAt: number } | undefined; remaining: number; judged: number;
  save(s: { runId: string; verdict: 'left' | 'right' | 'tie' | 'both_bad'; ratings: Record<string, Partial<Record<'left' | 'right', number>>>; notes: string }):
    Promise<{ ok: true; value: { savedAt: number; reveal?: Record<'left' | 'right', { label: string }> } } | { ok: false; error: { message: string } }>;
  dispose(): void;
}

suite('results: dashboard, export, open, judge pending', () => {
  let api: { comparePanelState(): CompareViewState | undefined };
  let store: ResultsStore;
  let file: string;
  let outDir: string;
  const ids: Record<'won' | 'lost' | 'tie' | 'p1' | 'p2', string> = { won: '', lost: '', tie: '', p1: '', p2: '' };
  const root = () => vscode.workspace.workspaceFolders![0].uri.fsPath;

  /** A comparison between the fixture models, `daysAgo` old, drafts stored as blobs. */
  async function addComparison(key: keyof typeof ids | null, daysAgo: number, verdict: ComparisonRecord['verdict'], texts: [string, string], extra: Partial<ComparisonRecord> = {}): Promise<ComparisonRecord> {
    const time = new Date(Date.now() - daysAgo * 86_400_000);
    const id = newRecordId(time);
    const side = (s: typeof A, text: string, route: 'pr' | 'issue', i: number) => ({ ...s, status: 'ok' as const, route, title: `title ${i}`,
      usage: { input: 1000 + i, output: 200, cacheRead: 500, cacheWrite: 0 }, cost: { usd: 0.01 * (i + 1), basis: 'list' as const }, ttftMs: 300 + i, totalMs: 4000 + i * 100 });
    const rec: ComparisonRecord = {
      schema: SCHEMA_VERSION, type: 'comparison', id, time: time.toISOString(), repo: { name: REPO, commit: '0123456789abcdef' },
      paper: { id: 'paper-1', title: 'Fixture paper on softmax' }, mode: 'pin', prompt: { templateVersion: 't1' },
      sides: { a: side(A, texts[0], 'pr', 1), b: side(B, texts[1], 'issue', 2) }, blind: true, swapped: false, verdict, rater: 'tester',
      checks: { a: { grounded: 2, unverified: 0, newInPatch: 0, emptyClaims: 0, patchApplies: true, stubs: 0, deadModules: 0, testsPassed: null } }, ...extra,
    };
    rec.sides.a.draftHash = await store.saveBlob(id, 'draft-a.md', texts[0]);
    rec.sides.b.draftHash = await store.saveBlob(id, 'draft-b.md', texts[1]);
    await store.append(rec);
    if (key) ids[key] = id;
    return rec;
  }

  suiteSetup(async () => {
    api = (await vscode.extensions.getExtension(EXT_ID)!.activate()) as typeof api;
    file = path.join(root(), '.pairwise', 'results.jsonl');
    store = new ResultsStore(file);
    outDir = fs.mkdtempSync(path.join(os.tmpdir(), 'pairwise-export-'));
    await vscode.workspace.getConfiguration('pairwise').update('rater', 'tester', vscode.ConfigurationTarget.Global);
    await addComparison('won', 10, 'a', [draft('PR', 'Stable softmax', 'Uses `src/attention.py`.', PATCH), draft('ISSUE', 'Track stability', 'An issue body.')]);
    await addComparison('lost', 9, 'b', [draft('PR', 'Second try', 'Body A2.', PATCH), draft('ISSUE', 'Better issue', 'Body B2.')], { swapped: true });
    const tie = await addComparison('tie', 8, 'pending', [draft('SKIP', 'Nothing to do', 'Skip body.'), draft('SKIP', 'Nothing here', 'Skip body B.')]);
    await store.amend({ target: tie.id, verdict: 'tie', rater: 'tester' });
    await addComparison('p1', 7, 'pending', [draft('PR', 'Pending PR from the CLI', 'Pending body A.', PATCH), draft('ISSUE', 'Pending issue', 'Pending body B.')], { rater: undefined });
    await addComparison('p2', 6, 'pending', [draft('ISSUE', 'Second pending A', 'Body P2A.'), draft('ISSUE', 'Second pending B', 'Body P2B.')], { rater: undefined });
  });

  suiteTeardown(async () => {
    await vscode.workspace.getConfiguration('pairwise').update('rater', undefined, vscode.ConfigurationTarget.Global);
    fs.rmSync(outDir, { recursive: true, force: true });
  });

  test('Show Dashboard computes tables and charts, filters, and follows the results file', async () => {
    const view = await vscode.commands.executeCommand<DashboardView>('pairwise.showDashboard');
    const data = view.data!;
    const report = data.report!;
    const titles = report.sections.map((x) => x.title);
    for (const t of ['Leaderboard', 'Head to head', 'Outcomes per model', 'Agreement', 'Cost, tokens and time', 'Serving', 'Position bias']) {
      assert.ok(titles.some((x) => x.startsWith(t)), `section ${t} in ${titles.join(' | ')}`);
    }
    const table = (id: string) => report.sections.flatMap((x) => x.tables).find((t) => t.id === id)!;
    const lb = table('leaderboard');
    const ranked = (id: string) => lb.rows.some((r) => cellText(r[1]) === id);
    assert.ok(ranked('fixa:alpha-1') && ranked('fixb:beta-2'), 'both fixture models ranked');
    const pair = table('pairs').rows.find((r) => cellText(r[0]).includes('fixa:alpha-1'))!.map(cellText);
    assert.deepEqual(pair.slice(1, 7), ['3', '1', '1', '1', '0', '2'], 'decided, wins, losses, ties, both bad, pending');
    assert.match(pair[7], /^small sample: \d+% \(95% CI \d+–\d+%; [\d.]+ of 3\)$/, 'win rate with its Wilson bounds');
    assert.deepEqual(Object.keys(data.charts).sort(), ['costWin', 'leaderboard', 'outcomes', 'servingTtft', 'ttft', 'wallTime'],
      'leaderboard, cost vs win rate, wall time, TTFT, cold vs warm TTFT, outcomes');
    for (const svg of Object.values(data.charts)) assert.match(svg ?? '', /^<svg/);
    assert.ok(data.filters.options?.repo.includes(REPO));
    await until(() => vscode.window.tabGroups.all.some((g) => g.tabs.some((t) => t.input instanceof vscode.TabInputWebview && t.input.viewType.endsWith('pairwise.dashboard'))));

    const filtered = await vscode.commands.executeCommand<DashboardView>('pairwise.showDashboard', { filters: { repo: REPO } });
    assert.deepEqual(totals(filtered.data), [5, 3, 2], 'only the fixture comparisons: 5, 3 judged, 2 pending');
    const none = await vscode.commands.executeCommand<DashboardView>('pairwise.showDashboard', { filters: { repo: REPO, since: '2999-01-01' } });
    assert.equal(none.data!.report, null, 'nothing matches: the empty state');

    const all = await vscode.commands.executeCommand<DashboardView>('pairwise.showDashboard', { filters: {} });
    const total = () => totals(all.data)[0] ?? 0;
    const before = total();
    await addComparison(null, 5, 'a', [draft('PR', 'Watcher', 'Body W.'), draft('ISSUE', 'Watcher B', 'Body WB.')]);
    await until(() => total() === before + 1, 20000);
  });

  test('Export writes every format and each file parses', async () => {
    const { records } = await store.readAll();
    const run = (format: string, name: string) => vscode.commands.executeCommand<{ path: string; count: number }>('pairwise.export', { format, out: path.join(outDir, name) });
    const csv = await run('csv', 'c.csv');
    const table = parseCsv(fs.readFileSync(csv.path, 'utf8'));
    assert.equal(table.error, undefined);
    assert.deepEqual(table.rows[0].slice(0, 3), ['id', 'time', 'repo']);
    const idCol = table.rows[0].indexOf('id'), verdictCol = table.rows[0].indexOf('verdict');
    assert.equal(table.rows.find((r) => r[idCol] === ids.tie)?.[verdictCol], 'tie', 'effective verdict after the amend');
    assert.equal(csv.count, table.rows.length - 1);

    const jsonl = await run('jsonl', 'r.jsonl');
    const lines = fs.readFileSync(jsonl.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as ResultRecord);
    assert.equal(lines.length, records.length);
    assert.equal(jsonl.count, records.length);

    const md = await run('md', 'r.md');
    assert.match(fs.readFileSync(md.path, 'utf8'), /^# Pairwise report/);

    const arena = await run('arena-jsonl', 'a.jsonl');
    const battles = fs.readFileSync(arena.path, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as { question_id: string; winner: string; model_a: string });
    for (const b of battles) assert.ok(['model_a', 'model_b', 'tie', 'tie (bothbad)'].includes(b.winner), b.winner);
    assert.equal(battles.find((b) => b.question_id === ids.won)?.winner, 'model_a');
    assert.equal(battles.find((b) => b.question_id === ids.lost)?.winner, 'model_b');
    assert.ok(!battles.some((b) => b.question_id === ids.p1), 'pending left out');
    const arenaCsv = await run('arena-csv', 'a.csv');
    assert.deepEqual(parseCsv(fs.readFileSync(arenaCsv.path, 'utf8')).rows[0].slice(0, 3), ['model_a', 'model_b', 'winner']);
    assert.equal(arenaCsv.count, battles.length);

    const cmp = await run('comparator', 'c.json');
    const j = JSON.parse(fs.readFileSync(cmp.path, 'utf8')) as { models: { name: string }[]; examples: { output_text_a: string; output_text_b: string; score: number | null }[]; metadata: object };
    assert.equal(j.models.length, 2);
    assert.ok(j.metadata && Array.isArray(j.examples) && j.examples.length === cmp.count && cmp.count > 0);
    assert.ok(j.examples.some((e) => e.output_text_a.includes('===ROUTE===')), 'draft texts read from blobs');

    const bad = await vscode.commands.executeCommand('pairwise.export', { format: 'csv', out: file });
    assert.equal(bad, undefined, 'refuses to overwrite the results file');
    assert.ok(fs.readFileSync(file, 'utf8').includes(ids.won));
  });

  test('Open Results shows a past comparison read-only with drafts from blobs', async () => {
    const state = await vscode.commands.executeCommand<CompareViewState>('pairwise.openResults', { id: ids.won });
    assert.equal(state.readOnly, true);
    assert.equal(state.header?.runId, ids.won);
    assert.match(state.slots.left.text, /Stable softmax/);
    assert.match(state.slots.right.text, /Track stability/);
    assert.equal(state.slots.left.route, 'pr');
    assert.ok(state.slots.left.patch?.includes('src/attention.py'));
    assert.ok(state.slots.left.checks.some((c) => c.label === 'patch applies'));
    assert.equal(state.revealed, true);
    assert.equal(state.slots.left.identity?.model, 'alpha-1');
    assert.equal(state.verdict.draft.verdict, 'left');
    assert.ok(state.verdict.savedAt !== null);
    assert.equal(api.comparePanelState()?.header?.runId, ids.won);
    const swapped = await vscode.commands.executeCommand<CompareViewState>('pairwise.openResults', { id: ids.lost });
    assert.equal(swapped.verdict.draft.verdict, 'left', 'b won and was shown on the left');
    assert.equal(swapped.slots.left.identity?.model, 'beta-2');
    const pending = await vscode.commands.executeCommand<CompareViewState>('pairwise.openResults', { id: ids.p1 });
    assert.equal(pending.revealed, false, 'blind and unjudged: names stay hidden');
    assert.deepEqual([pending.slots.left.label, pending.slots.right.label], ['A', 'B']);
    assert.equal(pending.slots.left.identity, null);
  });

  test('judgeSave maps screen slots to model sides and appends one amend', async () => {
    const written: AmendRecord[] = [];
    const fake = { tryAppend: async (r: AmendRecord) => { written.push(r); return { ok: true as const }; } };
    const r = await judgeSave({ store: fake, target: 'x1', submission: { verdict: 'left', ratings: { grounded: { left: 5, right: 2 } }, notes: ' ' },
      map: { swapped: true }, rater: 'tester', shownAt: 1000, now: new Date(4000) });
    assert.ok(r.ok);
    assert.equal(written[0].verdict, 'b', 'left is side b when swapped');
    assert.deepEqual(written[0].ratings, { grounded: { b: 5, a: 2 } });
    assert.equal(written[0].timeToVerdictMs, 3000);
    assert.equal(written[0].notes, undefined);
    assert.match(describeProblems('/x/results.jsonl', [{ file: '/x', line: 7, offset: 9, kind: 'malformed', message: 'not valid JSON', excerpt: '{' }]), /line 7/);
  });

  test('Judge Pending walks pending comparisons blind, in what-to-judge-next order, and records amends', async () => {
    const order = pendingFor(foldAmends((await store.readAll()).records), 'tester').map((c) => c.id);
    assert.ok(order.indexOf(ids.p1) >= 0 && order.indexOf(ids.p1) < order.indexOf(ids.p2), 'within one model pair the queue keeps file order');
    const session = await vscode.commands.executeCommand<JudgeSessionLike>('pairwise.judgePending', { nextDelayMs: 100 });
    let others = 0;
    /** Gives a tie to every comparison the queue shows before `id` (other tests' pending runs of other model pairs). */
    const judgeOthersUntil = async (id: string) => {
      for (;;) {
        const cur = await until(() => session.current?.rec.id);
        if (cur === id) return;
        assert.notEqual(cur, ids.p2 === id ? ids.p1 : ids.p2, 'fixture comparisons come in file order');
        assert.ok((await session.save({ runId: cur, verdict: 'tie', ratings: {}, notes: '' })).ok);
        others += 1;
        await until(() => (session.current?.rec.id !== cur ? true : undefined));
      }
    };
    try {
      assert.ok(session?.current, 'a pending comparison is shown');
      assert.equal(session.current.rec.id, order[0], 'the queue starts where core/stats/nextToJudge puts it');
      await judgeOthersUntil(ids.p1);
      const shown = await until(() => { const s = api.comparePanelState(); return s?.header?.runId === ids.p1 ? s : undefined; });
      assert.equal(shown.readOnly, false);
      assert.equal(shown.revealed, false);
      assert.deepEqual([shown.slots.left.label, shown.slots.right.label], ['A', 'B']);
      assert.match(shown.header?.paper ?? '', new RegExp(`— ${session.remaining} left$`));
      assert.ok(session.remaining >= 2);
      assert.ok(shown.maskTerms?.includes('alpha-1'));

      const saved = await session.save({ runId: ids.p1, verdict: 'left', ratings: { grounded: { left: 4 } }, notes: 'judged in test' });
      assert.ok(saved.ok, JSON.stringify(saved));
      const leftModel = saved.value.reveal!.left.label;
      const again = await session.save({ runId: ids.p1, verdict: 'right', ratings: {}, notes: '' });
      assert.equal(again.ok, false, 'a second save of the same comparison is refused');

      const { records } = await store.readAll();
      const amend = records.find((r): r is AmendRecord => r.type === 'amend' && r.target === ids.p1)!;
      assert.ok(amend, 'amend record on disk');
      assert.equal(amend.verdict, leftModel === 'fixa:alpha-1' ? 'a' : 'b', 'verdict names the model shown on the left');
      assert.equal(amend.rater, 'tester');
      assert.equal(amend.notes, 'judged in test');
      assert.ok(typeof amend.timeToVerdictMs === 'number' && amend.timeToVerdictMs >= 0);
      assert.deepEqual(amend.ratings, { grounded: { [amend.verdict as 'a' | 'b']: 4 } });

      await until(() => (session.current?.rec.id !== ids.p1 ? true : undefined));
      await judgeOthersUntil(ids.p2);
      const next = await until(() => { const s = api.comparePanelState(); return s?.header?.runId === ids.p2 ? s : undefined; });
      assert.match(next.header?.paper ?? '', /— \d+ left$/);
      const s2 = await session.save({ runId: ids.p2, verdict: 'both_bad', ratings: {}, notes: '' });
      assert.ok(s2.ok);
      assert.equal(session.judged, 2 + others);
      const view = await vscode.commands.executeCommand<DashboardView>('pairwise.showDashboard', { filters: { repo: REPO } });
      assert.equal(totals(view.data)[2], 0, 'no fixture comparison is pending any more');
    } finally {
      session?.dispose();
    }
  });
});
