import * as vscode from 'vscode';
import { plainUiText as uiText } from '../shared/outsideText';

const KEY = Symbol.for('pairwise.statusBar');
type Items = { compare: vscode.StatusBarItem; paper: vscode.StatusBarItem };
type Holder = { [KEY]?: Items };

/** The pinned paper as stored per workspace by Pairwise: Pin Paper. */
export const PIN_KEY = 'pairwise.pinnedPaper';

/** Creates (once per extension host, shared by both bundles) and refreshes the Compare button and the paper pin. */
export function updateStatusBar(context: vscode.ExtensionContext): void {
  const g = globalThis as Holder;
  if (!g[KEY]) {
    const compare = vscode.window.createStatusBarItem('pairwise.compare', vscode.StatusBarAlignment.Left, 11);
    compare.name = 'Pairwise: Compare';
    compare.text = '$(split-horizontal) Compare';
    compare.tooltip = 'Pairwise: compare two models on the pinned paper';
    compare.command = 'pairwise.compare';
    const paper = vscode.window.createStatusBarItem('pairwise.paper', vscode.StatusBarAlignment.Left, 10);
    paper.name = 'Pairwise: pinned paper';
    paper.command = 'pairwise.pinPaper';
    g[KEY] = { compare, paper };
    context.subscriptions.push(compare, paper);
  }
  const { compare, paper } = g[KEY];
  const pin = context.workspaceState.get<{ title: string }>(PIN_KEY);
  const title = pin ? uiText(pin.title) : '';
  paper.text = pin ? `$(pin) ${title.length > 40 ? `${title.slice(0, 39)}…` : title}` : '$(pin) Pin paper';
  paper.tooltip = pin ? `Pairwise paper: ${title}\nClick to pin another` : 'Pairwise: pin a paper to compare models on';
  compare.show(); paper.show();
}
