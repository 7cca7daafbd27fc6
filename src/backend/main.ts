import { format } from 'node:util';
import { createLogger } from './logger';
import { handshakeLine, readEnvironment } from './protocol/handshake';
import { startServer } from './protocol/server';
import { createPluginService } from './service';

/**
 * Entry point of the backend executable (dist/gpx_headroom.js): checks Grafana's environment, serves the
 * gRPC services, prints the go-plugin handshake line as the only stdout output, and exits 0 on
 * GRPCController/Shutdown, SIGTERM or SIGINT within 5 s.
 */
const SHUTDOWN_GRACE_MS = 3000;

async function main(): Promise<void> {
  const env = readEnvironment(process.env);
  if ('problem' in env) {
    process.stderr.write(env.problem);
    process.exit(1);
  }
  const log = createLogger('plugin.headroom');
  // stdout belongs to the handshake: any library or handler printing with console goes to the log instead
  console.log = console.info = (...args: unknown[]) => log.info(format(...args));
  // eslint-disable-next-line no-console -- redirecting, not logging
  console.debug = (...args: unknown[]) => log.debug(format(...args));
  console.warn = (...args: unknown[]) => log.warn(format(...args));
  console.error = (...args: unknown[]) => log.error(format(...args));
  // Grafana closing our pipes (it is going away) must not become an uncaught EPIPE
  process.stdout.on('error', () => undefined);
  process.stderr.on('error', () => undefined);

  // Bad input must never take the process (and every user's in-flight queries) down: log and keep serving.
  process.on('uncaughtException', (error) =>
    log.error('uncaught exception (still serving)', { error: error?.stack ?? String(error) })
  );
  process.on('unhandledRejection', (reason) =>
    log.error('unhandled promise rejection (still serving)', { error: (reason as Error)?.stack ?? String(reason) })
  );

  let stopping = false;
  let stop: (why: string) => void = () => undefined;
  const server = await startServer(createPluginService(log), {
    minPort: env.minPort,
    maxPort: env.maxPort,
    log,
    onShutdownRequest: () => stop('GRPCController/Shutdown'),
  });
  stop = (why: string) => {
    if (stopping) {
      return;
    }
    stopping = true;
    log.info('shutting down', { reason: why });
    // hard deadline: whatever hangs, the process is gone well within Grafana's 5 s
    setTimeout(() => process.exit(0), SHUTDOWN_GRACE_MS + 1000).unref();
    server.stop(SHUTDOWN_GRACE_MS).then(() => process.exit(0));
  };
  process.on('SIGTERM', () => stop('SIGTERM'));
  process.on('SIGINT', () => stop('SIGINT'));

  process.stdout.write(handshakeLine(server.port));
  log.info('Headroom backend serving', {
    address: `127.0.0.1:${server.port}`,
    pid: process.pid,
    node: process.version,
    nodeFlags: process.execArgv.join(' '),
    grafana: process.env.GF_VERSION,
  });
}

main().catch((error) => {
  process.stderr.write(`headroom backend failed to start: ${(error as Error)?.stack ?? String(error)}\n`);
  process.exit(1);
});
