import { Command } from 'commander';
import { tr, onboardUseCases, type ResultOf } from '@quai/contracts';
import * as onboard from '@quai/core/onboard';
import { QuaiError } from '@quai/core/errors';
import { msg } from '@quai/contracts';
import { globalOptions, runUseCase, type CommandContext } from '../context.js';
import { paint } from '../output.js';
import type { CommandModule } from './types.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseEnvFlags(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new QuaiError('USAGE', msg('onboard.badEnvFlag', { value: v }));
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

type Imported = ResultOf<(typeof onboardUseCases)['onboard.import']>;

function composeCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('compose')
    .description(onboardUseCases['onboard.import'].summary[l])
    .option('-f, --file <file>', tr(l, 'onboard.flag.file'), collect, [] as string[])
    .option('--env-file <file>', tr(l, 'onboard.flag.envFile'), collect, [] as string[])
    .option('--env <NAME=VALUE>', tr(l, 'onboard.flag.env'), collect, [] as string[])
    .option('--use-shell-env', tr(l, 'onboard.flag.useShellEnv'))
    .option('--allow-read <dir>', tr(l, 'onboard.flag.allowRead'), collect, [] as string[])
    .option('--profile <name>', tr(l, 'onboard.flag.profile'), collect, [] as string[])
    .option('--inspect-images', tr(l, 'onboard.flag.inspectImages'))
    .option('--network-policy <mode>', tr(l, 'onboard.flag.networkPolicy'), 'compose')
    .option('--name <app>', tr(l, 'onboard.flag.name'))
    .option('--team <team>', tr(l, 'onboard.flag.team'))
    .option('--out <dir>', tr(l, 'onboard.flag.out'));
  const body = [
    'import compose -f docker-compose.yml --out apps/grist',
    'import compose -f docker-compose.yml -f docker-compose.prod.yml --env DOMAIN=cd49.fr',
    'import compose -f compose.yaml --env-file .env.dist --allow-read /srv/vendor/conf --out apps/pastell',
    'import compose -f docker-compose.yml -o json | jq .report.summary',
  ]
    .map((x) => `  ${ctx.programName} ${x}`)
    .join('\n');
  cmd.addHelpText('after', `\n${tr(l, 'cli.help.examples')}\n${body}\n\n${tr(l, 'onboard.help.import')}`);
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const envFiles = opts['envFile'] as string[];
    const networkPolicy = opts['networkPolicy'] === 'strict' ? 'strict' : 'compose';
    if (opts['networkPolicy'] !== 'compose' && opts['networkPolicy'] !== 'strict') {
      throw new QuaiError(
        'USAGE',
        msg('onboard.badNetworkPolicy', { value: String(opts['networkPolicy']) }),
        { hint: msg('onboard.badNetworkPolicyHint') },
      );
    }
    const colour = (status: onboard.EntryStatus, text: string): string =>
      paint(
        ctx.io,
        status === 'refused'
          ? 'red'
          : status === 'dropped'
            ? 'yellow'
            : status === 'approximated'
              ? 'bold'
              : 'green',
        text,
      );
    await runUseCase(
      ctx,
      g,
      'onboard.import',
      {
        files: opts['file'] as string[],
        ...(envFiles.length > 0 ? { envFiles } : {}),
        env: parseEnvFlags(opts['env'] as string[]),
        useShellEnv: opts['useShellEnv'] === true,
        allowRead: opts['allowRead'] as string[],
        profiles: opts['profile'] as string[],
        inspectImages: opts['inspectImages'] === true,
        networkPolicy,
        ...(typeof opts['name'] === 'string' ? { name: opts['name'] } : {}),
        ...(typeof opts['team'] === 'string' ? { team: opts['team'] } : {}),
        ...(typeof opts['out'] === 'string' ? { out: opts['out'] } : {}),
      },
      (r: Imported) => {
        const report = onboard.formatReport(r.report as onboard.ConversionReport, l, colour);
        if (r.written !== undefined) {
          const dir = typeof opts['out'] === 'string' ? opts['out'] : '';
          return `${report}\n${tr(l, 'onboard.written', { dir, files: r.written.map((f) => f.slice(f.indexOf(dir) + dir.length + 1)).join(', ') })}`;
        }
        // Without --out: the app spec on standard output, the report on standard error.
        ctx.io.err.write(report);
        if (r.secrets.length > 0) ctx.io.err.write(`${tr(l, 'onboard.secretsNotWritten')}\n`);
        return onboard.appSpecYaml(r.spec).replace(/\n$/, '');
      },
    );
  });
  return cmd;
}

export const importCommand: CommandModule = {
  name: 'import',
  register(parent, ctx) {
    const imp = parent.command('import').description(tr(ctx.lang, 'onboard.cli.group'));
    imp.addCommand(composeCommand(ctx));
  },
};
