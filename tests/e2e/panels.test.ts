/**
 * The three panels rendered in headless Chromium with frames produced by the built backend on the demo
 * platform: Arrow frames from the executable (tests/support/harness.ts) -> Grafana's server JSON form
 * (./support/frames.ts) -> @grafana/runtime's toDataQueryResponse in the page -> the panel, at three sizes,
 * dark and light. PNGs are written to tests/e2e/__screenshots__/<panel>-<size>-<theme>.png (committed as
 * visual references; look at them after a change). Needs `npm run build` (the backend executable).
 */
import { startBackend, type GrafanaHarness, type TestQuery } from '../support/harness';
import type { Frame } from '../../src/core/frame';
import { closeRenderer, render } from './support/render';
import { toServerResponse } from './support/frames';

const MINUTE = 60_000;
const DAY = 86_400_000;
const SIZES = {
  small: { width: 380, height: 260 },
  medium: { width: 820, height: 440 },
  full: { width: 1600, height: 560 },
} as const;
const THEMES = ['dark', 'light'] as const;

/** PNG width and height from the IHDR chunk. */
function pngSize(png: Buffer): { width: number; height: number } {
  expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}

interface PanelCase {
  /** screenshot name prefix */
  name: string;
  panel: 'slo' | 'capacity' | 'oncall';
  title: string;
  queries: TestQuery[];
  /** range relative to now */
  from: number;
  to: number;
  /** text every size must show (the panel drew data, not its empty or error state) */
  expectText: RegExp;
}

const CASES: PanelCase[] = [
  {
    name: 'slo',
    panel: 'slo',
    title: 'Service level objectives',
    queries: [
      { refId: 'A', queryType: 'sloCatalog' },
      { refId: 'B', queryType: 'slo', json: { series: ['budgetRemaining'] } },
    ],
    from: -2 * DAY,
    to: 0,
    expectText: /api_gateway|workflow_engine|agent_manager|notification_service/,
  },
  {
    // the time-series frames alone (every series, all burn-rate windows), as a user's own panel would query
    name: 'slo-series',
    panel: 'slo',
    title: 'SLOs of api_gateway (series only)',
    queries: [{ refId: 'A', queryType: 'slo', json: { service: 'api_gateway' } }],
    from: -DAY,
    to: 0,
    expectText: /api-gateway-availability/,
  },
  {
    name: 'capacity',
    panel: 'capacity',
    title: 'Capacity headroom',
    queries: [
      { refId: 'A', queryType: 'capacityCatalog' },
      { refId: 'B', queryType: 'capacity', json: { forecast: { method: 'linear', horizon: '30d' } } },
    ],
    // like the infrastructure dashboard, the range runs into the future to show the forecast
    from: -3 * DAY,
    to: 4 * DAY,
    expectText: /% used/,
  },
  {
    name: 'oncall',
    panel: 'oncall',
    title: 'On call now and active incidents',
    queries: [
      { refId: 'A', queryType: 'oncall' },
      { refId: 'B', queryType: 'incidents' },
    ],
    from: -DAY,
    to: 0,
    expectText: /Handoff in/,
  },
];

describe('panels rendered in Chromium with frames from the backend on the demo platform', () => {
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

  it('shows a query error as Grafana delivers it (status and message through toDataQueryResponse)', async () => {
    const results = await grafana.query({ settings: { url: '' }, queries: [{ refId: 'A', queryType: 'slo', json: { slo: 'no-such-slo' } }], from: now - DAY, to: now });
    expect(results.A.error).toBeTruthy();
    const response = { results: { A: { status: results.A.status, error: results.A.error, frames: [] } } };
    const { width, height } = SIZES.small;
    const result = await render(
      'tests/e2e/support/PanelHost.tsx',
      { panel: 'slo', title: 'Service level objectives', response, width, height, now, range: { from: now - DAY, to: now } },
      { theme: 'dark', width, height, name: 'slo-error-small-dark' }
    );
    expect(result.text).toContain(results.A.error);
  }, 60_000);

  describe.each(CASES)('$name panel', ({ name, panel, title, queries, from, to, expectText }) => {
    let response: ReturnType<typeof toServerResponse>;

    beforeAll(async () => {
      // maxDataPoints as Grafana derives it from a panel's width
      const results = await grafana.query({ settings: { url: '' }, queries: queries.map((q) => ({ maxDataPoints: 300, ...q })), from: now + from, to: now + to });
      for (const [refId, result] of Object.entries(results)) {
        expect({ refId, error: result.error, status: result.status }).toEqual({ refId, error: undefined, status: 200 });
      }
      const frames = Object.entries(results).flatMap(([refId, result]) => result.frames.map((f) => ({ ...(f as Frame), refId })));
      expect(frames.length).toBeGreaterThan(0);
      response = toServerResponse(frames);
    }, 60_000);

    const variants: Array<[keyof typeof SIZES, (typeof THEMES)[number]]> = (Object.keys(SIZES) as Array<keyof typeof SIZES>).flatMap((size) =>
      THEMES.map((theme) => [size, theme] as [keyof typeof SIZES, (typeof THEMES)[number]])
    );
    it.each(variants)(
      '%s, %s theme',
      async (size, theme) => {
        const { width, height } = SIZES[size];
        const result = await render(
          'tests/e2e/support/PanelHost.tsx',
          { panel, title, response, width, height, now, range: { from: now + from, to: now + to } },
          { theme, width, height, name: `${name}-${size}-${theme}` }
        );
        expect(pngSize(result.png)).toEqual({ width, height });
        expect(result.text).toMatch(expectText);
        expect(result.text).not.toMatch(/No (SLO|capacity|on-call) data|Query failed/);
      },
      60_000
    );
  });
});
