/**
 * The dashboard view's host <-> webview vocabulary: precomputed tables and charts one way, filter changes the
 * other, and the guard for data restored from webview state. Pure: no vscode, no DOM, no Node.
 */
import type { ProtocolSpec, WireMessage } from './messenger';
import { isObj, isStr, optStr } from './guards';
import { panelValidators, type PanelWebviewNotifications } from './panelProtocol';
import { isReportModel, REPORT_CHART_IDS, type ReportChartId, type ReportModel } from './reportModel';

/** Filter values the dashboard can change; the host recomputes and resends. */
export interface DashboardFilters { repo: string | null; paper: string | null; rater: string | null; since: string | null; mode?: 'pin' | 'selection' | null; options?: Record<'repo' | 'paper' | 'rater', string[]> }
/**
 * Everything the dashboard shows: the report model (the same sections, tables and notes the Markdown report prints;
 * null when nothing matches the filters), the SVG of each chart it names (sanitised again in the webview), the filters.
 */
export interface DashboardData { report: ReportModel | null; charts: Partial<Record<ReportChartId, string>>; filters: DashboardFilters }

/** Messages the host sends to the dashboard. */
export interface DashboardHostProtocol extends ProtocolSpec {
  notifications: {
    /** The report model and its charts. */
    'dashboard/data': { data: DashboardData };
  };
  requests: Record<never, never>;
}
/** Messages the dashboard webview sends. */
export interface DashboardWebviewProtocol extends ProtocolSpec {
  notifications: PanelWebviewNotifications & {
    /** The dashboard's filters changed. */
    'dashboard/filter': { filters: DashboardFilters };
    /** An audit cell was activated: list these comparisons to open one by one. */
    'dashboard/audit': { ids: string[]; title: string };
    /** "Export audit set": write every judge disagreement (the audit export). */
    'dashboard/exportAudit': Record<string, never>;
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
  'dashboard/audit': (p: unknown): p is { ids: string[]; title: string } => isObj(p) && isStr(p.title, 500) && Array.isArray(p.ids)
    && p.ids.length > 0 && p.ids.length <= 100_000 && p.ids.every((id) => isStr(id, 200)),
  'dashboard/exportAudit': (p: unknown): p is Record<string, never> => isObj(p) && Object.keys(p).length === 0,
};

/** Whether a value has the DashboardData shape (data restored from webview state comes from outside our control). */
export function isDashboardData(v: unknown): v is DashboardData {
  if (!isObj(v) || !isObj(v.charts) || !isObj(v.filters) || !(v.report === null || isReportModel(v.report))) return false;
  return Object.entries(v.charts).every(([k, s]) => (REPORT_CHART_IDS as readonly string[]).includes(k) && typeof s === 'string');
}
