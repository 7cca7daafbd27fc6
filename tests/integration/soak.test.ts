import { soak } from '../../bench/soak';
import { startBackend, type GrafanaHarness } from '../support/harness';

/**
 * Soak, CI size: 2,000 mixed QueryData calls against the executable on the demo platform (64 MB old-space heap);
 * resident memory after the first 1,000 and at the end agree within 10%. The 10,000-call run is `npx tsx bench/run.ts soak`.
 */
jest.setTimeout(300_000);

describe('soak', () => {
  let grafana: GrafanaHarness;
  beforeAll(async () => {
    // A bounded heap: V8 otherwise grows its heap lazily for thousands of calls (garbage, not a leak; see the
    // README), which would make the comparison about V8's sizing; a leak here either grows RSS or runs out of heap.
    grafana = await startBackend({ env: { NODE_OPTIONS: '--max-old-space-size=64' } });
  });
  afterAll(async () => {
    await grafana?.stop();
  });

  it('2,000 mixed calls: every one answered as expected, RSS stable within 10%', async () => {
    const r = await soak(grafana, 2_000);
    // 1 in 11 calls asks for an unknown SLO (404); everything else answers with data
    expect(r.statuses).toEqual({ 200: 2_000 - Math.floor(2_000 / 11), 404: Math.floor(2_000 / 11) });
    const mb = (b: number) => Math.round(b / 1024 / 1024);
    const ratio = r.rssEnd / r.rssAfterWarmup;
    expect({ warmMB: mb(r.rssAfterWarmup), endMB: mb(r.rssEnd), stable: ratio > 0.9 && ratio < 1.1 }).toEqual({
      warmMB: mb(r.rssAfterWarmup),
      endMB: mb(r.rssEnd),
      stable: true,
    });
    expect(grafana.logs().filter((l) => l['@level'] === 'error')).toEqual([]);
    expect(await grafana.health()).toBe('SERVING');
  });
});
