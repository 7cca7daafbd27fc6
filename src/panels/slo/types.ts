/** Options of the SLO cards panel (saved in the dashboard JSON; migrations.ts upgrades older shapes). */

export type SloLayout = 'auto' | 'grid' | 'list';
export type SloSort = 'worst' | 'budget' | 'burn' | 'name';

/** One burn-rate badge: the window whose burn rate it shows and the alert factor that makes it red. */
export interface BurnBadge {
  window: string;
  factor: number;
}

export interface SloPanelOptions {
  layout: SloLayout;
  sort: SloSort;
  /** text matched against SLO id, name and service (template variables are interpolated) */
  filter: string;
  /** hide SLOs whose status is ok */
  onlyProblems: boolean;
  burnBadges: BurnBadge[];
  showSparkline: boolean;
  /** the service dashboard a card links to, with ?var-service=<service>; empty = no links */
  dashboardUrl: string;
  /** narrowest card in the grid, px */
  minCardWidth: number;
}

/**
 * The multiwindow alert factors of the Google SRE workbook for a 30-day window, which are Headroom's
 * defaults: 2% of budget in 1h (14.4x), 5% in 6h (6x), 10% in 1d (3x), 10% in 3d (1x).
 */
export const DEFAULT_BURN_BADGES: BurnBadge[] = [
  { window: '1h', factor: 14.4 },
  { window: '6h', factor: 6 },
  { window: '1d', factor: 3 },
  { window: '3d', factor: 1 },
];

export const DEFAULT_SLO_OPTIONS: SloPanelOptions = {
  layout: 'auto',
  sort: 'worst',
  filter: '',
  onlyProblems: false,
  burnBadges: DEFAULT_BURN_BADGES,
  showSparkline: true,
  dashboardUrl: '/d/headroom-service',
  minCardWidth: 260,
};
