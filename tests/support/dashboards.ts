import fs from 'node:fs';
import path from 'node:path';

/**
 * Every Headroom query a provisioned dashboard sends: panel targets, annotations and variables,
 * with the dashboard's own time range, ready for the harness.
 */
export interface DashboardQuery {
  dashboard: string;
  where: string;
  /** the QueryData call it travels in: Grafana sends a panel's targets in one call, each annotation and variable alone */
  call: string;
  /** a QueryData query, or for a variable `{kind, resourcePath}`: the resource endpoint it reads */
  query: Record<string, unknown>;
  /** the dashboard's time range, e.g. now-7d .. now+14d, in ms relative to now */
  fromOffsetMs: number;
  toOffsetMs: number;
}

const UNIT_MS: Record<string, number> = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000 };

function relative(text: string): number {
  if (text === 'now') {
    return 0;
  }
  const match = /^now([+-])(\d+)([mhdw])$/.exec(text);
  if (!match) {
    throw new Error(`unsupported dashboard time "${text}"`);
  }
  return (match[1] === '-' ? -1 : 1) * Number(match[2]) * UNIT_MS[match[3]];
}

const root = path.resolve(__dirname, '..', '..');

/** Variable queries are answered in the browser from these resource endpoints (src/datasource/variables.ts). */
const VARIABLE_RESOURCES: Record<string, string> = { service: 'services', slo: 'slos', resource: 'resources', schedule: 'schedules' };

export function headroomDashboardQueries(): DashboardQuery[] {
  const out: DashboardQuery[] = [];
  for (const file of fs.readdirSync(path.join(root, 'dashboards')).filter((f) => f.endsWith('.json'))) {
    const dashboard = JSON.parse(fs.readFileSync(path.join(root, 'dashboards', file), 'utf8'));
    const fromOffsetMs = relative(dashboard.time.from);
    const toOffsetMs = relative(dashboard.time.to);
    const isHeadroom = (ds?: { type?: string }) => ds?.type === 'headroom-slo-datasource';
    const add = (where: string, query: Record<string, unknown>, call = where) =>
      out.push({ dashboard: dashboard.uid, where, call, query, fromOffsetMs, toOffsetMs });
    for (const panel of dashboard.panels ?? []) {
      for (const target of panel.targets ?? []) {
        if (isHeadroom(target.datasource)) {
          add(`panel "${panel.title}" ${target.refId}`, target, `panel "${panel.title}"`);
        }
      }
    }
    for (const annotation of dashboard.annotations?.list ?? []) {
      if (isHeadroom(annotation.datasource)) {
        add(`annotation "${annotation.name}"`, annotation.target);
      }
    }
    for (const variable of dashboard.templating?.list ?? []) {
      if (variable.type === 'query' && isHeadroom(variable.datasource)) {
        add(`variable "${variable.name}"`, { ...variable.query, resourcePath: VARIABLE_RESOURCES[variable.query.kind] });
      }
    }
  }
  return out;
}

/** Replaces dashboard variables the way Grafana's template service would for one chosen value each. */
export function interpolate(query: Record<string, unknown>, values: Record<string, string>): Record<string, unknown> {
  let text = JSON.stringify(query);
  for (const [name, value] of Object.entries(values)) {
    text = text.split(`$${name}`).join(value).split(`\${${name}}`).join(value);
  }
  return JSON.parse(text);
}
