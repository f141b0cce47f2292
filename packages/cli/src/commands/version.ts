import type { Command } from 'commander';
import { globalOptions } from '../context.js';
import { connect } from '../context.js';
import { print } from '../output.js';
import type { CommandModule } from './types.js';

export const versionCommand: CommandModule = {
  name: 'version',
  register(parent, ctx) {
    const cmd = parent
      .command('version')
      .description("Print Quai's version and, with --server, the cluster's")
      .option('--server', 'also ask the cluster for its Kubernetes version');
    cmd.addHelpText(
      'after',
      `\nExamples:\n  ${ctx.programName} version\n  ${ctx.programName} version --server -o json`,
    );
    cmd.action(async (opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const data: {
        client: { quai: string; node: string };
        server?: { kubernetes: string; context: string };
      } = {
        client: { quai: ctx.version, node: process.version },
      };
      if (opts['server'] === true) {
        const client = await connect(ctx, g);
        try {
          const v = await client.version(ctx.signal);
          data.server = { kubernetes: v.gitVersion, context: client.access.contextName };
        } finally {
          client.close();
        }
      }
      print(ctx.io, g.output, data, () =>
        [
          `Quai ${ctx.version} (Node.js ${process.version})`,
          data.server
            ? `Server: Kubernetes ${data.server.kubernetes} (context "${data.server.context}")`
            : '',
        ]
          .filter((l) => l !== '')
          .join('\n'),
      );
    });
  },
};
