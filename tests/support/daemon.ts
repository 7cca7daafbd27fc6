import { spawn } from 'node:child_process';
import fs from 'node:fs';
import { waitFor } from './ports';

/**
 * A server binary (Prometheus, Alertmanager) run for a test on a loopback port, with a temp dir of its own:
 * ready once GET /-/ready answers (both have it); if it never does, it is killed and the error carries the
 * tail of its stderr. Stopping sends SIGTERM (SIGKILL after 5 s) and removes the dir.
 */
export interface Daemon {
  url: string;
  stop(): Promise<void>;
}

export async function startDaemon(options: {
  /** for messages: "Prometheus", "Alertmanager" */
  name: string;
  binary: string;
  args: string[];
  /** the port the arguments make it listen on (127.0.0.1) */
  port: number;
  /** removed when it stops or fails to start */
  dir: string;
}): Promise<Daemon> {
  const { name, binary, args, port, dir } = options;
  const child = spawn(binary, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr?.on('data', (chunk) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  const url = `http://127.0.0.1:${port}`;
  try {
    await waitFor(async () => (await fetch(`${url}/-/ready`)).ok, 30_000, `${name} on ${url}`);
  } catch (e) {
    child.kill('SIGKILL');
    fs.rmSync(dir, { recursive: true, force: true });
    throw new Error(`${(e as Error).message}\n${stderr}`);
  }
  const running = () => child.exitCode === null && child.signalCode === null;
  return {
    url,
    stop: async () => {
      if (running()) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        let timer: NodeJS.Timeout | undefined;
        await Promise.race([exited, new Promise((r) => (timer = setTimeout(r, 5000)))]);
        clearTimeout(timer);
        if (running()) {
          child.kill('SIGKILL');
        }
      }
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}
