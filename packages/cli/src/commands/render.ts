import type { Command } from 'commander';
import { textOf, tr, onboardUseCases, type ResultOf } from '@quai/contracts';
import * as render from '@quai/core/render';
import type { KubeObject } from '@quai/core/kube';
import { globalOptions, runUseCase } from '../context.js';
import type { CommandModule } from './types.js';

type Rendered = ResultOf<(typeof onboardUseCases)['onboard.render']>;

export const renderCommand: CommandModule = {
  name: 'render',
  register(parent, ctx) {
    const l = ctx.lang;
    const cmd = parent
      .command('render')
      .description(onboardUseCases['onboard.render'].summary[l])
      .argument('<app-spec...>', tr(l, 'onboard.arg.appSpecs'))
      .option('--platform <file>', tr(l, 'onboard.flag.platform'))
      .option('--env <environment>', tr(l, 'onboard.flag.envName'), 'prod')
      .option('--secrets <dir>', tr(l, 'onboard.flag.secrets'))
      .option('--out <dir>', tr(l, 'onboard.flag.renderOut'))
      .option('--seal-cert <file>', tr(l, 'onboard.flag.sealCert'))
      .option(
        '--allow-read <dir>',
        tr(l, 'onboard.flag.renderAllowRead'),
        (v: string, prev: string[]) => [...prev, v],
        [] as string[],
      );
    const body = [
      'render apps/grist/app.yaml --platform quai.yaml --env staging',
      'render apps/*/app.yaml --platform quai.yaml --out deploy/prod',
      'render app.yaml | kubectl apply --server-side -f -',
      'render apps/grist/app.yaml --secrets apps/grist/secrets --seal-cert sealed-secrets.pem --out deploy/grist',
    ]
      .map((x) => `  ${ctx.programName} ${x}`)
      .join('\n');
    cmd.addHelpText('after', `\n${tr(l, 'cli.help.examples')}\n${body}\n\n${tr(l, 'onboard.help.render')}`);
    cmd.action(async (files: string[], opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      await runUseCase(
        ctx,
        g,
        'onboard.render',
        {
          apps: files.map((file) => ({ file })),
          environment: opts['env'] as string,
          ...(typeof opts['platform'] === 'string' ? { platform: { file: opts['platform'] } } : {}),
          ...(typeof opts['secrets'] === 'string' ? { secrets: { dir: opts['secrets'] } } : {}),
          ...(typeof opts['out'] === 'string' ? { out: opts['out'] } : {}),
          ...(typeof opts['sealCert'] === 'string' ? { sealCert: { file: opts['sealCert'] } } : {}),
          allowRead: opts['allowRead'] as string[],
        },
        (r: Rendered) => {
          for (const n of r.notes)
            ctx.io.err.write(`${tr(l, 'onboard.note', { app: n.app, text: textOf(l, n.message) })}\n`);
          if (r.written !== undefined) {
            const lines = [
              tr(l, 'onboard.wroteObjects', { count: r.written.files.length - 1, dir: r.written.directory }),
            ];
            if (r.written.secretsDirectory !== undefined)
              lines.push(
                tr(l, 'onboard.wroteSecrets', {
                  count: r.written.secretFiles?.length ?? 0,
                  dir: r.written.secretsDirectory,
                }),
              );
            return lines.join('\n');
          }
          return render.toYamlStream(r.objects as unknown as KubeObject[]).replace(/\n$/, '');
        },
      );
    });
  },
};
