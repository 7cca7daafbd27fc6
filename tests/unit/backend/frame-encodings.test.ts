import { timeSeriesFrame, type Frame } from '../../../src/core/frame';
import { FrameEncodings } from '../../../src/backend/frame-encodings';
import { encodeFrame, encodeInLayout, frameLayout } from '../../../src/backend/protocol/arrow';
import fc from 'fast-check';

const times = [1_700_000_000_000, 1_700_000_900_000, 1_700_001_800_000];
// a new object each time, as a recomputed answer has
const sli = (values: Array<number | null>, refId = 'A'): Frame => ({
  ...timeSeriesFrame('sli', [...times], [...values], { slo: 'api' }, { unit: 'percentunit' }),
  refId,
});

describe('reused Arrow encodings', () => {
  it('gives an unchanged frame the bytes encoded before, equal to a fresh encoding', () => {
    const encodings = new FrameEncodings();
    const first = encodings.encode(sli([0.999, null, 1]));
    const again = encodings.encode(sli([0.999, null, 1]));
    expect(again).toBe(first);
    expect(Buffer.from(again).equals(Buffer.from(encodeFrame(sli([0.999, null, 1]))))).toBe(true);
  });

  it.each([
    ['one value', sli([0.999, null, 0.5])],
    ['a value that becomes null', sli([0.999, null, null])],
    ['0 and -0', sli([0.999, null, -0])],
    ['NaN and null', sli([0.999, NaN, 1])],
    ['the refId', sli([0.999, null, 1], 'B')],
    [
      'the labels',
      {
        ...sli([0.999, null, 1]),
        fields: sli([0.999, null, 1]).fields.map((f, i) => (i === 1 ? { ...f, labels: { slo: 'web' } } : f)),
      },
    ],
  ])('encodes afresh after a change of %s', (_, changed) => {
    const encodings = new FrameEncodings();
    const before = encodings.encode(sli([0.999, null, 1]));
    const after = encodings.encode(changed);
    expect(after).not.toBe(before);
    expect(Buffer.from(after).equals(Buffer.from(encodeFrame(changed)))).toBe(true);
  });

  it('keeps at most its byte budget, dropping the least recently used', () => {
    const size = encodeFrame(sli([1, 1, 1])).byteLength;
    const encodings = new FrameEncodings(size * 2);
    const a = encodings.encode(sli([1, 1, 1]));
    encodings.encode({ ...sli([1, 1, 1]), name: 'b' });
    expect(encodings.encode(sli([1, 1, 1]))).toBe(a); // a is now the most recent
    encodings.encode({ ...sli([1, 1, 1]), name: 'c' }); // evicts b
    expect(encodings.bytes).toBeLessThanOrEqual(size * 2);
    expect(encodings.encode(sli([1, 1, 1]))).toBe(a);
    const b = encodings.encode({ ...sli([1, 1, 1]), name: 'b' });
    expect(encodings.encode({ ...sli([1, 1, 1]), name: 'b' })).toBe(b);
  });
});

describe("frames written into an earlier encoding's layout", () => {
  // values a series may hold: nulls, the specials Arrow keeps as such, ordinary and extreme numbers
  const numberValue = fc.oneof(
    fc.constant(null),
    fc.constantFrom(NaN, Infinity, -Infinity, -0, 0, Number.MAX_VALUE, Number.MIN_VALUE),
    fc.double()
  );
  const timeValue = fc.oneof(
    { weight: 8, arbitrary: fc.integer({ min: 0, max: 4_102_444_800_000 }) },
    // the general path: nulls, sub-millisecond and pre-1970 times
    fc.constantFrom(null, 1.5, -60_000)
  );
  const columns = (length: number) =>
    fc.tuple(
      fc.array(timeValue, { minLength: length, maxLength: length }),
      fc.array(fc.array(numberValue, { minLength: length, maxLength: length }), { minLength: 1, maxLength: 3 })
    );
  const frameOf = ([times, series]: [Array<number | null>, Array<Array<number | null>>]): Frame => ({
    name: 'burnRate',
    refId: 'A',
    meta: { type: 'timeseries-multi', typeVersion: [0, 1] },
    fields: [
      { name: 'time', type: 'time', values: times },
      ...series.map((values, i) => ({
        name: `s${i}`,
        type: 'number' as const,
        values,
        labels: { slo: 'api', window: `${i}h` },
        config: { unit: 'suffix:×' },
      })),
    ],
  });
  const nulls = (values: unknown[]) => values.filter((v) => v === null).length;
  const generalTime = (v: number | null) => v !== null && (v < 0 || !Number.isInteger(v));

  it('gives exactly the bytes of a fresh encoding, and is used whenever lengths and null counts match', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 70 }).chain((n) => fc.tuple(columns(n), columns(n))),
        ([a, b]) => {
          fc.pre(a[1].length === b[1].length);
          const [first, second] = [frameOf(a), frameOf(b)];
          const layout = frameLayout(first, encodeFrame(first));
          expect(layout).toBeDefined();
          const written = encodeInLayout(layout!, second);
          const fits =
            nulls(a[0]) === nulls(b[0]) &&
            a[1].every((values, i) => nulls(values) === nulls(b[1][i])) &&
            !b[0].some(generalTime);
          expect(written !== undefined).toBe(fits);
          if (written) {
            expect(Buffer.from(written).equals(Buffer.from(encodeFrame(second)))).toBe(true);
          }
        }
      ),
      { numRuns: 500 }
    );
  });

  it('keeps every reply equal to a fresh encoding through a run of refreshes', () => {
    fc.assert(
      fc.property(fc.array(columns(24), { minLength: 1, maxLength: 12 }), (runs) => {
        const encodings = new FrameEncodings();
        for (const [times, series] of runs) {
          const frame = frameOf([times, series.slice(0, 1)]);
          expect(Buffer.from(encodings.encode(frame)).equals(Buffer.from(encodeFrame(frame)))).toBe(true);
        }
      }),
      { numRuns: 300 }
    );
  });

  it('is not taken for frames with other columns', () => {
    const table: Frame = { fields: [{ name: 'slo', type: 'string', values: ['api'] }] };
    expect(frameLayout(table, encodeFrame(table))).toBeUndefined();
  });
});
