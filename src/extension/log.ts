import * as vscode from 'vscode';

const KEY = Symbol.for('pairwise.log');
type Holder = { [KEY]?: vscode.LogOutputChannel };

/** The shared "Pairwise" log channel (one per extension host, shared by both bundles). Never log keys. */
export function log(): vscode.LogOutputChannel {
  const g = globalThis as Holder;
  g[KEY] ??= vscode.window.createOutputChannel('Pairwise', { log: true });
  return g[KEY];
}
