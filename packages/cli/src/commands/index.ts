import type { CommandEntry, SummaryId } from './types.js';

const command = (
  name: string,
  summary: SummaryId,
  load: CommandEntry['load'],
  needsAll = false,
): CommandEntry => ({ name, summary, load, needsAll });

/**
 * Every top-level command, in the order `quai --help` lists them: name, summary (catalog id) and
 * its module, imported only when that command runs (so `quai --version`, `quai --help` and each
 * command load only what they use). The one place to add one: one line per command.
 */
export const COMMANDS: readonly CommandEntry[] = [
  command('demo', 'cli.command.demo', async () => (await import('./demo.js')).demoCommand),
  command('import', 'cli.command.import', async () => (await import('./import.js')).importCommand),
  command('render', 'cli.command.render', async () => (await import('./render.js')).renderCommand),
  command('audit', 'cli.command.audit', async () => (await import('./audit.js')).auditCommand),
  command('scan', 'cli.command.scan', async () => (await import('./scan.js')).scanCommand),
  command('sbom', 'cli.command.sbom', async () => (await import('./scan.js')).sbomCommand),
  command('vulndb', 'vulndb.description', async () => (await import('./vulndb.js')).vulndbCommand),
  command('plan', 'cli.command.plan', async () => (await import('./deploy.js')).deployCommands),
  command('apply', 'cli.command.apply', async () => (await import('./deploy.js')).deployCommands),
  command('status', 'cli.command.status', async () => (await import('./deploy.js')).deployCommands),
  command('history', 'cli.command.history', async () => (await import('./deploy.js')).deployCommands),
  command('rollback', 'cli.command.rollback', async () => (await import('./deploy.js')).deployCommands),
  command('backup', 'cli.command.backup', async () => (await import('./backup.js')).backupCommands),
  command('restore', 'cli.command.restore', async () => (await import('./backup.js')).backupCommands),
  command('compare', 'cli.command.compare', async () => (await import('./compare.js')).compareCommand),
  command('cluster', 'clusterplan.command', async () => (await import('./cluster.js')).clusterCommand),
  command('serve', 'api.cli.description', async () => (await import('./serve.js')).serveCommandModule),
  command('capacity', 'cli.command.capacity', async () => (await import('./capacity.js')).capacityCommand),
  command('scale', 'cli.command.scale', async () => (await import('./scale.js')).scaleCommandModule),
  command('gitlab', 'gitlab.command', async () => (await import('./gitlab.js')).gitlabCommand),
  command('docs', 'docs.command', async () => (await import('./docs.js')).docsCommand),
  command(
    'settings',
    'settings.cli.description',
    async () => (await import('./settings.js')).settingsCommandModule,
  ),
  command('dev', 'devcluster.dev', async () => (await import('./dev.js')).devCommand),
  command('version', 'cli.command.version', async () => (await import('./version.js')).versionCommand),
  command(
    'completion',
    'cli.command.completion',
    async () => (await import('./completion.js')).completionCommand,
    true,
  ),
];

export type { CommandEntry, CommandModule } from './types.js';
