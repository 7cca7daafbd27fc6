/**
 * A data frame as the domain produces it, before any wire format.
 * The backend encodes it to Arrow IPC exactly as Grafana's Go SDK does (src/backend/protocol/arrow.ts);
 * field and frame metadata follow Grafana's data frame model so the frontend needs no translation.
 */
export type FieldType = 'time' | 'number' | 'string' | 'boolean';

export interface FieldConfig {
  unit?: string;
  displayName?: string;
  displayNameFromDS?: string;
  decimals?: number;
  min?: number;
  max?: number;
  custom?: Record<string, unknown>;
  [key: string]: unknown;
}

export interface Field {
  name: string;
  type: FieldType;
  /** time: epoch milliseconds; number: null for "no value" (never NaN/Infinity on the wire). */
  values: Array<number | string | boolean | null>;
  labels?: Record<string, string>;
  config?: FieldConfig;
}

export interface Notice {
  severity: 'info' | 'warning' | 'error';
  text: string;
}

export interface FrameMeta {
  /** e.g. "timeseries-multi", "table" */
  type?: string;
  typeVersion?: [number, number];
  executedQueryString?: string;
  notices?: Notice[];
  preferredVisualisationType?: string;
  custom?: Record<string, unknown>;
}

export interface Frame {
  name?: string;
  refId?: string;
  meta?: FrameMeta;
  fields: Field[];
}

/** A Grafana time-series frame: a `time` field and one number field named after the series. */
export function timeSeriesFrame(
  seriesName: string,
  times: number[],
  values: Array<number | null>,
  labels: Record<string, string>,
  config?: FieldConfig,
  meta?: Omit<FrameMeta, 'type' | 'typeVersion'>
): Frame {
  return {
    name: seriesName,
    meta: { type: 'timeseries-multi', typeVersion: [0, 1], ...meta },
    fields: [
      { name: 'time', type: 'time', values: times },
      { name: seriesName, type: 'number', values, labels, config },
    ],
  };
}

/** A table frame (meta.type "table") from column definitions. */
export function tableFrame(name: string, fields: Field[], meta?: Omit<FrameMeta, 'type'>): Frame {
  return { name, meta: { type: 'table', preferredVisualisationType: 'table', ...meta }, fields };
}
