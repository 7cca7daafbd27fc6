import { COMMANDS } from './commands';
import type { CliIo } from './commands/types';

const processIo: CliIo = {
  out: (line) => process.stdout.write(`${line}\n`),
  err: (line) => process.stderr.write(`${line}\n`),
};

/** `headroom <command> [args]`; returns the exit code (0 ok, 1 findings, 2 usage). */
export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [name, ...args] = argv;
  if (!name || name === 'help' || name === '--help' || name === '-h') {
    const lines = COMMANDS.map((c) => `  ${c.usage.padEnd(40)} ${c.summary}`);
    (name ? io.out : io.err)(['usage: headroom <command> [args]', '', 'commands:', ...lines].join('\n'));
    return name ? 0 : 2;
  }
  const command = COMMANDS.find((c) => c.name === name);
  if (!command) {
    io.err(`unknown command "${name}"; run "headroom help"`);
    return 2;
  }
  try {
    return await command.run(args, io);
  } catch (e) {
    io.err(`headroom ${name}: ${(e as Error).message}`);
    return 1;
  }
}
