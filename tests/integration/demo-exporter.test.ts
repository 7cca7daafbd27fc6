/**
 * A real Prometheus scrapes the demo exporter (as docker compose does, honouring the simulator's own labels)
 * and stores exactly the values the in-process source gives for the exporter's instant.
 */
import { startExporter, type Exporter } from '../../src/demo/exporter';
import { catalogue } from '../../src/demo/series';
import { DemoSource } from '../../src/demo/source';
import { waitFor } from '../support/ports';
import { startPrometheus, type TestPrometheus } from '../support/prometheus';

const AT = Date.UTC(2026, 10, 18, 14, 20); // during the api_gateway error burst

let exporter: Exporter;
let prom: TestPrometheus;

beforeAll(async () => {
  exporter = await startExporter({ port: 0, host: '127.0.0.1', now: () => AT });
  prom = await startPrometheus({
    config: `global:
  scrape_interval: 1s
scrape_configs:
  - job_name: platform
    honor_labels: true
    static_configs:
      - targets: ['${exporter.url.replace('http://', '')}']
`,
  });
}, 60_000);

afterAll(async () => {
  await prom?.stop();
  await exporter?.close();
});

it('Prometheus scraping the exporter stores the in-process values of every series', async () => {
  const query = async () => prom.query('{job="platform",__name__!~"up|scrape_.*"}', Date.now());
  await waitFor(async () => (await query()).length === catalogue().length, 30_000, 'the first scrape');
  const scraped = new Map(
    (await query()).map((r) => {
      const { job: _job, instance, ...labels } = r.metric;
      // honor_labels: the simulator's own instance label (databases) wins over the target's
      return [
        JSON.stringify(Object.entries({ ...labels, ...(instance?.startsWith('db-') ? { instance } : {}) }).sort()),
        Number(r.value[1]),
      ];
    })
  );
  const demo = new DemoSource();
  const expected = await demo.rangeQuery('{__name__=~".+"}', { start: AT, end: AT, step: 60_000 });
  expect(expected).toHaveLength(catalogue().length);
  for (const s of expected) {
    const key = JSON.stringify(Object.entries(s.labels).sort());
    expect([key, scraped.get(key)]).toEqual([key, s.values[0]]);
  }
}, 60_000);
