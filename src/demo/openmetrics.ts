/**
 * Text formats of the simulated platform: the OpenMetrics back-fill for
 * `promtool tsdb create-blocks-from openmetrics` and the Prometheus exposition the exporter serves.
 */
import { isCounter, type DemoSeries } from './series';

export interface BackfillOptions {
  /** epoch ms, inclusive; both are rounded down to a multiple of step */
  start: number;
  end: number;
  /** ms between samples (a whole number of seconds) */
  step: number;
  /**
   * labels added to every series, e.g. the job/instance a live scrape of the exporter gets, so the back-filled
   * history and the scraped present are the same series
   */
  extraLabels?: Record<string, string>;
}

const escapeLabel = (v: string) => v.replace(/\\/g, '\\\\').replace(/\n/g, '\\n').replace(/"/g, '\\"');

export function seriesText(name: string, labels: Record<string, string>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}="${escapeLabel(v)}"`);
  return pairs.length ? `${name}{${pairs.join(',')}}` : name;
}

/** Series in family order (all series of a name together, as the formats require), first-appearance order. */
function byFamily(series: DemoSeries[]): DemoSeries[] {
  const names = [...new Set(series.map((s) => s.name))];
  return names.flatMap((n) => series.filter((s) => s.name === n));
}

function sampleTimes(o: BackfillOptions): number[] {
  if (!(o.step > 0) || o.step % 1000 !== 0) {
    throw new Error(`back-fill step must be a positive whole number of seconds (got ${o.step} ms)`);
  }
  const start = Math.floor(o.start / o.step) * o.step;
  const end = Math.floor(o.end / o.step) * o.step;
  if (end < start) {
    throw new Error('back-fill end is before its start');
  }
  const times: number[] = [];
  for (let t = start; t <= end; t += o.step) {
    times.push(t);
  }
  return times;
}

/**
 * The back-fill as chunks of OpenMetrics text (one chunk per series, samples in time order, `# EOF` last).
 * Samples sit exactly on multiples of the step, so Prometheus' increase() over step-aligned windows has
 * samples on both window edges and does not extrapolate.
 */
export function* openMetricsChunks(series: DemoSeries[], o: BackfillOptions): Generator<string> {
  const times = sampleTimes(o);
  const seconds = times.map((t) => String(t / 1000));
  for (const s of byFamily(series)) {
    const prefix = seriesText(s.name, { ...o.extraLabels, ...s.labels }) + ' ';
    const values = isCounter(s) ? s.valuesAt(times) : times.map((t) => s.value(t));
    const lines = new Array<string>(times.length);
    for (let i = 0; i < times.length; i++) {
      lines[i] = prefix + values[i] + ' ' + seconds[i];
    }
    yield lines.join('\n') + '\n';
  }
  yield '# EOF\n';
}

/** The whole back-fill as one string (for tests and short ranges). */
export function openMetricsText(series: DemoSeries[], o: BackfillOptions): string {
  return [...openMetricsChunks(series, o)].join('');
}

const formatValue = (v: number) => (Number.isFinite(v) ? String(v) : v > 0 ? '+Inf' : v < 0 ? '-Inf' : 'NaN');

/** Prometheus text exposition format 0.0.4 of every series at `at` (what /metrics serves). */
export function expositionText(series: DemoSeries[], at: number): string {
  const out: string[] = [];
  let family = '';
  for (const s of byFamily(series)) {
    const histogram = /_(bucket|count|sum)$/.test(s.name) && s.name.startsWith('http_request_duration_seconds');
    const name = histogram ? 'http_request_duration_seconds' : s.name;
    if (name !== family) {
      family = name;
      out.push(`# HELP ${name} ${s.help}`, `# TYPE ${name} ${histogram ? 'histogram' : s.kind}`);
    }
    out.push(`${seriesText(s.name, s.labels)} ${formatValue(s.value(at))}`);
  }
  return out.join('\n') + '\n';
}
