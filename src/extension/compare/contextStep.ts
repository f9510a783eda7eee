import * as vscode from 'vscode';
import { isAbsolute, join } from 'node:path';
import { buildWhenTrusted } from '../../core/context/trustGate';
import { prepareRun, type PreparedRun } from '../../core/session/prepare';
import { loadTemplateFile } from '../../core/prompt/templateLoader';
import type { PromptTemplate } from '../../core/prompt/template';
import { renderManifestMarkdown } from '../../core/context/manifest';
import type { Paper } from '../../core/paper/types';
import { plainHttpWarnings } from '../../core/providers/presets';
import type { ResolvedSide, SideId } from '../../core/providers/types';
import { log } from '../log';
import { readSettings } from '../settings';
import { showError, showWarning } from '../notify';
import { CONSENT_HOSTS_KEY, consentedDestinations, sendDestinations, unconsentedDestinations, withConsent } from './sendConsent';

/** The context of one run: what will be sent and its manifest (core/session's prepared run). */
export type PreparedContext = PreparedRun;

/** Builds the context (listing, ranking, budget, secret scan) with progress; shows errors. Never in an untrusted workspace. */
export async function prepareContext(root: string, paper: Paper | undefined, budgetTokens: number, pool?: Paper[]): Promise<PreparedContext | undefined> {
  const gated = await buildWhenTrusted(vscode.workspace.isTrusted, () => prepareTrusted(root, paper, budgetTokens, pool));
  if (!gated.ok) { void showWarning(`Pairwise: ${gated.refusal}`); log().warn('context: refused in an untrusted workspace'); return undefined; }
  return gated.value;
}

async function prepareTrusted(root: string, paper: Paper | undefined, budgetTokens: number, pool?: Paper[]): Promise<PreparedContext | undefined> {
  const { pinnedFiles, promptTemplate: templatePath } = readSettings();
  let template: PromptTemplate | undefined;
  if (templatePath) {
    const t = await loadTemplateFile(isAbsolute(templatePath) ? templatePath : join(root, templatePath));
    if (!t.ok) { void showError(`Pairwise: pairwise.promptTemplate: ${t.error}`); return undefined; }
    template = t.template;
  }
  const editor = vscode.window.activeTextEditor;
  const editorSelection = editor && !editor.selection.isEmpty && editor.document.uri.scheme === 'file'
    ? { path: editor.document.uri.fsPath, startLine: editor.selection.start.line + 1, endLine: editor.selection.end.line + 1, text: editor.document.getText(editor.selection) } : undefined;
  try {
    const built = await vscode.window.withProgress({ location: vscode.ProgressLocation.Window, title: 'Pairwise: building context' },
      () => prepareRun({ repoRoot: root, mode: pool ? 'selection' : 'pin', papers: pool ?? (paper ? [paper] : []), budgetTokens, editorSelection, pinnedFiles, template }));
    if (!built.ok) { void showError(`Pairwise: ${built.error}`); log().error(`context: ${built.error}`); return undefined; }
    const run = built.run;
    for (const w of run.warnings) log().warn(`context: ${w}`);
    log().info(`context: ${run.manifest.files.length} files, ${run.manifest.totals.tokens} tokens, ${run.manifest.redactions.length} redactions, manifest ${run.manifest.manifestHash.slice(0, 12)}`);
    return run;
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    log().error(`context: ${msg}`);
    void showError(`Pairwise: could not build the context: ${msg}`);
    return undefined;
  }
}

/** Shows the manifest rendered (VS Code's Markdown preview, a webview) beside the editor; the source stays open as a document. */
export async function showManifest(p: PreparedContext): Promise<void> {
  const doc = await vscode.workspace.openTextDocument({ language: 'markdown', content: renderManifestMarkdown(p.manifest) });
  const shown = await vscode.commands.executeCommand('markdown.showPreviewToSide', doc.uri).then(() => true, () => false);
  if (!shown) await vscode.window.showTextDocument(doc, { preview: true, viewColumn: vscode.ViewColumn.Beside }); // no Markdown extension
}

/**
 * The first send to a destination asks for consent with the totals (or the manifest); later sends to destinations
 * this workspace consented to go straight on. A side moved to another host asks again, naming it.
 */
export async function confirmSend(context: vscode.ExtensionContext, p: PreparedContext, sides: Record<SideId, ResolvedSide>, preapproved: boolean): Promise<boolean> {
  const stored = context.workspaceState.get<unknown>(CONSENT_HOSTS_KEY);
  const fresh = unconsentedDestinations(stored, sides);
  if (!fresh.length) return true;
  if (preapproved) { await context.workspaceState.update(CONSENT_HOSTS_KEY, withConsent(stored, sides)); return true; }
  const t = p.manifest.totals;
  const hosts = sendDestinations(sides);
  const known = consentedDestinations(stored);
  const detail = `${t.files} files and the paper (${t.tokens.toLocaleString()} tokens in all) go to ${hosts.join(' and ')}. ${p.manifest.redactions.length} secret(s) redacted, ${p.manifest.omitted.length} file(s) left out. `
    + (known.length ? `This workspace has not sent to ${fresh.join(' or ')} before. ` : '')
    + plainHttpWarnings(Object.values(sides).map((s) => s.preset.baseUrl)).map((w) => `Warning: ${w}. `).join('')
    + 'This question is asked once per workspace and destination.';
  for (;;) {
    const pick = await showWarning('Pairwise: send this repo context to both providers?', { modal: true, detail }, 'Send', 'Preview Manifest');
    if (pick === 'Send') { await context.workspaceState.update(CONSENT_HOSTS_KEY, withConsent(stored, sides)); log().info(`consent given for this workspace: ${fresh.join(', ')}`); return true; }
    if (pick !== 'Preview Manifest') return false;
    await showManifest(p);
  }
}
