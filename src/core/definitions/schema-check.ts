import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';

import { formatPath, show, type PathSegment } from './reporter';
import {
  BUFFER_SCHEMA,
  CAPACITY_SCHEMA,
  COST_SCHEMA,
  PATTERN_HINTS,
  POLICY_SCHEMA,
  RESPONSE_SCHEMA,
  SCHEDULE_SCHEMA,
  SLO_SCHEMA,
  TOP_LEVEL_SCHEMA,
} from './schema';

/** One schema violation, with the field relative to the checked value and a sentence that names it. */
export interface SchemaProblem {
  field: PathSegment[];
  message: string;
}

export type SchemaPart = 'top' | 'slo' | 'policy' | 'capacity' | 'buffer' | 'schedule' | 'response' | 'cost';

const PART_SCHEMAS: Record<SchemaPart, object> = {
  top: TOP_LEVEL_SCHEMA,
  slo: SLO_SCHEMA,
  policy: POLICY_SCHEMA,
  capacity: CAPACITY_SCHEMA,
  buffer: BUFFER_SCHEMA,
  schedule: SCHEDULE_SCHEMA,
  response: RESPONSE_SCHEMA,
  cost: COST_SCHEMA,
};

let compiled: Record<SchemaPart, ValidateFunction> | undefined;

function validators(): Record<SchemaPart, ValidateFunction> {
  if (!compiled) {
    // verbose: errors carry the offending data and their schema, so messages can show "(got 150)" and ranges
    const ajv = new Ajv({ allErrors: true, verbose: true, strict: true, allowUnionTypes: true });
    const entries = Object.entries(PART_SCHEMAS).map(([part, schema]) => [part, ajv.compile(schema)]);
    compiled = Object.fromEntries(entries) as Record<SchemaPart, ValidateFunction>;
  }
  return compiled;
}

/** Checks `value` against one part of the schema; an empty list means it conforms. */
export function checkSchema(part: SchemaPart, value: unknown): SchemaProblem[] {
  const validate = validators()[part];
  if (validate(value)) {
    return [];
  }
  const problems: SchemaProblem[] = [];
  const seen = new Set<string>();
  for (const error of validate.errors ?? []) {
    const problem = describe(error);
    const key = `${formatPath(problem.field)}|${problem.message}`;
    if (problem.message && !seen.has(key)) {
      seen.add(key);
      problems.push(problem);
    }
  }
  return problems;
}

function describe(error: ErrorObject): SchemaProblem {
  const field = pointerToPath(error.instancePath);
  const name = formatPath(field) || 'value';
  const data = error.data;
  const parent = (error.parentSchema ?? {}) as Record<string, unknown>;
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty);
      return { field: [...field, missing], message: `${formatPath([...field, missing])} is required` };
    }
    case 'additionalProperties': {
      const extra = String(error.params.additionalProperty);
      const known = Object.keys((parent.properties as object) ?? {});
      const guess = closest(extra, known);
      const where = field.length ? ` in ${name}` : '';
      const hint = guess ? ` (did you mean "${guess}"?)` : known.length ? ` (known: ${known.join(', ')})` : '';
      return { field: [...field, extra], message: `unknown field "${extra}"${where}${hint}` };
    }
    case 'type': {
      const types = ([] as string[]).concat(error.params.type as string | string[]).map(typeName);
      return { field, message: `${name} must be ${types.join(' or ')} (got ${show(data)})` };
    }
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum':
      return { field, message: rangeMessage(name, field, parent, data) };
    case 'pattern': {
      if (error.propertyName !== undefined) {
        return {
          field: [...field, error.propertyName],
          message: `${name}: "${error.propertyName}" is not ${PATTERN_HINTS[String(error.params.pattern)] ?? 'a valid name'}`,
        };
      }
      const hint = PATTERN_HINTS[String(error.params.pattern)] ?? `match ${error.params.pattern}`;
      return { field, message: `${name} must be ${hint} (got ${show(data)})` };
    }
    case 'propertyNames':
      return { field, message: '' }; // the nested pattern error says it better
    case 'enum':
      return {
        field,
        message: `${name} must be one of ${(error.params.allowedValues as unknown[]).join(', ')} (got ${show(data)})`,
      };
    case 'const':
      return { field, message: `${name} must be ${JSON.stringify(error.params.allowedValue)} (got ${show(data)})` };
    case 'minLength':
    case 'minItems':
      return { field, message: `${name} must not be empty` };
    default:
      return { field, message: `${name} ${error.message ?? 'is invalid'}` };
  }
}

function rangeMessage(name: string, field: PathSegment[], schema: Record<string, unknown>, data: unknown): string {
  const lowEx = schema.exclusiveMinimum as number | undefined;
  const highEx = schema.exclusiveMaximum as number | undefined;
  const low = lowEx ?? (schema.minimum as number | undefined);
  const high = highEx ?? (schema.maximum as number | undefined);
  if (field[field.length - 1] === 'objective' && data === highEx) {
    return `${name} must be below ${highEx} (got ${show(data)}): an objective of 100% leaves no error budget`;
  }
  if (low !== undefined && high !== undefined) {
    return `${name} must be between ${low} and ${high} (got ${show(data)})`;
  }
  if (low !== undefined) {
    return `${name} must be ${lowEx !== undefined ? 'greater than' : 'at least'} ${low} (got ${show(data)})`;
  }
  return `${name} must be ${highEx !== undefined ? 'below' : 'at most'} ${high} (got ${show(data)})`;
}

function pointerToPath(pointer: string): PathSegment[] {
  if (!pointer) {
    return [];
  }
  return pointer
    .slice(1)
    .split('/')
    .map((s) => s.replace(/~1/g, '/').replace(/~0/g, '~'))
    .map((s) => (/^\d+$/.test(s) ? Number(s) : s));
}

function typeName(type: string): string {
  const names: Record<string, string> = {
    object: 'a mapping',
    array: 'a list',
    string: 'a string',
    number: 'a number',
    integer: 'a whole number',
    boolean: 'true or false',
  };
  return names[type] ?? type;
}

/** The known name within edit distance 2 of a typo, if any. */
function closest(word: string, candidates: string[]): string | undefined {
  let best: string | undefined;
  let bestDistance = 3;
  for (const candidate of candidates) {
    const d = editDistance(word.toLowerCase(), candidate.toLowerCase());
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length];
}
