/**
 * Executive dashboard: readable in five seconds. Four numbers on top (SLOs met, worst budget left, incidents,
 * tightest capacity), then one card per SLO, capacity and on-call, then trends (budget, cost).
 */
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import { base, datasourceVariables, headroom, headroomPanel } from './builders';
import { headroomTimeseries, lastValueLegend, summaryStat } from './panels';

/** The SLO cards' panel: its `budgetRemaining` query (B) is the trend chart's too. */
const SLO_CARDS_ID = 2;

export function executiveDashboard(): dashboard.Dashboard {
  return base(
    'headroom-executive',
    'Headroom: Executive',
    'Platform health, SLO compliance, error budgets, incidents, capacity and cost'
  )
    .variables(datasourceVariables())
    .withRow(new dashboard.RowBuilder('Platform health'))
    .withPanel(
      summaryStat(
        'SLOs meeting objective',
        'slosMeetingObjectivePercent',
        'percentunit',
        [
          { value: null, color: 'red' },
          { value: 0.9, color: 'orange' },
          { value: 1, color: 'green' },
        ],
        'Share of SLOs whose SLI over their window is at or above the objective',
        { asksSummary: true }
      )
    )
    .withPanel(
      summaryStat(
        'Worst error budget left',
        'worstBudgetRemaining',
        'percentunit',
        [
          { value: null, color: 'red' },
          { value: 0, color: 'orange' },
          { value: 0.2, color: 'green' },
        ],
        'The smallest error budget remaining across all SLOs (below 0 = overspent)',
        { asksSummary: false }
      )
    )
    .withPanel(
      summaryStat(
        'Active incidents',
        'activeIncidents',
        'none',
        [
          { value: null, color: 'green' },
          { value: 1, color: 'red' },
        ],
        'Alerts firing now (acknowledged or not)',
        { asksSummary: false }
      )
    )
    .withPanel(
      summaryStat(
        'Tightest capacity headroom',
        'worstHeadroom',
        'percentunit',
        [
          { value: null, color: 'red' },
          { value: 0.2, color: 'orange' },
          { value: 0.3, color: 'green' },
        ],
        'The least headroom of any resource (handbook: alert below 20%, minimum 30%, target 50%)',
        { asksSummary: false }
      )
    )
    .withRow(new dashboard.RowBuilder('SLO compliance and error budgets'))
    .withPanel(
      headroomPanel('headroom-slo-panel', 'Service level objectives', { sort: 'worst', layout: 'grid' })
        .id(SLO_CARDS_ID)
        .withTarget(headroom({ queryType: 'sloCatalog' }))
        .withTarget(headroom({ queryType: 'slo', series: ['budgetRemaining'] }, 'B'))
        // three rows of cards: every SLO of the demo platform without scrolling
        .height(19)
        .span(24)
    )
    .withRow(new dashboard.RowBuilder('Capacity and on-call'))
    .withPanel(
      headroomPanel('headroom-capacity-panel', 'Capacity headroom')
        .withTarget(headroom({ queryType: 'capacityCatalog' }))
        .height(11)
        .span(14)
    )
    .withPanel(
      headroomPanel('headroom-oncall-panel', 'On call now and active incidents')
        .withTarget(headroom({ queryType: 'oncall' }))
        .withTarget(headroom({ queryType: 'incidents' }, 'B'))
        .height(11)
        .span(10)
    )
    .withRow(new dashboard.RowBuilder('Trends'))
    .withPanel(
      headroomTimeseries(
        'Error budget remaining',
        // the SLO cards' budget series, shown again over time
        { panelId: SLO_CARDS_ID, refId: 'B' },
        'percentunit',
        "Fraction of each SLO window's error budget left (1 = untouched, 0 = exhausted)"
      )
        // the whole 0-100% scale, so a dip reads as its true size; the SLO with the least budget on top
        .min(0)
        .max(1)
        .legend(lastValueLegend(true))
        .height(9)
        .span(24)
    )
    .withPanel(
      headroomTimeseries(
        'Cost trends',
        { queryType: 'cost' },
        'currencyUSD',
        'Infrastructure cost per hour (capacity x unit prices of the definitions) and cost per million requests'
      )
        // two magnitudes (tens of dollars an hour, cents per million requests): one axis each
        .overrideByName('Cost per million requests', [{ id: 'custom.axisPlacement', value: 'right' }])
        // from zero: a step from $23.5 to $25 an hour is small, and should look small
        .min(0)
        .height(8)
        .span(24)
    )
    .build();
}
