/** Guard for dashboard data restored from webview state (it comes back from outside our control). */
import type { DashboardData } from '../../src/protocol';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Whether a value has the DashboardData shape. */
export function isDashboardData(v: unknown): v is DashboardData {
  if (!isObj(v) || !Array.isArray(v.tables) || !Array.isArray(v.svgs) || !isObj(v.filters)) return false;
  const tablesOk = v.tables.every((t) => isObj(t) && typeof t.title === 'string' && Array.isArray(t.columns) && Array.isArray(t.rows) && t.rows.every(Array.isArray));
  return tablesOk && v.svgs.every((s) => isObj(s) && typeof s.title === 'string' && typeof s.svg === 'string');
}
