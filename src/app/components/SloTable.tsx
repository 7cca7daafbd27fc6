import React from 'react';
import { css } from '@emotion/css';
import type { GrafanaTheme2 } from '@grafana/data';
import { InteractiveTable, TextLink, useStyles2, type Column } from '@grafana/ui';
import type { SloView } from '../../panels/slo/data/model';
import { burnRate, humanDuration, percent } from '../../panels/shared/format';
import { dashboardUrl } from '../constants';
import { StatusBadge } from './Status';

/** SLOs worst first (the order comes in sorted), each linking to its service dashboard. */
export function SloTable({ slos }: { slos: SloView[] }) {
  const styles = useStyles2(getStyles);
  const columns: Array<Column<SloView>> = [
    { id: 'status', header: 'Status', cell: ({ row }) => <StatusBadge status={row.original.status} /> },
    {
      id: 'name',
      header: 'SLO',
      cell: ({ row }) =>
        row.original.service ? (
          <TextLink href={dashboardUrl('headroom-service', { 'var-service': row.original.service })} inline={false}>
            {row.original.name}
          </TextLink>
        ) : (
          row.original.name
        ),
    },
    { id: 'service', header: 'Service' },
    {
      id: 'objective',
      header: 'Objective',
      cell: ({ row }) => `${percent(row.original.objective)} / ${row.original.window ?? '–'}`,
    },
    { id: 'sli', header: 'SLI', cell: ({ row }) => percent(row.original.sli) },
    {
      id: 'budgetRemaining',
      header: 'Budget left',
      cell: ({ row }) => <BudgetBar fraction={row.original.budgetRemaining} className={styles} />,
    },
    { id: 'burn', header: 'Burn 1h', cell: ({ row }) => burnRate(row.original.burnRates['1h']) },
    {
      id: 'timeToExhaustion',
      header: 'Exhausted in',
      cell: ({ row }) =>
        row.original.timeToExhaustion === null ? 'not burning' : humanDuration(row.original.timeToExhaustion),
    },
  ];
  return <InteractiveTable columns={columns} data={slos} getRowId={(s) => s.id} />;
}

function BudgetBar({ fraction, className }: { fraction: number | null; className: ReturnType<typeof getStyles> }) {
  const width = fraction === null ? 0 : Math.max(0, Math.min(1, fraction)) * 100;
  const level = fraction === null ? 'none' : fraction <= 0 ? 'out' : fraction < 0.2 ? 'low' : 'ok';
  return (
    <div className={className.budget}>
      <div className={className.track} aria-hidden>
        <div className={`${className.fill} ${className[level]}`} style={{ width: `${width}%` }} />
      </div>
      <span>{percent(fraction, 1)}</span>
    </div>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  budget: css({ display: 'flex', alignItems: 'center', gap: theme.spacing(1), minWidth: 140 }),
  track: css({
    flex: 1,
    height: 6,
    borderRadius: 3,
    background: theme.colors.background.secondary,
    overflow: 'hidden',
    minWidth: 60,
  }),
  fill: css({ height: '100%' }),
  ok: css({ background: theme.colors.success.main }),
  low: css({ background: theme.colors.warning.main }),
  out: css({ background: theme.colors.error.main }),
  none: css({}),
});
