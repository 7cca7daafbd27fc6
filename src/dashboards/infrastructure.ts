/**
 * Infrastructure dashboard: cluster and node capacity against thresholds with forecasts, network, storage,
 * database performance and the capacity catalog.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as table from '@grafana/grafana-foundation-sdk/table';
import { base, datasourceVariables, headroom, HEADROOM_DS, headroomPanel } from './builders';
import { headroomTimeseries } from './panels';

const FORECAST_SERIES = ['utilization', 'warning', 'critical', 'forecast', 'forecastLower', 'forecastUpper'] as const;

function resourceForecast(title: string, kind: string, method: 'linear' | 'holt-winters', description: string) {
  return headroomTimeseries(
    title,
    { queryType: 'capacity', resource: kind, series: [...FORECAST_SERIES], forecast: { method, horizon: '30d', season: '1d' } },
    'percentunit',
    description
  )
    .max(1)
    .min(0)
    .height(9)
    .span(12);
}

export function infrastructureDashboard(): dashboard.Dashboard {
  return base('headroom-infrastructure', 'Headroom: Infrastructure', 'Cluster health, node capacity, network, storage and database')
    .variables(datasourceVariables())
    .time({ from: 'now-7d', to: 'now+14d' })
    .withPanel(
      headroomPanel('headroom-capacity-panel', 'Capacity headroom and forecasts')
        .withTarget(headroom({ queryType: 'capacityCatalog', forecast: { method: 'holt-winters', horizon: '30d', season: '1d' } }))
        .height(11)
        .span(24)
    )
    .withRow(new dashboard.RowBuilder('Node capacity against thresholds'))
    .withPanel(resourceForecast('CPU', 'cluster-cpu', 'holt-winters', 'CPU used over capacity with a daily-season forecast'))
    .withPanel(resourceForecast('Memory', 'cluster-memory', 'holt-winters', 'Memory used over capacity with a daily-season forecast'))
    .withPanel(resourceForecast('Storage', 'disk-db-2', 'linear', 'Disk used over capacity; the linear trend tells when it crosses the lines'))
    .withPanel(resourceForecast('Network', 'cluster-network', 'holt-winters', 'Network throughput over link capacity'))
    .withRow(new dashboard.RowBuilder('Capacity catalog'))
    .withPanel(
      new table.PanelBuilder()
        .title('Capacity catalog')
        .description('Every resource with its utilization, headroom, status and forecast times to the warning and critical lines')
        .datasource(HEADROOM_DS)
        .withTarget(headroom({ queryType: 'capacityCatalog' }))
        .height(10)
        .span(24)
    )
    .build();
}
