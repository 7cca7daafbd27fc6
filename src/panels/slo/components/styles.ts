/** Colours of SLO states, from the theme so dark and light both read well. */
import { GrafanaTheme2 } from '@grafana/data';
import { BadgeLevel, SloStatus } from '../data/model';

export function statusColor(theme: GrafanaTheme2, status: SloStatus): string {
  switch (status) {
    case 'ok':
      return theme.colors.success.main;
    case 'warning':
      return theme.colors.warning.main;
    case 'depleted':
      return theme.colors.error.main;
    case 'critical':
      return theme.visualization.getColorByName('dark-red');
    default:
      return theme.colors.secondary.main;
  }
}

export function badgeColor(theme: GrafanaTheme2, level: BadgeLevel): string {
  switch (level) {
    case 'alerting':
      return theme.colors.error.main;
    case 'elevated':
      return theme.colors.warning.main;
    case 'ok':
      return theme.colors.success.main;
    default:
      return theme.colors.text.disabled;
  }
}

/** Budget bar colour: green with more than half left, orange to 20%, red below. */
export function budgetColor(theme: GrafanaTheme2, remaining: number | null): string {
  if (remaining === null) {
    return theme.colors.text.disabled;
  }
  if (remaining > 0.5) {
    return theme.colors.success.main;
  }
  return remaining > 0.2 ? theme.colors.warning.main : theme.colors.error.main;
}
