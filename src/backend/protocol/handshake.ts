/**
 * go-plugin start-up contract (grafana-backend-protocol.md §2): the magic cookie, the protocol versions
 * Grafana supports, the port range, and the one handshake line on stdout.
 */
export const MAGIC_COOKIE_KEY = 'grafana_plugin_type';
export const MAGIC_COOKIE_VALUE = 'datasource';
export const APP_PROTOCOL_VERSION = 2;

export const NOT_A_COMMAND_MESSAGE =
  'This is a Grafana backend plugin (headroom-slo-datasource), not meant to be run directly.\n' +
  "Install it in Grafana's plugin folder; Grafana starts it when the data source is used.\n";

export interface PluginEnvironment {
  minPort: number;
  maxPort: number;
}

/** Checks what Grafana must have set; returns the problem as a human sentence, or the port range. */
export function readEnvironment(env: NodeJS.ProcessEnv): PluginEnvironment | { problem: string } {
  if (env[MAGIC_COOKIE_KEY] !== MAGIC_COOKIE_VALUE) {
    return { problem: NOT_A_COMMAND_MESSAGE };
  }
  const versions = (env.PLUGIN_PROTOCOL_VERSIONS ?? String(APP_PROTOCOL_VERSION)).split(',').map((v) => v.trim());
  if (!versions.includes(String(APP_PROTOCOL_VERSION))) {
    return {
      problem: `Grafana asked for plugin protocol versions ${versions.join(',')}; this plugin speaks version ${APP_PROTOCOL_VERSION}.\n`,
    };
  }
  const minPort = Number(env.PLUGIN_MIN_PORT ?? 0);
  const maxPort = Number(env.PLUGIN_MAX_PORT ?? 0);
  const validPort = (p: number) => Number.isInteger(p) && p >= 0 && p <= 65535;
  if (!validPort(minPort) || !validPort(maxPort) || (maxPort > 0 && maxPort < minPort)) {
    return { problem: `invalid PLUGIN_MIN_PORT/PLUGIN_MAX_PORT: ${env.PLUGIN_MIN_PORT}..${env.PLUGIN_MAX_PORT}\n` };
  }
  return { minPort, maxPort };
}

/** `1|2|tcp|127.0.0.1:<port>|grpc`: core protocol 1, app protocol 2, network, address, protocol. */
export function handshakeLine(port: number): string {
  return `1|${APP_PROTOCOL_VERSION}|tcp|127.0.0.1:${port}|grpc\n`;
}
