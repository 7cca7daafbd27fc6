/**
 * Service dashboard (variable `service`): traffic, latency and errors from Prometheus beside the SLO detail
 * Headroom computes for the service, its resources and its dependencies, with deployments as annotations.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as table from '@grafana/grafana-foundation-sdk/table';
import {
  base,
  datasourceVariables,
  headroom,
  headroomAnnotations,
  headroomPanel,
  promql,
  serviceVariable,
} from './builders';
import { headroomTimeseries, lastValueLegend, promTimeseries, thresholdLine } from './panels';

const SEL = 'service="$service"';

/** The SLO list's panel: its `budgetRemaining` query (B) is the burndown chart's too. */
const SLO_LIST_ID = 1;

export function serviceDashboard(): dashboard.Dashboard {
  return base('headroom-service', 'Headroom: Service', 'Request rate, latency, errors and SLO detail of one service')
    .variables([...datasourceVariables(), serviceVariable()])
    .annotations([
      headroomAnnotations(['deployment'], 'Deployments', 'blue', '$service'),
      headroomAnnotations(['fastBurn', 'status'], 'Fast burn and SLO status changes', 'red', '$service'),
    ])
    .withPanel(
      headroomPanel('headroom-slo-panel', 'SLOs of $service', { sort: 'worst', layout: 'list' })
        .id(SLO_LIST_ID)
        .withTarget(headroom({ queryType: 'sloCatalog', service: '$service' }))
        .withTarget(headroom({ queryType: 'slo', service: '$service', series: ['budgetRemaining'] }, 'B'))
        .height(7)
        .span(24)
    )
    .withRow(new dashboard.RowBuilder('Traffic'))
    .withPanel(
      promTimeseries('Request rate', 'reqps', 'Requests per second by status code')
        .withTarget(promql(`sum by (code) (rate(http_requests_total{${SEL}}[5m]))`, '{{code}}'))
        .height(8)
        .span(8)
    )
    .withPanel(
      promTimeseries(
        'Latency p50 / p95 / p99',
        's',
        'Request latency quantiles from the duration histogram; targets are the latency SLOs below'
      )
        .withTarget(
          promql(
            `histogram_quantile(0.5, sum by (le) (rate(http_request_duration_seconds_bucket{${SEL}}[5m])))`,
            'p50',
            'A'
          )
        )
        .withTarget(
          promql(
            `histogram_quantile(0.95, sum by (le) (rate(http_request_duration_seconds_bucket{${SEL}}[5m])))`,
            'p95',
            'B'
          )
        )
        .withTarget(
          promql(
            `histogram_quantile(0.99, sum by (le) (rate(http_request_duration_seconds_bucket{${SEL}}[5m])))`,
            'p99',
            'C'
          )
        )
        .height(8)
        .span(8)
    )
    .withPanel(
      promTimeseries('Error rate', 'percentunit', 'Share of requests answered with a 5xx code')
        .withTarget(
          promql(
            `sum(rate(http_requests_total{${SEL},code=~"5.."}[5m])) / sum(rate(http_requests_total{${SEL}}[5m]))`,
            'errors'
          )
        )
        .height(8)
        .span(8)
    )
    .withRow(new dashboard.RowBuilder('SLO detail'))
    .withPanel(
      headroomTimeseries(
        'SLI vs objective',
        { queryType: 'slo', service: '$service', series: ['sli', 'objective'] },
        'percentunit',
        'Good events over the SLO window, against the objective'
      )
        .height(8)
        .span(12)
    )
    .withPanel(
      headroomTimeseries(
        'Error budget burndown',
        // the SLO list's budget series, shown over time
        { panelId: SLO_LIST_ID, refId: 'B' },
        'percentunit',
        "Fraction of the window's error budget left"
      )
        // the whole 0-100% scale, so a step reads as its true size
        .min(0)
        .max(1)
        .legend(lastValueLegend(true))
        .height(8)
        .span(12)
    )
    .withPanel(
      headroomTimeseries(
        'Burn rate per window',
        {
          queryType: 'slo',
          service: '$service',
          series: ['burnRate'],
          burnRateWindows: ['5m', '1h', '6h', '1d', '3d'],
        },
        'none',
        'Multiple of the sustainable error rate (1 = exactly on budget; page at 14.4 over 1h)'
      )
        .height(8)
        .span(12)
    )
    .withPanel(
      headroomTimeseries(
        'Time to exhaustion',
        { queryType: 'slo', service: '$service', series: ['timeToExhaustion'] },
        's',
        'At the current 1-hour burn rate; empty while the budget is not burning'
      )
        .height(8)
        .span(12)
    )
    .withRow(new dashboard.RowBuilder('Resources and dependencies'))
    .withPanel(
      headroomTimeseries(
        'Resource utilization',
        { queryType: 'capacity', resource: 'cluster-cpu', series: ['utilization', 'warning', 'critical'] },
        'percentunit',
        'Cluster resources the service runs on, against the handbook thresholds'
      )
        .withTarget(
          headroom(
            { queryType: 'capacity', resource: 'cluster-memory', series: ['utilization', 'warning', 'critical'] },
            'B'
          )
        )
        .min(0)
        .max(1)
        // two resources, each with its own lines: dashed, and named in the legend
        .overrideByRegexp('/ warning$/', thresholdLine('orange', { inLegend: true }))
        .overrideByRegexp('/ critical$/', thresholdLine('red', { inLegend: true }))
        .height(8)
        .span(12)
    )
    .withPanel(
      new table.PanelBuilder()
        .title("Dependencies' status")
        .description('Every SLO of the platform, worst first')
        .datasource({ type: 'headroom-slo-datasource', uid: '${datasource}' })
        .withTarget(headroom({ queryType: 'sloCatalog' }))
        // what a dependency's state needs: name, service, SLI, budget left, status, time to exhaustion
        .overrideByRegexp('/^(id|objective|window|budgetRemainingMinutes|burnRate.*)$/', [
          { id: 'custom.hideFrom', value: { viz: true, legend: true, tooltip: true } },
        ])
        .overrideByName('status', [{ id: 'custom.cellOptions', value: { type: 'color-text' } }])
        .height(8)
        .span(12)
    )
    .build();
}
