/**
 * DataFrames -> SLO cards. Accepts (see ../README.md):
 *  - time-series frames, one number field per series, labels `slo`, `service` (and `window` for burnRate),
 *    field name = series name (sli, objective, budgetRemaining, budgetRemainingMinutes, burnRate, status,
 *    timeToExhaustion); the last non-null value is the current one;
 *  - table frames with a row per SLO (the `sloCatalog` shape): slo|id, name, service, objective, window, sli,
 *    budgetRemaining, budgetRemainingMinutes, burnRate<window> (e.g. burnRate1h), status, timeToExhaustion.
 * Both may come together: table values win for the current numbers, time series add the sparkline.
 */
import { DataFrame, Field, FieldType } from '@grafana/data';
import { parseDuration } from '../../../core/duration';
import { findField, lastValue, normaliseName, points, seriesName, toNumber, toText } from '../../shared/frames';
import { STATUS_BY_CODE, SloStatus, SloView } from './model';

type Partial = Omit<SloView, 'name' | 'status'> & { name?: string; statusCode?: number | string | null; ordinal: number };

/** "60m" and "1h" are the same window: key burn rates by a canonical spelling. */
export function normaliseWindow(window: string): string {
  const ms = parseDuration(window.trim());
  if (ms === undefined) {
    return window.trim();
  }
  const units: Array<[string, number]> = [
    ['w', 604_800_000],
    ['d', 86_400_000],
    ['h', 3_600_000],
    ['m', 60_000],
    ['s', 1000],
  ];
  for (const [unit, size] of units) {
    if (ms % size === 0) {
      return `${ms / size}${unit === 'w' ? 'w' : unit}`;
    }
  }
  return `${ms}ms`;
}

/** A percentage column (unit "percent") is scaled to a fraction; objective/SLI above 1 can only be percent. */
function fraction(value: number | null, field: Field | undefined, alwaysFraction: boolean): number | null {
  if (value === null) {
    return null;
  }
  const unit = field?.config?.unit;
  if (unit === 'percent' || (alwaysFraction && value > 1)) {
    return value / 100;
  }
  return value;
}

function parseStatus(code: number | string | null | undefined): SloStatus | undefined {
  if (code === null || code === undefined) {
    return undefined;
  }
  if (typeof code === 'number') {
    return STATUS_BY_CODE[Math.round(code)];
  }
  const text = code.toLowerCase().trim();
  if (STATUS_BY_CODE.includes(text as SloStatus)) {
    return text as SloStatus;
  }
  const asNumber = toNumber(text);
  return asNumber === null ? undefined : STATUS_BY_CODE[Math.round(asNumber)];
}

/** When no status is given: depleted at or below 0 budget, warning at or below 20% left (80% consumed). */
function deriveStatus(budgetRemaining: number | null): SloStatus {
  if (budgetRemaining === null) {
    return 'unknown';
  }
  if (budgetRemaining <= 0) {
    return 'depleted';
  }
  return budgetRemaining <= 0.2 ? 'warning' : 'ok';
}

const BURN_COLUMN = /^(?:burnrate|burn)(\d+[smhdw])$/;

function fromTable(frame: DataFrame, get: (id: string) => Partial) {
  const idField = findField(frame, 'slo', 'id', 'sloId');
  if (!idField) {
    return;
  }
  const col = (...names: string[]) => findField(frame, ...names);
  const fields = {
    name: col('name', 'sloName', 'title'),
    service: col('service'),
    window: col('window'),
    objective: col('objective', 'target'),
    sli: col('sli', 'current', 'currentSli'),
    budgetRemaining: col('budgetRemaining', 'errorBudgetRemaining'),
    budgetConsumed: col('budgetConsumed'),
    minutes: col('budgetRemainingMinutes', 'minutesRemaining'),
    status: col('status', 'state'),
    tte: col('timeToExhaustion', 'exhaustion'),
  };
  const burnFields = frame.fields
    .map((f) => ({ f, m: normaliseName(f.name).match(BURN_COLUMN) }))
    .filter((x): x is { f: Field; m: RegExpMatchArray } => x.m !== null);

  for (let row = 0; row < idField.values.length; row++) {
    const id = toText(idField.values[row]);
    if (!id) {
      continue;
    }
    const at = (f: Field | undefined) => (f ? toNumber(f.values[row]) : null);
    const slo = get(id);
    slo.name = toText(fields.name?.values[row]) ?? slo.name;
    slo.service = toText(fields.service?.values[row]) ?? slo.service;
    slo.window = toText(fields.window?.values[row]) ?? slo.window;
    slo.objective = fraction(at(fields.objective), fields.objective, true) ?? slo.objective;
    slo.sli = fraction(at(fields.sli), fields.sli, true) ?? slo.sli;
    const consumed = fraction(at(fields.budgetConsumed), fields.budgetConsumed, false);
    slo.budgetRemaining = fraction(at(fields.budgetRemaining), fields.budgetRemaining, false) ?? (consumed === null ? null : 1 - consumed) ?? slo.budgetRemaining;
    slo.budgetRemainingMinutes = at(fields.minutes) ?? slo.budgetRemainingMinutes;
    const status = fields.status?.values[row];
    slo.statusCode = typeof status === 'number' || typeof status === 'string' ? status : slo.statusCode;
    slo.timeToExhaustion = at(fields.tte) ?? slo.timeToExhaustion;
    for (const { f, m } of burnFields) {
      slo.burnRates[normaliseWindow(m[1])] = toNumber(f.values[row]);
    }
  }
}

function fromTimeSeries(frame: DataFrame, get: (id: string) => Partial) {
  for (const field of frame.fields) {
    if (field.type !== FieldType.number) {
      continue;
    }
    const labels = field.labels ?? {};
    const id = labels.slo ?? labels.id;
    if (!id) {
      continue;
    }
    const slo = get(id);
    slo.service ??= labels.service;
    slo.name ??= labels.name;
    const current = lastValue(field);
    switch (normaliseName(seriesName(frame, field))) {
      case 'sli':
        slo.sli ??= current;
        break;
      case 'objective':
        slo.objective ??= current;
        break;
      case 'budgetremaining':
        slo.budgetRemaining ??= current;
        slo.budgetHistory = points(frame, field);
        break;
      case 'budgetconsumed':
        slo.budgetRemaining ??= current === null ? null : 1 - current;
        break;
      case 'budgetremainingminutes':
        slo.budgetRemainingMinutes ??= current;
        break;
      case 'burnrate':
        if (labels.window) {
          const key = normaliseWindow(labels.window);
          slo.burnRates[key] ??= current;
        }
        break;
      case 'status':
        slo.statusCode ??= current;
        break;
      case 'timetoexhaustion':
        // null at the last point means "not burning"; an older value would be stale
        slo.timeToExhaustion ??= toNumber(field.values[field.values.length - 1]);
        break;
    }
  }
}

export function framesToSlos(frames: DataFrame[]): SloView[] {
  const byId = new Map<string, Partial>();
  const get = (id: string): Partial => {
    let slo = byId.get(id);
    if (!slo) {
      slo = {
        id,
        objective: null,
        sli: null,
        budgetRemaining: null,
        budgetRemainingMinutes: null,
        burnRates: {},
        timeToExhaustion: null,
        budgetHistory: [],
        ordinal: byId.size,
      };
      byId.set(id, slo);
    }
    return slo;
  };
  // tables first: their values win, the time series fill what is left and add the history
  const isTable = (f: DataFrame) => findField(f, 'slo', 'id', 'sloId')?.type === FieldType.string;
  frames.filter(isTable).forEach((f) => fromTable(f, get));
  frames.filter((f) => !isTable(f)).forEach((f) => fromTimeSeries(f, get));

  return [...byId.values()].map(({ statusCode, ordinal, ...slo }) => ({
    ...slo,
    name: slo.name ?? slo.id,
    status: parseStatus(statusCode) ?? deriveStatus(slo.budgetRemaining),
  }));
}
