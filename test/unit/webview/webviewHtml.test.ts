import { test, describe } from 'node:test';
import assert from 'node:assert/strict';
import { buildCsp, getWebviewHtml, makeNonce } from '../../../src/extension/panels/webviewHtml';

const input = (view: 'compare' | 'dashboard') => ({ cspSource: 'https://file+.vscode-resource.vscode-cdn.net', nonce: makeNonce(), title: 'Pairwise <test>', view,
  scriptUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/webview.js', styleUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/media/pairwise.css',
  codiconUri: 'https://file+.vscode-resource.vscode-cdn.net/ext/dist/codicons/codicon.css' });

describe('webview HTML and CSP', () => {
  for (const view of ['compare', 'dashboard'] as const) {
    test(`${view}: strict CSP, nonce on every script`, () => {
      const i = input(view);
      const html = getWebviewHtml(i);
      const csp = /<meta http-equiv="Content-Security-Policy" content="([^"]+)">/.exec(html)?.[1] ?? '';
      assert.ok(csp.startsWith("default-src 'none';"), csp);
      assert.ok(csp.includes(`script-src 'nonce-${i.nonce}'`));
      assert.ok(csp.includes(`img-src ${i.cspSource} data:`));
      assert.ok(csp.includes(`style-src ${i.cspSource};`) && csp.includes(`font-src ${i.cspSource};`));
      assert.doesNotMatch(html, /unsafe-inline|unsafe-eval|\*/);
      const scripts = [...html.matchAll(/<script\b([^>]*)>/g)];
      assert.ok(scripts.length >= 1);
      for (const s of scripts) assert.ok(s[1].includes(`nonce="${i.nonce}"`), s[0]);
      assert.doesNotMatch(html, /\sstyle=|\son[a-z]+=/i, 'no inline styles or handlers');
      assert.ok(html.includes('Pairwise &lt;test&gt;'), 'title escaped');
    });
  }
  test('compare placeholder: h1 "Pairwise" and command buttons', () => {
    const html = getWebviewHtml(input('compare'));
    assert.match(html, /<h1 id="pw-title">Pairwise<\/h1>/);
    assert.match(html, /data-command="sample\/open"[^>]*>.*Open sample comparison/);
    assert.match(html, /data-command="compare\/start"/);
  });
  test('nonces are 16 random bytes and differ', () => {
    const a = makeNonce(), b = makeNonce();
    assert.notEqual(a, b);
    assert.equal(Buffer.from(a, 'base64').length, 16);
    assert.equal(buildCsp('S', 'N'), "default-src 'none'; script-src 'nonce-N'; style-src S; font-src S; img-src S data:;");
  });
});
