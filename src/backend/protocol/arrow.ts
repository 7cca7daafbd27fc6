import {
  Binary,
  Bool,
  Field as ArrowField,
  Float32,
  Float64,
  Int16,
  Int32,
  Int64,
  Int8,
  Message,
  MessageHeader,
  RecordBatch,
  RecordBatchFileWriter,
  Schema,
  Struct,
  TimestampNanosecond,
  Type,
  Uint16,
  Uint32,
  Uint64,
  Uint8,
  Utf8,
  makeBuilder,
  makeData,
  tableFromIPC,
  type Data,
  type DataType,
} from 'apache-arrow';
import type { Field, FieldType, Frame, FrameMeta } from '../../core/frame';

/**
 * Data frames <-> Arrow IPC exactly as Grafana's Go SDK writes them (grafana-backend-protocol.md §5):
 * one Arrow IPC message sequence per frame in the IPC *file* framing ("ARROW1" magic + footer), because
 * Grafana's server decodes DataResponse.frames with ipc.NewFileReader (data.UnmarshalArrowFrame) and the
 * golden file written by the SDK is in that framing; a bare IPC stream would be rejected there; schema metadata name, refId, meta (JSON); field metadata config, labels (JSON)
 * and tstype; time = Timestamp(ns) without zone.
 *
 * Both directions go through Grafana's own JSON frame form (`GrafanaFrameJSON`, the shape of
 * testdata/grafana-arrow/all_types.golden.json), so the encoder and decoder are checked against the golden
 * pair written by the Go SDK. Our domain `Frame` (src/core/frame.ts, epoch-ms times) maps onto it:
 * time -> time.Time, number -> nullable float64, string -> string, boolean -> bool.
 */

/** Grafana's JSON frame form: schema plus column values; NaN/±Inf travel as "entities", sub-ms time as "nanos". */
export interface GrafanaFieldSchema {
  name?: string;
  type: string;
  typeInfo: { frame: string; nullable?: boolean };
  labels?: Record<string, string>;
  config?: Record<string, unknown>;
}

export interface Entities {
  NaN?: number[];
  Inf?: number[];
  NegInf?: number[];
}

export interface GrafanaFrameJSON {
  schema: { name?: string; refId?: string; meta?: unknown; fields: GrafanaFieldSchema[] };
  data: { values: unknown[][]; entities?: Array<Entities | null>; nanos?: Array<number[] | null> };
}

/** A decoded frame in our model's shape; `other` (JSON) and `enum` fields only appear in foreign frames. */
export interface DecodedField extends Omit<Field, 'type' | 'values'> {
  type: FieldType | 'other' | 'enum';
  values: unknown[];
}
export interface DecodedFrame extends Omit<Frame, 'fields'> {
  fields: DecodedField[];
}

interface FrameType {
  arrow: () => DataType;
  tstype: string;
}

/** Grafana's typeInfo.frame names and their Arrow types. */
const FRAME_TYPES: Record<string, FrameType> = {
  int8: { arrow: () => new Int8(), tstype: 'number' },
  int16: { arrow: () => new Int16(), tstype: 'number' },
  int32: { arrow: () => new Int32(), tstype: 'number' },
  int64: { arrow: () => new Int64(), tstype: 'number' },
  uint8: { arrow: () => new Uint8(), tstype: 'number' },
  uint16: { arrow: () => new Uint16(), tstype: 'number' },
  uint32: { arrow: () => new Uint32(), tstype: 'number' },
  uint64: { arrow: () => new Uint64(), tstype: 'number' },
  float32: { arrow: () => new Float32(), tstype: 'number' },
  float64: { arrow: () => new Float64(), tstype: 'number' },
  bool: { arrow: () => new Bool(), tstype: 'boolean' },
  string: { arrow: () => new Utf8(), tstype: 'string' },
  'time.Time': { arrow: () => new TimestampNanosecond(), tstype: 'time' },
  'json.RawMessage': { arrow: () => new Binary(), tstype: 'other' },
  enum: { arrow: () => new Uint16(), tstype: 'enum' },
};

// BigInt() calls, not literals: the shared tsconfig targets below ES2020
const TWO = BigInt(2);
const INT64_RANGE = { min: -(TWO ** BigInt(63)), max: TWO ** BigInt(63) - BigInt(1) };
const UINT64_RANGE = { min: BigInt(0), max: TWO ** BigInt(64) - BigInt(1) };
const NS_PER_MS = BigInt(1_000_000);

/** JSON numbers beyond 2^53 arrive rounded (2^63 for int64 max): clamp into the Arrow type's range. */
function toBigInt(value: number, range: { min: bigint; max: bigint }): bigint {
  const big = BigInt(Math.trunc(value));
  return big < range.min ? range.min : big > range.max ? range.max : big;
}

/** Metadata maps with sorted keys, as Go's arrow.NewMetadata writes them. */
function sortedMetadata(entries: Record<string, string | undefined>): Map<string, string> {
  const map = new Map<string, string>();
  for (const key of Object.keys(entries).sort()) {
    const value = entries[key];
    if (value !== undefined) {
      map.set(key, value);
    }
  }
  return map;
}

function restoreEntities(values: unknown[], entities: Entities | null | undefined): unknown[] {
  if (!entities) {
    return values;
  }
  const out = [...values];
  entities.NaN?.forEach((i) => (out[i] = NaN));
  entities.Inf?.forEach((i) => (out[i] = Infinity));
  entities.NegInf?.forEach((i) => (out[i] = -Infinity));
  return out;
}

/** A value with no data: null on our frames, undefined in JSON ones. */
const isMissing = (v: unknown) => v === null || v === undefined;

/** Arrow's builders allocate in 64-byte blocks; the same sizes keep our bytes identical to theirs. */
const padded = (bytes: number) => Math.ceil(bytes / 64) * 64;

/** The validity bitmap of `values` (bit set = present) and its null count; empty when nothing is null. */
function validity(values: unknown[]): { nullBitmap: Uint8Array; nullCount: number } {
  const bitmap = new Uint8Array(padded(Math.ceil(values.length / 8)));
  let nullCount = 0;
  for (let i = 0; i < values.length; i++) {
    if (isMissing(values[i])) {
      nullCount++;
    } else {
      bitmap[i >> 3] |= 1 << (i & 7);
    }
  }
  return { nullBitmap: nullCount ? bitmap : new Uint8Array(0), nullCount };
}

const TWO_32 = 2 ** 32;
/** writeNanos fills the int64's two 32-bit halves in little-endian order (every platform Headroom ships for) */
const LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/**
 * Writes `ms` * 10^6 (nanoseconds) as a little-endian int64 into words[at], words[at + 1] without a BigInt per
 * value, in exact double arithmetic: ms = high * 2^32 + low32, and low32 * 10^6 < 2^52 is exact, so its carry
 * into the upper word is too. Returns false (nothing written) unless ms is an integer in [0, 2^53).
 */
function writeNanos(words: Uint32Array, at: number, ms: number): boolean {
  if (!(LITTLE_ENDIAN && ms >= 0 && ms <= Number.MAX_SAFE_INTEGER && Math.floor(ms) === ms)) {
    return false;
  }
  const low32 = ms >>> 0;
  const lowNanos = low32 * 1e6;
  const carry = Math.floor(lowNanos / TWO_32);
  words[at] = lowNanos - carry * TWO_32;
  words[at + 1] = ((ms - low32) / TWO_32) * 1e6 + carry;
  return true;
}

/**
 * float64 and whole-millisecond time columns, which are nearly all of Headroom's data, written straight into
 * typed arrays: Arrow's per-value builders made encoding the largest cost of a dashboard load.
 */
function fastColumnData(frameType: string, type: DataType, values: unknown[], nanos: number[] | null | undefined) {
  if (frameType === 'float64') {
    const data = new Float64Array(padded(values.length * 8) / 8);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      data[i] = isMissing(v) ? 0 : (v as number);
    }
    return makeData({ type: type as Float64, length: values.length, ...validity(values), data });
  }
  if (frameType === 'time.Time' && !nanos?.some((ns) => ns)) {
    const data = new BigInt64Array(padded(values.length * 8) / 8);
    const words = new Uint32Array(data.buffer);
    for (let i = 0; i < values.length; i++) {
      const v = values[i];
      if (!isMissing(v) && !writeNanos(words, 2 * i, v as number)) {
        data[i] = BigInt(Math.trunc(v as number)) * NS_PER_MS;
      }
    }
    return makeData({ type: type as TimestampNanosecond, length: values.length, ...validity(values), data });
  }
  return undefined;
}

function columnData(frameType: string, type: DataType, values: unknown[], nanos: number[] | null | undefined): Data {
  const fast = fastColumnData(frameType, type, values, nanos);
  if (fast) {
    return fast;
  }
  if (frameType === 'time.Time' || frameType === 'int64' || frameType === 'uint64') {
    // 64-bit columns are built from bigints so nanoseconds and int64 extremes stay exact
    const builder = makeBuilder({
      type: frameType === 'uint64' ? new Uint64() : new Int64(),
      nullValues: [null, undefined],
    });
    values.forEach((v, i) => {
      if (isMissing(v)) {
        builder.append(null);
      } else if (frameType === 'time.Time') {
        builder.append(BigInt(Math.trunc(v as number)) * NS_PER_MS + BigInt(nanos?.[i] ?? 0));
      } else {
        builder.append(toBigInt(v as number, frameType === 'uint64' ? UINT64_RANGE : INT64_RANGE));
      }
    });
    const data = builder.finish().flush();
    if (frameType !== 'time.Time') {
      return data;
    }
    // same int64 storage, retyped as Timestamp(ns)
    return makeData({
      type: type as TimestampNanosecond,
      length: data.length,
      nullCount: data.nullCount,
      nullBitmap: data.nullBitmap,
      data: data.values as unknown as Int32Array,
    });
  }
  const builder = makeBuilder({ type, nullValues: [null, undefined] });
  for (const v of values) {
    if (isMissing(v)) {
      builder.append(null);
    } else if (frameType === 'json.RawMessage') {
      builder.append(new TextEncoder().encode(JSON.stringify(v)));
    } else {
      builder.append(v);
    }
  }
  return builder.finish().flush();
}

/** Encodes Grafana's JSON frame form as one Arrow IPC file (schema message + one record batch + footer). */
export function encodeGrafanaFrame(json: GrafanaFrameJSON): Uint8Array {
  const { schema, data } = json;
  const fields: ArrowField[] = [];
  const columns: Data[] = [];
  schema.fields.forEach((f, i) => {
    const frameType = FRAME_TYPES[f.typeInfo.frame];
    if (!frameType) {
      throw new Error(`field ${f.name ?? i}: unsupported frame type "${f.typeInfo.frame}"`);
    }
    const type = frameType.arrow();
    const metadata = sortedMetadata({
      config: f.config === undefined ? undefined : JSON.stringify(f.config),
      labels: f.labels === undefined ? undefined : JSON.stringify(f.labels),
      tstype: frameType.tstype,
    });
    fields.push(new ArrowField(f.name ?? '', type, f.typeInfo.nullable === true, metadata));
    columns.push(
      columnData(f.typeInfo.frame, type, restoreEntities(data.values[i] ?? [], data.entities?.[i]), data.nanos?.[i])
    );
  });
  const arrowSchema = new Schema(
    fields,
    sortedMetadata({
      name: schema.name ?? '',
      refId: schema.refId ?? '',
      meta: schema.meta === undefined ? undefined : JSON.stringify(schema.meta),
    })
  );
  const length = columns.length ? columns[0].length : 0;
  const struct = makeData({ type: new Struct(fields), length, nullCount: 0, children: columns });
  const batch = new RecordBatch(arrowSchema, struct);
  return RecordBatchFileWriter.writeAll([batch]).toUint8Array(true);
}

/** float32 values printed as their shortest decimal, as Go's JSON does ("1e-45", not 1.401298464324817e-45). */
function shortestFloat32(value: number): number {
  for (let digits = 1; digits <= 9; digits++) {
    const candidate = Number(value.toPrecision(digits));
    if (Math.fround(candidate) === value) {
      return candidate;
    }
  }
  return value;
}

function frameTypeOf(type: DataType, tstype: string | undefined): string {
  switch (type.typeId) {
    case Type.Int:
      if (tstype === 'enum') {
        return 'enum';
      }
      return `${(type as Int8).isSigned ? 'int' : 'uint'}${(type as Int8).bitWidth}`;
    case Type.Float:
      return (type as Float32).precision === 0 ? 'float16' : (type as Float32).precision === 1 ? 'float32' : 'float64';
    case Type.Bool:
      return 'bool';
    case Type.Utf8:
      return 'string';
    case Type.Timestamp:
      return 'time.Time';
    case Type.Binary:
      return 'json.RawMessage';
    default:
      throw new Error(`unsupported Arrow type ${String(type)}`);
  }
}

const TIME_UNIT_NS = [1_000_000_000, 1_000_000, 1_000, 1].map(BigInt);

/** Decodes one Arrow IPC file (or bare stream) into Grafana's JSON frame form. */
export function decodeGrafanaFrame(bytes: Uint8Array): GrafanaFrameJSON {
  const table = tableFromIPC(bytes);
  const meta = table.schema.metadata;
  const fields: GrafanaFieldSchema[] = [];
  const values: unknown[][] = [];
  const entities: Array<Entities | null> = [];
  const nanos: Array<number[] | null> = [];
  table.schema.fields.forEach((f, i) => {
    const tstype = f.metadata.get('tstype');
    const frame = frameTypeOf(f.type, tstype);
    const schema: GrafanaFieldSchema = {
      name: f.name,
      type: tstype ?? FRAME_TYPES[frame]?.tstype ?? 'other',
      typeInfo: f.nullable ? { frame, nullable: true } : { frame },
    };
    if (f.metadata.has('labels')) {
      schema.labels = JSON.parse(f.metadata.get('labels')!);
    }
    if (f.metadata.has('config')) {
      schema.config = JSON.parse(f.metadata.get('config')!);
    }
    fields.push(schema);
    const column = table.getChildAt(i)!;
    // timestamps through the raw storage: Vector.get() would round them to float milliseconds
    const storage = frame === 'time.Time' ? (column.toArray() as BigInt64Array) : undefined;
    const raw: unknown[] = [];
    for (let row = 0; row < table.numRows; row++) {
      raw.push(column.isValid(row) ? (storage ? storage[row] : column.get(row)) : null);
    }
    let special: Entities | null = null;
    let fieldNanos: number[] | null = null;
    const out = raw.map((v, row) => {
      if (v === null) {
        if (frame === 'time.Time') {
          (fieldNanos ??= [])[row] = 0;
        }
        return null;
      }
      switch (frame) {
        case 'time.Time': {
          const ns = (v as bigint) * TIME_UNIT_NS[(f.type as TimestampNanosecond).unit];
          (fieldNanos ??= [])[row] = Number(ns % NS_PER_MS);
          return Number(ns / NS_PER_MS);
        }
        case 'int64':
        case 'uint64':
          return Number(v as bigint);
        case 'json.RawMessage':
          return JSON.parse(new TextDecoder().decode(v as Uint8Array));
        case 'float32':
        case 'float64': {
          const n = v as number;
          if (Number.isFinite(n)) {
            return frame === 'float32' ? shortestFloat32(n) : n;
          }
          special ??= {};
          const key = Number.isNaN(n) ? 'NaN' : n > 0 ? 'Inf' : 'NegInf';
          (special[key] ??= []).push(row);
          return null;
        }
        default:
          return v;
      }
    });
    values.push(out);
    entities.push(special);
    nanos.push(fieldNanos);
  });
  const schema: GrafanaFrameJSON['schema'] = { fields };
  if (meta.get('name')) {
    schema.name = meta.get('name');
  }
  if (meta.get('refId')) {
    schema.refId = meta.get('refId');
  }
  if (meta.has('meta')) {
    schema.meta = JSON.parse(meta.get('meta')!);
  }
  const data: GrafanaFrameJSON['data'] = { values };
  if (entities.some((e) => e !== null)) {
    data.entities = entities;
  }
  if (nanos.some((n) => n !== null)) {
    data.nanos = nanos;
  }
  return { schema: { ...(schema.name ? { name: schema.name } : {}), ...schema }, data };
}

const TO_FRAME_TYPE: Record<Field['type'], string> = {
  time: 'time.Time',
  number: 'float64',
  string: 'string',
  boolean: 'bool',
};

/** Our domain frame in Grafana's JSON form: numbers nullable float64, other columns nullable only if they hold nulls. */
export function frameToGrafanaJSON(frame: Frame): GrafanaFrameJSON {
  const entities: Array<Entities | null> = [];
  const values = frame.fields.map((field) => {
    if (field.type !== 'number') {
      entities.push(null);
      return field.values;
    }
    let special: Entities | null = null;
    const out = field.values.map((v, row) => {
      if (typeof v === 'number' && !Number.isFinite(v)) {
        special ??= {};
        (special[Number.isNaN(v) ? 'NaN' : v > 0 ? 'Inf' : 'NegInf'] ??= []).push(row);
        return null;
      }
      return v;
    });
    entities.push(special);
    return out;
  });
  return {
    schema: {
      name: frame.name,
      refId: frame.refId,
      meta: frame.meta,
      fields: frame.fields.map((f) => ({
        name: f.name,
        type: f.type,
        typeInfo: {
          frame: TO_FRAME_TYPE[f.type],
          nullable: f.type === 'number' || f.values.some(isMissing),
        },
        labels: f.labels,
        config: f.config,
      })),
    },
    data: { values, entities },
  };
}

/** Encodes a domain frame for DataResponse.frames. */
export function encodeFrame(frame: Frame): Uint8Array {
  return encodeGrafanaFrame(frameToGrafanaJSON(frame));
}

/**
 * Where an encoded frame's values sit, for frames whose columns are all numbers and times (nearly all of
 * Headroom's). The Arrow writer's fixed cost, ~0.2 ms a frame whatever its size, was most of encoding a
 * refreshed dashboard's frames. A frame with the same schema, length and null counts encodes to the same bytes
 * outside its columns' validity bitmaps and values: the record batch's metadata holds only lengths, null counts
 * and buffer offsets. So `encodeInLayout` copies an earlier encoding and writes the new values in place.
 */
export interface FrameLayout {
  bytes: Uint8Array;
  length: number;
  columns: Array<{ type: 'time' | 'number'; nullCount: number; validityAt: number; valuesAt: number }>;
}

/** The layout of `bytes`, the encoding of `frame`; undefined for frames with other columns or another framing. */
export function frameLayout(frame: Frame, bytes: Uint8Array): FrameLayout | undefined {
  const length = frame.fields[0]?.values.length ?? 0;
  if (!frame.fields.every((f) => (f.type === 'number' || f.type === 'time') && f.values.length === length)) {
    return undefined;
  }
  // "ARROW1", 2 bytes of padding, then the record batch message: continuation marker, metadata length, metadata
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (bytes.byteLength < 16 || view.getInt32(8, true) !== -1) {
    return undefined;
  }
  const metadataLength = view.getInt32(12, true);
  const message = Message.decode(bytes.subarray(16, 16 + metadataLength));
  if (message.headerType !== MessageHeader.RecordBatch) {
    return undefined;
  }
  const { nodes, buffers } = message.header() as unknown as {
    nodes: Array<{ nullCount: number }>;
    buffers: Array<{ offset: number; length: number }>;
  };
  const body = 16 + metadataLength;
  const columns: FrameLayout['columns'] = [];
  for (let i = 0; i < frame.fields.length; i++) {
    const nullCount = Number(nodes[i]?.nullCount);
    const [validity, values] = [buffers[2 * i], buffers[2 * i + 1]];
    const fits =
      values?.length === length * 8 &&
      (body + values.offset) % 8 === 0 &&
      validity.length >= (nullCount > 0 ? Math.ceil(length / 8) : 0);
    if (!fits || nodes.length !== frame.fields.length || buffers.length !== 2 * frame.fields.length) {
      return undefined;
    }
    columns.push({
      type: frame.fields[i].type as 'time' | 'number',
      nullCount,
      validityAt: body + validity.offset,
      valuesAt: body + values.offset,
    });
  }
  return { bytes, length, columns };
}

/**
 * `frame` encoded in `layout` (an encoding of a frame of the same schema, which the caller ensures), or undefined
 * when its length or null counts differ, or a value needs the general path (a time that is no whole millisecond
 * since 1970, a number column holding something else): exactly the bytes `encodeFrame` gives.
 */
export function encodeInLayout(layout: FrameLayout, frame: Frame): Uint8Array | undefined {
  const { length, columns } = layout;
  if (frame.fields.length !== columns.length) {
    return undefined;
  }
  for (let c = 0; c < columns.length; c++) {
    const values = frame.fields[c].values;
    if (values.length !== length) {
      return undefined;
    }
    let nulls = 0;
    for (let i = 0; i < length; i++) {
      const v = values[i];
      if (isMissing(v)) {
        nulls++;
      } else if (typeof v !== 'number') {
        return undefined;
      }
    }
    if (nulls !== columns[c].nullCount) {
      return undefined;
    }
  }
  const out = layout.bytes.slice();
  for (let c = 0; c < columns.length; c++) {
    const { type, nullCount, validityAt, valuesAt } = columns[c];
    const values = frame.fields[c].values as Array<number | null>;
    // without nulls the column has no bitmap
    const hasBitmap = nullCount > 0;
    if (hasBitmap) {
      out.fill(0, validityAt, validityAt + Math.ceil(length / 8));
    }
    if (type === 'number') {
      const data = new Float64Array(out.buffer, valuesAt, length);
      for (let i = 0; i < length; i++) {
        const v = values[i];
        if (isMissing(v)) {
          data[i] = 0;
        } else {
          data[i] = v!;
          if (hasBitmap) {
            out[validityAt + (i >> 3)] |= 1 << (i & 7);
          }
        }
      }
      continue;
    }
    const words = new Uint32Array(out.buffer, valuesAt, 2 * length);
    for (let i = 0; i < length; i++) {
      const v = values[i];
      if (isMissing(v)) {
        words[2 * i] = words[2 * i + 1] = 0;
      } else if (writeNanos(words, 2 * i, v!)) {
        if (hasBitmap) {
          out[validityAt + (i >> 3)] |= 1 << (i & 7);
        }
      } else {
        return undefined;
      }
    }
  }
  return out;
}

/** Decodes DataResponse.frames[i] into plain JSON in our model's shape (time as epoch ms, NaN/±Inf restored). */
export function decodeFrame(bytes: Uint8Array): DecodedFrame {
  const { schema, data } = decodeGrafanaFrame(bytes);
  const frame: DecodedFrame = {
    fields: schema.fields.map((f, i) => {
      const field: DecodedField = {
        name: f.name ?? '',
        type: f.type as DecodedField['type'],
        values: restoreEntities(data.values[i], data.entities?.[i]),
      };
      if (f.labels) {
        field.labels = f.labels;
      }
      if (f.config) {
        field.config = f.config;
      }
      return field;
    }),
  };
  if (schema.name) {
    frame.name = schema.name;
  }
  if (schema.refId) {
    frame.refId = schema.refId;
  }
  if (schema.meta) {
    frame.meta = schema.meta as FrameMeta;
  }
  return frame;
}
