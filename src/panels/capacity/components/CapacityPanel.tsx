/** The capacity headroom panel: frames -> rows (../data) -> one row per resource x instance. */
import React, { useMemo } from 'react';
import { css } from '@emotion/css';
import { GrafanaTheme2, PanelProps } from '@grafana/data';
import { useStyles2 } from '@grafana/ui';
import { PanelMessage, panelCondition } from '../../shared/PanelMessage';
import { framesToCapacity } from '../data/fromFrames';
import { selectCapacity } from '../data/select';
import { CapacityPanelOptions, DEFAULT_CAPACITY_OPTIONS } from '../types';
import { CapacityRow } from './CapacityRow';

export const CAPACITY_EMPTY_HINT =
  'Expects time-series frames labelled resource and kind (series utilization, warning, critical, forecast, forecastLower, forecastUpper, timeToWarning, timeToCritical, status) ' +
  'or a table with a row per resource (id, name, kind, instance, utilization, status, timeToWarning, timeToCritical), e.g. the Headroom queries "Capacity" or "Capacity catalog".';

export function CapacityPanel({ data, options: saved, width, height, replaceVariables }: PanelProps<CapacityPanelOptions>) {
  const styles = useStyles2(getStyles);
  const options = { ...DEFAULT_CAPACITY_OPTIONS, ...saved };
  const all = useMemo(() => framesToCapacity(data.series), [data.series]);
  const rows = selectCapacity(all, { ...options, filter: replaceVariables ? replaceVariables(options.filter) : options.filter });
  const condition = panelCondition(data, all.length, { message: 'No capacity data', hint: CAPACITY_EMPTY_HINT });
  if (condition) {
    return <PanelMessage condition={condition} />;
  }
  const bufferMark = 1 - Math.max(0, Math.min(100, options.bufferTarget)) / 100;
  return (
    <div className={styles.scroll} style={{ width, height }} data-testid="capacity-panel">
      {rows.length === 0 ? (
        <div className={styles.none}>No resource matches the filter ({all.length} hidden)</div>
      ) : (
        rows.map((row) => <CapacityRow key={row.key} row={row} bufferMark={bufferMark} width={width} showChart={options.showChart} />)
      )}
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  scroll: css({ overflow: 'auto', display: 'flex', flexDirection: 'column', gap: theme.spacing(0.5) }),
  none: css({ color: theme.colors.text.secondary, padding: theme.spacing(2), textAlign: 'center' }),
});
