/**
 * The Alertmanager client's edges that a real Alertmanager cannot show on demand: credentials on the wire,
 * timeouts, error answers and bad bodies. A local HTTP server stands in and records what it was sent.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { AlertmanagerSource } from '../../../src/backend/sources/alertmanager';
import { createLogger } from '../../../src/backend/logger';

type Reply = (req: http.IncomingMessage, res: http.ServerResponse) => void;

let reply: Reply;
let seen: http.IncomingMessage[] = [];
let server: http.Server;
let base: string;
const logLines: string[] = [];
const log = createLogger('test', 'debug', (line) => logLines.push(line));

beforeAll(async () => {
  server = http.createServer((req, res) => {
    seen.push(req);
    reply(req, res);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  seen = [];
  logLines.length = 0;
  reply = (_req, res) => res.end('[]');
});

const source = (options: Partial<ConstructorParameters<typeof AlertmanagerSource>[0]> = {}) =>
  new AlertmanagerSource({ url: base, timeoutMs: 2000, log, ...options });

describe('Alertmanager client', () => {
  it('asks API v2 for active, silenced and inhibited alerts and maps them', async () => {
    reply = (_req, res) =>
      res.end(
        JSON.stringify([
          {
            fingerprint: 'abc',
            labels: { alertname: 'X', severity: 'critical' },
            annotations: { summary: 's' },
            startsAt: '2026-01-05T10:00:00.000Z',
            endsAt: '2026-01-05T11:00:00.000Z',
            status: { state: 'suppressed', silencedBy: ['s1'], inhibitedBy: [] },
            receivers: [{ name: 'r' }],
            updatedAt: '2026-01-05T10:00:00.000Z',
          },
          { labels: { alertname: 'NoStart' }, status: {} }, // unusable start time: dropped
        ])
      );
    const alerts = await source().activeAlerts(0);
    expect(seen[0].url).toBe('/api/v2/alerts?active=true&silenced=true&inhibited=true');
    expect(alerts).toEqual([
      {
        fingerprint: 'abc',
        labels: { alertname: 'X', severity: 'critical' },
        annotations: { summary: 's' },
        startsAt: Date.parse('2026-01-05T10:00:00Z'),
        silencedBy: ['s1'],
      },
    ]);
  });

  it('keeps a path prefix of the base URL', async () => {
    await source({ url: `${base}/alertmanager/` }).activeAlerts(0);
    expect(seen[0].url).toBe('/alertmanager/api/v2/alerts?active=true&silenced=true&inhibited=true');
  });

  const withUrlCredentials = () => base.replace('http://', 'http://urluser:urlpa55@');
  it.each([
    [
      'basic auth',
      () => ({ basicAuth: { user: 'u', password: 'pa55word' } }),
      `Basic ${Buffer.from('u:pa55word').toString('base64')}`,
    ],
    ['a bearer token', () => ({ bearerToken: 'tok3n-value' }), 'Bearer tok3n-value'],
    [
      'credentials in the URL',
      () => ({ url: withUrlCredentials() }),
      `Basic ${Buffer.from('urluser:urlpa55').toString('base64')}`,
    ],
    ['nothing', () => ({}), undefined],
  ])('sends %s', async (_what, options, header) => {
    await source(options()).activeAlerts(0);
    expect(seen[0].headers.authorization).toBe(header);
  });

  it('names the URL, never the credentials, in errors and logs', async () => {
    reply = (_req, res) => {
      res.statusCode = 500;
      res.end('internal error for pa55word');
    };
    const url = base.replace('http://', 'http://urluser:pa55word@');
    const error = await source({ url })
      .activeAlerts(0)
      .catch((e) => e);
    expect(error).toMatchObject({ status: 502, source: 'downstream' });
    expect(error.message).toBe(
      `Alertmanager at ${base} answered /api/v2/alerts with HTTP 500: internal error for [redacted]`
    );
    expect(logLines.join('\n')).not.toContain('pa55word');
  });

  it('hints at credentials on 401', async () => {
    reply = (_req, res) => {
      res.statusCode = 401;
      res.end('Unauthorized');
    };
    await expect(source().activeAlerts(0)).rejects.toThrow(
      `Alertmanager at ${base} answered /api/v2/alerts with HTTP 401 (check the Alertmanager credentials): Unauthorized`
    );
  });

  it('rejects a body that is not a list of alerts', async () => {
    reply = (_req, res) => res.end('<html>proxy login</html>');
    await expect(source().activeAlerts(0)).rejects.toMatchObject({
      status: 502,
      message: `Alertmanager at ${base} answered /api/v2/alerts with invalid JSON: <html>proxy login</html>`,
    });
    reply = (_req, res) => res.end('{"data": []}');
    await expect(source().activeAlerts(0)).rejects.toThrow('something other than a list of alerts');
  });

  it('gives up after the timeout with a 504', async () => {
    reply = () => undefined; // never answers
    await expect(source({ timeoutMs: 200 }).activeAlerts(0)).rejects.toMatchObject({
      status: 504,
      source: 'downstream',
      message: `Alertmanager at ${base} did not answer /api/v2/alerts within 200 ms`,
    });
  });

  it('stops when the query is cancelled, with the reason of the caller', async () => {
    reply = () => undefined;
    const controller = new AbortController();
    const pending = source().activeAlerts(0, controller.signal);
    controller.abort(new Error('query cancelled'));
    await expect(pending).rejects.toThrow('query cancelled');
  });

  it('answers a bad URL with a query error instead of throwing at construction', async () => {
    const bad = source({ url: 'not a url' });
    await expect(bad.activeAlerts(0)).rejects.toMatchObject({
      status: 400,
      message: 'jsonData.alertmanagerUrl is not a valid URL (e.g. http://alertmanager:9093)',
    });
  });
});
