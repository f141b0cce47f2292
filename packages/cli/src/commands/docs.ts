import { Command, Option } from 'commander';
import {
  docsUseCases,
  localize,
  msg,
  tr,
  type AppSheet,
  type DeepReadonly,
  type Lang,
} from '@quai/contracts';
import { QuaiError } from '@quai/core/errors';
import { sheetHtml, sheetMarkdown } from '@quai/core/opsheet';
import { writeFileAtomic } from '@quai/core/util';
import { globalOptions, runUseCase, type CommandContext } from '../context.js';
import type { CommandModule } from './types.js';

type Format = 'markdown' | 'html' | 'json';

/** The sheet as the file or the terminal gets it (JSON: the structured sheet, messages as text). */
function formatSheet(sheet: DeepReadonly<AppSheet>, format: Format, lang: Lang, json: () => unknown): string {
  if (format === 'json') return `${JSON.stringify(json(), null, 2)}\n`;
  return format === 'html' ? sheetHtml(sheet, lang) : sheetMarkdown(sheet, lang);
}

function appCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('app')
    .description(docsUseCases['docs.app'].summary[l])
    .argument('[app]', tr(l, 'docs.arg.app'))
    .option('-f, --app-spec <file>', tr(l, 'docs.flag.appSpec'))
    .option('--env <environment>', tr(l, 'docs.flag.env'), 'prod')
    .option('--platform <file>', tr(l, 'docs.flag.platform'))
    .addOption(
      new Option('--format <format>', tr(l, 'docs.flag.format'))
        .choices(['markdown', 'html', 'json'])
        .default('markdown'),
    )
    .option('--output-file <file>', tr(l, 'docs.flag.outputFile'))
    .option('--backup-target <place>', tr(l, 'docs.flag.backupTarget'), (v: string, prev: string[] = []) => [
      ...prev,
      v,
    ])
    .option('--s3-endpoint <url>', tr(l, 'docs.flag.s3Endpoint'))
    .option('--offline', tr(l, 'docs.flag.offline'))
    .addOption(
      new Option('--revisions <count>', tr(l, 'docs.flag.revisions')).argParser((v) => Number(v)).default(5),
    );
  const p = ctx.programName;
  cmd.addHelpText(
    'after',
    `
${tr(l, 'cli.help.examples')}
  ${p} docs app grist
  ${p} docs app --app-spec apps/grist/quai.yaml --env prod --backup-target /mnt/nfs/backups
  ${p} --lang fr docs app grist --format html --output-file fiche-grist.html
  ${p} docs app --app-spec apps/grist/quai.yaml --offline > grist.md
  ${p} docs app grist -o json | jq .backups.last

${tr(l, 'docs.help.more')}`,
  );
  cmd.action(async (name: string | undefined, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const specFile = typeof opts['appSpec'] === 'string' ? opts['appSpec'] : undefined;
    if (specFile === undefined && name === undefined) {
      throw new QuaiError('USAGE', msg('docs.needApp'), { hint: msg('docs.needAppHint') });
    }
    const outputFile = typeof opts['outputFile'] === 'string' ? opts['outputFile'] : undefined;
    const format = opts['format'] as Format;
    const request = {
      environment: opts['env'] as string,
      app: specFile === undefined ? { app: name ?? '' } : { file: specFile },
      ...(specFile !== undefined && name !== undefined ? { name } : {}),
      ...(typeof opts['platform'] === 'string' ? { platform: { file: opts['platform'] } } : {}),
      cluster: opts['offline'] !== true,
      backupTargets: (opts['backupTarget'] as string[] | undefined) ?? [],
      ...(typeof opts['s3Endpoint'] === 'string' ? { s3: { endpoint: opts['s3Endpoint'] } } : {}),
      revisions: opts['revisions'] as number,
    };
    const json = (sheet: DeepReadonly<AppSheet>) => () => localize(sheet, l);
    const sheet = await runUseCase(ctx, g, 'docs.app', request, (r) =>
      outputFile === undefined ? formatSheet(r, format, l, json(r)) : '',
    );
    if (outputFile !== undefined) {
      await writeFileAtomic(outputFile, formatSheet(sheet, format, l, json(sheet)));
      ctx.io.err.write(`${tr(l, 'docs.written', { file: outputFile })}\n`);
    }
  });
  return cmd;
}

export const docsCommand: CommandModule = {
  name: 'docs',
  register(parent, ctx) {
    const group = parent.command('docs').description(tr(ctx.lang, 'docs.command'));
    group.addCommand(appCommand(ctx));
  },
};
