import * as grpc from '@grpc/grpc-js';
import { redact, type Logger } from '../logger';
import { services } from './protos';
import type {
  CallResourceRequest,
  CallResourceResponse,
  CheckHealthRequest,
  CheckHealthResponse,
  DataResponse,
  QueryDataRequest,
  QueryDataResponse,
} from './types';

/** What the plugin does; the gRPC layer below only adapts calls, cancellation and errors. */
export interface PluginService {
  queryData(req: QueryDataRequest, signal: AbortSignal): Promise<QueryDataResponse>;
  checkHealth(req: CheckHealthRequest, signal: AbortSignal): Promise<CheckHealthResponse>;
  callResource(req: CallResourceRequest, signal: AbortSignal): Promise<CallResourceResponse>;
  collectMetrics(): string;
}

export interface RunningServer {
  port: number;
  /** stop accepting calls, let in-flight ones finish for up to `graceMs`, then force-close */
  stop(graceMs: number): Promise<void>;
}

/** Same receive limit as Grafana's Go SDK. */
const MAX_RECEIVE_BYTES = 16 * 1024 * 1024;

/**
 * An AbortSignal that fires when Grafana cancels the call (dashboard request cancelled, deadline passed),
 * so handlers can abort their upstream requests. grpc-js also emits "cancelled" after every answered call; once
 * `answered()` was called that is ignored (aborting then would only run listeners for nothing).
 */
function callSignal(call: grpc.ServerUnaryCall<unknown, unknown> | grpc.ServerWritableStream<unknown, unknown>) {
  const controller = new AbortController();
  let answered = false;
  call.on('cancelled', () => answered || controller.abort(new Error('call cancelled by Grafana')));
  return { signal: controller.signal, answered: () => (answered = true) };
}

function unary<Req, Res>(name: string, log: Logger, run: (req: Req, signal: AbortSignal) => Promise<Res>) {
  return (call: grpc.ServerUnaryCall<Req, Res>, callback: grpc.sendUnaryData<Res>) => {
    const { signal, answered } = callSignal(call);
    run(call.request, signal).then(
      (res) => {
        answered();
        callback(null, res);
      },
      (error: unknown) => {
        answered();
        // Handlers answer errors in their responses; this is the last line of defence.
        const message = redact(error instanceof Error ? error.message : String(error));
        log.error(`${name} failed`, { error: message });
        callback({ code: grpc.status.INTERNAL, details: message });
      }
    );
  };
}

export async function startServer(
  service: PluginService,
  options: { minPort: number; maxPort: number; log: Logger; onShutdownRequest: () => void }
): Promise<RunningServer> {
  const { log } = options;
  const defs = services();
  // channelz (grpc-js's live call registry for its debug service, which we do not serve) costs every call
  const server = new grpc.Server({ 'grpc.max_receive_message_length': MAX_RECEIVE_BYTES, 'grpc.enable_channelz': 0 });

  server.addService(defs.health.service, {
    Check: (call: grpc.ServerUnaryCall<{ service: string }, unknown>, callback: grpc.sendUnaryData<unknown>) => {
      const known = call.request.service === '' || call.request.service === 'plugin';
      callback(null, { status: known ? 'SERVING' : 'SERVICE_UNKNOWN' });
    },
  });
  server.addService(defs.controller.service, {
    Shutdown: (_call: unknown, callback: grpc.sendUnaryData<unknown>) => {
      callback(null, {});
      // answer first, then stop: Grafana waits for the reply before it waits for the exit
      setImmediate(options.onShutdownRequest);
    },
  });
  // Stdio and broker streams: we log to stderr and use no brokered connections, so keeping them open suffices.
  server.addService(defs.stdio.service, {
    StreamStdio: (call: grpc.ServerWritableStream<unknown, unknown>) => {
      call.on('cancelled', () => call.end());
    },
  });
  server.addService(defs.broker.service, {
    StartStream: (call: grpc.ServerDuplexStream<unknown, unknown>) => {
      call.on('data', () => undefined);
      call.on('end', () => call.end());
      call.on('cancelled', () => call.end());
      call.on('error', () => undefined);
    },
  });
  server.addService(withSerializedAnswersReused(defs.data.service), {
    QueryData: unary('QueryData', log, (req: QueryDataRequest, signal) => service.queryData(req, signal)),
  });
  server.addService(defs.diagnostics.service, {
    CheckHealth: unary('CheckHealth', log, (req: CheckHealthRequest, signal) => service.checkHealth(req, signal)),
    CollectMetrics: unary('CollectMetrics', log, async () => ({
      metrics: { prometheus: Buffer.from(service.collectMetrics()) },
    })),
  });
  server.addService(defs.resource.service, {
    CallResource: (call: grpc.ServerWritableStream<CallResourceRequest, CallResourceResponse>) => {
      const { signal, answered } = callSignal(call);
      service.callResource(call.request, signal).then(
        (res) => {
          answered();
          call.write(res);
          call.end();
        },
        (error: unknown) => {
          answered();
          const message = redact(error instanceof Error ? error.message : String(error));
          log.error('CallResource failed', { error: message });
          call.destroy(Object.assign(new Error(message), { code: grpc.status.INTERNAL }));
        }
      );
    },
  });

  const port = await bindInRange(server, options.minPort, options.maxPort);
  return {
    port,
    stop: (graceMs) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(() => {
          server.forceShutdown();
          resolve();
        }, graceMs);
        server.tryShutdown(() => {
          clearTimeout(timer);
          resolve();
        });
      }),
  };
}

/**
 * QueryData with reused serializations: a reply holding one DataResponse that an earlier reply held under the same
 * refId (viewers sharing an answer get the very same object, see responseFor in ../query-data.ts) reuses that
 * reply's protobuf bytes instead of copying its frames into new ones. Only one-query replies qualify: Grafana sends
 * one request per panel, and their frames are what is large.
 */
export function withSerializedAnswersReused(service: grpc.ServiceDefinition): grpc.ServiceDefinition {
  const method = service.QueryData as grpc.MethodDefinition<QueryDataRequest, QueryDataResponse>;
  const serialized = new WeakMap<DataResponse, { refId: string; bytes: Buffer }>();
  const responseSerialize = (reply: QueryDataResponse): Buffer => {
    const refIds = Object.keys(reply.responses);
    const only = refIds.length === 1 ? reply.responses[refIds[0]] : undefined;
    const earlier = only && serialized.get(only);
    if (earlier && earlier.refId === refIds[0]) {
      return earlier.bytes;
    }
    const bytes = method.responseSerialize(reply);
    if (only && Object.isFrozen(only)) {
      serialized.set(only, { refId: refIds[0], bytes });
    }
    return bytes;
  };
  return { ...service, QueryData: { ...method, responseSerialize } };
}

function bind(server: grpc.Server, port: number): Promise<number> {
  return new Promise((resolve, reject) =>
    server.bindAsync(`127.0.0.1:${port}`, grpc.ServerCredentials.createInsecure(), (error, bound) =>
      error ? reject(error) : resolve(bound)
    )
  );
}

/** The first free port of Grafana's range (any port when no range is given), starting at a random offset. */
async function bindInRange(server: grpc.Server, minPort: number, maxPort: number): Promise<number> {
  if (!minPort || !maxPort) {
    return bind(server, 0);
  }
  const size = maxPort - minPort + 1;
  const offset = Math.floor(Math.random() * size);
  let lastError: unknown;
  for (let i = 0; i < size; i++) {
    try {
      return await bind(server, minPort + ((offset + i) % size));
    } catch (error) {
      lastError = error;
    }
  }
  throw new Error(`no free port in ${minPort}..${maxPort}: ${(lastError as Error)?.message}`);
}
