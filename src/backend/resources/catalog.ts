import { formatDefinitionError } from '../../core/definitions/model';
import { badQuery } from '../../core/errors';
import { parseDefinitions } from '../../core/definitions/parse';
import { registerResource } from './index';

/**
 * Read-only views of the loaded definitions for the editors and the app pages, and a validator for
 * definitions text (the config editor validates YAML before saving).
 */
/** `slos?service=x` narrows the list to one service (the query editor's SLO picker). */
registerResource('GET', 'slos', (req, { instance }) => ({
  body: instance
    .definitions()
    .definitions.slos.filter((s) => !req.query.get('service') || s.service === req.query.get('service'))
    .map((s) => ({
      id: s.id,
      service: s.service,
      name: s.name,
      objective: s.objective,
      window: s.window.text,
    })),
}));

registerResource('GET', 'services', (_req, { instance }) => ({
  body: [...new Set(instance.definitions().definitions.slos.map((s) => s.service))].sort(),
}));

registerResource('GET', 'resources', (_req, { instance }) => ({
  body: instance.definitions().definitions.capacity.map((c) => ({ id: c.id, name: c.name, resource: c.resource })),
}));

registerResource('GET', 'schedules', (_req, { instance }) => ({
  body: instance.definitions().definitions.oncall.map((s) => ({
    id: s.id,
    name: s.name,
    shifts: s.shifts.map((sh) => sh.name),
  })),
}));

registerResource('GET', 'definitions/errors', (_req, { instance }) => ({
  body: instance.definitions().errors.map((e) => ({ ...e, text: formatDefinitionError(e) })),
}));

/** Body: definitions YAML text. Answers {valid, errors[{source, path, itemId, line, message, text}], counts}. */
registerResource('POST', 'validate', (req) => {
  const text = req.text();
  if (text.trim() === '') {
    throw badQuery('request body must be the definitions YAML text (it is empty)');
  }
  const source = req.query.get('source') || 'definitions';
  const { definitions, errors } = parseDefinitions(text, source);
  return {
    body: {
      valid: errors.length === 0,
      errors: errors.map((e) => ({ ...e, text: formatDefinitionError(e) })),
      counts: {
        slos: definitions.slos.length,
        capacity: definitions.capacity.length,
        oncall: definitions.oncall.length,
      },
    },
  };
});
