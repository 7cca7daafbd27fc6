/**
 * Definitions text -> validated model. A text is a YAML stream of one or more documents, each one of:
 *   apiVersion: headroom/v1                          (validate.ts)
 *   version: prometheus/v1 | apiVersion: sloth.slok.dev/v1   (Sloth, sloth.ts)
 *   apiVersion: openslo/v1                           (OpenSLO, openslo.ts)
 * Nothing here throws on bad input: every problem becomes a DefinitionError with the source, the item,
 * the field and a 1-based line, and every valid item keeps working beside the broken ones.
 */
import { LineCounter, parseAllDocuments, type Document } from 'yaml';

import {
  emptyDefinitions,
  type DeclaredSection,
  type DefinitionError,
  type DefinitionLocation,
  type LoadedDefinitions,
} from './model';
import { mapOpenSloDocument } from './openslo';
import { isMapping, Reporter, show } from './reporter';
import { mapSlothDocument } from './sloth';
import { validateHeadroomDocument } from './validate';

type Raw = Record<string, unknown>;

export function parseDefinitions(text: string, source: string): LoadedDefinitions {
  const lineCounter = new LineCounter();
  let docs: Document[];
  try {
    docs = parseAllDocuments(String(text ?? ''), { lineCounter, prettyErrors: true }) as Document[];
  } catch (e) {
    return {
      definitions: emptyDefinitions(),
      errors: [{ source, path: '(document)', message: `cannot read YAML: ${(e as Error).message}` }],
    };
  }
  const multi = docs.length > 1;
  const reporterFor = (doc: Document, i: number, always = false) =>
    new Reporter(source, doc, lineCounter, multi || always ? ['documents', i] : []);

  // YAML first: a document with a syntax error is reported once and skipped
  const values: Array<{ doc: Document; index: number; value: unknown }> = [];
  const parts: LoadedDefinitions[] = [];
  docs.forEach((doc, index) => {
    if (doc.errors.length > 0) {
      const first = doc.errors[0];
      const error: DefinitionError = {
        source,
        path: multi ? `documents[${index}]` : '(document)',
        message: `YAML syntax error: ${yamlMessage(first.message)}`,
      };
      if (first.linePos) {
        error.line = first.linePos[0].line;
      }
      parts.push({ definitions: emptyDefinitions(), errors: [error] });
      return;
    }
    try {
      values.push({ doc, index, value: doc.toJS({ maxAliasCount: 100 }) });
    } catch (e) {
      const r = reporterFor(doc, index);
      r.error({ item: [] }, [], `cannot read YAML: ${(e as Error).message}`);
      parts.push({ definitions: emptyDefinitions(), errors: r.errors });
    }
  });

  // OpenSLO SLOs may refer to SLI documents anywhere in the same text
  const slis = new Map<string, Raw>();
  for (const { value } of values) {
    if (isMapping(value) && value.apiVersion === 'openslo/v1' && value.kind === 'SLI' && isMapping(value.metadata)) {
      slis.set(String(value.metadata.name), value);
    }
  }

  for (const { doc, index, value } of values) {
    if (value === null || value === undefined) {
      continue; // an empty document (a trailing `---`, or only comments)
    }
    const r = reporterFor(doc, index);
    if (!isMapping(value)) {
      r.error(
        { item: [] },
        [],
        `a definitions document must be a mapping starting with apiVersion: headroom/v1 (got ${show(value)})`
      );
      parts.push({ definitions: emptyDefinitions(), errors: r.errors });
      continue;
    }
    parts.push(dispatch(value, r, () => reporterFor(doc, index, true), slis));
  }
  return combine(parts, false);
}

function dispatch(doc: Raw, r: Reporter, documentReporter: () => Reporter, slis: Map<string, Raw>): LoadedDefinitions {
  const apiVersion = doc.apiVersion;
  if (apiVersion === 'headroom/v1') {
    return validateHeadroomDocument(doc, r);
  }
  if (apiVersion === undefined && doc.version === 'prometheus/v1') {
    return mapSlothDocument(doc, r, false);
  }
  if (apiVersion === 'sloth.slok.dev/v1' && doc.kind === 'PrometheusServiceLevel') {
    return mapSlothDocument(doc, r, true);
  }
  if (apiVersion === 'openslo/v1') {
    // other OpenSLO kinds (Service, SLI, DataSource, AlertPolicy...) are valid and add no SLO by themselves
    return doc.kind === 'SLO'
      ? mapOpenSloDocument(doc, documentReporter(), slis)
      : { definitions: emptyDefinitions(), errors: [] };
  }
  if (typeof apiVersion === 'string' && apiVersion.startsWith('openslo/')) {
    r.error({ item: ['apiVersion'] }, [], `apiVersion ${show(apiVersion)} is not supported: only openslo/v1`);
  } else if (apiVersion === undefined && doc.version !== undefined) {
    r.error(
      { item: ['version'] },
      [],
      `version ${show(doc.version)} is not supported: Sloth specs use version: prometheus/v1`
    );
  } else if (apiVersion === undefined) {
    r.error(
      { item: [] },
      [],
      "apiVersion is required: headroom/v1 (also accepted: openslo/v1, sloth.slok.dev/v1, or Sloth's version: prometheus/v1)"
    );
  } else {
    r.error(
      { item: ['apiVersion'] },
      [],
      `apiVersion must be headroom/v1 (also accepted: openslo/v1, sloth.slok.dev/v1, or Sloth's version: prometheus/v1) (got ${show(apiVersion)})`
    );
  }
  return { definitions: emptyDefinitions(), errors: r.errors };
}

/** "Map keys must be unique at line 2, column 1:\n\n<snippet>" -> "Map keys must be unique (line 2, column 1)" */
function yamlMessage(message: string): string {
  const head = message.split('\n')[0].replace(/:$/, '');
  const at = / at line (\d+), column (\d+)$/.exec(head);
  return at ? `${head.slice(0, at.index)} (line ${at[1]}, column ${at[2]})` : head;
}

/**
 * Several files (a definitionsPath directory plus inline jsonData) become one model. Ids stay unique per
 * kind (a later duplicate is dropped with an error naming the first); policy, buffer, response and cost may
 * be given once (a second one is reported and ignored); cost prices must name known capacity ids.
 */
export function mergeDefinitions(parts: LoadedDefinitions[]): LoadedDefinitions {
  return combine(parts, true);
}

function combine(parts: LoadedDefinitions[], crossReferences: boolean): LoadedDefinitions {
  const merged = emptyDefinitions();
  const errors: DefinitionError[] = [];
  const declared: Partial<Record<DeclaredSection, DefinitionLocation>> = {};
  const seen = {
    slos: new Map<string, string>(),
    capacity: new Map<string, string>(),
    oncall: new Map<string, string>(),
  };
  for (const part of parts) {
    errors.push(...part.errors);
    for (const kind of ['slos', 'capacity', 'oncall'] as const) {
      for (const item of part.definitions[kind]) {
        const first = seen[kind].get(item.id);
        if (first !== undefined) {
          errors.push(duplicateError(item, first));
          continue;
        }
        seen[kind].set(item.id, where(item));
        (merged[kind] as Array<typeof item>).push(item);
      }
    }
    for (const key of ['policy', 'buffer', 'response', 'cost'] as const) {
      const location = part.declared?.[key];
      if (!location) {
        continue;
      }
      const previous = declared[key];
      if (previous) {
        errors.push({
          ...location,
          message: `${key} is given twice (first in ${describe(previous)}); the first one is used`,
        });
        continue;
      }
      declared[key] = location;
      if (key === 'cost') {
        if (part.definitions.cost) {
          merged.cost = part.definitions.cost;
        }
      } else {
        (merged as unknown as Record<string, unknown>)[key] = part.definitions[key];
      }
    }
  }
  if (crossReferences && merged.cost) {
    const known = new Set(merged.capacity.map((c) => c.id));
    const unknown = Object.keys(merged.cost.unitPrices).filter((id) => !known.has(id));
    if (unknown.length > 0) {
      const location = declared.cost ?? { source: '', path: 'cost' };
      for (const id of unknown) {
        errors.push({
          ...location,
          field: `${location.path}.unitPrices.${id}`,
          message: `unitPrices.${id}: no valid capacity resource has the id "${id}"`,
        });
      }
      const prices = Object.fromEntries(Object.entries(merged.cost.unitPrices).filter(([id]) => known.has(id)));
      merged.cost = { ...merged.cost, unitPrices: prices };
    }
  }
  return { definitions: merged, errors, declared };
}

function where(item: { origin: string; at?: DefinitionLocation }): string {
  return item.at ? describe(item.at) : item.origin;
}

function describe(location: DefinitionLocation): string {
  return `${location.source}${location.line ? `:${location.line}` : ''} ${location.path}`;
}

function duplicateError(item: { id: string; origin: string; at?: DefinitionLocation }, first: string): DefinitionError {
  const at = item.at ?? { source: item.origin, path: '' };
  const error: DefinitionError = {
    source: at.source,
    path: at.path,
    field: `${at.path}.id`,
    itemId: item.id,
    message: `id "${item.id}" is already used by ${first}; this one is ignored`,
  };
  if (at.line !== undefined) {
    error.line = at.line;
  }
  return error;
}
