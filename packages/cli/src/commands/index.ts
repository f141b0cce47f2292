import { auditCommand } from './audit.js';
import { backupCommands } from './backup.js';
import { clusterCommand } from './cluster.js';
import { compareCommand } from './compare.js';
import { completionCommand } from './completion.js';
import { demoCommand } from './demo.js';
import { deployCommands } from './deploy.js';
import { devCommand } from './dev.js';
import { gitlabCommand } from './gitlab.js';
import { importCommand } from './import.js';
import { renderCommand } from './render.js';
import { sbomCommand, scanCommand } from './scan.js';
import { serveCommandModule } from './serve.js';
import type { CommandModule } from './types.js';
import { versionCommand } from './version.js';
import { vulndbCommand } from './vulndb.js';

/** Every top-level command, in the order `quai --help` lists them. The one place to add one. */
export const COMMANDS: readonly CommandModule[] = [
  demoCommand,
  importCommand,
  renderCommand,
  auditCommand,
  scanCommand,
  sbomCommand,
  vulndbCommand,
  ...deployCommands,
  ...backupCommands,
  compareCommand,
  clusterCommand,
  gitlabCommand,
  serveCommandModule,
  devCommand,
  versionCommand,
  completionCommand,
];

export type { CommandModule } from './types.js';
