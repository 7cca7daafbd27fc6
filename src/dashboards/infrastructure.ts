/**
 * Infrastructure dashboard: cluster and node capacity against thresholds with forecasts, network, storage,
 * database performance and the capacity catalog.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as table from '@grafana/grafana-foundation-sdk/table';
import { base, datasourceVariables, headroom, headroomPanel, promql, showQuery } from './builders';
import { headroomTimeseries, promTimeseries, thresholdLine } from './panels';

const FORECAST_SERIES = ['utilization', 'warning', 'critical', 'forecast'] as const;
const FORECAST_BANDS = ['forecastLower', 'forecastUpper'] as const;

/**
 * Utilization and its forecast (the seasonally adjusted growth `trend`, see docs/capacity.md) of one capacity
 * item against its warning and critical lines. The forecast bands only where there is one instance: six nodes'
 * bands on one chart bury the lines they bound.
 */
function resourceForecast(title: string, kind: string, description: string, { bands = false } = {}) {
  return headroomTimeseries(
    title,
    {
      queryType: 'capacity',
      resource: kind,
      series: bands ? [...FORECAST_SERIES, ...FORECAST_BANDS] : [...FORECAST_SERIES],
      forecast: { method: 'trend', horizon: '30d' },
    },
    'percentunit',
    description
  )
    .max(1)
    .min(0)
    // every instance of an item has the same lines: draw them dashed in their colours, out of the legend, so the
    // legend lists each node's utilization and forecast only
    .overrideByRegexp('/ warning$/', thresholdLine('orange', { inLegend: false }))
    .overrideByRegexp('/ critical$/', thresholdLine('red', { inLegend: false }))
    .height(9)
    .span(12);
}

/** The capacity cards' panel: its catalog query is the catalog table's too. */
const CAPACITY_CARDS_ID = 1;

export function infrastructureDashboard(): dashboard.Dashboard {
  return base(
    'headroom-infrastructure',
    'Headroom: Infrastructure',
    'Cluster health, node capacity, network, storage and database'
  )
    .variables(datasourceVariables())
    .time({ from: 'now-7d', to: 'now+14d' })
    .withPanel(
      headroomPanel('headroom-capacity-panel', 'Capacity headroom and forecasts')
        .id(CAPACITY_CARDS_ID)
        .withTarget(headroom({ queryType: 'capacityCatalog', forecast: { method: 'trend', horizon: '30d' } }))
        .height(11)
        .span(24)
    )
    .withRow(new dashboard.RowBuilder('Node capacity against thresholds'))
    .withPanel(
      resourceForecast('CPU per node', 'node-cpu', 'CPU cores used over cores available, with a daily-season forecast')
    )
    .withPanel(
      resourceForecast(
        'Memory per node',
        'node-memory',
        'Memory used over memory installed, with a daily-season forecast'
      )
    )
    .withPanel(
      resourceForecast(
        'Disk per node',
        'node-disk',
        'Disk used over capacity; the growth trend tells when it crosses the lines'
      )
    )
    .withPanel(resourceForecast('Network per node', 'node-network', 'Transmit throughput over link capacity'))
    .withRow(new dashboard.RowBuilder('Storage and database'))
    .withPanel(
      resourceForecast('Object storage', 'object-storage', 'Artifact storage used over the bucket quota', {
        bands: true,
      })
    )
    .withPanel(
      resourceForecast(
        'Database connections',
        'database-connections',
        'Active connections over the configured maximum per instance'
      )
    )
    .withPanel(
      promTimeseries('Database query latency p95', 's', 'p95 query duration per database instance')
        .withTarget(promql('max by (instance) (db_query_duration_seconds{quantile="0.95"})', '{{instance}}'))
        .height(8)
        .span(12)
    )
    .withPanel(
      promTimeseries('Workflow queue depth', 'short', 'Jobs waiting per queue')
        .withTarget(promql('sum by (queue) (workflow_queue_depth)', '{{queue}}'))
        .height(8)
        .span(12)
    )
    .withRow(new dashboard.RowBuilder('Capacity catalog'))
    .withPanel(
      // the capacity cards' catalog (their forecast options are the defaults), as a table
      showQuery(
        new table.PanelBuilder()
          .title('Capacity catalog')
          .description(
            'Every resource with its utilization, headroom, status and forecast times to the warning and critical lines'
          ),
        { panelId: CAPACITY_CARDS_ID, refId: 'A' }
      )
        // status is 0/1/2 in the frame (capacityStatus): words and colours in the table
        .overrideByName('status', [
          {
            id: 'mappings',
            value: [
              {
                type: 'value',
                options: {
                  '0': { text: 'ok', color: 'green', index: 0 },
                  '1': { text: 'warning', color: 'orange', index: 1 },
                  '2': { text: 'critical', color: 'red', index: 2 },
                },
              },
            ],
          },
          { id: 'custom.cellOptions', value: { type: 'color-text' } },
        ])
        // the headroom buffer against the policy (handbook: 50% target, 30% minimum, 20% alert)
        .overrideByName('bufferStatus', [
          {
            id: 'mappings',
            value: [
              {
                type: 'value',
                options: {
                  ok: { color: 'green', index: 0 },
                  'below target': { color: 'text', index: 1 },
                  'below minimum': { color: 'orange', index: 2 },
                  alert: { color: 'red', index: 3 },
                },
              },
            ],
          },
          { id: 'custom.cellOptions', value: { type: 'color-text' } },
        ])
        // the same policy minimum on every row: it is named in the capacity panel's buffer badge instead
        // (hideFrom.viz: Grafana 12's table; hidden: the table before it)
        .overrideByName('bufferMinimum', [
          { id: 'custom.hideFrom', value: { viz: true, legend: false, tooltip: false } },
          { id: 'custom.hidden', value: true },
        ])
        .height(10)
        .span(24)
    )
    .build();
}
