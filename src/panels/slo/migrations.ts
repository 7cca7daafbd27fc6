/**
 * Saved options -> current options. Dashboards written before 0.1 (and by hand) used other keys:
 * `sortBy` (status|budget|burn|name), `layout: "cards"`, `burnWindows` ("1h,6h,1d,3d" with the default
 * factors), `showSparklines`. Unknown keys are dropped; missing ones take the defaults.
 */
import { PanelModel } from '@grafana/data';
import { DEFAULT_BURN_BADGES, DEFAULT_SLO_OPTIONS, SloLayout, SloPanelOptions, SloSort } from './types';

type Legacy = Partial<SloPanelOptions> & {
  sortBy?: string;
  burnWindows?: string | string[];
  showSparklines?: boolean;
};

const SORTS: SloSort[] = ['worst', 'budget', 'burn', 'name'];
const LAYOUTS: SloLayout[] = ['auto', 'grid', 'list'];

export function migrateSloOptions(panel: PanelModel<Legacy>): SloPanelOptions {
  const old: Legacy = panel.options ?? {};
  const sort = old.sort ?? (old.sortBy === 'status' ? 'worst' : old.sortBy);
  const layout = (old.layout as string) === 'cards' ? 'grid' : old.layout;
  let burnBadges = old.burnBadges;
  if (!burnBadges && old.burnWindows) {
    const windows = Array.isArray(old.burnWindows) ? old.burnWindows : old.burnWindows.split(',');
    burnBadges = windows
      .map((w) => w.trim())
      .filter(Boolean)
      .map((window) => ({ window, factor: DEFAULT_BURN_BADGES.find((b) => b.window === window)?.factor ?? 1 }));
  }
  return {
    layout: LAYOUTS.includes(layout as SloLayout) ? (layout as SloLayout) : DEFAULT_SLO_OPTIONS.layout,
    sort: SORTS.includes(sort as SloSort) ? (sort as SloSort) : DEFAULT_SLO_OPTIONS.sort,
    filter: old.filter ?? DEFAULT_SLO_OPTIONS.filter,
    onlyProblems: old.onlyProblems ?? DEFAULT_SLO_OPTIONS.onlyProblems,
    burnBadges: burnBadges ?? DEFAULT_SLO_OPTIONS.burnBadges,
    showSparkline: old.showSparkline ?? old.showSparklines ?? DEFAULT_SLO_OPTIONS.showSparkline,
    dashboardUrl: old.dashboardUrl ?? DEFAULT_SLO_OPTIONS.dashboardUrl,
    minCardWidth: old.minCardWidth ?? DEFAULT_SLO_OPTIONS.minCardWidth,
  };
}
