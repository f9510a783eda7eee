/** Webview options and HTML shared by the Pairwise panels (compare, dashboard). */
import * as vscode from 'vscode';
import { getWebviewHtml, makeNonce } from './webviewHtml';

/** Webview options shared by Pairwise panels: scripts on, resources only from dist/ and media/. */
export function webviewOptions(extensionUri: vscode.Uri): vscode.WebviewOptions {
  return { enableScripts: true, enableCommandUris: false, localResourceRoots: [vscode.Uri.joinPath(extensionUri, 'dist'), vscode.Uri.joinPath(extensionUri, 'media')] };
}

/** HTML for a Pairwise webview with a fresh nonce. */
export function htmlFor(webview: vscode.Webview, extensionUri: vscode.Uri, view: 'compare' | 'dashboard', title: string): string {
  const uri = (...p: string[]) => webview.asWebviewUri(vscode.Uri.joinPath(extensionUri, ...p)).toString();
  return getWebviewHtml({
    cspSource: webview.cspSource, nonce: makeNonce(), title, view,
    scriptUri: uri('dist', 'webview.js'), // one bundle: it starts the view the page names
    styleUri: uri('media', 'pairwise.css'), codiconUri: uri('dist', 'codicons', 'codicon.css'),
  });
}
