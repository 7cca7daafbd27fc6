/** Filtering and ordering of capacity rows; "worst" and "needing attention" go by the row's emphasis (status or buffer). */
import { CapacityPanelOptions } from '../types';
import { CAPACITY_STATUS_RANK, CapacityView } from './model';

/** Seconds to the nearest threshold still ahead (Infinity when none is forecast). */
export function soonest(row: CapacityView): number {
  return Math.min(row.timeToWarning ?? Infinity, row.timeToCritical ?? Infinity);
}

const byName = (a: CapacityView, b: CapacityView) => a.name.localeCompare(b.name) || (a.instance ?? '').localeCompare(b.instance ?? '');
const byUtilization = (a: CapacityView, b: CapacityView) => (b.utilization ?? -1) - (a.utilization ?? -1);

export function selectCapacity(rows: CapacityView[], options: Pick<CapacityPanelOptions, 'sort' | 'filter' | 'onlyProblems'>): CapacityView[] {
  const needle = options.filter.trim().toLowerCase();
  const shown = rows.filter(
    (r) =>
      !(options.onlyProblems && r.emphasis === 'ok' && r.timeToWarning === null && r.timeToCritical === null) &&
      (!needle || [r.resource, r.name, r.kind, r.instance ?? ''].some((t) => t.toLowerCase().includes(needle)))
  );
  const compare: Record<CapacityPanelOptions['sort'], (a: CapacityView, b: CapacityView) => number> = {
    worst: (a, b) => CAPACITY_STATUS_RANK[b.emphasis] - CAPACITY_STATUS_RANK[a.emphasis] || soonest(a) - soonest(b) || byUtilization(a, b) || byName(a, b),
    soonest: (a, b) => soonest(a) - soonest(b) || byUtilization(a, b) || byName(a, b),
    utilization: (a, b) => byUtilization(a, b) || byName(a, b),
    name: byName,
  };
  return [...shown].sort(compare[options.sort] ?? compare.worst);
}
