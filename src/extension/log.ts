import * as vscode from 'vscode';

let channel: vscode.LogOutputChannel | undefined;

/** The shared "Pairwise" log channel; created on first use. Never log keys: pass text through redact first. */
export function log(): vscode.LogOutputChannel {
  channel ??= vscode.window.createOutputChannel('Pairwise', { log: true });
  return channel;
}
