/**
 * Test doubles for the @grafana/runtime services the editors and pages use (only those are mocked; the
 * data source class, @grafana/ui and @grafana/data are real). A fake backend answers the resource
 * endpoints with a small definitions model, records every request and can be told to fail.
 */
import { of, throwError } from 'rxjs';
import { setBackendSrv, setTemplateSrv, type BackendSrv, type TemplateSrv } from '@grafana/runtime';
import { HeadroomDataSource } from '../../../../src/datasource/datasource';
import { instanceSettings } from '../../../support/datasource-settings';
import type { SloInfo } from '../../../../src/datasource/types';

export const SLOS: SloInfo[] = [
  {
    id: 'api-gateway-availability',
    service: 'api_gateway',
    name: 'API gateway availability',
    objective: 99.99,
    window: '30d',
  },
  { id: 'api-gateway-latency', service: 'api_gateway', objective: 99, window: '30d' },
  {
    id: 'workflow-engine-success',
    service: 'workflow_engine',
    name: 'Workflow success',
    objective: 99.9,
    window: '28d',
  },
];

export const RESOURCES = {
  slos: SLOS,
  services: ['api_gateway', 'workflow_engine'],
  resources: [
    { id: 'cluster-cpu', name: 'Cluster CPU', resource: 'cpu' },
    { id: 'db-disk', resource: 'disk' },
  ],
  schedules: [{ id: 'platform', name: 'Platform', shifts: ['us', 'eu', 'apac'] }],
};

export interface FakeRequest {
  method?: string;
  url: string;
  data?: unknown;
  params?: unknown;
}

export type Responder = (req: FakeRequest) => unknown;

/** A getBackendSrv() double: `fetch` and `post`, answering resources by their path. */
export function fakeBackendSrv(respond: Responder = resourceResponder()) {
  const requests: FakeRequest[] = [];
  const answer = (req: FakeRequest) => {
    requests.push(req);
    try {
      return { ok: true, data: respond(req) };
    } catch (err) {
      return { error: err };
    }
  };
  return {
    requests,
    fetch: jest.fn((req: FakeRequest) => {
      const r = answer(req);
      return 'error' in r ? throwError(() => r.error) : of({ data: r.data, status: 200, ok: true });
    }),
    post: jest.fn(async (url: string, data?: unknown) => {
      const r = answer({ method: 'POST', url, data });
      if ('error' in r) {
        throw r.error;
      }
      return r.data;
    }),
    get: jest.fn(async (url: string, params?: unknown) => {
      const r = answer({ method: 'GET', url, params });
      if ('error' in r) {
        throw r.error;
      }
      return r.data;
    }),
  };
}

export function resourceResponder(overrides: Record<string, unknown> = {}): Responder {
  const table: Record<string, unknown> = { ...RESOURCES, ...overrides };
  return (req) => {
    const path = req.url.split('/resources/')[1];
    if (path !== undefined && path in table) {
      const v = table[path];
      if (v instanceof Error) {
        throw v;
      }
      return typeof v === 'function' ? (v as Responder)(req) : v;
    }
    throw Object.assign(new Error(`not found: ${req.url}`), { status: 404 });
  };
}

/** A getTemplateSrv() double with the dashboard variables of the Headroom dashboards. */
export function fakeTemplateSrv(
  values: Record<string, string | string[]> = { service: 'api_gateway', slo: 'api-gateway-latency' }
) {
  const replace = jest.fn((text: string, _scoped?: unknown, format?: string) =>
    text.replace(/\$\{?(\w+)\}?/g, (m, name: string) => {
      const v = values[name];
      if (v === undefined) {
        return m;
      }
      return Array.isArray(v) ? (format === 'csv' ? v.join(',') : `{${v.join(',')}}`) : v;
    })
  );
  return {
    replace,
    getVariables: () => Object.keys(values).map((name) => ({ name, type: 'query', label: name })),
    containsTemplate: (t?: string) => !!t && t.includes('$'),
    updateTimeRange: () => {},
  };
}

/**
 * jsdom has no canvas and no layout: Combobox measures option text with a canvas and virtualizes its
 * list by element size. Give both something plausible so the option lists render in tests.
 */
export function installLayoutShims() {
  HTMLCanvasElement.prototype.getContext = (() => ({
    measureText: (text: string) => ({ width: text.length * 7 }),
    font: '',
  })) as unknown as typeof HTMLCanvasElement.prototype.getContext;
  Object.defineProperties(HTMLElement.prototype, {
    clientHeight: { configurable: true, get: () => 400 },
    clientWidth: { configurable: true, get: () => 400 },
  });
  class NoIntersectionObserver {
    observe() {}
    unobserve() {}
    disconnect() {}
    takeRecords() {
      return [];
    }
  }
  Object.assign(window, {
    IntersectionObserver: NoIntersectionObserver,
    ResizeObserver: window.ResizeObserver ?? NoIntersectionObserver,
  });
  Element.prototype.getBoundingClientRect = function () {
    return { x: 0, y: 0, top: 0, left: 0, bottom: 0, right: 0, width: 120, height: 120, toJSON: () => ({}) } as DOMRect;
  };
}

/** An editor test's world: the layout shims, the fake backend and templates installed, and a data source on them. */
export function editorTestDatasource(): HeadroomDataSource {
  installLayoutShims();
  setBackendSrv(fakeBackendSrv() as unknown as BackendSrv);
  setTemplateSrv(fakeTemplateSrv() as unknown as TemplateSrv);
  return new HeadroomDataSource(instanceSettings());
}
