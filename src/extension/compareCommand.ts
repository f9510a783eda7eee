import * as vscode from 'vscode';

/** Opens the compare panel (placeholder until a run is attached). */
export async function openComparePanel(context: vscode.ExtensionContext): Promise<void> {
  const { ComparePanel } = await import('./panels/comparePanel');
  ComparePanel.createOrShow(context.extensionUri);
}
