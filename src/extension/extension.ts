import * as vscode from 'vscode';
import { log } from './log';
import { registerCommands } from './commands';
import { ComparePanel } from './panels/comparePanel';
import { registerPatchDocuments } from './patchDiff';
import type { CompareViewState } from '../protocol';

/** What activate() returns: activation timing (bench, tests) and the compare panel's current state (tests). */
export interface PairwiseApi { activationMs: number; comparePanelState(): CompareViewState | undefined }

/** Entry point: registers commands, the panel serializer and virtual documents; heavy modules load on first use. */
export function activate(context: vscode.ExtensionContext): PairwiseApi {
  const t0 = performance.now();
  registerCommands(context);
  context.subscriptions.push(
    ComparePanel.registerSerializer(context.extensionUri, { log: (l) => log().info(l) }),
    registerPatchDocuments(),
  );
  const activationMs = performance.now() - t0;
  log().info(`activated in ${activationMs.toFixed(1)} ms (VS Code ${vscode.version}, Node ${process.versions.node})`);
  setTimeout(() => { void import('./paperPin').then((m) => m.showPinnedPaper(context)); }, 0); // status bar pin, after activation
  return { activationMs, comparePanelState: () => ComparePanel.current?.viewState };
}

/** Nothing to tear down beyond the disposables in context.subscriptions. */
export function deactivate(): void {}
