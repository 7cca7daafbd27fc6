import { QueryError } from '../core/errors';
import { queryHandlers } from './handlers';
import type { QueryHandler } from './handlers/types';
import { checkHealth } from './health';
import { InstanceManager } from './instance';
import { redact, type Logger } from './logger';
import { Metrics } from './metrics';
import type { PluginService } from './protocol/server';
import type { CheckHealthResponse } from './protocol/types';
import { dispatchQueries } from './query-data';
import { errorBody, routeResource } from './resources';
import './resources/catalog';
import './resources/rules';

/** The plugin's behaviour behind the gRPC services: instances, query dispatch, health, resources, metrics. */
export function createPluginService(
  log: Logger,
  options: { handlers?: Record<string, QueryHandler>; now?: () => number } = {}
): PluginService {
  const instances = new InstanceManager(log);
  const metrics = new Metrics();
  const now = options.now ?? Date.now;
  const handlers = options.handlers ?? queryHandlers;

  return {
    queryData: (req, signal) =>
      dispatchQueries(
        req.queries ?? [],
        { handlers, instance: () => instances.get(req.pluginContext?.dataSourceInstanceSettings), log, metrics, now },
        signal
      ),

    async checkHealth(req, signal) {
      let res: CheckHealthResponse;
      try {
        res = await checkHealth(instances.get(req.pluginContext?.dataSourceInstanceSettings), signal);
      } catch (e) {
        const message = e instanceof QueryError ? e.message : `internal error: ${(e as Error)?.message ?? String(e)}`;
        if (!(e instanceof QueryError)) {
          log.error('health check failed', { error: (e as Error)?.stack ?? String(e) });
        }
        res = { status: 'ERROR', message: redact(message), jsonDetails: Buffer.from('{}') };
      }
      metrics.observeHealth(res.status);
      log.info('health check', { status: res.status, message: res.message });
      return res;
    },

    async callResource(req, signal) {
      let res;
      try {
        res = await routeResource(req, () => instances.get(req.pluginContext?.dataSourceInstanceSettings), {
          signal,
          log,
          now: now(),
        });
      } catch (e) {
        const status = e instanceof QueryError ? e.status : 500;
        res = {
          code: status,
          headers: { 'Content-Type': { values: ['application/json'] } },
          body: Buffer.from(redact(JSON.stringify(errorBody((e as Error)?.message ?? String(e), status)))),
        };
      }
      metrics.observeResource(res.code);
      return res;
    },

    collectMetrics: () => metrics.render(),
  };
}
