import { handleSloCatalog } from '../../backend/handlers/slo';
import { createLogger } from '../../backend/logger';
import { PrometheusSource } from '../../backend/sources/prometheus';
import { formatDefinitionError, type LoadedDefinitions } from '../../core/definitions/model';
import { parseDefinitions } from '../../core/definitions/parse';
import type { MetricSource } from '../../core/source';
import { DEMO_DEFINITIONS_YAML } from '../../demo/definitions';
import { DemoSource } from '../../demo/source';
import type { Command } from './types';
import { loadDefinitionPaths } from './validate';

const STATUS_NAMES = ['ok', 'warning', 'depleted', 'critical'];

/**
 * `headroom report --url URL FILE|DIR... | --demo [FILE|DIR...]`: the SLO catalog (the `sloCatalog` query of
 * the data source, same engine) as a table, evaluated now (or `--at` an ISO time). A bearer token comes from HEADROOM_BEARER_TOKEN,
 * basic auth from the URL (https://user:pass@host). Exit code 1 when any SLO is depleted or critical or
 * the definitions have errors, so a CI step can gate a release on the error budget.
 */
export const reportCommand: Command = {
  name: 'report',
  summary: 'print the SLO status table from Prometheus (--url) or the demo platform (--demo)',
  usage: 'report (--url URL FILE|DIR... | --demo [FILE|DIR...]) [--service S] [--at TIME] [--json]',
  async run(args, io) {
    const options = parseArgs(args);
    if ('error' in options) {
      io.err(options.error);
      io.err(`usage: headroom ${this.usage}`);
      return 2;
    }
    const loaded: LoadedDefinitions =
      options.paths.length > 0
        ? loadDefinitionPaths(options.paths)
        : parseDefinitions(DEMO_DEFINITIONS_YAML, 'demo definitions');
    loaded.errors.forEach((e) => io.err(formatDefinitionError(e)));
    const log = createLogger('cli', 'error', (line) => io.err(line.trimEnd()));
    const metrics: MetricSource = options.url
      ? new PrometheusSource({
          url: options.url,
          bearerToken: process.env.HEADROOM_BEARER_TOKEN || undefined,
          timeoutMs: 30_000,
          log,
        })
      : new DemoSource();
    const now = options.at ?? Date.now();
    const step = 60_000;
    const [frame] = await handleSloCatalog({
      refId: 'report',
      queryType: 'sloCatalog',
      query: options.service ? { service: options.service } : {},
      range: { from: now - 3_600_000, to: now },
      grid: { start: Math.floor((now - 3_600_000) / step) * step, end: Math.floor(now / step) * step, step },
      intervalMs: step,
      maxDataPoints: 60,
      metrics,
      definitions: loaded,
      now,
      signal: new AbortController().signal,
      log,
    });
    frame.meta?.notices?.filter((n) => n.severity === 'error').forEach((n) => io.err(n.text));
    const column = (name: string) => frame.fields.find((f) => f.name === name)?.values ?? [];
    const rows = column('id').map((_, i) => Object.fromEntries(frame.fields.map((f) => [f.name, f.values[i]])));
    if (options.json) {
      io.out(
        JSON.stringify(
          { evaluatedAt: new Date(frame.meta?.custom?.evaluatedAt as number).toISOString(), slos: rows },
          null,
          2
        )
      );
    } else {
      io.out(table(rows));
    }
    const failing = rows.filter((r) => typeof r.status === 'number' && r.status >= 2).length;
    return failing > 0 || loaded.errors.length > 0 ? 1 : 0;
  },
};

interface Options {
  url?: string;
  at?: number;
  paths: string[];
  service?: string;
  json: boolean;
}

function parseArgs(args: string[]): Options | { error: string } {
  const out: Options = { paths: [], json: false };
  let demo = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === '--url' || a === '--service' || a === '--at') {
      const value = args[++i];
      if (!value || value.startsWith('--')) {
        return { error: `${a} needs a value` };
      }
      if (a === '--at') {
        out.at = Date.parse(value);
        if (Number.isNaN(out.at)) {
          return { error: `--at: "${value}" is not a time (use ISO 8601, e.g. 2026-02-05T00:00:00Z)` };
        }
      } else {
        out[a === '--url' ? 'url' : 'service'] = value;
      }
    } else if (a === '--demo') {
      demo = true;
    } else if (a === '--json') {
      out.json = true;
    } else if (a.startsWith('-')) {
      return { error: `unknown option ${a}` };
    } else {
      out.paths.push(a);
    }
  }
  if (demo === Boolean(out.url)) {
    return { error: 'give exactly one of --url URL or --demo' };
  }
  if (out.url && out.paths.length === 0) {
    return { error: '--url needs the definitions files (FILE|DIR...) that name the SLOs' };
  }
  return out;
}

const pct = (v: unknown, digits: number) => (typeof v === 'number' ? `${(v * 100).toFixed(digits)}%` : '—');
const num = (v: unknown, suffix: string, digits = 1) => (typeof v === 'number' ? `${v.toFixed(digits)}${suffix}` : '—');

/** "12d 5h", "3h 20m", "7m": a time to exhaustion at a glance. */
function days(seconds: number): string {
  const minutes = Math.round(seconds / 60);
  const [d, h, m] = [Math.floor(minutes / 1440), Math.floor((minutes % 1440) / 60), minutes % 60];
  return d > 0 ? `${d}d ${h}h` : h > 0 ? `${h}h ${m}m` : `${m}m`;
}

function table(rows: Array<Record<string, unknown>>): string {
  const header = [
    'SLO',
    'service',
    'objective',
    'window',
    'SLI',
    'budget left',
    'minutes left',
    'burn 1h',
    'burn 6h',
    'burn 1d',
    'burn 3d',
    'status',
    'exhausted in',
  ];
  const lines = rows.map((r) => [
    String(r.id),
    String(r.service),
    pct(r.objective, 3),
    String(r.window),
    pct(r.sli, 3),
    pct(r.budgetRemaining, 1),
    num(r.budgetRemainingMinutes, ' min'),
    num(r.burnRate1h, 'x', 2),
    num(r.burnRate6h, 'x', 2),
    num(r.burnRate1d, 'x', 2),
    num(r.burnRate3d, 'x', 2),
    typeof r.status === 'number' ? STATUS_NAMES[r.status] : 'no data',
    typeof r.timeToExhaustion === 'number' ? days(r.timeToExhaustion) : '—',
  ]);
  const widths = header.map((h, c) => Math.max(h.length, ...lines.map((l) => l[c].length)));
  return [header, ...lines]
    .map((l) => l.map((cell, c) => (c < 2 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  '))
    .join('\n');
}
