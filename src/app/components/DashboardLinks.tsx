import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { Card, Icon, useStyles2 } from '@grafana/ui';
import { DASHBOARDS, dashboardUrl } from '../constants';

/** The four dashboards the app provisions, as cards. */
export function DashboardLinks() {
  const styles = useStyles2(getStyles);
  return (
    <nav aria-label="Dashboards" className={styles.grid}>
      {DASHBOARDS.map((d) => (
        <Card key={d.uid} href={dashboardUrl(d.uid)} noMargin>
          <Card.Heading>{d.title}</Card.Heading>
          <Card.Figure>
            <Icon name={d.icon} size="xl" />
          </Card.Figure>
          <Card.Description>{d.description}</Card.Description>
        </Card>
      ))}
    </nav>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  grid: css({
    display: 'grid',
    gridTemplateColumns: 'repeat(4, minmax(0, 1fr))',
    [theme.breakpoints.down('lg')]: { gridTemplateColumns: 'repeat(2, minmax(0, 1fr))' },
    gap: theme.spacing(2),
  }),
});
