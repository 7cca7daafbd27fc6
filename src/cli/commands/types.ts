/** Where a command writes; tests pass buffers, bin/headroom.js passes the process streams. */
export interface CliIo {
  out: (line: string) => void;
  err: (line: string) => void;
}

export interface Command {
  name: string;
  /** one line for `headroom help` */
  summary: string;
  /** e.g. "validate [--json] FILE|DIR..." */
  usage: string;
  /** returns the exit code */
  run(args: string[], io: CliIo): Promise<number> | number;
}
