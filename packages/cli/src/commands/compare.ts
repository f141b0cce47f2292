import { Option, type Command } from 'commander';
import { compare } from '@quai/core';
import { stringify } from 'yaml';
import { globalOptions } from '../context.js';
import { print } from '../output.js';
import type { CommandModule } from './types.js';

export const compareCommand: CommandModule = {
  name: 'compare',
  register(parent, ctx) {
    const cmd = parent
      .command('compare')
      .description(
        'Rank the orchestrators of the study (docs/state-of-the-art.md) by weighted criteria, and show which weight changes would change the winner',
      )
      .option(
        '--weights <file>',
        'YAML file of weights by criterion id (criteria left out keep the default weight)',
      )
      .option(
        '--data <file>',
        "comparison data file (criteria, options, scores, sources) instead of the study's own",
      )
      .addOption(
        new Option('--format <format>', 'text table, Markdown or a standalone HTML page')
          .choices(['text', 'markdown', 'html'])
          .default('text'),
      )
      .addOption(
        new Option('--lang <lang>', 'language of names and reasons').choices(['en', 'fr']).default('en'),
      )
      .option(
        '--details',
        'Markdown only: add every score with its reason and sources, and the list of sources',
      )
      .option('--print-data', "print the study's data as YAML (to copy, change and pass back with --data)");
    cmd.addHelpText(
      'after',
      `
Examples:
  ${ctx.programName} compare
  ${ctx.programName} compare --lang fr --format markdown --details > etat-de-l-art-tableau.md
  ${ctx.programName} compare --weights my-weights.yaml --format html > comparison.html
  ${ctx.programName} compare -o json | jq .ranking.winners

A weights file:
  apiVersion: quai.dev/v1alpha1
  kind: CompareWeights
  weights:
    security: 4
    operability: 2

Criteria: cost, longevity, skills, security, ecosystem, operability, support, on-premises.
Scores run from 0 to 5; the total is their weighted mean.`,
    );
    cmd.action(async (opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const data =
        typeof opts['data'] === 'string' ? await compare.loadData(opts['data']) : compare.studyData();
      if (opts['printData'] === true) {
        ctx.io.out.write(
          g.output === 'json' ? `${JSON.stringify(data, null, 2)}\n` : stringify(data, { lineWidth: 0 }),
        );
        return;
      }
      const overrides =
        typeof opts['weights'] === 'string' ? await compare.loadWeights(opts['weights'], data) : {};
      const weights = compare.resolveWeights(data, overrides);
      const ranking = compare.rank(data, weights);
      const sensitivity = compare.sensitivity(data, weights);
      const lang = opts['lang'] === 'fr' ? 'fr' : 'en';
      print(ctx.io, g.output, { ranking, sensitivity }, () => {
        switch (opts['format']) {
          case 'markdown':
            return compare.formatMarkdown(data, ranking, sensitivity, lang, {
              details: opts['details'] === true,
            });
          case 'html':
            return compare.formatHtml(data, ranking, sensitivity, lang);
          default:
            return compare.formatText(data, ranking, sensitivity, lang);
        }
      });
    });
  },
};
