/**
 * On-call dashboard, for the engineer at 3 a.m.: who is on call and what is burning first, then deadlines,
 * escalation, the incident timeline, team availability and recent changes.
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import * as table from '@grafana/grafana-foundation-sdk/table';
import { base, datasourceVariables, headroom, headroomAnnotations, HEADROOM_DS, headroomPanel } from './builders';
import { headroomTimeseries } from './panels';

function headroomTable(title: string, description: string) {
  return new table.PanelBuilder().title(title).description(description).datasource(HEADROOM_DS);
}

export function oncallDashboard(): dashboard.Dashboard {
  return base('headroom-oncall', 'Headroom: On-call', 'Who is on call, active incidents, escalation and recent changes')
    .variables(datasourceVariables())
    .time({ from: 'now-24h', to: 'now' })
    .refresh('30s')
    .annotations([headroomAnnotations(['handoff', 'deployment'], 'Handoffs and deployments', 'purple')])
    .withPanel(
      headroomPanel('headroom-oncall-panel', 'On call now')
        .withTarget(headroom({ queryType: 'oncall' }))
        .withTarget(headroom({ queryType: 'incidents' }, 'B'))
        .height(12)
        .span(24)
    )
    .withPanel(
      headroomTable(
        'Active incidents',
        'Deadlines to acknowledge and respond, escalation level (1 primary, 2 secondary, 3 manager, 4 VP)'
      )
        .withTarget(headroom({ queryType: 'incidents' }))
        .height(9)
        .span(14)
    )
    .withPanel(
      headroomTable('Team availability', "Hours on call in the last 30 days and each member's next shift")
        .withTarget(headroom({ queryType: 'availability' }))
        .height(9)
        .span(10)
    )
    .withPanel(
      headroomTimeseries(
        'Fast-burn alerts',
        { queryType: 'burnAlert', severity: 'page' },
        'none',
        'Multi-window burn-rate page condition per SLO (1 = firing)'
      )
        .max(1)
        .min(0)
        .height(8)
        .span(12)
    )
    .withPanel(
      headroomTable(
        'Recent changes and incident timeline',
        'Deployments, handoffs, SLO status changes and fast-burn periods in the time range'
      )
        .withTarget(headroom({ queryType: 'events', kinds: ['deployment', 'handoff', 'status', 'fastBurn'] }))
        .height(8)
        .span(12)
    )
    .build();
}
