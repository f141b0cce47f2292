import type { MessageId, ParamsOf } from '@quai/contracts/catalog';
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

/** A catalog message without placeholders: a command's summary. */
export type SummaryId = { [Id in MessageId]: keyof ParamsOf<Id> extends never ? Id : never }[MessageId];

/**
 * A top-level command as commands/index.ts lists it: its name and one-line summary (a catalog
 * message, so `quai --help` lists every command in both languages without loading any), and
 * its module, imported only when the command runs.
 */
export interface CommandEntry {
  readonly name: string;
  readonly summary: SummaryId;
  /** The command's module; a module may define several commands: the one named `name` is used. */
  readonly load: () => Promise<CommandModule | readonly CommandModule[]>;
  /** The command reads the whole command tree (completion): every module is loaded for it. */
  readonly needsAll?: boolean;
}
