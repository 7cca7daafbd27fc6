import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Text, useStyles2 } from '@grafana/ui';
import type { CapacityView } from '../../panels/capacity/data/model';
import { percent } from '../../panels/shared/format';
import { StatusBadge } from './Status';

/** Capacity resources worst first: status, utilization and the forecast sentence. */
export function CapacitySummary({ rows }: { rows: CapacityView[] }) {
  const styles = useStyles2(getStyles);
  if (rows.length === 0) {
    return <Text color="secondary">No capacity resources defined.</Text>;
  }
  return (
    <ul className={styles.list}>
      {rows.map((r) => (
        <li key={r.key} className={styles.row}>
          <StatusBadge status={r.status} />
          <span className={styles.name}>
            <Text weight="medium">{r.name}</Text>
            {r.instance && <Text color="secondary"> {r.instance}</Text>}
          </span>
          <Text variant="bodySmall" color="secondary">
            {r.sentence}
          </Text>
          <span className={styles.value}>{percent(r.utilization, 0)} used</span>
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' }),
  row: css({
    display: 'grid',
    gridTemplateColumns: '90px minmax(120px, 1fr) minmax(160px, 2fr) 80px',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.75, 0),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    '&:last-child': { borderBottom: 'none' },
  }),
  name: css({ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  value: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }),
});
