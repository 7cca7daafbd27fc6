/** Provisioning snippets shown on the config page (Grafana's provisioning/datasources/*.yaml format). */
import { DATASOURCE_TYPE, DEFAULT_DATASOURCE_UID } from './constants';

export function demoDatasourceYaml(): string {
  return `apiVersion: 1
datasources:
  - name: Headroom
    uid: ${DEFAULT_DATASOURCE_UID}
    type: ${DATASOURCE_TYPE}
    # no url: the embedded demo platform with its default SLOs
`;
}

export function prometheusDatasourceYaml(): string {
  return `apiVersion: 1
datasources:
  - name: Headroom
    uid: ${DEFAULT_DATASOURCE_UID}
    type: ${DATASOURCE_TYPE}
    url: http://prometheus:9090          # Prometheus, Thanos, Mimir or VictoriaMetrics
    basicAuth: true                     # or leave out and use a bearer token
    basicAuthUser: grafana
    jsonData:
      timeoutSeconds: 30
      definitionsPath: /etc/headroom    # *.yaml, re-read on change
      alertmanagerUrl: http://alertmanager:9093
    secureJsonData:
      basicAuthPassword: $PROMETHEUS_PASSWORD
      # bearerToken: $PROMETHEUS_TOKEN
      # alertmanagerBearerToken: $ALERTMANAGER_TOKEN
`;
}

export function appYaml(datasourceUid: string): string {
  return `apiVersion: 1
apps:
  - type: headroom-sre-app
    disabled: false
    jsonData:
      datasourceUid: ${datasourceUid}
`;
}
