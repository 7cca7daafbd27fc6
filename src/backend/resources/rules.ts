import { prometheusRules } from '../../core/slo/rules';
import { registerResource } from './index';

/** GET rules: Prometheus recording and alerting rules (Sloth-compatible names) for the loaded SLO definitions, as YAML. */
registerResource('GET', 'rules', (_req, { instance }) => ({
  body: prometheusRules(instance.definitions().definitions),
  contentType: 'application/yaml',
}));
