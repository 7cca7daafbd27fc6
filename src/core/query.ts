/**
 * Query JSON (DataQuery.json) for every queryType of DESIGN.md. Shared by the query editor and the backend.
 */
export type QueryType =
  | 'slo'
  | 'sloCatalog'
  | 'burnAlert'
  | 'capacity'
  | 'capacityCatalog'
  | 'oncall'
  | 'incidents'
  | 'availability'
  | 'events'
  | 'summary'
  | 'cost';

export const SLO_SERIES = [
  'sli',
  'objective',
  'budgetRemaining',
  'budgetConsumed',
  'budgetRemainingMinutes',
  'burnRate',
  'status',
  'timeToExhaustion',
  'eventsBad',
  'eventsTotal',
] as const;
export type SloSeriesName = (typeof SLO_SERIES)[number];

export const CAPACITY_SERIES = [
  'utilization',
  'headroom',
  'warning',
  'critical',
  'forecast',
  'forecastLower',
  'forecastUpper',
  'timeToWarning',
  'timeToCritical',
  'status',
  'peakUtilization',
  'growthWhatIf',
] as const;
export type CapacitySeriesName = (typeof CAPACITY_SERIES)[number];

export const DEFAULT_BURN_RATE_WINDOWS = ['5m', '30m', '1h', '6h', '1d', '3d'];

export interface BaseQuery {
  refId: string;
  queryType?: QueryType;
  service?: string;
}

export interface SloQuery extends BaseQuery {
  queryType: 'slo';
  slo?: string;
  series?: SloSeriesName[];
  burnRateWindows?: string[];
}

export interface SloCatalogQuery extends BaseQuery {
  queryType: 'sloCatalog';
}

export interface BurnAlertQuery extends BaseQuery {
  queryType: 'burnAlert';
  slo?: string;
  severity?: 'page' | 'ticket';
}

export interface ForecastOptions {
  /** trend (default): seasonally adjusted growth after level shifts, peak envelope; linear: predict_linear */
  method?: 'trend' | 'linear' | 'holt-winters';
  horizon?: string;
  season?: string;
  seasonality?: 'additive' | 'multiplicative';
  training?: string;
  /** peakUtilization factor: the definitions' peak multiplier (handbook 3x, default) or the training window's measured peak/average */
  peak?: 'handbook' | 'measured';
  /** growthWhatIf: percent growth per month (default: the handbook's assumption for the resource kind) */
  growth?: number;
}

export interface CapacityQuery extends BaseQuery {
  queryType: 'capacity';
  resource?: string;
  series?: CapacitySeriesName[];
  forecast?: ForecastOptions;
}

export interface CapacityCatalogQuery extends BaseQuery {
  queryType: 'capacityCatalog';
  forecast?: ForecastOptions;
}

export interface OncallQuery extends BaseQuery {
  queryType: 'oncall';
  schedule?: string;
}

export interface IncidentsQuery extends BaseQuery {
  queryType: 'incidents';
  severity?: string;
}

/** Team availability: per member hours on call in the last 30 days and next shift. */
export interface AvailabilityQuery extends BaseQuery {
  queryType: 'availability';
  schedule?: string;
}

/** Annotations: SLO status changes, fast-burn periods, on-call handoffs, deployments. */
export interface EventsQuery extends BaseQuery {
  queryType: 'events';
  kinds?: Array<'status' | 'fastBurn' | 'handoff' | 'deployment'>;
  slo?: string;
  schedule?: string;
}

/** Platform health in single numbers for the executive dashboard's stat row. */
export interface SummaryQuery extends BaseQuery {
  queryType: 'summary';
}

/** Cost trends: resource cost per hour from capacity x unit prices (definitions `cost:`), and cost per request. */
export interface CostQuery extends BaseQuery {
  queryType: 'cost';
}

export type HeadroomQuery =
  | SloQuery
  | SloCatalogQuery
  | BurnAlertQuery
  | CapacityQuery
  | CapacityCatalogQuery
  | OncallQuery
  | IncidentsQuery
  | AvailabilityQuery
  | EventsQuery
  | SummaryQuery
  | CostQuery;

/** A query without its refId (distributes over the union so each query type keeps its own fields). */
export type HeadroomQueryBody = HeadroomQuery extends infer Q ? (Q extends HeadroomQuery ? Omit<Q, 'refId'> : never) : never;
