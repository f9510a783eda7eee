/**
 * The dashboard view's host <-> webview vocabulary: precomputed tables and charts one way, filter changes the
 * other, and the guard for data restored from webview state. Pure: no vscode, no DOM, no Node.
 */
import type { ProtocolSpec, WireMessage } from './messenger';
import { isObj, optStr } from './guards';
import { panelValidators, type PanelWebviewNotifications } from './panelProtocol';

/** A precomputed table for the dashboard. */
export interface DashboardTable { title: string; columns: string[]; rows: (string | number | null)[][] }
/** A precomputed SVG chart for the dashboard (sanitised again in the webview), with the counts behind it as a table. */
export interface DashboardSvg { title: string; svg: string; table?: DashboardTable }
/** Filter values the dashboard can change; the host recomputes and resends. */
export interface DashboardFilters { repo: string | null; paper: string | null; rater: string | null; since: string | null; mode?: 'pin' | 'selection' | null; options?: Record<'repo' | 'paper' | 'rater', string[]> }
/** Everything the dashboard shows. */
export interface DashboardData { tables: DashboardTable[]; svgs: DashboardSvg[]; filters: DashboardFilters }

/** Messages the host sends to the dashboard. */
export interface DashboardHostProtocol extends ProtocolSpec {
  notifications: {
    /** Dashboard tables and charts. */
    'dashboard/data': { data: DashboardData };
  };
  requests: Record<never, never>;
}
/** Messages the dashboard webview sends. */
export interface DashboardWebviewProtocol extends ProtocolSpec {
  notifications: PanelWebviewNotifications & {
    /** The dashboard's filters changed. */
    'dashboard/filter': { filters: DashboardFilters };
  };
  requests: Record<never, never>;
}
/** Messages from the host to the dashboard webview. */
export type DashboardHostToWebview = WireMessage<DashboardHostProtocol, DashboardWebviewProtocol>;

/** Param guards for every message the dashboard webview may send. */
export const dashboardValidators = {
  ...panelValidators,
  'dashboard/filter': (p: unknown): p is { filters: DashboardFilters } => isObj(p) && isObj(p.filters)
    && optStr(p.filters.repo) && optStr(p.filters.paper) && optStr(p.filters.rater) && optStr(p.filters.since)
    && (p.filters.mode === undefined || p.filters.mode === null || p.filters.mode === 'pin' || p.filters.mode === 'selection'),
};

/** Whether a value has the DashboardData shape (data restored from webview state comes from outside our control). */
export function isDashboardData(v: unknown): v is DashboardData {
  if (!isObj(v) || !Array.isArray(v.tables) || !Array.isArray(v.svgs) || !isObj(v.filters)) return false;
  const isTable = (t: unknown): boolean => isObj(t) && typeof t.title === 'string' && Array.isArray(t.columns) && Array.isArray(t.rows) && t.rows.every(Array.isArray);
  return v.tables.every(isTable) && v.svgs.every((s) => isObj(s) && typeof s.title === 'string' && typeof s.svg === 'string' && (s.table === undefined || isTable(s.table)));
}
