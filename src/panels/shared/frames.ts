/**
 * Reading DataFrames of any origin: columns are matched by name without regard to case, spaces,
 * underscores or dashes ("budget_remaining" = "budgetRemaining"), values may be numbers, numeric
 * strings, ISO times or booleans as Grafana delivers them from JSON or Arrow.
 */
import { DataFrame, Field, FieldType } from '@grafana/data';

export function normaliseName(name: string): string {
  return name.toLowerCase().replace(/[\s_\-.]/g, '');
}

/** The first field whose name (or display name from the data source) matches one of `names`. */
export function findField(frame: DataFrame, ...names: string[]): Field | undefined {
  const wanted = names.map(normaliseName);
  for (const want of wanted) {
    const field = frame.fields.find(
      (f) => normaliseName(f.name) === want || (f.config?.displayNameFromDS !== undefined && normaliseName(f.config.displayNameFromDS) === want)
    );
    if (field) {
      return field;
    }
  }
  return undefined;
}

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  if (typeof value === 'boolean') {
    return value ? 1 : 0;
  }
  return null;
}

/** Epoch ms from a number (ms), an ISO string or a Date. */
export function toTime(value: unknown): number | null {
  if (typeof value === 'number') {
    return Number.isFinite(value) ? value : null;
  }
  if (value instanceof Date) {
    return value.getTime();
  }
  if (typeof value === 'string' && value.trim() !== '') {
    const asNumber = Number(value);
    if (Number.isFinite(asNumber)) {
      return asNumber;
    }
    const parsed = Date.parse(value);
    return Number.isNaN(parsed) ? null : parsed;
  }
  return null;
}

export function toText(value: unknown): string | undefined {
  if (value === null || value === undefined) {
    return undefined;
  }
  const text = String(value);
  return text === '' ? undefined : text;
}

export function toBool(value: unknown): boolean {
  if (typeof value === 'string') {
    return ['true', '1', 'yes', 'active'].includes(value.toLowerCase());
  }
  return Boolean(value);
}

export interface Point {
  t: number;
  v: number;
}

/** Non-null (time, value) points of a number field against the frame's time field. */
export function points(frame: DataFrame, field: Field): Point[] {
  const time = frame.fields.find((f) => f.type === FieldType.time);
  if (!time) {
    return [];
  }
  const out: Point[] = [];
  for (let i = 0; i < field.values.length; i++) {
    const t = toTime(time.values[i]);
    const v = toNumber(field.values[i]);
    if (t !== null && v !== null) {
      out.push({ t, v });
    }
  }
  return out;
}

/** The last non-null value of a field (the "current" value of a series). */
export function lastValue(field: Field): number | null {
  for (let i = field.values.length - 1; i >= 0; i--) {
    const v = toNumber(field.values[i]);
    if (v !== null) {
      return v;
    }
  }
  return null;
}

/**
 * The series a field carries: its name, unless Grafana's generic "Value" naming was used, then the frame name.
 * Lets the panels read frames from Headroom, from a Prometheus recording rule relabelled into the same shape,
 * or from a CSV/TestData source.
 */
export function seriesName(frame: DataFrame, field: Field): string {
  const generic = ['value', 'values'];
  if (!generic.includes(field.name.toLowerCase())) {
    return field.name;
  }
  return field.labels?.series ?? frame.name ?? field.name;
}
