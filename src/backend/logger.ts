/**
 * hclog-style JSON lines on stderr, which Grafana's plugin log wrapper parses.
 * stdout is reserved for the go-plugin handshake line.
 * Every line passes through the redactor so a secret can never reach the log, whatever a caller passes.
 */
export type LogLevel = 'trace' | 'debug' | 'info' | 'warn' | 'error';

export interface Logger {
  debug(message: string, extra?: Record<string, unknown>): void;
  info(message: string, extra?: Record<string, unknown>): void;
  warn(message: string, extra?: Record<string, unknown>): void;
  error(message: string, extra?: Record<string, unknown>): void;
}

const LEVEL_ORDER: Record<LogLevel, number> = { trace: 0, debug: 1, info: 2, warn: 3, error: 4 };

/** Secrets registered here are replaced by "[redacted]" in every log line. */
const secrets = new Set<string>();

export function registerSecret(value: string | undefined): void {
  if (value && value.length >= 3) {
    secrets.add(value);
  }
}

export function redact(text: string): string {
  let out = text;
  for (const secret of secrets) {
    out = out.split(secret).join('[redacted]');
  }
  return out;
}

export function createLogger(
  module = 'plugin',
  minLevel: LogLevel = (process.env.HEADROOM_LOG_LEVEL as LogLevel) || 'info',
  write: (line: string) => void = (line) => process.stderr.write(line)
): Logger {
  const emit = (level: LogLevel, message: string, extra?: Record<string, unknown>) => {
    if (LEVEL_ORDER[level] < LEVEL_ORDER[minLevel]) {
      return;
    }
    const record = {
      '@level': level,
      '@message': message,
      '@timestamp': new Date().toISOString().replace('Z', '000Z'),
      '@module': module,
      ...extra,
    };
    write(redact(JSON.stringify(record)) + '\n');
  };
  return {
    debug: (m, e) => emit('debug', m, e),
    info: (m, e) => emit('info', m, e),
    warn: (m, e) => emit('warn', m, e),
    error: (m, e) => emit('error', m, e),
  };
}
