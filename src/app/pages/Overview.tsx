/**
 * The app's landing page: SLOs worst first, capacity, who is on call now, and the four dashboards. Each
 * section queries the Headroom data source on its own, so one failing source does not blank the page.
 */
import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { PluginPage } from '@grafana/runtime';
import { LinkButton, useStyles2 } from '@grafana/ui';
import { useResource } from '../../datasource/components/async';
import { framesToCapacity } from '../../panels/capacity/data/fromFrames';
import { selectCapacity } from '../../panels/capacity/data/select';
import { framesToOncall } from '../../panels/oncall/data/fromFrames';
import { framesToSlos } from '../../panels/slo/data/fromFrames';
import { selectSlos } from '../../panels/slo/data/select';
import { queryHeadroom } from '../api';
import { CapacitySummary } from '../components/CapacitySummary';
import { DashboardLinks } from '../components/DashboardLinks';
import { OncallNow } from '../components/OncallNow';
import { Section } from '../components/Section';
import { SloTable } from '../components/SloTable';
import { dashboardUrl } from '../constants';

const WORST_FIRST = { sort: 'worst', filter: '', onlyProblems: false } as const;

export function Overview({ datasourceUid }: { datasourceUid: string }) {
  const styles = useStyles2(getStyles);
  const slos = useResource(
    async () =>
      selectSlos(framesToSlos(await queryHeadroom(datasourceUid, { queryType: 'sloCatalog' })), {
        ...WORST_FIRST,
        burnBadges: [],
      }),
    `${datasourceUid}/slos`
  );
  const capacity = useResource(
    async () =>
      selectCapacity(
        framesToCapacity(await queryHeadroom(datasourceUid, { queryType: 'capacityCatalog' })),
        WORST_FIRST
      ),
    `${datasourceUid}/capacity`
  );
  const oncall = useResource(
    async () => framesToOncall(await queryHeadroom(datasourceUid, { queryType: 'oncall' })).schedules,
    `${datasourceUid}/oncall`
  );

  return (
    <PluginPage>
      <div className={styles.page}>
        <DashboardLinks />
        <Section
          title="Service level objectives"
          state={slos}
          action={
            <LinkButton
              variant="secondary"
              size="sm"
              fill="outline"
              icon="apps"
              href={dashboardUrl('headroom-executive')}
            >
              Executive dashboard
            </LinkButton>
          }
        >
          {(rows) => <SloTable slos={rows} />}
        </Section>
        <div className={styles.columns}>
          <Section title="Capacity" state={capacity}>
            {(rows) => <CapacitySummary rows={rows} />}
          </Section>
          <Section title="On call now" state={oncall}>
            {(schedules) => <OncallNow schedules={schedules} />}
          </Section>
        </div>
      </div>
    </PluginPage>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  page: css({ display: 'flex', flexDirection: 'column', gap: theme.spacing(2) }),
  columns: css({
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 3fr) minmax(0, 2fr)',
    gap: theme.spacing(2),
    [theme.breakpoints.down('lg')]: { gridTemplateColumns: 'minmax(0, 1fr)' },
  }),
});
