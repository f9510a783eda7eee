/**
 * What every Pairwise panel's webview sends whatever its view: the ready handshake, toolbar commands and
 * error reports. compareProtocol.ts and dashboardProtocol.ts extend it. Pure: no vscode, no DOM, no Node.
 */
import { isObj, isStr } from './guards';

/** The views the one webview bundle can show. */
export type ViewName = 'compare' | 'dashboard';
/** Buttons of the placeholder and the dashboard: the host maps them to commands. */
export type PanelCommand = 'compare/start' | 'sample/open' | 'models/choose' | 'paper/pin' | 'dashboard/show' | 'results/open' | 'key/set' | 'judge/ask';
/** Every panel command, in toolbar order. */
export const PANEL_COMMANDS: readonly PanelCommand[] = ['compare/start', 'sample/open', 'models/choose', 'paper/pin', 'dashboard/show', 'results/open', 'key/set', 'judge/ask'];

/** Notifications every view's webview sends. */
export type PanelWebviewNotifications = {
  /** Handshake: the host queues everything until this arrives; lastSeq is what the webview restored. */
  'webview/ready': { view: ViewName; lastSeq: number | null };
  /** A placeholder or toolbar button. */
  'command/run': { command: PanelCommand };
  /** An unexpected error inside the webview, for the host's log. */
  'webview/error': { message: string };
};

type Guards<T> = { [K in keyof T]: (p: unknown) => p is T[K] };
/** Param guards for the notifications every view sends: the host trusts nothing from the webview. */
export const panelValidators: Guards<PanelWebviewNotifications> = {
  'webview/ready': (p): p is PanelWebviewNotifications['webview/ready'] => isObj(p) && (p.view === 'compare' || p.view === 'dashboard')
    && (p.lastSeq === null || (Number.isSafeInteger(p.lastSeq) && (p.lastSeq as number) >= 0)),
  'command/run': (p): p is { command: PanelCommand } => isObj(p) && typeof p.command === 'string' && (PANEL_COMMANDS as readonly string[]).includes(p.command),
  'webview/error': (p): p is { message: string } => isObj(p) && isStr(p.message, 4000),
};
