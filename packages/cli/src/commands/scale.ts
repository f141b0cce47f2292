import { existsSync } from 'node:fs';
import { Command } from 'commander';
import { tr, capacityUseCases, type AppRef } from '@quai/contracts';
import { globalOptions, positiveInt, runUseCase, type CommandContext } from '../context.js';
import { paint } from '../output.js';
import type { CommandModule } from './types.js';

/** An app named by its spec file (an existing .yaml file), else by name. */
function appRef(arg: string): AppRef {
  return /\.ya?ml$/.test(arg) && existsSync(arg) ? { file: arg } : { app: arg };
}

function scaleCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('scale')
    .description(capacityUseCases['capacity.scale'].summary[l])
    .argument('<app>', tr(l, 'deploy.arg.app'))
    .requiredOption('--replicas <n>', tr(l, 'capacity.flag.scaleReplicas'), positiveInt(0, 10_000))
    .option('--component <name>', tr(l, 'capacity.flag.component'))
    .option('--reason <text>', tr(l, 'deploy.flag.reason'))
    .option('--platform <file>', tr(l, 'deploy.flag.platform'))
    .option('--env <environment>', tr(l, 'deploy.flag.env'), 'prod');
  cmd.addHelpText(
    'after',
    `\n${tr(l, 'cli.help.examples')}\n${[
      'scale grist --replicas 3 --env staging --reason "load test this afternoon"',
      'scale apps/grist/app.yaml --component web --replicas 0 --env recette',
    ]
      .map((x) => `  ${ctx.programName} ${x}`)
      .join('\n')}\n\n${tr(l, 'capacity.help.scale')}`,
  );
  cmd.action(async (app: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'capacity.scale',
      {
        app: appRef(app),
        environment: opts['env'] as string,
        replicas: opts['replicas'] as number,
        ...(typeof opts['component'] === 'string' ? { component: opts['component'] } : {}),
        ...(typeof opts['platform'] === 'string' ? { platform: { file: opts['platform'] } } : {}),
        ...(typeof opts['reason'] === 'string' ? { reason: opts['reason'] } : {}),
      },
      (r) =>
        paint(
          ctx.io,
          'green',
          tr(l, 'capacity.cli.scaled', {
            workload: r.workload,
            namespace: r.namespace,
            from: r.from,
            to: r.to,
            manager: r.fieldManager,
          }),
        ),
    );
  });
  return cmd;
}

export const scaleCommandModule: CommandModule = {
  name: 'scale',
  register: (p, ctx) => p.addCommand(scaleCommand(ctx)),
};
