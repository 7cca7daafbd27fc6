/**
 * Labels and one-line explanations shown in the query editor. The wording follows DESIGN.md's
 * "Query JSON" section (units and meanings of every series), so users need not read it.
 */
import type { CapacitySeriesName, QueryType, SloSeriesName } from '../../core/query';

export interface Described<T extends string> {
  value: T;
  label: string;
  description: string;
}

export const QUERY_TYPES: Array<Described<QueryType>> = [
  { value: 'slo', label: 'SLO series', description: 'SLI, error budget, burn rates and status over time' },
  {
    value: 'sloCatalog',
    label: 'SLO catalog',
    description: 'One row per SLO: objective, SLI, budget, burn rates, status',
  },
  {
    value: 'burnAlert',
    label: 'Burn-rate alert',
    description: 'Multi-window burn-rate condition (1 firing, 0 not) for Grafana Alerting',
  },
  {
    value: 'capacity',
    label: 'Capacity series',
    description: 'Utilization, headroom, thresholds and forecast per resource',
  },
  {
    value: 'capacityCatalog',
    label: 'Capacity catalog',
    description: 'One row per resource: utilization, headroom, time to threshold',
  },
  { value: 'oncall', label: 'On-call', description: 'Who is on call per schedule and shift, and the next handoff' },
  {
    value: 'incidents',
    label: 'Incidents',
    description: 'Active Alertmanager alerts with acknowledge and escalation deadlines',
  },
  {
    value: 'availability',
    label: 'Team availability',
    description: 'Hours on call per member in the last 30 days and next shift',
  },
  {
    value: 'events',
    label: 'Events',
    description: 'SLO status changes, fast burns, handoffs and deployments (annotations)',
  },
  {
    value: 'summary',
    label: 'Platform summary',
    description: 'Platform health in single numbers (executive stat row)',
  },
  {
    value: 'cost',
    label: 'Cost',
    description: 'Resource cost per hour and cost per request, from the definitions unit prices',
  },
];

export const PEAK_SOURCES: Array<Described<'handbook' | 'measured'>> = [
  { value: 'handbook', label: 'Handbook', description: 'The peak multiplier of the definitions (3x by default)' },
  { value: 'measured', label: 'Measured', description: 'Peak over average of the training window' },
];

export const SLO_SERIES_INFO: Record<SloSeriesName, string> = {
  sli: 'Service level indicator: fraction of good events over the SLO window (0..1)',
  objective: 'The objective as a fraction (0.999 = 99.9%)',
  budgetRemaining: 'Error budget left: 1 untouched, 0 exhausted, negative overspent',
  budgetConsumed: 'Error budget used: 0 untouched, 1 exhausted',
  budgetRemainingMinutes: 'Minutes of full outage still affordable in the window',
  burnRate: 'Burn rate per window: multiple of the sustainable rate (1 = exactly on budget)',
  status: 'Status: 0 ok, 1 warning, 2 depleted, 3 critical',
  timeToExhaustion: 'Seconds until the budget is gone at the current 1h burn rate (empty when not burning)',
  eventsBad: 'Bad events counted in the SLO window',
  eventsTotal: 'All events counted in the SLO window',
};

export const CAPACITY_SERIES_INFO: Record<CapacitySeriesName, string> = {
  utilization: 'Used fraction of capacity (0..1)',
  headroom: 'Free fraction of capacity: 1 - utilization',
  warning: 'Warning threshold line (fraction)',
  critical: 'Critical threshold line (fraction)',
  forecast: 'Forecast utilization for the part of the range after the last sample',
  forecastLower: 'Lower bound of the forecast band',
  forecastUpper: 'Upper bound of the forecast band',
  timeToWarning: 'Seconds until the forecast crosses the warning line (empty if not within the horizon)',
  timeToCritical: 'Seconds until the forecast crosses the critical line (empty if not within the horizon)',
  status: 'Status: 0 ok, 1 warning, 2 critical',
  peakUtilization: 'Utilization at peak load: utilization times the peak factor',
  growthWhatIf: 'Utilization if load grows by the given percent per month',
};

export const EVENT_KINDS: Array<Described<'status' | 'fastBurn' | 'handoff' | 'deployment'>> = [
  {
    value: 'status',
    label: 'SLO status changes',
    description: 'An SLO became warning, critical or depleted, or recovered',
  },
  {
    value: 'fastBurn',
    label: 'Fast-burn periods',
    description: 'Intervals in which the page-level burn-rate alert fired',
  },
  { value: 'handoff', label: 'On-call handoffs', description: 'A new primary took over a shift' },
  { value: 'deployment', label: 'Deployments', description: 'Deployments of the services (demo platform)' },
];

export const FORECAST_METHODS: Array<Described<'trend' | 'linear' | 'holt-winters'>> = [
  {
    value: 'trend',
    label: 'Trend',
    description: 'Growth without the daily/weekly swing, after the last level shift; the daily peaks against the lines',
  },
  { value: 'linear', label: 'Linear', description: "Prometheus' predict_linear over the training window" },
  { value: 'holt-winters', label: 'Holt-Winters', description: 'Trend plus a repeating season (e.g. daily traffic)' },
];
