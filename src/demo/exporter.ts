/**
 * The simulated platform as a Prometheus target: GET /metrics answers the values at the current instant
 * (docker compose's Prometheus scrapes it live, continuing the back-filled history).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expositionText } from './openmetrics';
import { catalogue, DEFAULT_SEED } from './series';

export interface ExporterOptions {
  port: number;
  host?: string;
  seed?: number;
  /** the instant to expose; tests pin it, the CLI uses the wall clock */
  now?: () => number;
}

export interface Exporter {
  url: string;
  close(): Promise<void>;
}

export function startExporter(options: ExporterOptions): Promise<Exporter> {
  const series = catalogue(options.seed ?? DEFAULT_SEED);
  const now = options.now ?? Date.now;
  const server = http.createServer((req, res) => {
    const path = (req.url ?? '/').split('?')[0];
    if (req.method !== 'GET' && req.method !== 'HEAD') {
      res.writeHead(405, { allow: 'GET, HEAD' }).end();
    } else if (path === '/metrics') {
      res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4; charset=utf-8' });
      res.end(req.method === 'HEAD' ? undefined : expositionText(series, now()));
    } else if (path === '/' || path === '/-/healthy') {
      res.writeHead(200, { 'content-type': 'text/plain' }).end('headroom demo platform: see /metrics\n');
    } else {
      res.writeHead(404, { 'content-type': 'text/plain' }).end('not found\n');
    }
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(options.port, options.host ?? '0.0.0.0', () => {
      const { port } = server.address() as AddressInfo;
      resolve({
        url: `http://${options.host === '0.0.0.0' || !options.host ? '127.0.0.1' : options.host}:${port}`,
        close: () => new Promise<void>((done) => server.close(() => done())),
      });
    });
  });
}
