import type { Command } from './types';
import { validateCommand } from './validate';

/** Every `headroom` subcommand; add new ones here (one file each under commands/). */
export const COMMANDS: Command[] = [validateCommand];
