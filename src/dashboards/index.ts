import type * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { executiveDashboard } from './executive';
import { infrastructureDashboard } from './infrastructure';
import { oncallDashboard } from './oncall';
import { serviceDashboard } from './service';

/** The handbook's dashboard hierarchy; file name (dashboards/<name>.json) -> dashboard. */
export function allDashboards(): Record<string, dashboard.Dashboard> {
  return {
    executive: executiveDashboard(),
    service: serviceDashboard(),
    infrastructure: infrastructureDashboard(),
    oncall: oncallDashboard(),
  };
}
