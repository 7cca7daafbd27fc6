import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Icon, Text, useStyles2 } from '@grafana/ui';
import type { ScheduleView } from '../../panels/oncall/data/model';
import { utcClock } from '../../panels/shared/format';

/** Who is on call now per schedule, and the next handoff. */
export function OncallNow({ schedules }: { schedules: ScheduleView[] }) {
  const styles = useStyles2(getStyles);
  if (schedules.length === 0) {
    return <Text color="secondary">No on-call schedules defined.</Text>;
  }
  return (
    <ul className={styles.list}>
      {schedules.map((s) => (
        <li key={s.id} className={styles.row}>
          <Text color="secondary" variant="bodySmall">
            {s.id}
            {s.active ? ` · ${s.active.name} shift` : ''}
          </Text>
          {s.active ? (
            <span className={styles.people}>
              <Icon name="user" />
              <Text weight="medium">{s.active.primary ?? '–'}</Text>
              <Text color="secondary">primary</Text>
              {s.active.secondary && (
                <>
                  <Text>{s.active.secondary}</Text>
                  <Text color="secondary">secondary</Text>
                </>
              )}
            </span>
          ) : (
            <Text color="warning">Nobody on call right now</Text>
          )}
          {s.nextHandoff !== undefined && (
            <Text variant="bodySmall" color="secondary">
              Next handoff {utcClock(s.nextHandoff)}
              {s.nextShift?.primary ? ` to ${s.nextShift.primary}` : ''}
            </Text>
          )}
          {s.shifts.length > 1 && (
            <table className={styles.shifts} aria-label={`${s.id} shifts`}>
              <thead>
                <tr>
                  <th>Shift</th>
                  <th>Hours (UTC)</th>
                  <th>Primary</th>
                  <th>Secondary</th>
                </tr>
              </thead>
              <tbody>
                {s.shifts.map((shift) => (
                  <tr key={shift.name} className={shift.active ? styles.active : undefined}>
                    <td>{shift.name}</td>
                    <td>
                      {utcClock(shift.start).replace(' UTC', '')}–{utcClock(shift.end).replace(' UTC', '')}
                    </td>
                    <td>{shift.primary ?? '–'}</td>
                    <td>{shift.secondary ?? '–'}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({
    listStyle: 'none',
    margin: 0,
    padding: 0,
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1.5),
  }),
  row: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.25) }),
  people: css({ display: 'flex', alignItems: 'baseline', gap: theme.spacing(0.75), flexWrap: 'wrap' }),
  shifts: css({
    marginTop: theme.spacing(1),
    borderCollapse: 'collapse',
    width: '100%',
    fontSize: theme.typography.bodySmall.fontSize,
    'th, td': {
      textAlign: 'left',
      padding: theme.spacing(0.5, 1, 0.5, 0),
      borderBottom: `1px solid ${theme.colors.border.weak}`,
    },
    th: { color: theme.colors.text.secondary, fontWeight: theme.typography.fontWeightMedium },
    td: { color: theme.colors.text.secondary, fontVariantNumeric: 'tabular-nums' },
  }),
  active: css({ td: { color: theme.colors.text.primary, fontWeight: theme.typography.fontWeightMedium } }),
});
