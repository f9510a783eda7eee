// Entry of dist/extensionImpl.js: everything behind the commands, loaded on first use so activation stays
// small (the SDKs, the tokenizer, PDF text extraction and the rest of src/core live here).
import type * as vscode from 'vscode';
import { ComparePanel } from './panels/comparePanel';
import { DashboardPanel } from './panels/dashboardPanel';
import { log } from './log';
import type { CompareViewState, VerdictSubmission } from '../shared/compareProtocol';
import type { Result } from '../shared/messenger';

export { commandHandlers } from './commands';
export { showPinnedPaper } from './paperPin';
export { dashboardData } from './results/testHooks';

/** Re-attaches a compare panel VS Code restored after a reload; nothing is re-sent. */
export function reviveCompare(context: vscode.ExtensionContext, panel: vscode.WebviewPanel, state: unknown): void {
  ComparePanel.revive(panel, context.extensionUri, state, { log: (l) => log().info(l) });
}

/** Re-attaches a dashboard panel after a reload. */
export function reviveDashboard(context: vscode.ExtensionContext, panel: vscode.WebviewPanel, state: unknown): void {
  const p = DashboardPanel.revive(panel, context.extensionUri, state, { log: (l: string) => log().info(l) });
  void import('./results/showDashboard').then((m) => m.attachDashboard(context, p)); // follow filters and file changes again
}

/** The compare panel's current state (integration tests). */
export function comparePanelState(): CompareViewState | undefined {
  return ComparePanel.current?.viewState;
}

/** Saves a verdict on the compare panel exactly as the webview's verdict/save request does (integration tests). */
export function compareSubmitVerdict(s: VerdictSubmission): Promise<Result<{ savedAt: number }>> | undefined {
  return ComparePanel.current?.submitVerdict(s);
}
