/** Ids and links the app pages share. */
export const APP_ID = 'headroom-sre-app';
export const DATASOURCE_TYPE = 'headroom-slo-datasource';
/** uid of the provisioned Headroom data source (DESIGN.md); the app config can point elsewhere. */
export const DEFAULT_DATASOURCE_UID = 'headroom';

export interface AppJsonData {
  /** uid of the Headroom data source the overview queries */
  datasourceUid?: string;
}

export const DASHBOARDS = [
  {
    uid: 'headroom-executive',
    title: 'Executive',
    icon: 'apps',
    description: 'Platform health, SLO compliance and cost in single numbers',
  },
  {
    uid: 'headroom-service',
    title: 'Service',
    icon: 'heart-rate',
    description: 'One service: SLIs, error budget, burn rates and events',
  },
  {
    uid: 'headroom-infrastructure',
    title: 'Infrastructure',
    icon: 'database',
    description: 'Capacity headroom per resource with forecasts',
  },
  {
    uid: 'headroom-oncall',
    title: 'On-call',
    icon: 'bell',
    description: 'Who is on call, handoffs and incidents with their deadlines',
  },
] as const;

export function dashboardUrl(uid: string, params: Record<string, string> = {}): string {
  const query = new URLSearchParams(params).toString();
  return `/d/${uid}${query ? `?${query}` : ''}`;
}
