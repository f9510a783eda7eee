/** Opens a link from model output only after the developer confirms it in a modal dialog. */
import * as vscode from 'vscode';
import type { Result } from '../../shared/messenger';
import { checkLink } from '../../shared/compare/linkPolicy';
import { revealBidi } from '../../shared/outsideText';

/** Vets the link (http(s)/mailto only), asks, then opens or copies it. */
export async function confirmAndOpenLink(raw: string): Promise<Result<{ opened: boolean }>> {
  const link = checkLink(raw);
  if (!link.ok) return { ok: false, error: { code: 'rejected', message: link.reason } };
  const warning = link.hasCredentials ? '\n\nWarning: the link carries a user name or password.' : '';
  // Not through notify.ts: the dialog must show the link exactly as it will be opened (a modal's detail is plain text).
  // eslint-disable-next-line no-restricted-syntax
  const choice = await vscode.window.showWarningMessage('Open a link from model output?',
    { modal: true, detail: `Host: ${revealBidi(link.host)}\n\n${revealBidi(link.href)}${warning}` }, 'Open Link', 'Copy Link');
  if (choice === 'Open Link') return { ok: true, value: { opened: await vscode.env.openExternal(vscode.Uri.parse(link.href, true)) } };
  if (choice === 'Copy Link') await vscode.env.clipboard.writeText(link.href);
  return { ok: true, value: { opened: false } };
}
