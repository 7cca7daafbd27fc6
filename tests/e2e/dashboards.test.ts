/**
 * The four provisioned dashboards (dashboards/*.json) rendered whole in headless Chromium, as Grafana lays them
 * out (./dashboard-host.tsx): every Headroom query of every panel runs through the built backend executable on
 * the demo platform with the dashboard's own time range and $service = api_gateway; the answers reach the page
 * in Grafana's server JSON form. Full-page PNGs at 1600 px, dark (executive and on-call also light), are
 * written to tests/e2e/__screenshots__/dashboard-<name>-<theme>.png: look at them after changing a dashboard.
 * Needs `npm run build` (the backend executable).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Frame } from '../../src/core/frame';
import { interpolate } from '../support/dashboards';
import { startBackend, type GrafanaHarness } from '../support/harness';
import { gridItemPosition, pageHeight, PAGE_PADDING, type GridPos } from './dashboard-layout';
import { toServerResponse, type ServerResponse } from './support/frames';
import { closeRenderer, render } from './support/render';

const WIDTH = 1600;
const MINUTE = 60_000;
const UNIT_MS: Record<string, number> = { m: MINUTE, h: 60 * MINUTE, d: 24 * 60 * MINUTE, w: 7 * 24 * 60 * MINUTE };
/** the page once no table is left without a header row and at least one data row (TableNG fills in after mounting) */
const TABLES_DRAWN = '#subject:not(:has([data-table-panel]:not(:has([role="row"] ~ [role="row"]))))';
const VARIABLES = { service: 'api_gateway', datasource: 'headroom', prometheus: 'prometheus' };

interface PanelJSON {
  id?: number;
  type: string;
  title: string;
  gridPos: GridPos;
  datasource?: { type?: string };
  targets?: Array<Record<string, unknown> & { refId: string; datasource?: { type?: string; uid?: string }; panelId?: number }>;
  transformations?: Array<{ id: string; options?: { include?: string } }>;
}
interface DashboardJSON {
  uid: string;
  title: string;
  time: { from: string; to: string };
  panels: PanelJSON[];
}

/** `now`, `now-7d`, `now+14d` -> ms relative to now */
function relative(text: string): number {
  const match = /^now(?:([+-])(\d+)([mhdw]))?$/.exec(text);
  if (!match) {
    throw new Error(`unsupported dashboard time "${text}"`);
  }
  return match[1] ? (match[1] === '-' ? -1 : 1) * Number(match[2]) * UNIT_MS[match[3]] : 0;
}

const CASES: Array<{ file: string; themes: Array<'dark' | 'light'> }> = [
  { file: 'executive', themes: ['dark', 'light'] },
  { file: 'service', themes: ['dark'] },
  { file: 'infrastructure', themes: ['dark'] },
  { file: 'oncall', themes: ['dark', 'light'] },
];

function load(file: string): DashboardJSON {
  return JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../dashboards', `${file}.json`), 'utf8'));
}

const isHeadroom = (ds?: { type?: string }) => ds?.type === 'headroom-slo-datasource';

function hasData(frames: Frame[]): boolean {
  return frames.some((frame) =>
    frame.fields.some((f) => f.type !== 'time' && f.values.some((v) => v !== null && v !== undefined))
  );
}

describe('dashboards rendered in Chromium with frames from the backend on the demo platform', () => {
  let grafana: GrafanaHarness;
  // one instant for the queries and the panels' clock, so countdowns match what the backend computed
  const now = Math.floor(Date.now() / MINUTE) * MINUTE;

  beforeAll(async () => {
    grafana = await startBackend();
  }, 60_000);

  afterAll(async () => {
    await closeRenderer();
    await grafana?.stop();
  });

  describe.each(CASES)('$file dashboard', ({ file, themes }) => {
    const dashboard = load(file);
    const range = { from: now + relative(dashboard.time.from), to: now + relative(dashboard.time.to) };
    const responses: Record<number, ServerResponse> = {};

    beforeAll(async () => {
      await Promise.all(
        dashboard.panels.map(async (panel, index) => {
          const targets = (panel.targets ?? []).filter((t) => isHeadroom(t.datasource));
          if (targets.length === 0) {
            return;
          }
          // Grafana asks for about one point per pixel of the panel's width
          const maxDataPoints = gridItemPosition(panel.gridPos, WIDTH - 2 * PAGE_PADDING).width;
          const results = await grafana.query({
            queries: targets.map((target) => {
              const json = interpolate(target, VARIABLES);
              return {
                refId: target.refId,
                queryType: String(json.queryType),
                json,
                maxDataPoints,
                intervalMS: Math.max(MINUTE, Math.round((range.to - range.from) / maxDataPoints)),
              };
            }),
            ...range,
          });
          const frames = Object.entries(results).flatMap(([refId, result]) => {
            expect({ panel: panel.title, refId, error: result.error, status: result.status }).toEqual({
              panel: panel.title,
              refId,
              error: undefined,
              status: 200,
            });
            return result.frames.map((f) => ({ ...(f as Frame), refId }));
          });
          expect({ panel: panel.title, hasData: hasData(frames) }).toEqual({ panel: panel.title, hasData: true });
          responses[index] = toServerResponse(frames);
        })
      );
      // panels on Grafana's Dashboard data source show the results of the panel they name, through their own
      // "Filter data by query" transformation when they have one
      dashboard.panels.forEach((panel, index) => {
        const shown = panel.targets?.find((t) => t.datasource?.uid === '-- Dashboard --');
        if (!shown) {
          return;
        }
        const source = responses[dashboard.panels.findIndex((p) => p.id === shown.panelId)];
        const only = panel.transformations?.find((t) => t.id === 'filterByRefId')?.options?.include;
        const results = only ? { [only]: source?.results[only] } : source?.results;
        expect({ panel: panel.title, shows: Object.values(results ?? {}).every(Boolean) }).toEqual({ panel: panel.title, shows: true });
        responses[index] = { results: results! };
      });
    }, 60_000);

    it.each(themes)(
      '%s theme: every panel drawn with its data',
      async (theme) => {
        const height = pageHeight(dashboard.panels);
        const result = await render(
          'tests/e2e/dashboard-host.tsx',
          {
            dashboard,
            responses,
            variables: file === 'service' ? { service: VARIABLES.service } : {},
            rawRange: dashboard.time,
            now,
            range,
            width: WIDTH,
          },
          { theme, width: WIDTH, height, name: `dashboard-${file}-${theme}`, waitFor: TABLES_DRAWN }
        );
        expect(result.png.readUInt32BE(16)).toBe(WIDTH);
        expect(result.png.readUInt32BE(20)).toBe(height);
        for (const panel of dashboard.panels) {
          expect(result.text).toContain(interpolate({ title: panel.title }, VARIABLES).title);
        }
        // no panel fell back to an empty or error state
        expect(result.text).not.toMatch(/No data|No (SLO|capacity|on-call) data|Query failed|Error:/);
      },
      60_000
    );
  });
});
