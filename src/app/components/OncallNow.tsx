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
        </li>
      ))}
    </ul>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  list: css({ listStyle: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: theme.spacing(1.5) }),
  row: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(0.25) }),
  people: css({ display: 'flex', alignItems: 'baseline', gap: theme.spacing(0.75), flexWrap: 'wrap' }),
});
