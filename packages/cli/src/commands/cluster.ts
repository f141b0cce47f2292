import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { exitCodeOf, localize, tr, clusterUseCases, type ResultOf } from '@quai/contracts';
import * as app from '@quai/core/app/run';
import * as onboard from '@quai/core/onboard';
import { globalOptions, progressOf, settingsOf } from '../context.js';
import { print } from '../output.js';
import type { CommandModule } from './types.js';

type Planned = ResultOf<(typeof clusterUseCases)['cluster.plan']>;

export const clusterCommand: CommandModule = {
  name: 'cluster',
  register(parent, ctx) {
    const l = ctx.lang;
    const cluster = parent.command('cluster').description(tr(l, 'clusterplan.command'));
    const plan = cluster
      .command('plan')
      .description(clusterUseCases['cluster.plan'].summary[l])
      .argument('<inventory>', tr(l, 'clusterplan.arg.inventory'))
      .option('--out <dir>', tr(l, 'clusterplan.flag.out'))
      .addOption(
        new Option('--distribution <name>', tr(l, 'clusterplan.flag.distribution')).choices(['rke2', 'k3s']),
      );
    plan.addHelpText(
      'after',
      `
${tr(l, 'cli.help.examples')}
  ${ctx.programName} cluster plan inventory.yaml
  ${ctx.programName} cluster plan inventory.yaml --lang fr --out plan-prod
  ${ctx.programName} cluster plan inventory.yaml --distribution k3s --out plan-test

${tr(l, 'clusterplan.help')}`,
    );
    plan.action(async (file: string, opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const distribution = opts['distribution'];
      const request = {
        inventory: { file },
        ...(distribution === 'rke2' || distribution === 'k3s' ? { distribution } : {}),
      };
      const outcome = await app.withContext(
        settingsOf(ctx, g),
        { signal: ctx.signal, progress: progressOf(ctx) },
        (actx) => app.run('cluster.plan', request, actx),
      );
      const result = outcome.result as Planned;
      const out = opts['out'];
      // The files are written before anything is printed: a failed write never follows a
      // "Wrote ..." line, and nothing is half-written (the folder is replaced atomically).
      const dir = typeof out === 'string' ? resolve(out) : undefined;
      if (dir !== undefined) {
        await onboard.writeFolderAtomic(
          dir,
          new Map(
            result.files.map((f) => [
              f.path,
              { content: f.content, ...(f.mode === undefined ? {} : { mode: f.mode }) },
            ]),
          ),
        );
      }
      print(ctx.io, g.output, localize(result, l), () =>
        dir === undefined
          ? result.checklist
          : tr(l, 'clusterplan.wrote', {
              cluster: result.cluster,
              nodes: result.nodes,
              files: result.files.length,
              dir,
            }),
      );
      ctx.setExitCode(exitCodeOf(outcome.outcome));
    });
  },
};
