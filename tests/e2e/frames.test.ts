/**
 * The render harness feeds panels the JSON Grafana's server sends. Oracle: Grafana's own Go SDK wrote
 * all_types.golden.arrow and its JSON form all_types.golden.json; the Arrow file decoded by our reader and
 * encoded by ./support/frames.ts must give the golden schema and values (for the value kinds our backend
 * emits: strings, numbers representable as doubles, booleans; NaN/Inf entities and nanosecond times are
 * not compared — the backend never sends them).
 */
import fs from 'node:fs';
import path from 'node:path';
import { decodeFrame } from '../support/frames';
import { frameToJSON, toServerResponse } from './support/frames';
import type { Frame } from '../../src/core/frame';

// the repository's copy of the golden pair (tests/unit/backend/testdata)
const GOLDEN = path.resolve(__dirname, '../unit/backend/testdata');
const goldenPath = (name: string) => path.join(GOLDEN, name);

describe('frameToJSON', () => {
  const golden = JSON.parse(fs.readFileSync(goldenPath('all_types.golden.json'), 'utf8'));
  const json = frameToJSON(decodeFrame(fs.readFileSync(goldenPath('all_types.golden.arrow'))) as unknown as Frame);

  it('writes the schema as the Go SDK does (name, refId, meta, field names, types, labels, config)', () => {
    expect(json.schema.name).toBe(golden.schema.name);
    expect(json.schema.refId).toBe(golden.schema.refId);
    expect(json.schema.meta).toEqual(golden.schema.meta);
    const withoutTypeInfo = golden.schema.fields.map(({ typeInfo, ...field }: { typeInfo: unknown }) => ({ config: {}, ...field }));
    expect(json.schema.fields).toEqual(withoutTypeInfo);
  });

  it('writes the values as the Go SDK does for strings, doubles and booleans', () => {
    let compared = 0;
    golden.schema.fields.forEach((field: { name: string; type: string; typeInfo: { frame: string } }, i: number) => {
      const exact = golden.data.entities[i] === null && golden.data.nanos[i] === null;
      const bigInt = /int64/.test(field.typeInfo.frame);
      if (exact && !bigInt && ['string', 'number', 'boolean'].includes(field.type)) {
        expect({ field: field.name, values: json.data.values[i] }).toEqual({ field: field.name, values: golden.data.values[i] });
        compared++;
      }
    });
    expect(compared).toBeGreaterThanOrEqual(20);
  });

  it('groups frames by refId into the /api/ds/query response, surviving JSON', () => {
    const frame: Frame = { name: 'x', refId: 'B', fields: [{ name: 'time', type: 'time', values: [1, 2] }, { name: 'v', type: 'number', values: [null, 3] }] };
    expect(toServerResponse([frame, { ...frame, refId: undefined }])).toEqual({
      results: {
        B: { status: 200, frames: [frameToJSON(frame, 'B')] },
        A: { status: 200, frames: [frameToJSON({ ...frame, refId: undefined }, 'A')] },
      },
    });
  });
});
