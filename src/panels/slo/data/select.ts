/** Filtering, ordering and badge colouring of SLO cards: pure functions of the view model and options. */
import { locationUtil } from '@grafana/data';
import { BurnBadge, SloPanelOptions } from '../types';
import { BadgeLevel, BurnBadgeView, SloView, STATUS_RANK } from './model';
import { normaliseWindow } from './fromFrames';

export function burnBadges(slo: SloView, badges: BurnBadge[]): BurnBadgeView[] {
  return badges.map(({ window, factor }) => {
    const value = slo.burnRates[normaliseWindow(window)] ?? null;
    let level: BadgeLevel = 'none';
    if (value !== null) {
      level = value >= factor ? 'alerting' : value >= 1 ? 'elevated' : 'ok';
    }
    return { window, factor, value, level };
  });
}

/** The highest burn rate relative to its alert factor: 1 = at the paging line. */
function burnPressure(slo: SloView, badges: BurnBadge[]): number {
  return Math.max(0, ...burnBadges(slo, badges).map((b) => (b.value === null ? 0 : b.value / b.factor)));
}

const byBudget = (a: SloView, b: SloView) => (a.budgetRemaining ?? Infinity) - (b.budgetRemaining ?? Infinity);
const byName = (a: SloView, b: SloView) => a.name.localeCompare(b.name);

export function selectSlos(slos: SloView[], options: Pick<SloPanelOptions, 'sort' | 'filter' | 'onlyProblems' | 'burnBadges'>): SloView[] {
  const needle = options.filter.trim().toLowerCase();
  const shown = slos.filter((slo) => {
    if (options.onlyProblems && slo.status === 'ok') {
      return false;
    }
    return !needle || [slo.id, slo.name, slo.service ?? ''].some((text) => text.toLowerCase().includes(needle));
  });
  const pressure = (s: SloView) => burnPressure(s, options.burnBadges);
  const compare: Record<SloPanelOptions['sort'], (a: SloView, b: SloView) => number> = {
    worst: (a, b) => STATUS_RANK[b.status] - STATUS_RANK[a.status] || byBudget(a, b) || pressure(b) - pressure(a) || byName(a, b),
    budget: (a, b) => byBudget(a, b) || byName(a, b),
    burn: (a, b) => pressure(b) - pressure(a) || byBudget(a, b) || byName(a, b),
    name: byName,
  };
  return [...shown].sort(compare[options.sort] ?? compare.worst);
}

/**
 * The service dashboard link of a card, or undefined when links are off or the SLO has no service.
 * Keeps the dashboard's time range when given (raw "now-7d" or epoch ms) and Grafana's sub-path.
 */
export function serviceLink(dashboardUrl: string, service: string | undefined, range?: { from: string; to: string }): string | undefined {
  if (!dashboardUrl.trim() || !service) {
    return undefined;
  }
  const separator = dashboardUrl.includes('?') ? '&' : '?';
  const time = range ? `&from=${encodeURIComponent(range.from)}&to=${encodeURIComponent(range.to)}` : '';
  return locationUtil.assureBaseUrl(`${dashboardUrl.trim()}${separator}var-service=${encodeURIComponent(service)}${time}`);
}
