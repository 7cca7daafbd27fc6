import http from 'node:http';
import { freePort } from './ports';

/**
 * A tiny loopback HTTP server standing in for Prometheus or Alertmanager when a test needs it to misbehave
 * (slow, 5xx, malformed, huge) or to record exactly what the backend sends it. `prometheusAnswer` gives
 * well-formed Prometheus API answers, so a test can break one thing at a time.
 */
export interface RecordedRequest {
  method: string;
  /** path + query string as received */
  url: string;
  path: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  /** form or query-string parameters */
  params: URLSearchParams;
  /** the client closed the connection before the answer was complete */
  abandoned: boolean;
  /** epoch ms when the request arrived */
  at: number;
}

export type UpstreamHandler = (req: RecordedRequest, res: http.ServerResponse) => void | Promise<void>;

export interface FakeUpstream {
  url: string;
  port: number;
  requests: RecordedRequest[];
  handler: UpstreamHandler;
  close(): Promise<void>;
}

export async function startFakeUpstream(handler: UpstreamHandler): Promise<FakeUpstream> {
  const port = await freePort();
  const upstream: FakeUpstream = {
    url: `http://127.0.0.1:${port}`,
    port,
    requests: [],
    handler,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const url = req.url ?? '/';
      const [path, query = ''] = url.split('?');
      const params = new URLSearchParams(query);
      new URLSearchParams(body).forEach((v, k) => params.append(k, v));
      const recorded: RecordedRequest = {
        method: req.method ?? 'GET',
        url,
        path,
        headers: req.headers,
        body,
        params,
        abandoned: false,
        at: Date.now(),
      };
      res.on('close', () => (recorded.abandoned = !res.writableEnded));
      upstream.requests.push(recorded);
      Promise.resolve(upstream.handler(recorded, res)).catch((e) => {
        res.statusCode = 500;
        res.end(String(e));
      });
    });
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  return upstream;
}

export function sendJson(res: http.ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'Content-Type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * A valid Prometheus API answer for the endpoints the backend uses: every range/instant query returns one
 * series, 1 for selectors of 5xx codes and 1000 otherwise (so an SLI is 0.999); `extra` is merged into the body
 * (e.g. `{warnings: [...]}`).
 */
export function prometheusAnswer(req: RecordedRequest, extra: Record<string, unknown> = {}): unknown {
  const query = req.params.get('query') ?? '';
  const value = query.includes('5..') ? '1' : '1000';
  if (req.path.endsWith('/status/buildinfo')) {
    return { status: 'success', data: { version: '2.42.0' }, ...extra };
  }
  if (req.path.endsWith('/query_range')) {
    const start = Number(req.params.get('start'));
    const end = Number(req.params.get('end'));
    const step = Number(req.params.get('step'));
    const series = (v: string) => {
      const values: Array<[number, string]> = [];
      for (let t = start; t <= end + 1e-9; t += step) {
        values.push([t, v]);
      }
      return values;
    };
    // several range queries batched as label_replace(q, "headroom_q", "<i>", "", "") or ...: one series each
    const parts = query.split('label_replace(').slice(1);
    const result = parts.length
      ? parts.map((part) => ({
          metric: { headroom_q: /"headroom_q", "(\d+)"/.exec(part)?.[1] ?? '0' },
          values: series(part.includes('5..') ? '1' : '1000'),
        }))
      : [{ metric: {}, values: series(value) }];
    return { status: 'success', data: { resultType: 'matrix', result }, ...extra };
  }
  if (req.path.endsWith('/query')) {
    const time = Number(req.params.get('time') ?? Date.now() / 1000);
    // several instant queries batched as label_replace(q, "headroom_q", "<i>", "", "") or ...: one series each
    const parts = query.split('label_replace(').slice(1);
    const result = parts.length
      ? parts.map((part) => ({
          metric: { headroom_q: /"headroom_q", "(\d+)"/.exec(part)?.[1] ?? '0' },
          value: [time, part.includes('5..') ? '1' : '1000'],
        }))
      : [{ metric: {}, value: [time, value] }];
    return { status: 'success', data: { resultType: 'vector', result }, ...extra };
  }
  if (req.path.includes('/label/')) {
    return { status: 'success', data: ['api_gateway'], ...extra };
  }
  return { status: 'error', errorType: 'bad_data', error: `fake Prometheus has no ${req.path}` };
}
