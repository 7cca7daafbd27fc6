import http from 'node:http';
import type { AddressInfo } from 'node:net';
import {
  PrometheusSource,
  CHUNK_POINTS,
  MAX_POINTS,
  type PrometheusOptions,
} from '../../../src/backend/sources/prometheus';
import { createLogger } from '../../../src/backend/logger';
import { freePort } from '../../support/ports';

/**
 * A stand-in Prometheus HTTP API on loopback (unit level: the real one is in tests/integration). It answers
 * query_range with value = t/step at every grid point, records requests and can be told to fail.
 */
interface Seen {
  path: string;
  params: URLSearchParams;
  auth?: string;
}

interface Answer {
  status: number;
  body: unknown;
  delayMs?: number;
  raw?: string;
}

function fakePrometheus(behave: (req: Seen, attempt: number) => Answer | undefined) {
  const seen: Seen[] = [];
  let inFlight = 0;
  let maxInFlight = 0;
  const server = http.createServer((req, res) => {
    let body = '';
    req.on('data', (c) => (body += c));
    req.on('end', () => {
      const url = new URL(req.url!, 'http://x');
      const params = new URLSearchParams(req.method === 'POST' ? body : url.search);
      const entry = { path: url.pathname, params, auth: req.headers.authorization };
      seen.push(entry);
      inFlight++;
      maxInFlight = Math.max(maxInFlight, inFlight);
      const answer: Answer = behave(entry, seen.filter((s) => s.path === entry.path).length) ?? defaultAnswer(entry);
      setTimeout(() => {
        inFlight--;
        if (res.destroyed) {
          return;
        }
        res.writeHead(answer.status, { 'Content-Type': answer.raw ? 'text/html' : 'application/json' });
        res.end(answer.raw ?? JSON.stringify(answer.body));
      }, answer.delayMs ?? 0);
    });
  });
  return {
    seen,
    maxInFlight: () => maxInFlight,
    start: () =>
      new Promise<string>((resolve) =>
        server.listen(0, '127.0.0.1', () => resolve(`http://127.0.0.1:${(server.address() as AddressInfo).port}`))
      ),
    stop: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

function defaultAnswer(req: Seen): Answer {
  if (req.path === '/api/v1/query_range') {
    const start = Number(req.params.get('start'));
    const end = Number(req.params.get('end'));
    const step = Number(req.params.get('step'));
    const values: Array<[number, string]> = [];
    for (let t = start; t <= end + 1e-9; t += step) {
      values.push([t, String(Math.round(t / step))]);
    }
    return {
      status: 200,
      body: { status: 'success', data: { resultType: 'matrix', result: [{ metric: {}, values }] } },
    };
  }
  if (req.path === '/api/v1/query') {
    return {
      status: 200,
      body: { status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [0, '42'] }] } },
    };
  }
  if (req.path === '/api/v1/status/buildinfo') {
    return { status: 200, body: { status: 'success', data: { version: '2.42.0' } } };
  }
  return { status: 404, body: { status: 'error', errorType: 'not_found', error: 'no' } };
}

const log = createLogger('test', 'error', () => undefined);
const STEP = 60_000;
const NOW = Date.UTC(2026, 0, 10);

function source(url: string, extra: Partial<PrometheusOptions> = {}) {
  return new PrometheusSource({ url, timeoutMs: 2000, log, backoffMs: 1, now: () => NOW, ...extra });
}

describe('PrometheusSource (HTTP behaviour against a stand-in API)', () => {
  let fake: ReturnType<typeof fakePrometheus>;
  let url: string;
  let behave: Parameters<typeof fakePrometheus>[0] = () => undefined;
  beforeEach(async () => {
    behave = () => undefined;
    fake = fakePrometheus((req, attempt) => behave(req, attempt));
    url = await fake.start();
  });
  afterEach(() => fake.stop());

  it('sends bearer or basic auth and never puts credentials in messages', async () => {
    await source(url, { bearerToken: 's3cret-token' }).health();
    expect(fake.seen[0].auth).toBe('Bearer s3cret-token');
    await source(url, { basicAuth: { user: 'ana', password: 'pa55word' } }).health();
    expect(fake.seen[1].auth).toBe(`Basic ${Buffer.from('ana:pa55word').toString('base64')}`);
    const withUserInfo = source(url.replace('http://', 'http://ana:pa55word@'));
    expect(withUserInfo.describe()).toBe(`Prometheus at ${url}`);
    behave = () => ({ status: 401, body: { status: 'error', error: 'unauthorized' } });
    await expect(withUserInfo.health()).rejects.toThrow(
      `Prometheus at ${url} refused the credentials (HTTP 401): check the basic auth user/password or bearer token`
    );
    await withUserInfo.health().catch((e) => expect(String(e.message)).not.toContain('pa55word'));
  });

  it('health: version, refused connection, not a Prometheus API', async () => {
    await expect(source(url).health()).resolves.toBe(`Prometheus 2.42.0 at ${url}`);
    behave = () => ({ status: 200, body: null, raw: '<html>Grafana</html>' });
    await expect(source(url).health()).rejects.toMatchObject({
      status: 502,
      source: 'downstream',
      message: expect.stringContaining(
        'is not a Prometheus API: /api/v1/status/buildinfo answered HTTP 200 with text/html'
      ),
    });
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(source(closed, { retries: 0 }).health()).rejects.toMatchObject({
      status: 502,
      message: expect.stringContaining('connection refused'),
    });
  });

  it('retries 5xx with backoff, not 4xx; errors name the PromQL and the url', async () => {
    behave = (req, attempt) =>
      attempt < 3 ? { status: 503, body: { status: 'error', errorType: 'unavailable', error: 'busy' } } : undefined;
    await expect(source(url).windowIncrease('up', NOW - 3_600_000, 300_000)).resolves.toBe(42);
    expect(fake.seen).toHaveLength(3);

    behave = () => ({
      status: 503,
      body: { status: 'error', errorType: 'timeout', error: 'query timed out in expression evaluation' },
    });
    await expect(source(url).windowIncrease('up', NOW - 3_600_000, 300_000)).rejects.toMatchObject({ status: 504 });
    expect(fake.seen).toHaveLength(4); // Prometheus' own timeout is not retried

    behave = () => ({ status: 502, body: null, raw: '<html>bad gateway</html>' });
    await expect(source(url, { retries: 1 }).windowIncrease('up', NOW - 3_600_000, 300_000)).rejects.toThrow(
      `Prometheus at ${url} answered HTTP 502 Bad Gateway`
    );
    expect(fake.seen).toHaveLength(6);

    behave = () => ({ status: 400, body: { status: 'error', errorType: 'bad_data', error: 'parse error at char 5' } });
    const err = await source(url)
      .windowIncrease('up{', NOW - 3_600_000, 300_000)
      .catch((e) => e);
    expect(fake.seen).toHaveLength(7);
    expect(err).toMatchObject({ status: 502, source: 'downstream' });
    expect(err.message).toBe(
      `Prometheus at ${url} failed query sum(increase(up{[5m])): bad_data: parse error at char 5`
    );
  });

  it('times out per request (504) and follows the caller abort', async () => {
    behave = () => ({ status: 200, body: {}, delayMs: 1000 });
    await expect(source(url, { timeoutMs: 50, retries: 0 }).windowIncrease('up', 0, 60_000)).rejects.toMatchObject({
      status: 504,
      message: expect.stringContaining('did not answer within 0.05s'),
    });
    const controller = new AbortController();
    const pending = source(url).windowIncrease('up', 0, 60_000, controller.signal);
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toMatchObject({ status: 499 });
  });

  it('keeps at most `concurrency` requests in flight', async () => {
    behave = () => ({ ...defaultAnswer({ path: '/api/v1/query', params: new URLSearchParams() }), delayMs: 20 });
    const s = source(url, { concurrency: 3 });
    await Promise.all(Array.from({ length: 12 }, (_, i) => s.windowIncrease(`m${i}`, i * 60_000, 60_000)));
    expect(fake.maxInFlight()).toBe(3);
  });

  it('combines instant queries at the same time into one request and hands each its value', async () => {
    behave = (req) =>
      req.path === '/api/v1/query'
        ? {
            status: 200,
            body: {
              status: 'success',
              data: {
                resultType: 'vector',
                result: [
                  { metric: { headroom_q: '1' }, value: [0, '2'] },
                  { metric: { headroom_q: '0' }, value: [0, '1'] },
                ],
              },
            },
          }
        : undefined;
    const s = source(url);
    const values = await Promise.all(['a', 'b', 'c'].map((sel) => s.windowIncrease(sel, NOW - 86_400_000, 3_600_000)));
    expect(values).toEqual([1, 2, null]);
    expect(fake.seen).toHaveLength(1);
    expect(fake.seen[0].params.get('query')).toBe(
      'label_replace(sum(increase(a[1h])), "headroom_q", "0", "", "") or label_replace(sum(increase(b[1h])), "headroom_q", "1", "", "") or label_replace(sum(increase(c[1h])), "headroom_q", "2", "", "")'
    );
    // answered from the cache afterwards (the time is final)
    await s.windowIncrease('b', NOW - 86_400_000, 3_600_000);
    expect(fake.seen).toHaveLength(1);
  });

  it('splits range queries beyond 11,000 points and aligns values to the grid', async () => {
    const start = Math.floor((NOW - 30 * 86_400_000) / STEP) * STEP; // 30 days of minutes: 43,201 points
    const end = start + 43_200 * STEP;
    const series = await source(url).rangeQuery('x', { start, end, step: STEP });
    const ranges = fake.seen.map((r) => (Number(r.params.get('end')) - Number(r.params.get('start'))) / 60 + 1);
    expect(Math.max(...ranges)).toBeLessThanOrEqual(MAX_POINTS);
    expect(series).toHaveLength(1);
    expect(series[0].values).toHaveLength(43_201);
    expect(series[0].values.every((v, i) => v === start / STEP + i)).toBe(true);
  });

  it('a cache smaller than one query still answers every point', async () => {
    const start = Math.floor((NOW - 86_400_000) / STEP) * STEP;
    const series = await source(url, { cacheChunks: 1 }).rangeQuery('x', {
      start,
      end: start + 1439 * STEP,
      step: STEP,
    });
    expect(series[0].values.every((v, i) => v === start / STEP + i)).toBe(true);
  });

  it('caches closed chunks: a refresh only fetches the open tail', async () => {
    let now = NOW;
    const s = source(url, { now: () => now });
    const span = CHUNK_POINTS * STEP;
    const start = Math.floor((NOW - 3 * span) / span) * span + 17 * STEP;
    const grid = { start, end: Math.floor(NOW / STEP) * STEP, step: STEP };
    const first = await s.stepIncreases('c', grid);
    expect(first.every((v, i) => v === start / STEP + i)).toBe(true);
    const fetched = () =>
      fake.seen.reduce((n, r) => n + (Number(r.params.get('end')) - Number(r.params.get('start'))) / 60 + 1, 0);
    const cold = fetched();
    // a refresh one minute later, one point further
    now += STEP;
    const refreshed = await s.stepIncreases('c', { ...grid, start: grid.start + STEP, end: grid.end + STEP });
    expect(refreshed.every((v, i) => v === start / STEP + 1 + i)).toBe(true);
    const warm = fetched() - cold;
    expect(warm).toBeLessThanOrEqual(7); // the last 5 minutes (not final yet) and the new point
    expect(fake.seen.at(-1)!.params.get('query')).toBe('sum(increase(c[1m]))');
    // the other window sums of the same query ask again at once: the just-fetched tail is reused
    const requests = fake.seen.length;
    await s.stepIncreases('c', { ...grid, start: grid.start + 100 * STEP, end: grid.end + STEP });
    expect(fake.seen).toHaveLength(requests);
  });

  describe('small range fetches of the same times, asked together', () => {
    // answers every part of a batched query with its own series: node=<part>, value = 1000·part + t/step
    const batchedAnswer = (req: Seen): Answer | undefined => {
      if (req.path !== '/api/v1/query_range') {
        return undefined;
      }
      const query = req.params.get('query')!;
      const [start, end, step] = ['start', 'end', 'step'].map((k) => Number(req.params.get(k)));
      const parts = query.includes('label_replace(') ? query.split(' or ') : [query];
      const result = parts.map((part, i) => {
        const values: Array<[number, string]> = [];
        for (let t = start; t <= end + 1e-9; t += step) {
          values.push([t, String(1000 * i + Math.round(t / step))]);
        }
        const index = /"headroom_q", "(\d+)"/.exec(part)?.[1];
        return {
          metric: {
            node: `n-${part.replace(/^label_replace\(|, "headroom_q".*$/g, '')}`,
            ...(index ? { headroom_q: index } : {}),
          },
          values,
        };
      });
      return { status: 200, body: { status: 'success', data: { resultType: 'matrix', result } } };
    };
    // points after `now` (NOW): not final, so fetched as asked (a refresh's tail)
    const grid = { start: NOW + 5 * STEP, end: NOW + 15 * STEP, step: STEP };
    const expected = (expr: string, part: number) => [
      {
        labels: { node: `n-${expr}` },
        values: Array.from({ length: 11 }, (_, i) => 1000 * part + grid.start / STEP + i),
      },
    ];

    it('go out as one query; each gets its own series, as if asked alone', async () => {
      behave = batchedAnswer;
      const s = source(url);
      const answers = await Promise.all(['a', 'b', 'c'].map((expr) => s.rangeQuery(expr, grid)));
      expect(fake.seen).toHaveLength(1);
      expect(fake.seen[0].params.get('query')).toBe(
        'label_replace(a, "headroom_q", "0", "", "") or label_replace(b, "headroom_q", "1", "", "") or label_replace(c, "headroom_q", "2", "", "")'
      );
      expect(answers).toEqual([expected('a', 0), expected('b', 1), expected('c', 2)]);
      // alone, a query is sent as it is
      const alone = await source(url).rangeQuery('d', grid);
      expect(fake.seen.at(-1)!.params.get('query')).toBe('d');
      expect(alone).toEqual(expected('d', 0));
    });

    it('a query Prometheus refuses fails alone, naming its own PromQL; the others get their data', async () => {
      behave = (req) =>
        req.params.get('query')!.includes('bad(')
          ? { status: 400, body: { status: 'error', errorType: 'bad_data', error: 'unknown function bad' } }
          : batchedAnswer(req);
      const s = source(url);
      const [a, bad, c] = await Promise.allSettled(['a', 'bad(x)', 'c'].map((expr) => s.rangeQuery(expr, grid)));
      expect(a).toEqual({ status: 'fulfilled', value: expected('a', 0) });
      expect(c).toEqual({ status: 'fulfilled', value: expected('c', 0) });
      expect(bad.status).toBe('rejected');
      const message = ((bad as PromiseRejectedResult).reason as Error).message;
      expect(message).toContain('query bad(x): bad_data: unknown function bad');
      expect(message).not.toContain('label_replace');
    });

    it('other errors reach every query, each naming its own PromQL', async () => {
      behave = () => ({
        status: 503,
        body: { status: 'error', errorType: 'unavailable', error: 'overloaded' },
        raw: 'down',
      });
      const s = source(url, { retries: 0 });
      const results = await Promise.allSettled(['a', 'b'].map((expr) => s.rangeQuery(expr, grid)));
      const messages = results.map((r) => ((r as PromiseRejectedResult).reason as Error).message);
      expect(messages[0]).toMatch(/HTTP 503.*\(query a\)/);
      expect(messages[1]).toMatch(/HTTP 503.*\(query b\)/);
      expect(fake.seen).toHaveLength(1);
    });

    it('one query cancelled leaves the others their request; all cancelled abort it', async () => {
      behave = (req) => ({ ...batchedAnswer(req)!, delayMs: 100 });
      const s = source(url);
      const [one, two] = [new AbortController(), new AbortController()];
      const pending = ['a', 'b'].map((expr, i) => s.rangeQuery(expr, grid, [one, two][i].signal));
      setTimeout(() => one.abort(), 20);
      await expect(pending[0]).rejects.toMatchObject({ status: 499 });
      await expect(pending[1]).resolves.toEqual(expected('b', 1));
      const [three, four] = [new AbortController(), new AbortController()];
      const again = ['c', 'd'].map((expr, i) =>
        s.rangeQuery(expr, { ...grid, end: NOW + 16 * STEP }, [three, four][i].signal)
      );
      setTimeout(() => {
        three.abort();
        four.abort();
      }, 20);
      await Promise.all(again.map((p) => expect(p).rejects.toMatchObject({ status: 499 })));
    });

    it("a partial answer's warnings reach every query in it", async () => {
      behave = (req) => {
        const answer = batchedAnswer(req)!;
        return { ...answer, body: { ...(answer.body as object), warnings: ['store eu-1 down'] } };
      };
      const s = source(url);
      const signals = [new AbortController().signal, new AbortController().signal];
      await Promise.all(['a', 'b'].map((expr, i) => s.rangeQuery(expr, grid, signals[i])));
      expect(fake.seen).toHaveLength(1);
      expect(signals.map((signal) => s.warningsOf(signal))).toEqual([['store eu-1 down'], ['store eu-1 down']]);
    });
  });
});
