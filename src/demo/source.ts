import type { Alert, AlertSource, MetricSource, PlatformEvent, Series, TimeGrid } from '../core/source';

// Placeholder contract: the demo platform issue implements these (a pure function of seed and time).
const pending = () => Promise.reject(new Error('demo platform not implemented yet'));

export class DemoSource implements MetricSource {
  readonly kind = 'demo' as const;
  describe(): string {
    return 'embedded demo platform';
  }
  health(): Promise<string> {
    return Promise.resolve('embedded demo platform');
  }
  stepIncreases(_selector: string, _grid: TimeGrid): Promise<Array<number | null>> {
    return pending();
  }
  windowIncrease(_selector: string, _at: number, _windowMs: number): Promise<number | null> {
    return pending();
  }
  rangeQuery(_expr: string, _grid: TimeGrid): Promise<Series[]> {
    return pending();
  }
  labelValues(_label: string): Promise<string[]> {
    return pending();
  }
}

export class DemoAlertSource implements AlertSource {
  describe(): string {
    return 'embedded demo platform';
  }
  activeAlerts(_at: number): Promise<Alert[]> {
    return Promise.resolve([]);
  }
}

export function demoEvents(_from: number, _to: number): PlatformEvent[] {
  return [];
}
