/**
 * Panel recipes shared by several dashboards (a stat of one summary number, a Headroom time series).
 */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as stat from '@grafana/grafana-foundation-sdk/stat';
import * as timeseries from '@grafana/grafana-foundation-sdk/timeseries';
import type { HeadroomQueryBody } from '../core/query';
import { headroom, HEADROOM_DS, PROMETHEUS_DS, showQuery, type ShownQuery } from './builders';

type Step = { value: number | null; color: string };

export function thresholds(steps: Step[]): dashboard.ThresholdsConfigBuilder {
  return new dashboard.ThresholdsConfigBuilder().mode(dashboard.ThresholdsMode.Absolute).steps(steps);
}

/** The id of the panel that asks for the `summary` frame; the other summary stats show its results. */
export const SUMMARY_PANEL_ID = 1;

/**
 * A big number taken from one field of the `summary` frame. Only the first stat of a row (`asksSummary`) sends
 * the query; the others read its results through Grafana's Dashboard data source, so a view of the row makes
 * one request instead of one per number.
 */
export function summaryStat(
  title: string,
  field: string,
  unit: string,
  steps: Step[],
  description: string,
  { asksSummary }: { asksSummary: boolean }
) {
  const panel = new stat.PanelBuilder().title(title).description(description);
  const source = asksSummary
    ? panel
        .id(SUMMARY_PANEL_ID)
        .datasource(HEADROOM_DS)
        .withTarget(headroom({ queryType: 'summary' }))
    : showQuery(panel, { panelId: SUMMARY_PANEL_ID });
  return source
    .reduceOptions(new common.ReduceDataOptionsBuilder().calcs(['lastNotNull']).fields(`/^${field}$/`))
    .unit(unit)
    .colorMode(common.BigValueColorMode.Background)
    .graphMode(common.BigValueGraphMode.None)
    .textMode(common.BigValueTextMode.Value)
    .thresholds(thresholds(steps))
    .height(5)
    .span(6);
}

/** Legend table on the right with each series' last value; `worstFirst` sorts the lowest last value on top. */
export function lastValueLegend(worstFirst = false) {
  const legend = new common.VizLegendOptionsBuilder()
    .showLegend(true)
    .displayMode(common.LegendDisplayMode.Table)
    .placement(common.LegendPlacement.Right)
    .calcs(['lastNotNull']);
  // "Last *" is how Grafana names the lastNotNull column the legend sorts by
  return worstFirst ? legend.sortBy('Last *').sortDesc(false) : legend;
}

/** Field overrides drawing a capacity threshold series (`warning`, `critical`) as a dashed line in its colour. */
export function thresholdLine(color: string, { inLegend }: { inLegend: boolean }) {
  return [
    { id: 'color', value: { mode: 'fixed', fixedColor: color } },
    { id: 'custom.lineStyle', value: { fill: 'dash', dash: [10, 10] } },
    ...(inLegend ? [] : [{ id: 'custom.hideFrom', value: { legend: true, tooltip: false, viz: false } }]),
  ];
}

/**
 * A time series of Headroom series (asked, or shown from another panel's query); the legend shows the series'
 * labels (slo, window, resource...).
 * Lines without area fill: a dozen SLOs or nodes overlap, and stacked translucent fills turn into one muddy block.
 */
export function headroomTimeseries(
  title: string,
  query: HeadroomQueryBody | ShownQuery,
  unit: string,
  description: string
) {
  const panel = new timeseries.PanelBuilder().title(title).description(description);
  return ('panelId' in query ? showQuery(panel, query) : panel.datasource(HEADROOM_DS).withTarget(headroom(query)))
    .unit(unit)
    .lineWidth(2)
    .fillOpacity(0)
    .spanNulls(false)
    .legend(lastValueLegend());
}

/** A time series of PromQL queries against the Prometheus beside Headroom (traffic, latency, database). */
export function promTimeseries(title: string, unit: string, description: string) {
  return new timeseries.PanelBuilder()
    .title(title)
    .description(description)
    .datasource(PROMETHEUS_DS)
    .unit(unit)
    .lineWidth(2)
    .fillOpacity(8)
    .legend(
      new common.VizLegendOptionsBuilder()
        .showLegend(true)
        .displayMode(common.LegendDisplayMode.List)
        .placement(common.LegendPlacement.Bottom)
    );
}
