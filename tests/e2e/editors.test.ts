/**
 * The query editor, the config editor and the app's overview page rendered in headless Chromium at desktop
 * width, dark and light. Their data is real: resource answers (SLOs, services, resources, schedules), a
 * definitions validation and the catalog/on-call frames come from the built backend on the demo platform
 * (tests/support/harness.ts); the page gets them through stand-ins for @grafana/runtime's services
 * (./editors-host.tsx). PNGs go to tests/e2e/__screenshots__/editors-*.png (visual references; look at them
 * after a change). Needs `npm run build` (the backend executable).
 */
import { startBackend, type GrafanaHarness } from '../support/harness';
import type { Frame } from '../../src/core/frame';
import { closeRenderer, render } from './support/render';
import { toServerResponse } from './support/frames';

const THEMES = ['dark', 'light'] as const;
const WIDTH = 1280;

// A definitions edit with a mistake on line 6: what the config editor must show at its line.
const BAD_DEFINITIONS = `apiVersion: headroom/v1
slos:
  - id: checkout-availability
    service: api_gateway
    name: Checkout availability
    objective: 150
    window: 30d
    sli:
      events:
        bad: http_requests_total{service="api_gateway",code=~"5.."}
        total: http_requests_total{service="api_gateway"}
`;

describe('editors and app pages rendered in Chromium with answers from the backend on the demo platform', () => {
  let grafana: GrafanaHarness;
  const answers: Record<string, unknown> = {};

  beforeAll(async () => {
    grafana = await startBackend();
    for (const path of ['slos', 'services', 'resources', 'schedules']) {
      const r = await grafana.callResource({ settings: { url: '' }, path });
      expect({ path, code: r.code }).toEqual({ path, code: 200 });
      answers[path] = r.json;
    }
    const validate = await grafana.callResource({
      settings: { url: '' },
      path: 'validate?source=jsonData.definitions',
      method: 'POST',
      body: BAD_DEFINITIONS,
    });
    expect(validate.code).toBe(200);
    answers.validate = validate.json;
    const now = Date.now();
    for (const queryType of ['sloCatalog', 'capacityCatalog', 'oncall']) {
      const results = await grafana.query({
        settings: { url: '' },
        queries: [{ refId: 'A', queryType }],
        from: now - 3600e3,
        to: now,
      });
      expect({ queryType, error: results.A.error }).toEqual({ queryType, error: undefined });
      answers[queryType] = toServerResponse(results.A.frames.map((f) => ({ ...(f as Frame), refId: 'A' })));
    }
  }, 120_000);

  afterAll(async () => {
    await closeRenderer();
    await grafana?.stop();
  });

  it('the backend found the mistake at its line', () => {
    const { errors } = answers.validate as { errors: Array<{ line?: number; message: string }> };
    expect(errors).toEqual(
      expect.arrayContaining([expect.objectContaining({ line: 6, message: expect.stringContaining('150') })])
    );
  });

  it.each(THEMES)(
    'query editor, %s theme',
    async (theme) => {
      const slos = answers.slos as Array<{ id: string; service: string }>;
      const queries = [
        {
          title: 'SLO series with burn rates',
          query: {
            refId: 'A',
            queryType: 'slo',
            service: slos[0].service,
            slo: slos[0].id,
            series: ['sli', 'budgetRemaining', 'burnRate'],
            burnRateWindows: ['5m', '1h', '6h'],
          },
        },
        { title: 'Burn-rate alert', query: { refId: 'B', queryType: 'burnAlert', slo: '$slo', severity: 'page' } },
        {
          title: 'Capacity with a seasonal forecast',
          query: {
            refId: 'C',
            queryType: 'capacity',
            resource: '$resource',
            series: ['utilization', 'forecast', 'peakUtilization'],
            forecast: { method: 'holt-winters', horizon: '14d', season: '1d' },
          },
        },
        { title: 'On-call', query: { refId: 'D', queryType: 'oncall', schedule: '$schedule' } },
        { title: 'Events (annotations)', query: { refId: 'E', queryType: 'events', service: '$service' } },
        { title: 'Incomplete: no series', query: { refId: 'F', queryType: 'slo', series: [] } },
      ];
      const height = 1100;
      const result = await render(
        'tests/e2e/editors-host.tsx',
        { queries, answers },
        { theme, width: WIDTH, height, name: `editors-query-${theme}`, exportName: 'QueryEditorHost' }
      );
      expect(result.text).toContain('SLO series');
      expect(result.text).toContain('Holt-Winters');
      expect(result.text).toContain('Series: choose at least one series');
    },
    120_000
  );

  it.each(THEMES)(
    'config editor with a definitions error at its line, %s theme',
    async (theme) => {
      const result = await render(
        'tests/e2e/editors-host.tsx',
        {
          settings: {
            jsonData: { definitions: BAD_DEFINITIONS, alertmanagerUrl: 'http://alertmanager:9093' },
            secureJsonFields: { alertmanagerBearerToken: true },
          },
          answers,
        },
        {
          theme,
          width: WIDTH,
          height: 1500,
          name: `editors-config-${theme}`,
          exportName: 'ConfigEditorHost',
          // the error list (after the debounced validation) and Monaco's squiggle at the line
          waitFor: '.monaco-editor .squiggly-error',
        }
      );
      expect(result.text).toContain('Empty URL: the embedded demo platform');
      expect(result.text).toMatch(/Line 6\s+slos\[0\] "checkout-availability": .*150/);
    },
    120_000
  );

  it.each(THEMES)(
    'overview page, %s theme',
    async (theme) => {
      const result = await render(
        'tests/e2e/editors-host.tsx',
        { answers },
        { theme, width: 1440, height: 1250, name: `editors-overview-${theme}`, exportName: 'OverviewHost' }
      );
      const slos = answers.slos as Array<{ name?: string; id: string }>;
      expect(result.text).toContain(slos[0].name ?? slos[0].id);
      expect(result.text).toMatch(/primary/);
      expect(result.text).toMatch(/% used/);
      expect(result.text).not.toMatch(/Could not load/);
    },
    120_000
  );
});
