import * as vscode from 'vscode';
import { log } from './log';
import type { CommandId } from './commandIds';

type Handler = (context: vscode.ExtensionContext, ...args: unknown[]) => unknown;

/** Says clearly that a capability has not landed yet, instead of a silent no-op. */
function notYet(title: string, what: string): Handler {
  return async () => {
    log().info(`${title}: not available yet (${what})`);
    await vscode.window.showInformationMessage(`Pairwise: ${title} is not available in this build yet — ${what}.`);
  };
}

const handlers: Record<CommandId, Handler> = {
  'pairwise.compare': async (context) => {
    const { openComparePanel } = await import('./compareCommand');
    return openComparePanel(context);
  },
  'pairwise.pinPaper': notYet('Pin Paper', 'pinning arXiv ids, PDFs and briefs lands with the context/paper work'),
  'pairwise.previewContext': notYet('Preview Context', 'the context manifest preview lands with the context/paper work'),
  'pairwise.chooseModels': notYet('Choose Models', 'provider presets land with the providers work'),
  'pairwise.setApiKey': notYet('Set API Key', 'keys in SecretStorage land with the providers work'),
  'pairwise.showDashboard': notYet('Show Dashboard', 'the leaderboard lands with the results work'),
  'pairwise.export': notYet('Export', 'exports land with the results work'),
  'pairwise.openResults': notYet('Open Results', 'the results file lands with the results work'),
};

/** Registers every contributed command and logs each invocation (never arguments, which may hold keys). */
export function registerCommands(context: vscode.ExtensionContext): void {
  for (const [id, handler] of Object.entries(handlers)) {
    context.subscriptions.push(vscode.commands.registerCommand(id, async (...args: unknown[]) => {
      log().info(`command ${id}`);
      try {
        return await handler(context, ...args);
      } catch (err) {
        const message = err instanceof Error ? err.message : String(err);
        log().error(`command ${id} failed: ${message}`);
        void vscode.window.showErrorMessage(`Pairwise: ${message}`);
        return undefined;
      }
    }));
  }
}
