import * as vscode from 'vscode';
import { join } from 'node:path';
import { log } from './log';
import { COMMAND_IDS } from './commandIds';
import { updateStatusBar } from './statusBar';
import type * as Impl from './impl';
import type { CompareViewState, VerdictSubmission } from '../shared/compareProtocol';
import type { Result } from '../shared/messenger';
import type { DashboardData } from '../shared/dashboardProtocol';
import { showError, shownMessages, type ShownMessage } from './notify';

/** What activate() returns: activation timing (bench, tests) and the compare panel's current state (tests). */
export interface PairwiseApi {
  activationMs: number; comparePanelState(): CompareViewState | undefined; dashboardData(): DashboardData | undefined;
  /** The last notifications as VS Code received them (tests: outside text stays text). */
  shownMessages(): readonly ShownMessage[];
  /** Saves a verdict on the compare panel the way its webview does (tests). */
  compareSubmitVerdict(s: VerdictSubmission): Promise<Result<{ savedAt: number }>> | undefined;
}

let impl: typeof Impl | undefined;
/** Loads dist/extensionImpl.js (everything behind the commands) on first use. */
function loadImpl(): typeof Impl {
  // A runtime path, so esbuild keeps it a separate bundle instead of inlining it.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  impl ??= require(join(__dirname, 'extensionImpl.js')) as typeof Impl;
  return impl;
}

/** Entry point: registers the commands and panel serializers only; their implementation loads on first use. */
export function activate(context: vscode.ExtensionContext): PairwiseApi {
  const t0 = performance.now();
  for (const id of COMMAND_IDS) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      log().info(`command ${id}`); // never the arguments: they may hold keys
      try {
        return await loadImpl().commandHandlers[id](context, ...args);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log().error(`command ${id} failed: ${message}`);
        void showError(`Pairwise: ${message}`);
        return undefined;
      }
    }));
  }
  context.subscriptions.push(
    vscode.window.registerWebviewPanelSerializer('pairwise.compare', { deserializeWebviewPanel: async (p, s: unknown) => loadImpl().reviveCompare(context, p, s) }),
    vscode.window.registerWebviewPanelSerializer('pairwise.dashboard', { deserializeWebviewPanel: async (p, s: unknown) => loadImpl().reviveDashboard(context, p, s) }),
  );
  const activationMs = performance.now() - t0;
  log().info(`activated in ${activationMs.toFixed(1)} ms (VS Code ${vscode.version}, Node ${process.versions.node})`);
  updateStatusBar(context); // Compare button and the paper pin
  return { activationMs, comparePanelState: () => impl?.comparePanelState(), dashboardData: () => impl?.dashboardData(), shownMessages,
    compareSubmitVerdict: (s) => impl?.compareSubmitVerdict(s) };
}

/** Nothing to tear down beyond the disposables in context.subscriptions. */
export function deactivate(): void {}
