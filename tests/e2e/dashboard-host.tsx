/**
 * A provisioned dashboard laid out and drawn as Grafana would, for the render harness (no Grafana server here):
 * - the 24-column grid from each panel's gridPos (Grafana's 30 px rows and 8 px gaps), row panels as row headers;
 * - @grafana/ui's PanelChrome around every panel (title, description icon);
 * - Headroom's three panel plugins as their real components with the dashboard's options;
 * - built-in types with the @grafana/ui component their Grafana panel draws: stat -> BigValue (reduced with
 *   getFieldDisplayValues), table -> TableNG, timeseries -> TimeSeries (uPlot);
 * - panels reading Prometheus (`${prometheus}`) as a placeholder box with their PromQL.
 * Responses arrive per panel index in Grafana's server JSON form and go through @grafana/runtime's
 * toDataQueryResponse, then applyFieldOverrides with the panel's fieldConfig, as Grafana's query runner does.
 */
import React from 'react';
import { css } from '@emotion/css';
import {
  applyFieldOverrides,
  DataFrame,
  dateTime,
  EventBusSrv,
  FieldConfigOptionsRegistry,
  FieldConfigPropertyItem,
  FieldConfigSource,
  getFieldDisplayName,
  getFieldDisplayValues,
  GrafanaTheme2,
  LoadingState,
  ThresholdsConfig,
  TimeRange,
} from '@grafana/data';
import { BackendDataSourceResponse, toDataQueryResponse } from '@grafana/runtime';
// the table Grafana 13's table panel draws (the stable `Table` export is the older react-table one)
import { TableNG } from '@grafana/ui/unstable';
import {
  BigValue,
  BigValueColorMode,
  BigValueGraphMode,
  Icon,
  PanelChrome,
  TimeSeries,
  useStyles2,
  useTheme2,
} from '@grafana/ui';
import { ClockProvider } from '../../src/panels/shared/clock';
import { PANELS } from './support/PanelHost';
import { gridHeight, gridItemPosition, GridPos, HEADER_HEIGHT, PAGE_PADDING } from './dashboard-layout';

/** The parts of a dashboard JSON (dashboards/*.json) the layout reads. */
export interface DashboardPanel {
  type: string;
  title: string;
  description?: string;
  gridPos: GridPos;
  datasource?: { type?: string };
  targets?: Array<{ refId: string; expr?: string; legendFormat?: string; datasource?: { type?: string } }>;
  options?: Record<string, unknown>;
  fieldConfig?: FieldConfigSource;
}

export interface DashboardHostProps {
  dashboard: { title: string; panels: DashboardPanel[] };
  /** the backend's answer for each panel with Headroom queries, by index in `dashboard.panels` */
  responses: Record<number, BackendDataSourceResponse>;
  /** the chosen value of each dashboard variable (shown in the header, interpolated into titles and PromQL) */
  variables: Record<string, string>;
  /** the dashboard's time range as written (e.g. now-7d .. now+14d), for the header */
  rawRange: { from: string; to: string };
  /** pinned "now" and the dashboard time range, epoch ms */
  now: number;
  range: { from: number; to: number };
  width: number;
}

/**
 * Grafana fills a field's config from the panel's fieldConfig.defaults through its registry of field options
 * (set up by Grafana's app, empty in @grafana/data alone). These are the standard options our dashboards set,
 * copied as they are; thresholds get Grafana's base step (-Infinity where the JSON has null).
 */
function passThrough(path: string, process: (value: unknown) => unknown = (v) => v): FieldConfigPropertyItem {
  return {
    id: path,
    path,
    name: path,
    process,
    shouldApply: () => true,
    override: () => null,
    editor: () => null,
  } as unknown as FieldConfigPropertyItem;
}
const STANDARD_FIELD_OPTIONS = [
  ...['unit', 'min', 'max', 'decimals', 'displayName', 'noValue', 'color', 'mappings', 'links'].map((p) =>
    passThrough(p)
  ),
  // a copy per field: overrides of custom options write into it and must not reach the other fields (or panels)
  passThrough('custom', (value) => structuredClone(value)),
  passThrough('thresholds', (value) => {
    const thresholds = value as ThresholdsConfig | undefined;
    return thresholds && { ...thresholds, steps: thresholds.steps.map((s) => ({ ...s, value: s.value ?? -Infinity })) };
  }),
];

/** The standard options, plus the plugin's own (`custom.*`) options the panel's overrides set. */
function fieldConfigRegistry(fieldConfig: FieldConfigSource): FieldConfigOptionsRegistry {
  const custom = new Set(
    fieldConfig.overrides.flatMap((o) => o.properties.map((p) => p.id)).filter((id) => id.startsWith('custom.'))
  );
  return new FieldConfigOptionsRegistry(() => [
    ...STANDARD_FIELD_OPTIONS,
    ...[...custom].map((id) => ({ ...passThrough(id.slice('custom.'.length)), id, isCustom: true })),
  ]);
}

/** What Grafana's built-in panels default to when the dashboard does not say (their plugins' field defaults). */
const PANEL_FIELD_DEFAULTS: Record<string, FieldConfigSource['defaults']> = {
  timeseries: { color: { mode: 'palette-classic' } },
  table: { custom: { align: 'auto', cellOptions: { type: 'auto' }, inspect: false } },
};

function processFrames(
  panel: DashboardPanel,
  response: BackendDataSourceResponse | undefined,
  theme: GrafanaTheme2,
  replaceVariables: (s: string) => string
) {
  if (!response) {
    return { series: [] as DataFrame[], errors: undefined };
  }
  const { data, errors } = toDataQueryResponse({ data: response });
  const defaults = { ...PANEL_FIELD_DEFAULTS[panel.type], ...panel.fieldConfig?.defaults };
  const fieldConfig: FieldConfigSource = { defaults, overrides: panel.fieldConfig?.overrides ?? [] };
  const series = applyFieldOverrides({
    data,
    fieldConfig,
    fieldConfigRegistry: fieldConfigRegistry(fieldConfig),
    replaceVariables,
    theme,
    timeZone: 'utc',
  });
  // names as Grafana's panels show them (displayName overrides, labels), cached in field.state
  series.forEach((frame) => frame.fields.forEach((field) => getFieldDisplayName(field, frame, series)));
  return { series, errors, fieldConfig };
}

export default function DashboardHost({
  dashboard,
  responses,
  variables,
  rawRange,
  now,
  range,
  width,
}: DashboardHostProps) {
  const styles = useStyles2(getStyles);
  const theme = useTheme2();
  const gridWidth = width - 2 * PAGE_PADDING;
  const timeRange: TimeRange = {
    from: dateTime(range.from),
    to: dateTime(range.to),
    raw: { from: rawRange.from, to: rawRange.to },
  };
  const replaceVariables = (text: string) =>
    Object.entries(variables).reduce(
      (out, [name, value]) => out.split(`\${${name}}`).join(value).split(`$${name}`).join(value),
      text
    );
  return (
    <ClockProvider now={now}>
      <div className={styles.header}>
        <span className={styles.dashboardTitle}>{dashboard.title}</span>
        {Object.entries(variables).map(([name, value]) => (
          <span key={name} className={styles.variable}>
            {name} <b>{value}</b>
          </span>
        ))}
        <span className={styles.range}>
          <Icon name="clock-nine" /> {rawRange.from} to {rawRange.to}
        </span>
      </div>
      <div className={styles.grid} style={{ width: gridWidth, height: gridHeight(dashboard.panels) }}>
        {dashboard.panels.map((panel, index) => {
          const box = gridItemPosition(panel.gridPos, gridWidth);
          const title = replaceVariables(panel.title);
          if (panel.type === 'row') {
            return (
              <div key={index} className={styles.row} style={box} data-panel={title}>
                <Icon name="angle-down" /> {title}
              </div>
            );
          }
          return (
            <div key={index} className={styles.cell} style={box} data-panel={title}>
              <PanelChrome width={box.width} height={box.height} title={title} description={panel.description}>
                {(innerWidth, innerHeight) => (
                  <PanelContent
                    panel={panel}
                    response={responses[index]}
                    width={innerWidth}
                    height={innerHeight}
                    theme={theme}
                    timeRange={timeRange}
                    replaceVariables={replaceVariables}
                  />
                )}
              </PanelChrome>
            </div>
          );
        })}
      </div>
    </ClockProvider>
  );
}

interface PanelContentProps {
  panel: DashboardPanel;
  response?: BackendDataSourceResponse;
  width: number;
  height: number;
  theme: GrafanaTheme2;
  timeRange: TimeRange;
  replaceVariables: (text: string) => string;
}

function PanelContent({ panel, response, width, height, theme, timeRange, replaceVariables }: PanelContentProps) {
  const styles = useStyles2(getStyles);
  if (panel.datasource?.type === 'prometheus') {
    return (
      <div className={styles.placeholder} style={{ width, height }}>
        <div className={styles.placeholderTitle}>Prometheus panel (not rendered offline)</div>
        {(panel.targets ?? []).map((target) => (
          <code key={target.refId} className={styles.promql}>
            {replaceVariables(target.expr ?? '')}
          </code>
        ))}
      </div>
    );
  }
  const { series, errors, fieldConfig } = processFrames(panel, response, theme, replaceVariables);
  const options = panel.options ?? {};
  const headroom = Object.entries(PANELS).find(([name]) => panel.type === `headroom-${name}-panel`)?.[1];
  if (headroom) {
    const Panel = headroom.plugin.panel!;
    return (
      <Panel
        id={1}
        data={{ series, state: LoadingState.Done, timeRange, errors }}
        timeRange={timeRange}
        timeZone="utc"
        options={{ ...headroom.defaults, ...options }}
        fieldConfig={fieldConfig ?? { defaults: {}, overrides: [] }}
        transparent={false}
        width={width}
        height={height}
        renderCounter={1}
        title={panel.title}
        eventBus={new EventBusSrv()}
        onOptionsChange={() => {}}
        onFieldConfigChange={() => {}}
        replaceVariables={replaceVariables}
        onChangeTimeRange={() => {}}
      />
    );
  }
  switch (panel.type) {
    case 'stat': {
      const [value] = getFieldDisplayValues({
        data: series,
        reduceOptions: (options.reduceOptions ?? { calcs: ['lastNotNull'] }) as never,
        fieldConfig: fieldConfig!,
        replaceVariables,
        theme,
        timeZone: 'utc',
      });
      return (
        <BigValue
          value={value.display}
          width={width}
          height={height}
          theme={theme}
          colorMode={(options.colorMode as BigValueColorMode) ?? BigValueColorMode.Value}
          graphMode={(options.graphMode as BigValueGraphMode) ?? BigValueGraphMode.None}
          textMode={options.textMode as never}
          justifyMode={options.justifyMode as never}
        />
      );
    }
    case 'table': {
      // Grafana's table panel shows the first frame (and a picker for the others)
      const frame = series.find((f) => f.length > 0) ?? series[0];
      // data-table-panel: the test waits until every table has drawn its rows (TableNG fills in after mounting)
      return frame ? (
        <div data-table-panel style={{ width, height }}>
          <TableNG data={frame} width={width} height={height} timeRange={timeRange} fieldConfig={fieldConfig} />
        </div>
      ) : (
        <NoData />
      );
    }
    case 'timeseries':
      return series.length > 0 ? (
        <TimeSeries
          frames={series}
          width={width}
          height={height}
          timeRange={timeRange}
          timeZone="utc"
          legend={options.legend as never}
          options={options}
        />
      ) : (
        <NoData />
      );
    default:
      throw new Error(`dashboard host: no renderer for panel type ${panel.type} ("${panel.title}")`);
  }
}

function NoData() {
  return <div>No data</div>;
}

const getStyles = (theme: GrafanaTheme2) => ({
  header: css({
    height: HEADER_HEIGHT,
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(2),
    padding: `0 ${PAGE_PADDING}px`,
    borderBottom: `1px solid ${theme.colors.border.weak}`,
    background: theme.colors.background.primary,
    color: theme.colors.text.primary,
  }),
  dashboardTitle: css({ fontSize: theme.typography.h4.fontSize, fontWeight: theme.typography.fontWeightMedium }),
  variable: css({
    padding: theme.spacing(0.5, 1),
    border: `1px solid ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    color: theme.colors.text.secondary,
  }),
  range: css({ marginLeft: 'auto', color: theme.colors.text.secondary }),
  grid: css({ position: 'relative', margin: PAGE_PADDING }),
  cell: css({ position: 'absolute' }),
  row: css({
    position: 'absolute',
    display: 'flex',
    alignItems: 'center',
    gap: theme.spacing(1),
    fontSize: theme.typography.h5.fontSize,
    fontWeight: theme.typography.fontWeightMedium,
    color: theme.colors.text.primary,
  }),
  placeholder: css({
    display: 'flex',
    flexDirection: 'column',
    gap: theme.spacing(1),
    padding: theme.spacing(1),
    border: `1px dashed ${theme.colors.border.medium}`,
    borderRadius: theme.shape.radius.default,
    color: theme.colors.text.secondary,
    overflow: 'hidden',
  }),
  placeholderTitle: css({ fontWeight: theme.typography.fontWeightMedium }),
  promql: css({ fontSize: theme.typography.bodySmall.fontSize, whiteSpace: 'pre-wrap', wordBreak: 'break-all' }),
});
