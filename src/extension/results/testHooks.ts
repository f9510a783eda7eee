/**
 * Read-only views for the integration tests through the extension API (activate() returns them). Holds no data
 * itself and imports nothing heavy, so wiring it into extension.ts costs nothing at activation.
 */
import type { DashboardData } from '../../shared/dashboardProtocol';

let dashboardSource: (() => DashboardData | undefined) | undefined;

/** Called by the dashboard when it opens: where dashboardData() reads from. */
export function setDashboardSource(source: (() => DashboardData | undefined) | undefined): void {
  dashboardSource = source;
}

/** The data the open dashboard shows now (undefined when no dashboard is open). */
export function dashboardData(): DashboardData | undefined {
  return dashboardSource?.();
}
