/** The webview end of the VS Code bridge: `acquireVsCodeApi()` (callable once) and a transport for Messenger. */
import type { Disposable, MessageTransport } from '../../src/shared/messenger';

/** The object VS Code injects into webviews. */
export interface VsCodeApi { postMessage(msg: unknown): void; getState(): unknown; setState(state: unknown): void }
declare function acquireVsCodeApi(): VsCodeApi;

let api: VsCodeApi | undefined;
/** The VS Code API (acquired on first use). */
export function vscodeApi(): VsCodeApi { return (api ??= acquireVsCodeApi()); }

/** A Messenger transport over postMessage and the window's message events. */
export function webviewTransport<Sent>(target: VsCodeApi, win: Window): MessageTransport<Sent> {
  return {
    post: (m) => target.postMessage(m),
    subscribe: (listener): Disposable => {
      const h = (e: MessageEvent<unknown>) => listener(e.data);
      win.addEventListener('message', h);
      return { dispose: () => win.removeEventListener('message', h) };
    },
  };
}
