/**
 * On-call dashboard, for the engineer at 3 a.m.: who is on call and what is burning first, then deadlines,
 * escalation, the incident timeline, team availability and recent changes.
 */
import * as common from '@grafana/grafana-foundation-sdk/common';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as table from '@grafana/grafana-foundation-sdk/table';
import {
  base,
  datasourceVariables,
  headroom,
  headroomAnnotations,
  HEADROOM_DS,
  headroomPanel,
  showQuery,
} from './builders';
import { headroomTimeseries } from './panels';

function headroomTable(title: string, description: string) {
  return new table.PanelBuilder().title(title).description(description).datasource(HEADROOM_DS);
}

/** The on-call panel: its incidents query (B) is the incidents table's too. */
const ON_CALL_ID = 1;

export function oncallDashboard(): dashboard.Dashboard {
  return base('headroom-oncall', 'Headroom: On-call', 'Who is on call, active incidents, escalation and recent changes')
    .variables(datasourceVariables())
    .time({ from: 'now-24h', to: 'now' })
    .refresh('30s')
    .annotations([headroomAnnotations(['handoff', 'deployment'], 'Handoffs and deployments', 'purple')])
    .withPanel(
      headroomPanel('headroom-oncall-panel', 'On call now')
        .id(ON_CALL_ID)
        .withTarget(headroom({ queryType: 'oncall' }))
        .withTarget(headroom({ queryType: 'incidents' }, 'B'))
        .height(9)
        .span(24)
    )
    .withPanel(
      // full width: the deadlines and the escalation level are the columns at the right end
      // the incidents the on-call panel asks for (B), as a table
      showQuery(
        headroomTable(
          'Active incidents',
          'Deadlines to acknowledge and respond, escalation level (1 primary, 2 secondary, 3 manager, 4 VP)'
        ),
        { panelId: ON_CALL_ID, refId: 'B' }
      )
        .height(6)
        .span(24)
    )
    .withPanel(
      headroomTimeseries(
        'Fast-burn alerts',
        { queryType: 'burnAlert', severity: 'page' },
        'none',
        'Multi-window burn-rate page condition per SLO (1 = firing); SLOs that fired in the range are listed first'
      )
        .max(1)
        .min(0)
        // sorted by the maximum: whatever burned in the range is on top of the legend, not among a dozen zeros
        .legend(
          new common.VizLegendOptionsBuilder()
            .showLegend(true)
            .displayMode(common.LegendDisplayMode.Table)
            .placement(common.LegendPlacement.Right)
            .calcs(['max'])
            .sortBy('Max')
            .sortDesc(true)
        )
        .height(8)
        .span(12)
    )
    .withPanel(
      headroomTable('Team availability', "Hours on call in the last 30 days and each member's next shift")
        .withTarget(headroom({ queryType: 'availability' }))
        // plain hours: Grafana's `h` unit would turn 96 hours into "4 days" under a column about hours
        .overrideByName('hoursPrimaryLast30d', [
          { id: 'displayName', value: 'Primary hours (30 d)' },
          { id: 'unit', value: 'none' },
        ])
        .overrideByName('hoursSecondaryLast30d', [
          { id: 'displayName', value: 'Secondary hours (30 d)' },
          { id: 'unit', value: 'none' },
        ])
        .height(8)
        .span(12)
    )
    .withPanel(
      headroomTable(
        'Recent changes and incident timeline',
        'Deployments, handoffs, SLO status changes and fast-burn periods in the time range'
      )
        .withTarget(headroom({ queryType: 'events', kinds: ['deployment', 'handoff', 'status', 'fastBurn'] }))
        // timeEnd repeats time for point events; the room goes to the title and text
        .overrideByName('timeEnd', [{ id: 'custom.hideFrom', value: { viz: true, legend: true, tooltip: true } }])
        .height(8)
        .span(24)
    )
    .build();
}
