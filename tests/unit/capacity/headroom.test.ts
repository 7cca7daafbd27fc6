/**
 * Handbook capacity policy (operations-handbook.md "Capacity Planning"): buffer minimum 30%, target 50%,
 * alert below 20%; thresholds per kind; growth assumptions compounding monthly. Plus the demo platform
 * end to end: every demo capacity definition answers in demo mode with finite numbers and no errors.
 */
import {
  bufferStatus,
  capacitySentence,
  capacityStatus,
  compoundGrowth,
  humanDuration,
  MONTH_MS,
  peakToAverage,
  utilization,
} from '../../../src/core/capacity/headroom';
import { DEFAULT_BUFFER } from '../../../src/core/definitions/model';
import { handleCapacity, handleCapacityCatalog } from '../../../src/backend/handlers/capacity';
import { DemoSource } from '../../../src/demo/source';
import { DEMO_DEFINITIONS_YAML } from '../../../src/demo/definitions';
import { parseDefinitions } from '../../../src/core/definitions/parse';
import { createLogger } from '../../../src/backend/logger';
import type { QueryContext } from '../../../src/backend/handlers/types';

describe('headroom buffer policy', () => {
  it.each([
    [0.5, 'ok'],
    [0.4999, 'below target'],
    [0.3, 'below target'],
    [0.2999, 'below minimum'],
    [0.2, 'below minimum'],
    [0.1999, 'alert'],
  ])('headroom %p is %p', (headroom, expected) => {
    expect(bufferStatus(headroom, DEFAULT_BUFFER)).toBe(expected);
  });

  it('status: thresholds, and warning when headroom is below the alert level even under a high custom warning', () => {
    const cpu = { warning: 70, critical: 85 };
    expect(capacityStatus(0.69, cpu, DEFAULT_BUFFER)).toBe(0);
    expect(capacityStatus(0.7, cpu, DEFAULT_BUFFER)).toBe(1);
    expect(capacityStatus(0.85, cpu, DEFAULT_BUFFER)).toBe(2);
    const lax = { warning: 90, critical: 95 };
    expect(capacityStatus(0.8, lax, DEFAULT_BUFFER)).toBe(0);
    expect(capacityStatus(0.81, lax, DEFAULT_BUFFER)).toBe(1);
  });
});

describe('utilization', () => {
  it('is usage / capacity; 0, negative or missing capacity and negative usage are null and named', () => {
    const result = utilization([1, 2, 3, -1, null, 5], [10, 0, null, 10, 10, -2]);
    expect(result.values).toEqual([0.1, null, null, null, null, null]);
    expect(result.problems).toEqual(['capacity is 0, negative or missing at 3 points', 'usage is negative at 1 point']);
  });

  it('peak-to-average of a training window', () => {
    expect(peakToAverage([1, 2, 3, null])).toBeCloseTo(1.5, 12);
    expect(peakToAverage([0, 0])).toBeUndefined();
  });
});

describe('growth and sentences', () => {
  it('compounds monthly: +25% a month is x1.25 after 30 days and x1.5625 after 60', () => {
    expect(compoundGrowth(0.4, 25, MONTH_MS)).toBeCloseTo(0.5, 12);
    expect(compoundGrowth(0.4, 25, 2 * MONTH_MS)).toBeCloseTo(0.625, 12);
  });

  it('names the resource, the instance, the line and the time', () => {
    const base = {
      name: 'disk',
      instance: 'db-2',
      thresholds: { warning: 80, critical: 90 },
      horizon: 30 * 86_400_000,
    };
    expect(capacitySentence({ ...base, utilization: 0.85, timeToWarning: 0, timeToCritical: 12 * 86400 + 5 })).toBe(
      'disk on db-2 reaches 90% in 12 days'
    );
    expect(capacitySentence({ ...base, utilization: 0.95, timeToWarning: 0, timeToCritical: 0 })).toBe(
      'disk on db-2 is at 95%, above critical (90%)'
    );
    expect(capacitySentence({ ...base, utilization: 0.82, timeToWarning: 0, timeToCritical: null })).toBe(
      'disk on db-2 is at 82%, above warning (80%)'
    );
    expect(
      capacitySentence({
        ...base,
        instance: undefined,
        utilization: 0.5,
        timeToWarning: 3 * 3600,
        timeToCritical: null,
      })
    ).toBe('disk reaches 80% in 3 hours');
    expect(capacitySentence({ ...base, utilization: null, timeToWarning: null, timeToCritical: null })).toBe(
      'disk on db-2: no current data'
    );
    expect(humanDuration(59_000)).toBe('less than a minute');
  });
});

describe('demo platform', () => {
  const NOW = Date.UTC(2026, 10, 20, 12);
  const DAY = 86_400_000;
  const definitions = parseDefinitions(DEMO_DEFINITIONS_YAML, 'demo');
  const context = (query: Record<string, unknown>): QueryContext => ({
    refId: 'A',
    queryType: String(query.queryType),
    query,
    range: { from: NOW - DAY, to: NOW + 7 * DAY },
    grid: { start: NOW - DAY, end: NOW + 7 * DAY, step: 3_600_000 },
    intervalMs: 3_600_000,
    maxDataPoints: 500,
    metrics: new DemoSource(),
    definitions,
    now: NOW,
    signal: new AbortController().signal,
    log: createLogger('test', 'error', () => undefined),
  });

  it.each([{ method: 'linear' }, { method: 'holt-winters', season: '1w' }])(
    'every demo resource answers with finite forecasts (%p)',
    async (forecast) => {
      const frames = await handleCapacity(
        context({ queryType: 'capacity', series: ['utilization', 'forecast'], forecast })
      );
      const resources = new Set(frames.map((f) => f.fields[1].labels?.resource));
      expect(resources.size).toBe(definitions.definitions.capacity.length);
      for (const frame of frames) {
        expect(frame.meta?.notices ?? []).toEqual([]);
        const values = frame.fields[1].values.filter((v) => v !== null) as number[];
        expect(values.length).toBeGreaterThan(0);
        expect(values.every(Number.isFinite)).toBe(true);
      }
      const [catalog] = await handleCapacityCatalog(context({ queryType: 'capacityCatalog', forecast }));
      expect(catalog.fields.find((f) => f.name === 'summary')!.values.length).toBe(frames.length / 2);
    }
  );
});
