import * as vscode from 'vscode';
import type { CommandId } from './commandIds';
import { KeyStore } from './keys';

/** A command implementation: the extension context, then the command's arguments. */
export type Handler = (context: vscode.ExtensionContext, ...args: unknown[]) => unknown;

const keysOf = (c: vscode.ExtensionContext) => new KeyStore(c.secrets);
const argOf = <T>(args: unknown[]): T | undefined => (args[0] && typeof args[0] === 'object' ? args[0] as T : undefined);

/** The implementation of every contributed command (loaded lazily, in dist/extensionImpl.js). */
export const commandHandlers: Record<CommandId, Handler> = {
  'pairwise.compare': async (context, ...args) => (await import('./compare/controller')).runCompare(context, argOf(args)),
  'pairwise.openSample': async (context) => (await import('./compare/sample')).openSampleComparison(context.extensionUri),
  'pairwise.chooseModels': async (_c, ...args) => (await import('./models')).chooseModels(argOf(args)),
  'pairwise.setApiKey': async (context, ...args) => (await import('./models')).setApiKey(keysOf(context), argOf(args)),
  'pairwise.testConnection': async (context, ...args) => (await import('./testConnection')).testConnection(keysOf(context), argOf(args)),
  'pairwise.pinPaper': async (context, ...args) => (await import('./paperPin')).pinPaper(context, argOf(args)),
  'pairwise.previewContext': async (context) => (await import('./compare/controller')).previewContext(context),
  'pairwise.showDashboard': async (context, ...args) => (await import('./results/showDashboard')).showDashboard(context, argOf(args)),
  'pairwise.export': async (context, ...args) => (await import('./results/exportResults')).exportResults(context, argOf(args)),
  'pairwise.openResults': async (context, ...args) => (await import('./results/openResults')).openResults(context, argOf(args)),
  'pairwise.judgePending': async (context, ...args) => (await import('./results/judgePending')).judgePending(context, argOf(args)),
  'pairwise.askJudge': async (context, ...args) => (await import('./judge/askJudge')).askJudgeCommand(context, argOf(args)),
};
