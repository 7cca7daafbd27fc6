import { DEFAULT_POLICY } from '../../../src/core/definitions/model';
import { SloEngine } from '../../../src/core/slo/engine';
import type { TimeGrid } from '../../../src/core/source';
import { SharedWork, WORK_KEEP_MS } from '../../../src/backend/shared-work';
import { FakeSource, counter, testSlo } from '../slo/fake-source';

const MIN = 60_000;
const HOUR = 60 * MIN;
const DAY = 24 * HOUR;
const T0 = Date.UTC(2026, 2, 1);
const slo = testSlo();
const grid: TimeGrid = { start: T0 + DAY, end: T0 + 2 * DAY, step: HOUR };

function source() {
  const end = T0 + 3 * DAY;
  return new FakeSource({
    total: [counter(T0, end, 5 * MIN, () => 5000)],
    bad: [counter(T0, end, 5 * MIN, () => 5)],
  });
}

/** SharedWork on a clock the test moves, with the partial results the test declares. */
function work() {
  let now = 0;
  const partial = new Set<AbortSignal>();
  const shared = new SharedWork(
    (signal) => (partial.has(signal) ? ['store down'] : []),
    () => now
  );
  return { shared, partial, advance: (ms: number) => (now += ms) };
}

const open = () => new AbortController();

describe('SharedWork', () => {
  it('hands queries one SLO engine for WORK_KEEP_MS, which then computes the window sums once', async () => {
    const { shared, advance } = work();
    const src = source();
    const create = (signal: AbortSignal) => new SloEngine(src, slo, DEFAULT_POLICY, grid, signal);
    const first = shared.get('slo', create, open().signal);
    const second = shared.get('slo', create, open().signal);
    expect(second).toBe(first);
    await first.evaluate({ series: ['sli'] });
    const requests = src.requests.length;
    await second.evaluate({ series: ['budgetRemaining'] });
    expect(src.requests.length).toBe(requests);
    expect(shared.get('other key', create, open().signal)).not.toBe(first);
    advance(WORK_KEEP_MS);
    expect(shared.get('slo', create, open().signal)).not.toBe(first);
  });

  it('names objects by identity', () => {
    const { shared } = work();
    expect(shared.id(slo)).toBe(shared.id(slo));
    expect(shared.id({ ...slo })).not.toBe(shared.id(slo));
  });

  it('aborts work only when every query that used it was cancelled, and then creates it afresh', () => {
    const { shared } = work();
    const [a, b, c] = [open(), open(), open()];
    const signals: AbortSignal[] = [];
    const create = (signal: AbortSignal) => (signals.push(signal), { n: signals.length });
    const piece = shared.get('k', create, a.signal);
    shared.get('k', create, b.signal);
    a.abort();
    expect(shared.get('k', create, c.signal)).toBe(piece);
    expect(signals[0].aborted).toBe(false);
    b.abort();
    c.abort();
    expect(signals[0].aborted).toBe(true);
    expect(shared.get('k', create, open().signal)).not.toBe(piece);
  });

  it('keeps nothing when creating throws (an SLO the grid does not fit: a named error each time)', () => {
    const { shared } = work();
    const coarse = { start: 0, end: 4 * DAY, step: 2 * DAY };
    const create = (signal: AbortSignal) => new SloEngine(source(), slo, DEFAULT_POLICY, coarse, signal);
    expect(() => shared.get('slo', create, open().signal)).toThrow(/shorter than the query step/);
    expect(shared.size).toBe(0);
  });

  it('does not hand out failed work again: the next query tries afresh', async () => {
    const { shared } = work();
    let attempts = 0;
    const create = () => (++attempts === 1 ? Promise.reject(new Error('Prometheus down')) : Promise.resolve('data'));
    await expect(shared.get('k', create, open().signal)).rejects.toThrow('Prometheus down');
    await expect(shared.get('k', create, open().signal)).resolves.toBe('data');
  });

  it('does not remember a failed window sum inside a shared engine either', async () => {
    const { shared } = work();
    const src = source();
    const steps = src.stepIncreases.bind(src);
    let failures = 1;
    src.stepIncreases = (selector, g) =>
      failures-- > 0 ? Promise.reject(new Error('Prometheus down')) : steps(selector, g);
    const create = (signal: AbortSignal) => new SloEngine(src, slo, DEFAULT_POLICY, grid, signal);
    const engine = shared.get('slo', create, open().signal);
    await expect(engine.evaluate({ series: ['sli'] })).rejects.toThrow('Prometheus down');
    const again = await shared.get('slo', create, open().signal).evaluate({ series: ['sli'] });
    expect(again.series.sli!.some((v) => v !== null)).toBe(true);
  });

  it("tells which work a query used (its partial results are the query's too), and never reuses a partial one", () => {
    const { shared, partial } = work();
    const query = open().signal;
    const create = (signal: AbortSignal) => ({ signal });
    const piece = shared.get('k', create, query);
    expect(shared.signalsOf(query)).toEqual([piece.signal]);
    expect(shared.get('k', create, open().signal)).toBe(piece);
    partial.add(piece.signal);
    expect(shared.get('k', create, open().signal)).not.toBe(piece);
  });
});
