import type { MetricSource, Series, TimeGrid } from '../../core/source';
import type { Logger } from '../logger';

// Placeholder contract: the SLO engine issue implements this class (HTTP API client, retries, cache).
export interface PrometheusOptions {
  url: string;
  basicAuth?: { user: string; password: string };
  bearerToken?: string;
  timeoutMs: number;
  log: Logger;
}

const pending = () => Promise.reject(new Error('Prometheus source not implemented yet'));

export class PrometheusSource implements MetricSource {
  readonly kind = 'prometheus' as const;
  constructor(readonly options: PrometheusOptions) {}
  describe(): string {
    return `Prometheus at ${this.options.url}`;
  }
  health(_signal?: AbortSignal): Promise<string> {
    return pending();
  }
  stepIncreases(_selector: string, _grid: TimeGrid, _signal?: AbortSignal): Promise<Array<number | null>> {
    return pending();
  }
  windowIncrease(_selector: string, _at: number, _windowMs: number, _signal?: AbortSignal): Promise<number | null> {
    return pending();
  }
  rangeQuery(_expr: string, _grid: TimeGrid, _signal?: AbortSignal): Promise<Series[]> {
    return pending();
  }
  labelValues(_label: string, _signal?: AbortSignal): Promise<string[]> {
    return pending();
  }
}
