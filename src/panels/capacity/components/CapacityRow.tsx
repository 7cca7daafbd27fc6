/**
 * One resource on one instance: utilization bar with its marks, the forecast sentence, status (with a badge when
 * the headroom buffer is below the policy's minimum) and a forecast chart. The status chip and bar follow the
 * thresholds; the row's edge follows its emphasis, the worse of status and buffer.
 */
import React from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2 } from '@grafana/data';
import { Badge, useStyles2, useTheme2 } from '@grafana/ui';
import { percent, utilizationPercent } from '../../shared/format';
import { MiniChart } from '../../shared/MiniChart';
import { bufferBelowMinimum, CapacityStatus, CapacityView } from '../data/model';

export function capacityColor(theme: GrafanaTheme2, status: CapacityStatus): string {
  switch (status) {
    case 'critical':
      return theme.colors.error.main;
    case 'warning':
      return theme.colors.warning.main;
    case 'ok':
      return theme.colors.success.main;
    default:
      return theme.colors.secondary.main;
  }
}

/** "buffer < 30%" with the current buffer and the minimum in its label and tooltip; nothing when the buffer is fine. */
function BufferBadge({ row }: { row: CapacityView }) {
  if (row.utilization === null || !bufferBelowMinimum(row.bufferStatus)) {
    return null;
  }
  const minimum = percent(row.bufferMinimum, 1);
  const label = `Headroom buffer ${percent(1 - row.utilization, 1)} is below the ${minimum} minimum${row.bufferStatus === 'alert' ? ' and at the alert level' : ''}`;
  const tooltip = `${label}. Status follows the thresholds (warning at ${percent(row.warning, 1)}).`;
  return <Badge text={`buffer < ${minimum}`} color="orange" icon="exclamation-triangle" tooltip={tooltip} aria-label={label} role="note" data-testid="capacity-buffer" />;
}

export interface CapacityRowProps {
  row: CapacityView;
  /** utilization fraction of the buffer target mark (1 - target headroom) */
  bufferMark: number;
  width: number;
  showChart: boolean;
}

export function CapacityRow({ row, bufferMark, width, showChart }: CapacityRowProps) {
  const theme = useTheme2();
  const styles = useStyles2(getStyles);
  const color = capacityColor(theme, row.status);
  const edge = capacityColor(theme, row.emphasis);
  const u = row.utilization;
  const fill = u === null ? 0 : Math.max(0, Math.min(1, u)) * 100;
  const wide = width >= 900;
  const medium = width >= 560;
  const columns = wide ? 'minmax(150px, 1fr) minmax(200px, 1.4fr) minmax(200px, 1.6fr) 104px 180px' : medium ? 'minmax(130px, 1fr) minmax(160px, 1.4fr) 104px' : '1fr';
  const chart =
    showChart && wide && row.history.length > 1 ? (
      <MiniChart
        width={180}
        height={36}
        title={`${row.name} utilization and forecast`}
        lines={[
          { points: row.history, color: theme.colors.text.secondary },
          { points: row.forecast, color: theme.colors.primary.text, dashed: true },
        ]}
        band={row.forecastLower.length > 1 ? { lower: row.forecastLower, upper: row.forecastUpper, color: theme.colors.primary.main } : undefined}
        marks={[
          { value: row.warning, color: theme.colors.warning.main },
          { value: row.critical, color: theme.colors.error.main },
        ]}
      />
    ) : null;

  return (
    <div className={styles.row} style={{ gridTemplateColumns: columns, borderLeftColor: edge }} data-testid="capacity-row" data-emphasis={row.emphasis} data-resource={row.resource} data-instance={row.instance ?? ''}>
      <div className={styles.title}>
        <span className={styles.name}>
          {row.name}
          {row.instance ? <span className={styles.instance}> · {row.instance}</span> : null}
        </span>
        <span className={styles.secondary}>{row.kind}</span>
      </div>
      <div className={styles.barBlock}>
        <div className={styles.track} role="meter" aria-label={`${row.name} utilization`} aria-valuenow={u ?? undefined} aria-valuemin={0} aria-valuemax={1}>
          <div className={styles.fill} style={{ width: `${fill}%`, background: color }} data-testid="capacity-fill" />
          <div className={styles.mark} style={{ left: `${bufferMark * 100}%`, borderColor: theme.colors.primary.text }} title={`buffer target: ${percent(1 - bufferMark)} headroom`} data-testid="mark-buffer" />
          <div className={styles.mark} style={{ left: `${row.warning * 100}%`, borderColor: theme.colors.warning.main }} title={`warning ${percent(row.warning)}`} data-testid="mark-warning" />
          <div className={styles.mark} style={{ left: `${row.critical * 100}%`, borderColor: theme.colors.error.main }} title={`critical ${percent(row.critical)}`} data-testid="mark-critical" />
        </div>
        <div className={styles.barText}>
          <span data-testid="capacity-utilization">{utilizationPercent(u, [row.warning, row.critical])} used</span>
          <span className={styles.headroom}>
            {!medium && <BufferBadge row={row} />}
            <span className={bufferBelowMinimum(row.bufferStatus) ? styles.shortHeadroom : styles.secondary} data-testid="capacity-headroom">
              {u === null ? '' : `${percent(1 - u, 0)} headroom`}
            </span>
          </span>
        </div>
        {!wide && <span className={styles.sentence} data-testid="capacity-sentence">{row.sentence}</span>}
      </div>
      {wide && (
        <span className={styles.sentence} data-testid="capacity-sentence">
          {row.sentence}
        </span>
      )}
      {medium && (
        <div className={styles.statusCell}>
          <span className={styles.chip} style={{ background: color, color: theme.colors.getContrastText(color) }} data-testid="capacity-status">
            {row.status}
          </span>
          <BufferBadge row={row} />
        </div>
      )}
      {wide && (chart ?? <span />)}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  row: css({
    display: 'grid',
    alignItems: 'center',
    gap: theme.spacing(1.5),
    padding: theme.spacing(0.75, 1.5),
    background: theme.colors.background.secondary,
    borderLeft: '4px solid',
    borderRadius: theme.shape.radius.default,
  }),
  title: css({ display: 'flex', flexDirection: 'column', minWidth: 0 }),
  name: css({ fontWeight: theme.typography.fontWeightMedium, whiteSpace: 'nowrap', overflow: 'hidden', textOverflow: 'ellipsis' }),
  instance: css({ color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightRegular }),
  secondary: css({ color: theme.colors.text.secondary, fontSize: theme.typography.bodySmall.fontSize }),
  barBlock: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5), minWidth: 0 }),
  track: css({
    position: 'relative',
    height: 12,
    borderRadius: 3,
    background: theme.colors.background.canvas,
    border: `1px solid ${theme.colors.border.weak}`,
  }),
  fill: css({ position: 'absolute', left: 0, top: 0, bottom: 0, borderRadius: 2 }),
  mark: css({ position: 'absolute', top: -3, bottom: -3, width: 0, borderLeft: '2px solid' }),
  barText: css({ display: 'flex', justifyContent: 'space-between', fontSize: theme.typography.bodySmall.fontSize, fontVariantNumeric: 'tabular-nums' }),
  headroom: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(0.75) }),
  shortHeadroom: css({ color: theme.colors.warning.text, fontWeight: theme.typography.fontWeightMedium }),
  sentence: css({ fontSize: theme.typography.bodySmall.fontSize, color: theme.colors.text.primary }),
  statusCell: css({ display: 'flex', flexDirection: 'column', alignItems: 'stretch', gap: theme.spacing(0.5) }),
  chip: css({
    textTransform: 'uppercase',
    fontSize: 11,
    fontWeight: theme.typography.fontWeightBold,
    padding: theme.spacing(0.25, 0.75),
    borderRadius: theme.shape.radius.pill,
    textAlign: 'center',
  }),
});
