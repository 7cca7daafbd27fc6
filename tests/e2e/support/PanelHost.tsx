/**
 * Renders one of Headroom's panels the way Grafana does, for the render harness:
 * the data source response arrives in the JSON form Grafana's server sends (`{results: {A: {frames: [...]}}}`
 * with frames as {schema, data}), goes through @grafana/runtime's own toDataQueryResponse into DataFrames,
 * and the panel is drawn inside a panel-like box (title bar, padding) at the given outer size.
 * The clock is pinned so countdowns in screenshots are reproducible.
 */
import React from 'react';
import { css } from '@emotion/css';
import { dateTime, EventBusSrv, GrafanaTheme2, LoadingState, PanelPlugin } from '@grafana/data';
import { BackendDataSourceResponse, toDataQueryResponse } from '@grafana/runtime';
import { useStyles2 } from '@grafana/ui';
import { ClockProvider } from '../../../src/panels/shared/clock';
import { plugin as slo } from '../../../src/panels/slo/module';
import { DEFAULT_SLO_OPTIONS } from '../../../src/panels/slo/types';
import { plugin as capacity } from '../../../src/panels/capacity/module';
import { DEFAULT_CAPACITY_OPTIONS } from '../../../src/panels/capacity/types';
import { plugin as oncall } from '../../../src/panels/oncall/module';
import { DEFAULT_ONCALL_OPTIONS } from '../../../src/panels/oncall/types';

/** Headroom's panel plugins by short name, with their option defaults (also used by ../dashboard-host.tsx). */
export const PANELS: Record<string, { plugin: PanelPlugin; defaults: object }> = {
  slo: { plugin: slo as unknown as PanelPlugin, defaults: DEFAULT_SLO_OPTIONS },
  capacity: { plugin: capacity as unknown as PanelPlugin, defaults: DEFAULT_CAPACITY_OPTIONS },
  oncall: { plugin: oncall as unknown as PanelPlugin, defaults: DEFAULT_ONCALL_OPTIONS },
};

export interface PanelHostProps {
  panel: keyof typeof PANELS;
  title: string;
  response: BackendDataSourceResponse | object;
  options?: object;
  /** outer size of the panel box, px */
  width: number;
  height: number;
  /** pinned "now" and the dashboard time range, epoch ms */
  now: number;
  range: { from: number; to: number };
}

const HEADER = 32;
const PADDING = 8;

export default function PanelHost({ panel, title, response, options, width, height, now, range }: PanelHostProps) {
  const styles = useStyles2(getStyles);
  const { plugin, defaults } = PANELS[panel];
  const Panel = plugin.panel!;
  const { data: series, errors } = toDataQueryResponse({ data: response as BackendDataSourceResponse });
  const timeRange = { from: dateTime(range.from), to: dateTime(range.to), raw: { from: dateTime(range.from), to: dateTime(range.to) } };
  const innerWidth = width - 2 * PADDING - 2;
  const innerHeight = height - HEADER - PADDING - 2;
  return (
    <ClockProvider now={now}>
      <div className={styles.box} style={{ width, height }}>
        <div className={styles.header}>{title}</div>
        <div style={{ padding: `0 ${PADDING}px ${PADDING}px` }}>
          <Panel
            id={1}
            data={{ series, state: LoadingState.Done, timeRange, errors }}
            timeRange={timeRange}
            timeZone="utc"
            options={{ ...defaults, ...options }}
            fieldConfig={{ defaults: {}, overrides: [] }}
            transparent={false}
            width={innerWidth}
            height={innerHeight}
            renderCounter={1}
            title={title}
            eventBus={new EventBusSrv()}
            onOptionsChange={() => {}}
            onFieldConfigChange={() => {}}
            replaceVariables={(text: string) => text}
            onChangeTimeRange={() => {}}
          />
        </div>
      </div>
    </ClockProvider>
  );
}

const getStyles = (theme: GrafanaTheme2) => ({
  box: css({
    background: theme.colors.background.primary,
    border: `1px solid ${theme.components.panel.borderColor}`,
    borderRadius: theme.shape.radius.default,
    overflow: 'hidden',
    boxSizing: 'border-box',
  }),
  header: css({
    height: HEADER,
    lineHeight: `${HEADER}px`,
    padding: `0 ${PADDING}px`,
    fontSize: theme.typography.h6.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
  }),
});
