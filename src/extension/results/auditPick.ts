/**
 * The dashboard's audit cells: the comparisons behind an off-diagonal cell of a judge's agreement matrix, listed in a
 * quick pick that stays open so they can be opened one by one (read-only, in the compare panel) and exported.
 */
import * as vscode from 'vscode';
import type { EffectiveComparison, JudgeOpinion } from '../../core/results/foldAmends';
import { judgeVerdict } from '../../core/stats/judges';
import { describeComparison, showPastComparison } from './openResults';
import { loadResults } from './resultsSource';
import { uiText } from '../notify';
import { log } from '../log';

const SAY: Record<string, string> = { a: 'A', b: 'B', tie: 'tie', both_bad: 'both bad' };

/** One line on what each judge said about a comparison (verdict, outcome, the first reason given). */
export function judgeLine(op: JudgeOpinion): string {
  const v = judgeVerdict(op);
  const reason = op.judge.orders.find((o) => o.reason)?.reason ?? '';
  const head = `${op.rater}: ${v === null ? op.judge.outcome : SAY[v]}${op.judge.outcome === 'inconsistent' ? ' (orders disagree)' : ''}`;
  return reason ? `${head} — ${reason.replace(/\s+/g, ' ').slice(0, 160)}` : head;
}

type Item = vscode.QuickPickItem & { id?: string; exportAll?: boolean };

/** What the audit pick shows (for automation and tests). */
export interface AuditPickView { readonly title: string; readonly ids: readonly string[]; readonly opened: readonly string[]; hide(): void }

let current: AuditPickView | undefined;
/** The audit pick open now, if any (tests). */
export function currentAuditPick(): AuditPickView | undefined { return current; }

/** Lists the cell's comparisons; picking one opens it read-only and keeps the list open for the next. */
export async function showAuditPick(context: vscode.ExtensionContext, ids: readonly string[], title: string): Promise<AuditPickView> {
  const { store, comparisons } = await loadResults(context);
  const want = new Set(ids);
  const found: EffectiveComparison[] = comparisons.filter((c) => want.has(c.id));
  const qp = vscode.window.createQuickPick<Item>();
  const opened: string[] = [];
  qp.title = uiText(`Audit: ${title} (${found.length})`);
  qp.placeholder = 'Open a comparison to read both drafts and the verdicts; Escape closes this list';
  qp.ignoreFocusOut = true;
  qp.matchOnDetail = true;
  const items = (): Item[] => [
    ...found.map((c): Item => {
      const d = describeComparison(c);
      return { ...d, id: c.id, description: `${opened.includes(c.id) ? '$(eye) ' : ''}${d.description ?? ''}`, detail: uiText(`${d.detail ?? ''} · ${c.judgeOpinions.map(judgeLine).join(' · ')}`) };
    }),
    { label: '', kind: vscode.QuickPickItemKind.Separator },
    { label: '$(export) Export the whole audit set…', detail: 'Every disagreement of every judge as CSV (pairwise export --format audit)', exportAll: true },
  ];
  qp.items = items();
  qp.onDidAccept(async () => {
    const pick = qp.selectedItems[0];
    if (!pick) return;
    if (pick.exportAll) { qp.hide(); await vscode.commands.executeCommand('pairwise.export', { format: 'audit' }); return; }
    const c = found.find((x) => x.id === pick.id);
    if (!c) return;
    try { await showPastComparison(context.extensionUri, store, c); } catch (e) { log().error(`audit: ${(e as Error).message}`); }
    if (!opened.includes(c.id)) opened.push(c.id);
    const active = qp.activeItems[0]?.id;
    qp.items = items();
    qp.activeItems = qp.items.filter((i) => i.id === active);
    qp.show();
  });
  const view: AuditPickView = { title: qp.title, ids: found.map((c) => c.id), opened, hide: () => qp.hide() };
  qp.onDidHide(() => { qp.dispose(); if (current === view) current = undefined; });
  current = view;
  qp.show();
  return view;
}
