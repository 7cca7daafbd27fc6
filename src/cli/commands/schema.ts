import { DEFINITIONS_SCHEMA } from '../../core/definitions/schema';
import type { Command } from './types';

/**
 * `headroom schema`: prints the JSON Schema of headroom/v1, for editors — e.g. save it as
 * headroom.schema.json and add `# yaml-language-server: $schema=./headroom.schema.json` to a definitions file.
 */
export const schemaCommand: Command = {
  name: 'schema',
  summary: 'print the JSON Schema of headroom/v1 definitions (for editors)',
  usage: 'schema',
  run(args, io) {
    if (args.length > 0) {
      io.err(`usage: headroom ${this.usage}`);
      return 2;
    }
    io.out(JSON.stringify(DEFINITIONS_SCHEMA, null, 2));
    return 0;
  },
};
