import { redact } from '../../../src/backend/logger';
import { request, upstreamAt } from '../../../src/backend/sources/http';
import { sendJson, startFakeUpstream, type FakeUpstream } from '../../support/fake-upstream';
import { freePort } from '../../support/ports';

/**
 * The upstream HTTP helper the Prometheus and Alertmanager sources and the health check share: URLs and
 * credentials, and how each outcome of a request is told apart (against a loopback server).
 */
describe('upstreamAt', () => {
  it('moves credentials out of the URL into basic auth and registers them as secrets', () => {
    const upstream = upstreamAt('http://ana:pa55%2Fword@prom.example:9090/prefix/?x=1#top', {})!;
    expect(upstream.base).toBe('http://prom.example:9090/prefix');
    expect(upstream.auth).toEqual({ Authorization: `Basic ${Buffer.from('ana:pa55/word').toString('base64')}` });
    expect(redact('password pa55/word')).toBe('password [redacted]');
  });

  it('takes the settings over the URL, a bearer token over basic auth; no credentials, no header', () => {
    const basicAuth = { user: 'ops', password: 'settings-pw' };
    expect(upstreamAt('http://ana:url-pw@am:9093', { basicAuth })!.auth.Authorization).toBe(
      `Basic ${Buffer.from('ops:settings-pw').toString('base64')}`
    );
    expect(upstreamAt('http://am:9093', { basicAuth, bearerToken: 'tok-123' })!.auth).toEqual({
      Authorization: 'Bearer tok-123',
    });
    expect(upstreamAt('http://am:9093/', {})).toEqual({ base: 'http://am:9093', auth: {} });
  });

  it('is undefined for what is not a URL', () => {
    expect(upstreamAt('prometheus 9090', {})).toBeUndefined();
  });
});

describe('request', () => {
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await startFakeUpstream((_req, res) => sendJson(res, 200, { ok: true }));
  });
  afterAll(() => upstream.close());

  it('gives any HTTP answer with its status, content type and body', async () => {
    upstream.handler = (_req, res) => sendJson(res, 503, { status: 'error' });
    await expect(request(`${upstream.url}/x`, { headers: {}, timeoutMs: 2_000 })).resolves.toEqual({
      kind: 'answer',
      status: 503,
      statusText: 'Service Unavailable',
      ok: false,
      contentType: 'application/json',
      text: '{"status":"error"}',
    });
  });

  it('tells a refused connection, a timeout and a cancellation apart', async () => {
    const closed = `http://127.0.0.1:${await freePort()}`;
    await expect(request(closed, { headers: {}, timeoutMs: 2_000 })).resolves.toEqual({
      kind: 'network',
      code: 'ECONNREFUSED',
      reason: 'connection refused (is it running, and is the port right?)',
    });
    upstream.handler = () => undefined; // never answers
    await expect(request(upstream.url, { headers: {}, timeoutMs: 100 })).resolves.toEqual({ kind: 'timeout' });
    const controller = new AbortController();
    const pending = request(upstream.url, { headers: {}, timeoutMs: 5_000, signal: controller.signal });
    controller.abort(new Error('grafana cancelled'));
    await expect(pending).resolves.toEqual({ kind: 'cancelled', reason: new Error('grafana cancelled') });
  });

  it('refuses a body over the cap, by its Content-Length or while reading it', async () => {
    upstream.handler = (_req, res) => {
      res.writeHead(200, { 'Content-Length': '11' });
      res.end('x'.repeat(11));
    };
    await expect(request(upstream.url, { headers: {}, timeoutMs: 2_000, maxBytes: 10 })).resolves.toEqual({
      kind: 'tooLarge',
      limit: 10,
    });
    upstream.handler = (_req, res) => {
      res.write('x'.repeat(8));
      res.end('x'.repeat(8)); // chunked: no Content-Length
    };
    await expect(request(upstream.url, { headers: {}, timeoutMs: 2_000, maxBytes: 10 })).resolves.toEqual({
      kind: 'tooLarge',
      limit: 10,
    });
    await expect(request(upstream.url, { headers: {}, timeoutMs: 2_000, maxBytes: 16 })).resolves.toMatchObject({
      kind: 'answer',
      text: 'x'.repeat(16),
    });
  });
});
