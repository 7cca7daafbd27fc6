import { formatDefinitionError } from '../../core/definitions/model';
import { prometheusRules } from '../../core/slo/rules';
import type { Command } from './types';
import { loadDefinitionPaths } from './validate';

/**
 * `headroom rules FILE|DIR...`: prints Prometheus recording and alerting rules (Sloth-compatible names) for
 * the SLOs of the definitions, for `rule_files`. Definitions errors go to stderr and make the exit code 1;
 * rules for the valid SLOs are still printed.
 */
export const rulesCommand: Command = {
  name: 'rules',
  summary: 'print Prometheus recording + alerting rules (Sloth-compatible) for the SLOs',
  usage: 'rules FILE|DIR...',
  run(args, io) {
    const unknown = args.filter((a) => a.startsWith('-'));
    if (args.length === 0 || unknown.length > 0) {
      io.err(
        unknown.length ? `unknown option ${unknown[0]}` : 'rules needs at least one definitions file or directory'
      );
      io.err(`usage: headroom ${this.usage}`);
      return 2;
    }
    const { definitions, errors } = loadDefinitionPaths(args);
    errors.forEach((e) => io.err(formatDefinitionError(e)));
    io.out(prometheusRules(definitions).trimEnd());
    return errors.length > 0 ? 1 : 0;
  },
};
