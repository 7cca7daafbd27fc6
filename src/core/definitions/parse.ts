import { emptyDefinitions, type LoadedDefinitions } from './model';

// Placeholder contract: the definitions issue implements YAML parsing, schema validation, Sloth/OpenSLO mapping.
export function parseDefinitions(_text: string, _source: string): LoadedDefinitions {
  return { definitions: emptyDefinitions(), errors: [] };
}

/** Several files (a definitionsPath directory plus inline jsonData) become one model; ids must stay unique. */
export function mergeDefinitions(parts: LoadedDefinitions[]): LoadedDefinitions {
  const merged = emptyDefinitions();
  const errors = parts.flatMap((p) => p.errors);
  for (const part of parts) {
    merged.slos.push(...part.definitions.slos);
    merged.capacity.push(...part.definitions.capacity);
    merged.oncall.push(...part.definitions.oncall);
  }
  return { definitions: merged, errors };
}
