/**
 * Builders for Headroom's own queries and panels on top of @grafana/grafana-foundation-sdk, so the four
 * dashboards read as a description of what they show. Data sources are referenced through dashboard
 * variables (`${datasource}`, `${prometheus}`) so an import into another Grafana can pick its own.
 */
import * as cog from '@grafana/grafana-foundation-sdk/cog';
import * as dashboard from '@grafana/grafana-foundation-sdk/dashboard';
import type { HeadroomQueryBody } from '../core/query';

export const HEADROOM_DS: dashboard.DataSourceRef = { type: 'headroom-slo-datasource', uid: '${datasource}' };
export const PROMETHEUS_DS: dashboard.DataSourceRef = { type: 'prometheus', uid: '${prometheus}' };
/** Grafana's Dashboard data source: a panel showing another panel's results, without a request of its own. */
const DASHBOARD_DS: dashboard.DataSourceRef = { type: 'datasource', uid: '-- Dashboard --' };

type QueryBody = HeadroomQueryBody;

/** A Headroom query as a dashboard target. */
export function headroom(query: QueryBody, refId = 'A'): cog.Builder<cog.Dataquery> {
  return {
    build: () => ({ refId, datasource: HEADROOM_DS, ...query }) as unknown as cog.Dataquery,
  };
}

/** The results of the dashboard's panel `panelId`, as they are (no transformations), as a target. */
function panelResults(panelId: number): cog.Builder<cog.Dataquery> {
  return {
    build: () => ({ refId: 'A', datasource: DASHBOARD_DS, panelId, withTransforms: false }) as unknown as cog.Dataquery,
  };
}

/** Another panel's results, shown without asking again: its panel id, and the refId of one of its queries. */
export interface ShownQuery {
  panelId: number;
  /** omitted: all of the panel's results */
  refId?: string;
}

/**
 * A panel showing the results of panel `panelId` (with `refId`, only that query's): Grafana's Dashboard data
 * source hands over that panel's results and "Filter data by query" keeps the one query's frames. The dashboard
 * then asks once, not twice.
 */
export function showQuery<P extends ShowingPanel<P>>(panel: P, { panelId, refId }: ShownQuery): P {
  const showing = panel.datasource(DASHBOARD_DS).withTarget(panelResults(panelId));
  return refId === undefined
    ? showing
    : showing.withTransformation({ id: 'filterByRefId', options: { include: refId } });
}

/** What showQuery needs of a panel builder (every foundation-sdk panel builder has it). */
interface ShowingPanel<P> {
  datasource(datasource: dashboard.DataSourceRef): P;
  withTarget(target: cog.Builder<cog.Dataquery>): P;
  withTransformation(transformation: dashboard.DataTransformerConfig): P;
}

/** A PromQL query against the Prometheus data source provisioned beside Headroom. */
export function promql(expr: string, legendFormat: string, refId = 'A'): cog.Builder<cog.Dataquery> {
  return {
    build: () => ({ refId, datasource: PROMETHEUS_DS, expr, legendFormat, range: true }) as unknown as cog.Dataquery,
  };
}

/** One of our panel plugins: a generic panel builder with its type and options set. */
export function headroomPanel(
  type: 'headroom-slo-panel' | 'headroom-capacity-panel' | 'headroom-oncall-panel',
  title: string,
  options: Record<string, unknown> = {}
): dashboard.PanelBuilder {
  return new dashboard.PanelBuilder().type(type).title(title).datasource(HEADROOM_DS).options(options);
}

export function datasourceVariables(): Array<cog.Builder<dashboard.VariableModel>> {
  return [
    new dashboard.DatasourceVariableBuilder('datasource')
      .label('Headroom')
      .type('headroom-slo-datasource')
      .current({ text: 'Headroom', value: 'headroom' }),
    new dashboard.DatasourceVariableBuilder('prometheus')
      .label('Prometheus')
      .type('prometheus')
      .current({ text: 'Prometheus', value: 'prometheus' }),
  ];
}

/** Links across the dashboard hierarchy of the handbook (executive -> service / infrastructure / on-call). */
export function hierarchyLinks(): Array<cog.Builder<dashboard.DashboardLink>> {
  return [
    new dashboard.DashboardLinkBuilder('Headroom')
      .type(dashboard.DashboardLinkType.Dashboards)
      .tags(['headroom'])
      .asDropdown(false)
      .includeVars(false)
      .keepTime(true),
  ];
}

/**
 * Annotations every Headroom dashboard carries: deployments and fast-burn periods from the backend.
 * `service` filters them ('$service' on a dashboard with that variable); without it, the whole platform's
 * (a dashboard without the variable would send the text "$service" and match nothing).
 */
export function headroomAnnotations(
  kinds: string[],
  name: string,
  color: string,
  service?: string
): cog.Builder<dashboard.AnnotationQuery> {
  return new dashboard.AnnotationQueryBuilder()
    .name(name)
    .datasource(HEADROOM_DS)
    .enable(true)
    .iconColor(color)
    .target({
      build: () => ({ refId: 'Anno', queryType: 'events', kinds, ...(service ? { service } : {}) }) as never,
    });
}

export function base(uid: string, title: string, description: string): dashboard.DashboardBuilder {
  return new dashboard.DashboardBuilder(title)
    .uid(uid)
    .description(description)
    .tags(['headroom'])
    .editable()
    .timezone('browser')
    .time({ from: 'now-7d', to: 'now' })
    .refresh('1m')
    .tooltip(dashboard.DashboardCursorSync.Crosshair)
    .links(hierarchyLinks());
}

/** The `service` variable, filled from the backend's list of services (resource `services`). */
export function serviceVariable(): cog.Builder<dashboard.VariableModel> {
  return new dashboard.QueryVariableBuilder('service')
    .label('Service')
    .datasource(HEADROOM_DS)
    .query({ refId: 'service', kind: 'service' })
    .refresh(dashboard.VariableRefresh.OnDashboardLoad)
    .current({ text: 'api_gateway', value: 'api_gateway' });
}
