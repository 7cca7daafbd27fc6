import { schemaCommand } from './schema';
import type { Command } from './types';
import { validateCommand } from './validate';
import { reportCommand } from './report';
import { rulesCommand } from './rules';

/** Every `headroom` subcommand; add new ones here (one file each under commands/). */
export const COMMANDS: Command[] = [validateCommand, reportCommand, rulesCommand, schemaCommand];
