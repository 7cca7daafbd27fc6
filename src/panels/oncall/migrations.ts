/** Saved options -> current options: `schedule` was the filter's old name, `limit` the incident cap's. */
import { PanelModel } from '@grafana/data';
import { DEFAULT_ONCALL_OPTIONS, OncallPanelOptions } from './types';

type Legacy = Partial<OncallPanelOptions> & { schedule?: string; limit?: number };

export function migrateOncallOptions(panel: PanelModel<Legacy>): OncallPanelOptions {
  const old: Legacy = panel.options ?? {};
  return {
    showSchedules: old.showSchedules ?? DEFAULT_ONCALL_OPTIONS.showSchedules,
    showIncidents: old.showIncidents ?? DEFAULT_ONCALL_OPTIONS.showIncidents,
    scheduleFilter: old.scheduleFilter ?? old.schedule ?? DEFAULT_ONCALL_OPTIONS.scheduleFilter,
    maxIncidents: Math.max(0, old.maxIncidents ?? old.limit ?? DEFAULT_ONCALL_OPTIONS.maxIncidents),
  };
}
