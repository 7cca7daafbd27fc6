import fs from 'node:fs';
import path from 'node:path';
import { tableFromIPC, Type } from 'apache-arrow';
import fc from 'fast-check';
import { timeSeriesFrame, tableFrame } from '../../../src/core/frame';
import { decodeFrame, decodeGrafanaFrame, encodeFrame, encodeGrafanaFrame } from '../../../src/backend/protocol/arrow';

/** The golden pair was written by Grafana's Go SDK: the oracle for our Arrow encoding. */
// copies of /work/shared/testdata/grafana-arrow, so the repository is self-contained
const GOLDEN_DIR = path.join(__dirname, 'testdata');
const goldenArrow = fs.readFileSync(path.join(GOLDEN_DIR, 'all_types.golden.arrow'));
const goldenJson = JSON.parse(fs.readFileSync(path.join(GOLDEN_DIR, 'all_types.golden.json'), 'utf8'));

function schemaOf(bytes: Uint8Array) {
  const table = tableFromIPC(bytes);
  return {
    metadata: Object.fromEntries(table.schema.metadata),
    fields: table.schema.fields.map((f) => ({
      name: f.name,
      type: String(f.type),
      nullable: f.nullable,
      metadata: Object.fromEntries(f.metadata),
    })),
    rows: table.numRows,
  };
}

describe('Arrow frames against the Go SDK golden file', () => {
  it('decodes the golden Arrow file to exactly the golden JSON frame', () => {
    expect(decodeGrafanaFrame(goldenArrow)).toStrictEqual(goldenJson);
  });

  it('encodes the golden JSON to Arrow with the same schema, metadata and values', () => {
    const encoded = encodeGrafanaFrame(goldenJson);
    expect(schemaOf(encoded)).toStrictEqual(schemaOf(goldenArrow));
    expect(decodeGrafanaFrame(encoded)).toStrictEqual(goldenJson);
  });

  it('uses the IPC file framing the SDK writes (Grafana reads frames with ipc.NewFileReader)', () => {
    const encoded = Buffer.from(encodeGrafanaFrame(goldenJson));
    expect(goldenArrow.subarray(0, 6).toString()).toBe('ARROW1');
    expect(encoded.subarray(0, 6).toString()).toBe('ARROW1');
    expect(encoded.subarray(encoded.length - 6).toString()).toBe('ARROW1');
  });

  it('keeps nanosecond timestamps and int64 extremes exact', () => {
    const table = tableFromIPC(encodeGrafanaFrame(goldenJson));
    const timestamps = table.getChildAt(
      goldenJson.schema.fields.findIndex((f: { name: string }) => f.name === 'timestamps')
    )!;
    expect(timestamps.type.typeId).toBe(Type.Timestamp);
    expect(Array.from(timestamps.toArray() as BigInt64Array).map(String)).toEqual([
      '0',
      '1568039445000000000',
      '1568039450000000000',
      '9007199254740991',
      '9223372036854775807',
    ]);
  });
});

describe('domain frames on the wire', () => {
  const times = [1_700_000_000_000, 1_700_000_060_000, 1_700_000_120_000];

  it('encodes a time series frame as Timestamp(ns) + nullable Float64 with labels, config and meta', () => {
    const frame = timeSeriesFrame(
      'sli',
      times,
      [0.999, null, 1],
      { slo: 'api', service: 'api_gateway' },
      { unit: 'percentunit' },
      { executedQueryString: 'q' }
    );
    const bytes = encodeFrame({ ...frame, refId: 'A' });
    const schema = schemaOf(bytes);
    expect(schema.metadata).toEqual({
      name: 'sli',
      refId: 'A',
      meta: JSON.stringify({ type: 'timeseries-multi', typeVersion: [0, 1], executedQueryString: 'q' }),
    });
    expect(schema.fields).toEqual([
      { name: 'time', type: 'Timestamp<NANOSECOND>', nullable: false, metadata: { tstype: 'time' } },
      {
        name: 'sli',
        type: 'Float64',
        nullable: true,
        metadata: {
          tstype: 'number',
          labels: '{"slo":"api","service":"api_gateway"}',
          config: '{"unit":"percentunit"}',
        },
      },
    ]);
    expect(decodeFrame(bytes)).toEqual({ ...frame, refId: 'A' });
  });

  it('encodes strings, booleans and nullable times of a table frame and restores NaN/±Inf through entities', () => {
    const frame = tableFrame('t', [
      { name: 'name', type: 'string', values: ['a', null] },
      { name: 'active', type: 'boolean', values: [true, false] },
      { name: 'start', type: 'time', values: [times[0], null] },
      { name: 'x', type: 'number', values: [NaN, Infinity] },
    ]);
    const bytes = encodeFrame(frame);
    const types = schemaOf(bytes).fields.map((f) => [f.type, f.nullable, f.metadata.tstype]);
    expect(types).toEqual([
      ['Utf8', true, 'string'],
      ['Bool', false, 'boolean'],
      ['Timestamp<NANOSECOND>', true, 'time'],
      ['Float64', true, 'number'],
    ]);
    expect(decodeFrame(bytes).fields.map((f) => f.values)).toEqual([
      ['a', null],
      [true, false],
      [times[0], null],
      [NaN, Infinity],
    ]);
  });
});

describe('time columns', () => {
  // apache-arrow's reader is the oracle: the raw int64 nanoseconds must be BigInt(ms) * 10^6 exactly
  const nanosOf = (bytes: Uint8Array) => Array.from(tableFromIPC(bytes).getChild('time')!.toArray() as BigInt64Array);

  it('writes whole milliseconds as exact int64 nanoseconds across the whole safe range, and others through BigInt', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.oneof(
            fc.integer({ min: 0, max: 4_102_444_800_000 }), // 1970..2100
            fc.maxSafeNat().map((n) => Math.floor(n / 1e6)), // largest values whose nanoseconds fit int64
            fc.constantFrom(0, 1, 2 ** 32 - 1, 2 ** 32, 2 ** 32 + 1, 4294.967296e6, 9_223_372_036_854),
            fc.integer({ min: -4_102_444_800_000, max: -1 }) // before 1970: the BigInt path
          ),
          { minLength: 1, maxLength: 200 }
        ),
        (times) => {
          const frame = timeSeriesFrame('v', times, times.map(() => 1), {}, {});
          expect(nanosOf(encodeFrame(frame))).toEqual(times.map((t) => BigInt(t) * BigInt(1_000_000)));
        }
      ),
      { numRuns: 300 }
    );
  });
});
