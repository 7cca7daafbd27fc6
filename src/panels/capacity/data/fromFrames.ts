/**
 * DataFrames -> capacity rows. Accepts (see ../README.md):
 *  - time-series frames labelled `resource`, `kind` (+ instance labels), field name = series name
 *    (utilization, warning, critical, forecast, forecastLower, forecastUpper, timeToWarning, timeToCritical, status);
 *  - a table with a row per resource x instance (the `capacityCatalog` shape): id|resource, name, kind, instance,
 *    utilization, warning, critical, status, bufferStatus, bufferMinimum, timeToWarning, timeToCritical, summary.
 * Rows of both are joined on (resource, instance); table values win, series add the chart.
 * Missing thresholds and buffer minimum fall back to the handbook's defaults; a missing buffer status is derived.
 */
import { DataFrame, Field, FieldType } from '@grafana/data';
import { instanceName } from '../../../core/capacity/engine';
import { bufferStatus, BufferStatus, capacitySentence } from '../../../core/capacity/headroom';
import { DEFAULT_BUFFER, DEFAULT_THRESHOLDS, ResourceKind } from '../../../core/definitions/model';
import { findField, lastValue, normaliseName, Point, points, seriesName, toNumber, toText } from '../../shared/frames';
import { bufferBelowMinimum, CAPACITY_STATUS_BY_CODE, CapacityStatus, CapacityView, worseStatus } from './model';

interface Draft {
  key: string;
  resource: string;
  name?: string;
  kind: string;
  instance?: string;
  utilization: number | null;
  warning: number | null;
  critical: number | null;
  statusCode: number | string | null;
  bufferStatus: BufferStatus | null;
  bufferMinimum: number | null;
  timeToWarning: Point[] | number | null;
  timeToCritical: Point[] | number | null;
  summary?: string;
  history: Point[];
  forecast: Point[];
  forecastLower: Point[];
  forecastUpper: Point[];
}

const percentToFraction = (value: number | null, field?: Field) =>
  value !== null && (field?.config?.unit === 'percent' || value > 1) ? value / 100 : value;

function parseStatus(code: number | string | null): CapacityStatus | undefined {
  if (code === null) {
    return undefined;
  }
  const n = toNumber(code);
  if (n !== null) {
    return CAPACITY_STATUS_BY_CODE[Math.round(n)];
  }
  const text = String(code).toLowerCase();
  return (CAPACITY_STATUS_BY_CODE as string[]).includes(text) ? (text as CapacityStatus) : undefined;
}

const BUFFER_STATUSES: BufferStatus[] = ['ok', 'below target', 'below minimum', 'alert'];

/** The catalog's bufferStatus text ("below minimum"; case, spaces, `_` and `-` ignored). */
function parseBufferStatus(value: unknown): BufferStatus | undefined {
  const text = toText(value);
  return text === undefined ? undefined : BUFFER_STATUSES.find((s) => normaliseName(s) === normaliseName(text));
}

/**
 * Buffer status when the frames carry none (series only, or another source's table): core's bufferStatus
 * against the handbook policy with the frame's minimum, so the panel and the backend agree.
 */
function deriveBufferStatus(utilization: number | null, minimum: number): BufferStatus | null {
  if (utilization === null) {
    return null;
  }
  const percent = minimum * 100;
  return bufferStatus(1 - utilization, {
    ...DEFAULT_BUFFER,
    minimum: percent,
    alert: Math.min(DEFAULT_BUFFER.alert, percent),
    target: Math.max(DEFAULT_BUFFER.target, percent),
  });
}

/** Seconds to a threshold as of the last sample: the series value at the last utilization point. */
function timeToAt(value: Point[] | number | null, lastSample: number | undefined): number | null {
  if (value === null || typeof value === 'number') {
    return value;
  }
  const upTo = value.filter((p) => lastSample === undefined || p.t <= lastSample);
  const at = upTo[upTo.length - 1];
  // a series that is null at the last sample means "not within the horizon"
  return at && (lastSample === undefined || at.t === lastSample) ? at.v : null;
}

/** Headroom's own sentence (src/core); without a forecast there is no horizon to promise anything for. */
function sentence(
  name: string,
  instance: string | undefined,
  utilization: number | null,
  warning: number,
  critical: number,
  timeToWarning: number | null,
  timeToCritical: number | null,
  forecastEnd: number | undefined,
  lastSample: number | undefined
): string {
  const thresholds = { warning: Math.round(warning * 1000) / 10, critical: Math.round(critical * 1000) / 10 };
  const horizon = forecastEnd !== undefined && lastSample !== undefined ? forecastEnd - lastSample : 0;
  if (
    horizon <= 0 &&
    utilization !== null &&
    utilization < warning &&
    timeToWarning === null &&
    timeToCritical === null
  ) {
    return `${instance ? `${name} on ${instance}` : name} is at ${Math.round(utilization * 100)}%, below warning (${thresholds.warning}%)`;
  }
  return capacitySentence({ name, instance, utilization, thresholds, timeToWarning, timeToCritical, horizon });
}

export function framesToCapacity(frames: DataFrame[]): CapacityView[] {
  const drafts = new Map<string, Draft>();
  const get = (resource: string, instance: string | undefined, kind: string | undefined): Draft => {
    const key = `${resource}\u0000${instance ?? ''}`;
    let draft = drafts.get(key);
    if (!draft) {
      draft = {
        key,
        resource,
        instance,
        kind: kind ?? 'custom',
        utilization: null,
        warning: null,
        critical: null,
        statusCode: null,
        bufferStatus: null,
        bufferMinimum: null,
        timeToWarning: null,
        timeToCritical: null,
        history: [],
        forecast: [],
        forecastLower: [],
        forecastUpper: [],
      };
      drafts.set(key, draft);
    }
    if (kind && draft.kind === 'custom') {
      draft.kind = kind;
    }
    return draft;
  };

  const isTable = (f: DataFrame) => findField(f, 'resource', 'id')?.type === FieldType.string;

  for (const frame of frames.filter(isTable)) {
    const col = (...names: string[]) => findField(frame, ...names);
    const id = col('resource', 'id')!;
    const c = {
      name: col('name'),
      kind: col('kind', 'type'),
      instance: col('instance', 'host', 'node'),
      utilization: col('utilization', 'usage'),
      warning: col('warning'),
      critical: col('critical'),
      status: col('status'),
      bufferStatus: col('bufferStatus'),
      bufferMinimum: col('bufferMinimum'),
      ttw: col('timeToWarning'),
      ttc: col('timeToCritical'),
      summary: col('summary'),
    };
    for (let row = 0; row < id.values.length; row++) {
      const resource = toText(id.values[row]);
      if (!resource) {
        continue;
      }
      const at = (f?: Field) => (f ? toNumber(f.values[row]) : null);
      const d = get(resource, toText(c.instance?.values[row]), toText(c.kind?.values[row]));
      d.name = toText(c.name?.values[row]) ?? d.name;
      d.utilization = percentToFraction(at(c.utilization), c.utilization) ?? d.utilization;
      d.warning = percentToFraction(at(c.warning), c.warning) ?? d.warning;
      d.critical = percentToFraction(at(c.critical), c.critical) ?? d.critical;
      const status = c.status?.values[row];
      d.statusCode = typeof status === 'number' || typeof status === 'string' ? status : d.statusCode;
      d.bufferStatus = parseBufferStatus(c.bufferStatus?.values[row]) ?? d.bufferStatus;
      d.bufferMinimum = percentToFraction(at(c.bufferMinimum), c.bufferMinimum) ?? d.bufferMinimum;
      d.timeToWarning = at(c.ttw);
      d.timeToCritical = at(c.ttc);
      d.summary = toText(c.summary?.values[row]);
    }
  }

  // threshold lines without instance labels are the resource's: they apply to each of its instances
  const resourceLines = new Map<string, { kind?: string; warning?: number | null; critical?: number | null }>();
  for (const frame of frames.filter((f) => !isTable(f))) {
    for (const field of frame.fields) {
      const labels = field.labels ?? {};
      if (field.type !== FieldType.number || !labels.resource) {
        continue;
      }
      // the instance as the catalog names it: the `instance` label, else the other labels' values joined
      const { resource, kind, ...instanceLabels } = labels;
      const instance = instanceName(instanceLabels) || undefined;
      const seriesKey = normaliseName(seriesName(frame, field));
      if (!instance && (seriesKey === 'warning' || seriesKey === 'critical')) {
        const line = resourceLines.get(resource) ?? { kind };
        line[seriesKey] ??= lastValue(field);
        resourceLines.set(resource, line);
        continue;
      }
      const d = get(resource, instance, kind);
      d.name ??= labels.name;
      const series = points(frame, field);
      switch (seriesKey) {
        case 'utilization':
          d.history = series;
          d.utilization ??= lastValue(field);
          break;
        case 'warning':
          d.warning ??= lastValue(field);
          break;
        case 'critical':
          d.critical ??= lastValue(field);
          break;
        case 'forecast':
          d.forecast = series;
          break;
        case 'forecastlower':
          d.forecastLower = series;
          break;
        case 'forecastupper':
          d.forecastUpper = series;
          break;
        case 'timetowarning':
          d.timeToWarning ??= series;
          break;
        case 'timetocritical':
          d.timeToCritical ??= series;
          break;
        case 'status':
          d.statusCode ??= lastValue(field);
          break;
      }
    }
  }

  for (const [resource, line] of resourceLines) {
    const instances = [...drafts.values()].filter((d) => d.resource === resource);
    for (const d of instances.length > 0 ? instances : [get(resource, undefined, line.kind)]) {
      d.warning ??= line.warning ?? null;
      d.critical ??= line.critical ?? null;
    }
  }

  return [...drafts.values()].map((d) => {
    const defaults = DEFAULT_THRESHOLDS[d.kind as ResourceKind] ?? { warning: 80, critical: 90 };
    const warning = d.warning ?? defaults.warning / 100;
    const critical = d.critical ?? defaults.critical / 100;
    const lastSample = d.history[d.history.length - 1]?.t;
    const timeToWarning = timeToAt(d.timeToWarning, lastSample);
    const timeToCritical = timeToAt(d.timeToCritical, lastSample);
    // series carry no display name: "disk on db-2" reads better than "disk-db on db-2"
    const name = d.name ?? (d.instance ? d.kind : d.resource);
    const forecastEnd = d.forecast[d.forecast.length - 1]?.t;
    const derived: CapacityStatus =
      d.utilization === null
        ? 'unknown'
        : d.utilization >= critical
          ? 'critical'
          : d.utilization >= warning
            ? 'warning'
            : 'ok';
    const status = parseStatus(d.statusCode) ?? derived;
    const bufferMinimum = d.bufferMinimum ?? DEFAULT_BUFFER.minimum / 100;
    const buffer = d.bufferStatus ?? deriveBufferStatus(d.utilization, bufferMinimum);
    return {
      key: d.key,
      resource: d.resource,
      name,
      kind: d.kind,
      instance: d.instance,
      utilization: d.utilization,
      warning,
      critical,
      status,
      bufferStatus: buffer,
      bufferMinimum,
      emphasis: bufferBelowMinimum(buffer) ? worseStatus(status, 'warning') : status,
      timeToWarning,
      timeToCritical,
      sentence:
        d.summary ??
        sentence(
          name,
          d.instance,
          d.utilization,
          warning,
          critical,
          timeToWarning,
          timeToCritical,
          forecastEnd,
          lastSample
        ),
      history: d.history,
      forecast: d.forecast,
      forecastLower: d.forecastLower,
      forecastUpper: d.forecastUpper,
    };
  });
}
