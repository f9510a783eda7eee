import * as vscode from 'vscode';
import { safeLog, type PairwiseLog } from './safeLog';

const KEY = Symbol.for('pairwise.log');
type Holder = { [KEY]?: vscode.LogOutputChannel };

/** The shared "Pairwise" log channel (one per extension host, shared by both bundles), messages made safe (safeLog). Never log keys. */
export function log(): PairwiseLog {
  const g = globalThis as Holder;
  g[KEY] ??= vscode.window.createOutputChannel('Pairwise', { log: true });
  return safeLog(g[KEY]);
}
