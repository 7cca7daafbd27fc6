/**
 * Capacity forecasting speed: 10 resources, each with 30 days of 5-minute utilisation (8,641 points), forecast
 * 30 days ahead, both crossing times found and the forecast read at every 5-minute point of the horizon.
 * Target: under 100 ms per method for all 10 resources (issue 5). Run: `npx tsx bench/capacity.ts`.
 */
import { buildForecast, crossingTime, type ForecastSettings } from '../src/core/capacity/forecast';

const DAY = 86_400_000;
const STEP = 300_000;
const RESOURCES = 10;
export const TARGET_MS = 100;

function history(resource: number): { times: number[]; values: number[] } {
  const times: number[] = [];
  const values: number[] = [];
  for (let t = 0; t <= 30 * DAY; t += STEP) {
    times.push(t);
    // a different trend, wave and deterministic jitter per resource
    const jitter = 0.01 * Math.sin(t / (997_000 + resource * 1_000));
    values.push(
      0.2 + 0.005 * resource * (t / DAY) * 0.1 + 0.05 * Math.sin((2 * Math.PI * t) / DAY + resource) + jitter
    );
  }
  return { times, values };
}

function forecastAll(data: Array<{ times: number[]; values: number[] }>, settings: ForecastSettings): number {
  let checksum = 0;
  for (const { times, values } of data) {
    const { forecast } = buildForecast(times, values, settings);
    if (!forecast) {
      throw new Error('no forecast');
    }
    checksum += (crossingTime(forecast, 0.7) ?? 0) + (crossingTime(forecast, 0.85) ?? 0);
    for (let t = forecast.origin; t <= forecast.end; t += STEP) {
      checksum += forecast.at(t)!.value;
    }
  }
  return checksum;
}

export interface BenchResult {
  name: string;
  /** median of the timed runs, ms */
  ms: number;
  targetMs: number;
}

export function benchCapacity(runs = 7): BenchResult[] {
  const data = Array.from({ length: RESOURCES }, (_, i) => history(i));
  const methods: Array<[string, ForecastSettings]> = [
    [
      'capacity: trend (default), 10 resources x 30d of 5m',
      { method: 'trend', horizon: 30 * DAY, season: DAY, seasonality: 'additive' },
    ],
    [
      'capacity: linear, 10 resources x 30d of 5m',
      { method: 'linear', horizon: 30 * DAY, season: DAY, seasonality: 'additive' },
    ],
    [
      'capacity: holt-winters (fitted), 10 resources x 30d of 5m',
      { method: 'holt-winters', horizon: 30 * DAY, season: DAY, seasonality: 'additive' },
    ],
  ];
  return methods.map(([name, settings]) => {
    forecastAll(data, settings); // warm-up (JIT)
    const times: number[] = [];
    for (let r = 0; r < runs; r++) {
      const start = performance.now();
      forecastAll(data, settings);
      times.push(performance.now() - start);
    }
    times.sort((a, b) => a - b);
    return { name, ms: times[Math.floor(times.length / 2)], targetMs: TARGET_MS };
  });
}

if (require.main === module) {
  for (const r of benchCapacity()) {
    console.log(`${r.name}: ${r.ms.toFixed(1)} ms (target < ${r.targetMs} ms) ${r.ms < r.targetMs ? 'ok' : 'SLOW'}`);
  }
}
