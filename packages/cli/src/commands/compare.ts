import { Option, type Command } from 'commander';
import { tr, compareUseCases } from '@quai/contracts';
import * as compare from '@quai/core/compare';
import { stringify } from 'yaml';
import { globalOptions, runUseCase } from '../context.js';
import type { CommandModule } from './types.js';

export const compareCommand: CommandModule = {
  name: 'compare',
  register(parent, ctx) {
    const l = ctx.lang;
    const cmd = parent
      .command('compare')
      .description(compareUseCases['compare.rank'].summary[l])
      .option('--weights <file>', tr(l, 'compare.flag.weights'))
      .option('--data <file>', tr(l, 'compare.flag.data'))
      .addOption(
        new Option('--format <format>', tr(l, 'compare.flag.format'))
          .choices(['text', 'markdown', 'html'])
          .default('text'),
      )
      .option('--details', tr(l, 'compare.flag.details'))
      .option('--print-data', tr(l, 'compare.flag.printData'));
    const criteria = compare
      .studyData()
      .criteria.map((c) => c.id)
      .join(', ');
    cmd.addHelpText(
      'after',
      `
${tr(l, 'cli.help.examples')}
  ${ctx.programName} compare
  ${ctx.programName} compare --lang fr --format markdown --details > etat-de-l-art-tableau.md
  ${ctx.programName} compare --weights my-weights.yaml --format html > comparison.html
  ${ctx.programName} compare -o json | jq .ranking.winners

${tr(l, 'compare.weightsFileHelp')}
  apiVersion: quai.dev/v1alpha1
  kind: CompareWeights
  weights:
    security: 4
    operability: 2

${tr(l, 'compare.help', { criteria })}`,
    );
    cmd.action(async (opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const request = {
        ...(typeof opts['data'] === 'string' ? { data: { file: opts['data'] } } : {}),
        ...(typeof opts['weights'] === 'string' ? { weights: { file: opts['weights'] } } : {}),
      };
      await runUseCase(ctx, g, 'compare.rank', request, (r) => {
        if (opts['printData'] === true) return stringify(r.data, { lineWidth: 0 });
        switch (opts['format']) {
          case 'markdown':
            return compare.formatMarkdown(r.data, r.ranking, r.sensitivity, l, {
              details: opts['details'] === true,
            });
          case 'html':
            return compare.formatHtml(r.data, r.ranking, r.sensitivity, l);
          default:
            return compare.formatText(r.data, r.ranking, r.sensitivity, l);
        }
      });
    });
  },
};
