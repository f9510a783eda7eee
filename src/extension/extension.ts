import * as vscode from 'vscode';
import { log } from './log';
import { registerCommands } from './commands';

/** Activation timing, exposed to the integration tests and the activation bench. */
export interface PairwiseApi { activationMs: number }

/** Entry point: registers commands only; heavy modules load on first use. */
export function activate(context: vscode.ExtensionContext): PairwiseApi {
  const t0 = performance.now();
  registerCommands(context);
  const activationMs = performance.now() - t0;
  log().info(`activated in ${activationMs.toFixed(1)} ms (VS Code ${vscode.version}, Node ${process.versions.node})`);
  return { activationMs };
}

/** Nothing to tear down beyond the disposables in context.subscriptions. */
export function deactivate(): void {}
