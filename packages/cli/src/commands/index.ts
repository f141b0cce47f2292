import { completionCommand } from './completion.js';
import { demoCommand } from './demo.js';
import { devCommand } from './dev.js';
import type { CommandModule } from './types.js';
import { versionCommand } from './version.js';

/** Every top-level command, in the order `quai --help` lists them. The one place to add one. */
export const COMMANDS: readonly CommandModule[] = [
  demoCommand,
  devCommand,
  versionCommand,
  completionCommand,
];

export type { CommandModule } from './types.js';
