/** Entry of the compare webview (bundled to dist/webview.js). */
import { Messenger, REQUEST_TIMEOUT_MS, type HostProtocol, type WebviewProtocol } from '../../src/protocol';
import { vscodeApi, webviewTransport } from '../shared/vscodeApi';
import { parsePersistedState } from './persistedState';
import { applySeqEvent, applySnapshot } from './viewReducer';

const api = vscodeApi();
const persisted = parsePersistedState(api.getState());
let view = persisted?.view ?? null;
const messenger = new Messenger<WebviewProtocol, HostProtocol>(webviewTransport(api, window), { timeouts: REQUEST_TIMEOUT_MS });

for (const b of document.querySelectorAll<HTMLButtonElement>('[data-command]')) {
  b.addEventListener('click', () => messenger.notify('command/run', { command: b.dataset.command as WebviewProtocol['notifications']['command/run']['command'] }));
}
messenger.onNotification('run/state', ({ state }) => { view = applySnapshot(view, state); api.setState({ view, ui: persisted?.ui }); });
messenger.onNotification('run/event', ({ seq, event }) => {
  if (!view) return;
  const r = applySeqEvent(view, seq, event);
  view = r.state;
  if (r.outcome === 'gap') messenger.notify('run/resync', { lastSeq: view.seq });
});
messenger.notify('webview/ready', { view: 'compare', lastSeq: view?.seq ?? null });
