/**
 * The HTML shell of Pairwise webviews with a strict Content-Security-Policy. Pure (no vscode import) so the
 * policy is unit-tested in Node: default-src 'none', scripts only with a crypto nonce, styles/fonts from the
 * webview origin, images from the webview origin and data: only (remote images in model output never load).
 */
import { randomBytes } from 'node:crypto';

/** What the shell needs to know about the webview and its resources (all URIs already webview URIs). */
export interface WebviewHtmlInput {
  cspSource: string; nonce: string; title: string; view: 'compare' | 'dashboard';
  scriptUri: string; styleUri: string; codiconUri: string;
}

/** A fresh CSP nonce: 16 random bytes from node:crypto, base64. */
export function makeNonce(): string { return randomBytes(16).toString('base64'); }

/** The Content-Security-Policy for a webview origin and nonce. */
export function buildCsp(cspSource: string, nonce: string): string {
  return [`default-src 'none'`, `script-src 'nonce-${nonce}'`, `style-src ${cspSource}`, `font-src ${cspSource}`,
    `img-src ${cspSource} data:`].join('; ') + ';';
}

/** Escapes text for an HTML attribute or text node. */
export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] ?? c);
}

/** Escapes a double-quoted attribute value (single quotes stay readable, e.g. in the CSP). */
function escapeAttr(s: string): string { return s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] ?? c); }

const PLACEHOLDER_BUTTONS: readonly { command: string; icon: string; label: string; primary?: boolean }[] = [
  { command: 'compare/start', icon: 'split-horizontal', label: 'Start a comparison', primary: true },
  { command: 'sample/open', icon: 'beaker', label: 'Open sample comparison' },
  { command: 'models/choose', icon: 'settings-gear', label: 'Choose models' },
  { command: 'paper/pin', icon: 'pinned', label: 'Pin a paper' },
  { command: 'dashboard/show', icon: 'graph', label: 'Show dashboard' },
];

function placeholderHtml(): string {
  const buttons = PLACEHOLDER_BUTTONS.map((b) => `<button type="button" class="pw-button${b.primary ? ' pw-primary' : ''}" data-command="${b.command}">`
    + `<span class="codicon codicon-${b.icon}" aria-hidden="true"></span><span>${escapeHtml(b.label)}</span></button>`).join('\n        ');
  return `<section id="placeholder" class="pw-placeholder" aria-labelledby="pw-title">
      <h1 id="pw-title">Pairwise</h1>
      <p>Send the same repository context and pinned paper to two models, read both drafts side by side, and judge them blind.
        Each model decides whether the paper deserves a pull request, an issue, or nothing at all.</p>
      <div class="pw-actions">
        ${buttons}
      </div>
    </section>`;
}

/** The full HTML document of a Pairwise webview. */
export function getWebviewHtml(input: WebviewHtmlInput): string {
  const { cspSource, nonce } = input;
  const body = input.view === 'compare'
    ? `${placeholderHtml()}\n    <div id="compare" class="pw-compare" hidden></div>`
    : `<div id="dashboard" class="pw-dashboard"><h1>Pairwise dashboard</h1><p class="pw-muted">Loading…</p></div>`;
  return `<!DOCTYPE html>
<html lang="en">
<head>
  <meta charset="UTF-8">
  <meta http-equiv="Content-Security-Policy" content="${escapeAttr(buildCsp(cspSource, nonce))}">
  <meta name="viewport" content="width=device-width, initial-scale=1.0">
  <link rel="stylesheet" href="${escapeHtml(input.codiconUri)}">
  <link rel="stylesheet" href="${escapeHtml(input.styleUri)}">
  <title>${escapeHtml(input.title)}</title>
</head>
<body data-view="${input.view}">
  <main id="app">
    ${body}
    <div id="pw-live" class="pw-visually-hidden" role="status" aria-live="polite"></div>
  </main>
  <script nonce="${escapeHtml(nonce)}" src="${escapeHtml(input.scriptUri)}"></script>
</body>
</html>`;
}
