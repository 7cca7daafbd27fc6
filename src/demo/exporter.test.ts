import { startExporter } from './exporter';
import { DemoSource } from './source';
import { catalogue } from './series';

describe('exporter', () => {
  it('serves at an instant exactly the values the in-process source answers for that instant', async () => {
    const at = Date.UTC(2026, 10, 11, 2, 13); // during the workflow_engine outage
    const exporter = await startExporter({ port: 0, host: '127.0.0.1', now: () => at });
    try {
      const response = await fetch(`${exporter.url}/metrics`);
      expect(response.headers.get('content-type')).toContain('text/plain; version=0.0.4');
      const text = await response.text();
      const samples = new Map<string, number>();
      for (const line of text.split('\n')) {
        const m = /^([a-z_]+(?:\{[^}]*\})?) (\S+)$/.exec(line);
        if (m) {
          samples.set(m[1], Number(m[2]));
        }
      }
      expect(samples.size).toBe(catalogue().length);
      expect(text).toContain('# TYPE http_request_duration_seconds histogram');
      expect(text).toContain('# TYPE http_requests_total counter');

      const demo = new DemoSource();
      let compared = 0;
      for (const name of new Set(catalogue().map((s) => s.name))) {
        for (const s of await demo.rangeQuery(name, { start: at, end: at, step: 60_000 })) {
          const { __name__, ...labels } = s.labels;
          const key = `${__name__}{${Object.entries(labels)
            .map(([k, v]) => `${k}="${v}"`)
            .join(',')}}`;
          expect([key, samples.get(key)]).toEqual([key, s.values[0]]);
          compared++;
        }
      }
      expect(compared).toBe(catalogue().length);
      expect((await fetch(`${exporter.url}/nope`)).status).toBe(404);
    } finally {
      await exporter.close();
    }
  });
});
