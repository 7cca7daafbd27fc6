import { timeSeriesFrame, type Frame } from '../../../src/core/frame';
import { FrameEncodings } from '../../../src/backend/frame-encodings';
import { encodeFrame } from '../../../src/backend/protocol/arrow';

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
