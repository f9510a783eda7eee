/** The judge model of the editor's judge commands: pairwise.judge.model, resolved like a side, its key from SecretStorage. */
import * as vscode from 'vscode';
import type { ResolvedSide } from '../../core/providers/types';
import { KeyStore } from '../keys';
import { pickSide, resolveConfiguredSpec } from '../models';
import { readSettings } from '../settings';
import { log } from '../log';
import { showError, showWarning } from '../notify';

/** Why nothing is sent from an untrusted workspace (the same gate as Compare). */
export const UNTRUSTED_JUDGE_MESSAGE = 'Pairwise sends nothing from an untrusted workspace, the judge included: the repo could carry settings that redirect data. '
  + 'Trust this folder (Workspaces: Manage Workspace Trust) to ask the judge.';

/** False (with the message) in an untrusted workspace. */
export function judgeAllowed(): boolean {
  if (vscode.workspace.isTrusted) return true;
  void showWarning(`Pairwise: ${UNTRUSTED_JUDGE_MESSAGE}`);
  return false;
}

/** The configured judge, asking for one (and saving it to the user's settings) when none is set; undefined when dismissed or unusable. */
export async function resolveJudge(context: vscode.ExtensionContext): Promise<ResolvedSide | undefined> {
  let text = readSettings().judgeModel.trim();
  if (!text) {
    const picked = await pickSide('Judge model', '');
    if (!picked) return undefined;
    await vscode.workspace.getConfiguration('pairwise').update('judge.model', picked, vscode.ConfigurationTarget.Global);
    log().info(`judge model: ${picked}`);
    text = picked;
  }
  const r = await resolveConfiguredSpec(text, new KeyStore(context.secrets));
  if ('error' in r) { void showError(`Pairwise: judge model (pairwise.judge.model): ${r.error}`); return undefined; }
  if (r.preset.auth !== 'none' && !r.apiKey) {
    const pick = await showError(`Pairwise: no API key for ${r.preset.label} (the judge model).`, 'Set API Key');
    if (pick) await vscode.commands.executeCommand('pairwise.setApiKey', { preset: r.preset.id });
    return undefined;
  }
  return r;
}
