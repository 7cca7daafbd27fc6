/**
 * Saved options -> current options: `sortBy` was the sort key's old name and `showForecast` the chart switch's;
 * `bufferTarget` given as a fraction (0.5) is read as a percentage. Missing keys take the defaults.
 */
import { PanelModel } from '@grafana/data';
import { CapacityPanelOptions, CapacitySort, DEFAULT_CAPACITY_OPTIONS } from './types';

type Legacy = Partial<CapacityPanelOptions> & { sortBy?: string; showForecast?: boolean };
const SORTS: CapacitySort[] = ['worst', 'soonest', 'utilization', 'name'];

export function migrateCapacityOptions(panel: PanelModel<Legacy>): CapacityPanelOptions {
  const old: Legacy = panel.options ?? {};
  const sort = old.sort ?? old.sortBy;
  const target = old.bufferTarget ?? DEFAULT_CAPACITY_OPTIONS.bufferTarget;
  return {
    sort: SORTS.includes(sort as CapacitySort) ? (sort as CapacitySort) : DEFAULT_CAPACITY_OPTIONS.sort,
    filter: old.filter ?? DEFAULT_CAPACITY_OPTIONS.filter,
    onlyProblems: old.onlyProblems ?? DEFAULT_CAPACITY_OPTIONS.onlyProblems,
    showChart: old.showChart ?? old.showForecast ?? DEFAULT_CAPACITY_OPTIONS.showChart,
    bufferTarget: target > 0 && target <= 1 ? target * 100 : target,
  };
}
