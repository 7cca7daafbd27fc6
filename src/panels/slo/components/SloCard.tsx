/** One SLO: status, SLI against objective, budget bar with minutes left, burn-rate badges, exhaustion, sparkline. */
import React from 'react';
import { css, cx } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Tooltip, useStyles2, useTheme2 } from '@grafana/ui';
import { budgetMinutes, burnRate, humanDuration, percent } from '../../shared/format';
import { MiniChart } from '../../shared/MiniChart';
import { BurnBadgeView, SloView } from '../data/model';
import { badgeColor, budgetColor, statusColor } from './styles';

export interface SloCardProps {
  slo: SloView;
  badges: BurnBadgeView[];
  link?: string;
  variant: 'card' | 'row';
  showSparkline: boolean;
  /** available width of the card, px (decides what fits) */
  width: number;
}

export function exhaustionText(slo: SloView): string {
  if (slo.budgetRemaining !== null && slo.budgetRemaining <= 0) {
    return 'Budget exhausted';
  }
  if (slo.timeToExhaustion === null) {
    return slo.budgetRemaining === null ? 'No data' : 'Not burning';
  }
  return `Exhausted in ${humanDuration(slo.timeToExhaustion)}`;
}

export function SloCard({ slo, badges, link, variant, showSparkline, width }: SloCardProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const color = statusColor(theme, slo.status);
  const remaining = slo.budgetRemaining;
  const barWidth = remaining === null ? 0 : Math.max(0, Math.min(1, remaining)) * 100;
  const belowObjective = slo.sli !== null && slo.objective !== null && slo.sli < slo.objective;
  // list rows drop columns as the panel narrows: badges and exhaustion below 600 px, the sparkline below 900 px
  const rowColumns =
    width >= 900
      ? 'minmax(180px, 1.6fr) minmax(110px, 0.7fr) minmax(160px, 1.3fr) auto minmax(120px, auto) 120px'
      : width >= 600
        ? 'minmax(150px, 1.5fr) minmax(90px, 0.7fr) minmax(130px, 1.3fr) auto minmax(110px, auto)'
        : 'minmax(90px, 1.4fr) minmax(70px, auto) minmax(60px, 0.8fr)';

  const title = (
    <div className={styles.titleBlock}>
      {link ? (
        <a className={styles.name} href={link} title={`Open the ${slo.service} service dashboard`}>
          {slo.name}
        </a>
      ) : (
        <span className={styles.name}>{slo.name}</span>
      )}
      <span className={styles.secondary}>
        {[slo.service, slo.window].filter(Boolean).join(' · ')}
      </span>
    </div>
  );

  const chip = (
    <span className={styles.chip} style={{ background: color, color: theme.colors.getContrastText(color) }} data-testid="slo-status">
      {slo.status}
    </span>
  );

  const compact = variant === 'row' && width < 600;
  const sli = (
    <div className={styles.sliBlock} title={`SLI ${percent(slo.sli)} against objective ${percent(slo.objective)}`}>
      <span className={cx(styles.sli, variant === 'row' && styles.sliRow)} style={{ color: belowObjective ? theme.colors.error.text : theme.colors.text.primary }} data-testid="slo-sli">
        {percent(slo.sli)}
      </span>
      <span className={styles.secondary} data-testid="slo-objective">
        {compact ? `/ ${percent(slo.objective)}` : `objective ${percent(slo.objective)}`}
      </span>
    </div>
  );

  const budget = (
    <div className={styles.budget}>
      <div className={styles.budgetTrack} role="meter" aria-label="error budget remaining" aria-valuenow={remaining ?? undefined} aria-valuemin={0} aria-valuemax={1}>
        <div className={styles.budgetFill} style={{ width: `${barWidth}%`, background: budgetColor(theme, remaining) }} data-testid="slo-budget-fill" />
      </div>
      <div className={styles.budgetText}>
        <span data-testid="slo-budget">
          {remaining === null ? '–' : `${percent(remaining, 1)}${compact ? '' : remaining < 0 ? ' overspent' : ' budget left'}`}
        </span>
        {!compact && (
          <span className={styles.secondary} data-testid="slo-minutes">
            {budgetMinutes(slo.budgetRemainingMinutes)}
          </span>
        )}
      </div>
    </div>
  );

  const badgeRow = (
    <div className={styles.badges}>
      {badges.map((b) => {
        const c = badgeColor(theme, b.level);
        return (
          <Tooltip key={b.window} content={`Burn rate over ${b.window}: ${burnRate(b.value)} (alert at ${b.factor}x)`}>
            <span className={styles.badge} style={{ borderColor: c, color: b.level === 'none' ? theme.colors.text.secondary : c }} data-testid={`burn-${b.window}`} data-level={b.level}>
              <span className={styles.badgeWindow}>{b.window}</span> {burnRate(b.value)}
            </span>
          </Tooltip>
        );
      })}
    </div>
  );

  const exhaustion = (
    <span className={cx(styles.secondary, slo.timeToExhaustion !== null && slo.timeToExhaustion < 86400 * 3 && styles.urgent)} data-testid="slo-exhaustion">
      {exhaustionText(slo)}
    </span>
  );

  const sparkWidth = variant === 'card' ? Math.max(60, Math.min(140, width - 200)) : 120;
  const sparkline =
    showSparkline && slo.budgetHistory.length > 1 ? (
      <MiniChart
        width={sparkWidth}
        height={28}
        title="budget remaining over the time range"
        lines={[{ points: slo.budgetHistory, color: budgetColor(theme, remaining), fill: budgetColor(theme, remaining) }]}
        marks={[{ value: 0, color: theme.colors.border.strong }]}
        yMax={1}
        yMin={Math.min(0, ...slo.budgetHistory.map((p) => p.v))}
      />
    ) : null;

  if (variant === 'row') {
    return (
      <div className={styles.row} style={{ borderLeftColor: color, gridTemplateColumns: rowColumns }} data-testid="slo-card" data-slo={slo.id}>
        <div className={styles.rowHead}>
          {width >= 600 && chip}
          {title}
        </div>
        {sli}
        {budget}
        {width >= 600 && badgeRow}
        {width >= 600 && exhaustion}
        {width >= 900 && (sparkline ?? <span />)}
      </div>
    );
  }
  return (
    <div className={styles.card} style={{ borderTopColor: color }} data-testid="slo-card" data-slo={slo.id}>
      <div className={styles.cardHead}>
        {title}
        {chip}
      </div>
      {sli}
      {budget}
      {badgeRow}
      <div className={styles.cardFoot}>
        {exhaustion}
        {sparkline}
      </div>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  card: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    padding: theme.spacing(1.5),
    background: theme.colors.background.secondary,
    border: `1px solid ${theme.colors.border.weak}`,
    borderTopWidth: 3,
    borderRadius: theme.shape.radius.default,
    minWidth: 0,
  }),
  row: css({
    display: 'grid',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    padding: theme.spacing(0.75, 1.5),
    background: theme.colors.background.secondary,
    borderLeft: '4px solid',
    borderRadius: theme.shape.radius.default,
    minWidth: 0,
  }),
  rowHead: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), minWidth: 0 }),
  cardHead: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-start', gap: theme.spacing(1) }),
  cardFoot: css({ display: 'flex', justifyContent: 'space-between', alignItems: 'flex-end', gap: theme.spacing(1), minHeight: 28 }),
  titleBlock: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  name: css({
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
    whiteSpace: 'nowrap',
    overflow: 'hidden',
    textOverflow: 'ellipsis',
    '&:hover': { color: theme.colors.text.link, textDecoration: 'underline' },
  }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }),
  urgent: css({ color: theme.colors.error.text, fontWeight: theme.typography.fontWeightMedium }),
  chip: css({
    textTransform: 'uppercase',
    fontSize: 11,
    fontWeight: theme.typography.fontWeightBold,
    letterSpacing: 0.5,
    padding: theme.spacing(0.25, 0.75),
    borderRadius: theme.shape.radius.pill,
    whiteSpace: 'nowrap',
    flexShrink: 0,
  }),
  sliBlock: css({ display: 'flex', alignItems: 'baseline', columnGap: theme.spacing(0.5), flexWrap: 'wrap', minWidth: 0 }),
  sli: css({ fontSize: theme.typography.h3.fontSize, fontWeight: theme.typography.fontWeightMedium, lineHeight: 1.1, fontVariantNumeric: 'tabular-nums' }),
  sliRow: css({ fontSize: theme.typography.h5.fontSize }),
  budget: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), minWidth: 0 }),
  budgetTrack: css({ height: 8, borderRadius: 4, background: theme.colors.background.canvas, border: `1px solid ${theme.colors.border.weak}`, overflow: 'hidden' }),
  budgetFill: css({ height: '100%' }),
  budgetText: css({ display: 'flex', justifyContent: 'space-between', gap: theme.spacing(1), fontSize: theme.typography.bodySmall.fontSize, whiteSpace: 'nowrap' }),
  badges: css({ display: 'flex', gap: theme.spacing(0.5), flexWrap: 'wrap' }),
  badge: css({
    border: '1px solid',
    borderRadius: theme.shape.radius.default,
    padding: theme.spacing(0, 0.5),
    fontSize: theme.typography.bodySmall.fontSize,
    fontVariantNumeric: 'tabular-nums',
    whiteSpace: 'nowrap',
  }),
  badgeWindow: css({ color: theme.colors.text.secondary }),
});
