import { DEFAULT_POLICY } from '../../../src/core/definitions/model';
import type { TimeGrid } from '../../../src/core/source';
import { ENGINE_KEEP_MS, SharedEngines } from '../../../src/backend/shared-engines';
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

function engines(src = source()) {
  let now = 0;
  const shared = new SharedEngines(src, () => now);
  return { shared, src, advance: (ms: number) => (now += ms) };
}

const open = () => new AbortController();

describe('SharedEngines', () => {
  it('hands queries about the same SLO and grid one engine for ENGINE_KEEP_MS, which computes the sums once', async () => {
    const { shared, src, advance } = engines();
    const first = shared.engine(slo, DEFAULT_POLICY, grid, open().signal);
    const second = shared.engine(slo, DEFAULT_POLICY, grid, open().signal);
    expect(second).toBe(first);
    await first.evaluate({ series: ['sli'] });
    const requests = src.requests.length;
    await second.evaluate({ series: ['budgetRemaining'] });
    expect(src.requests.length).toBe(requests);

    expect(shared.engine(slo, DEFAULT_POLICY, { ...grid, step: 2 * HOUR }, open().signal)).not.toBe(first);
    expect(shared.engine({ ...slo }, DEFAULT_POLICY, grid, open().signal)).not.toBe(first);
    advance(ENGINE_KEEP_MS);
    expect(shared.engine(slo, DEFAULT_POLICY, grid, open().signal)).not.toBe(first);
  });

  it('aborts an engine only when every query that used it was cancelled, and then hands out a new one', () => {
    const { shared } = engines();
    const [a, b, c] = [open(), open(), open()];
    const engine = shared.engine(slo, DEFAULT_POLICY, grid, a.signal);
    shared.engine(slo, DEFAULT_POLICY, grid, b.signal);
    a.abort();
    expect(shared.engine(slo, DEFAULT_POLICY, grid, c.signal)).toBe(engine);
    b.abort();
    c.abort();
    expect(shared.engine(slo, DEFAULT_POLICY, grid, open().signal)).not.toBe(engine);
  });

  it('keeps no engine for an SLO the grid does not fit (a named error each time)', () => {
    const { shared } = engines();
    const coarse = { start: 0, end: 4 * DAY, step: 2 * DAY };
    expect(() => shared.engine(slo, DEFAULT_POLICY, coarse, open().signal)).toThrow(/shorter than the query step/);
    expect(shared.size).toBe(0);
  });

  it('does not remember a failed computation: the next query on the shared engine asks the source again', async () => {
    const src = source();
    const { shared } = engines(src);
    const steps = src.stepIncreases.bind(src);
    let failures = 1;
    src.stepIncreases = (selector, g) =>
      failures-- > 0 ? Promise.reject(new Error('Prometheus down')) : steps(selector, g);
    const engine = shared.engine(slo, DEFAULT_POLICY, grid, open().signal);
    await expect(engine.evaluate({ series: ['sli'] })).rejects.toThrow('Prometheus down');
    const again = await shared.engine(slo, DEFAULT_POLICY, grid, open().signal).evaluate({ series: ['sli'] });
    expect(again.series.sli!.some((v) => v !== null)).toBe(true);
  });

  it('tells which engines a query used (their partial results are its too), and never reuses a partial one', () => {
    const partial = new Set<AbortSignal>();
    const src = Object.assign(source(), {
      warningsOf: (signal: AbortSignal) => (partial.has(signal) ? ['store down'] : []),
    });
    const { shared } = engines(src);
    const query = open().signal;
    const engine = shared.engine(slo, DEFAULT_POLICY, grid, query);
    const [own] = shared.enginesOf(query);
    expect(own).toBeInstanceOf(AbortSignal);
    expect(shared.engine(slo, DEFAULT_POLICY, grid, open().signal)).toBe(engine);
    partial.add(own);
    expect(shared.engine(slo, DEFAULT_POLICY, grid, open().signal)).not.toBe(engine);
  });
});
