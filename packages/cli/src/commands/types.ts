import type { Command } from 'commander';
import type { CommandContext } from '../context.js';

/**
 * One top-level command. Every command is listed once in commands/index.ts; help, completion
 * and docs are built from that list.
 */
export interface CommandModule {
  readonly name: string;
  register(parent: Command, ctx: CommandContext): void;
}
