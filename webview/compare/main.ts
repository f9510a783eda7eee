/** Entry of the compare webview (started by webview/main.ts, bundled to dist/webview.js): wires the VS Code API, the messenger and the app. */
import { Messenger } from '../../src/shared/messenger';
import { REQUEST_TIMEOUT_MS, type CompareHostProtocol, type CompareWebviewProtocol } from '../../src/shared/compareProtocol';
import type { PanelCommand } from '../../src/shared/panelProtocol';
import { vscodeApi, webviewTransport } from '../shared/vscodeApi';
import { CompareApp } from './app';
import { copyBlocksExactly } from './rawBlocks';
import { parsePersistedState } from '../../src/shared/compare/savedState';

const api = vscodeApi();
const messenger = new Messenger<CompareWebviewProtocol, CompareHostProtocol>(webviewTransport(api, window), { timeouts: REQUEST_TIMEOUT_MS });
const report = (message: string) => messenger.notify('webview/error', { message: message.slice(0, 4000) });
window.addEventListener('error', (e) => report(`${e.message} (${e.filename}:${e.lineno})`));
window.addEventListener('unhandledrejection', (e) => report(`Unhandled rejection: ${String(e.reason)}`));

const placeholder = document.getElementById('placeholder') as HTMLElement;
const root = document.getElementById('compare') as HTMLElement;
const live = document.getElementById('pw-live') as HTMLElement;
for (const b of document.querySelectorAll<HTMLButtonElement>('[data-command]')) {
  b.addEventListener('click', () => messenger.notify('command/run', { command: b.dataset.command as PanelCommand }));
}
/** Live-region announcements are appended (screen readers read additions in order), keeping the last few. */
const announce = (text: string) => {
  const line = document.createElement('p');
  line.textContent = text;
  live.append(line);
  while (live.childElementCount > 8) live.firstElementChild?.remove();
};
const app = new CompareApp(placeholder, root, messenger, parsePersistedState(api.getState()), (s) => api.setState(s), announce);
window.addEventListener('pagehide', () => app.flush());
copyBlocksExactly(document);
document.addEventListener('visibilitychange', () => { if (document.visibilityState === 'hidden') app.flush(); });
messenger.notify('webview/ready', { view: 'compare', lastSeq: app.lastSeq });
