import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Text, TextLink, useStyles2 } from '@grafana/ui';
import type { CapacityView } from '../../panels/capacity/data/model';
import { percent } from '../../panels/shared/format';
import { dashboardUrl } from '../constants';
import { StatusBadge } from './Status';

/** How many rows the summary shows; the infrastructure dashboard has them all. */
export const CAPACITY_SUMMARY_ROWS = 8;

/** Capacity resources worst first (the order comes in sorted): status, utilization and the forecast sentence. */
export function CapacitySummary({ rows }: { rows: CapacityView[] }) {
  const styles = useStyles2(getStyles);
  if (rows.length === 0) {
    return <Text color="secondary">No capacity resources defined.</Text>;
  }
  const more = rows.length - CAPACITY_SUMMARY_ROWS;
  return (
    <>
      <ul className={styles.list}>
        {rows.slice(0, CAPACITY_SUMMARY_ROWS).map((r) => (
          <li key={r.key} className={styles.row}>
            <span>
              <StatusBadge status={r.status} />
            </span>
            <span className={styles.name} title={r.instance ? `${r.name} ${r.instance}` : r.name}>
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
      {more > 0 && (
        <TextLink href={dashboardUrl('headroom-infrastructure')} inline={false}>
          {`${more} more on the infrastructure dashboard`}
        </TextLink>
      )}
    </>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column' }),
  row: css({
    display: 'grid',
    gridTemplateColumns: '80px minmax(120px, 1fr) minmax(160px, 2fr) 80px',
    alignItems: 'center',
    gap: theme.spacing(1),
    padding: theme.spacing(0.75, 0),
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    '&:last-child': { borderBottom: 'none' },
  }),
  name: css({ minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' }),
  value: css({ textAlign: 'right', fontVariantNumeric: 'tabular-nums' }),
});
