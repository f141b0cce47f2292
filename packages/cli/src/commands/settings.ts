import { readFileSync } from 'node:fs';
import { Command } from 'commander';
import { formatBytes, textOf, tr, settingsUseCases, type Lang, type ResultOf } from '@quai/contracts';
import { globalOptions, runUseCase, settingsOf, type CommandContext } from '../context.js';
import type { CommandModule } from './types.js';

type View = ResultOf<(typeof settingsUseCases)['settings.view']>;

function examples(ctx: CommandContext, lines: readonly string[], note: string): string {
  return `\n${tr(ctx.lang, 'cli.help.examples')}\n${lines.map((x) => `  ${ctx.programName} ${x}`).join('\n')}\n\n${note}`;
}

/** The settings and their checks as lines of text, in the CLI's language. */
function viewText(l: Lang, r: View): string {
  const lines: string[] = [];
  if (r.invalid !== undefined) lines.push(textOf(l, r.invalid), '');
  const c = r.settings.cluster;
  lines.push(
    tr(l, 'settings.cli.cluster', {
      name: c.displayName ?? '-',
      environment: c.environment ?? '-',
      server: r.cluster.server,
      version: r.cluster.version ?? '-',
    }),
  );
  lines.push(tr(l, 'settings.cli.targets', { count: r.settings.targets.length }));
  for (const t of r.settings.targets) {
    const check = r.targets.find((x) => x.name === t.name);
    const state =
      check === undefined
        ? ''
        : [
            tr(l, check.reachable ? 'settings.cli.reachable' : 'settings.cli.unreachable'),
            ...(check.writable === true ? [tr(l, 'settings.cli.writable')] : []),
            ...(check.freeBytes === undefined
              ? []
              : [tr(l, 'settings.cli.free', { size: formatBytes(l, check.freeBytes) })]),
            ...(check.problem === undefined ? [] : [textOf(l, check.problem)]),
          ].join(', ');
    lines.push(`  ${t.name}  ${t.location}${state === '' ? '' : `  (${state})`}`);
  }
  if (r.settings.gitlab !== undefined) {
    const g = r.gitlab;
    lines.push(
      tr(l, 'settings.cli.gitlab', {
        url: r.settings.gitlab.url,
        state:
          g === undefined
            ? '-'
            : [
                tr(l, g.reachable ? 'settings.cli.reachable' : 'settings.cli.unreachable'),
                ...(g.version === undefined ? [] : [g.version]),
                ...(g.problem === undefined ? [] : [textOf(l, g.problem)]),
              ].join(', '),
      }),
    );
  }
  lines.push(tr(l, r.mayUpdate ? 'settings.cli.mayUpdate' : 'settings.cli.readOnly'));
  return lines.join('\n');
}

function settingsCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('settings').description(tr(l, 'settings.cli.description'));
  cmd.addHelpText(
    'after',
    examples(
      ctx,
      ['settings show', 'settings set settings.yaml --reason "NAS (ticket 4242)"'],
      tr(l, 'settings.cli.help.show'),
    ),
  );

  const show = new Command('show')
    .description(settingsUseCases['settings.view'].summary[l])
    .option('--document', tr(l, 'settings.cli.flag.document'))
    .option('--no-checks', tr(l, 'settings.cli.flag.noChecks'));
  show.addHelpText(
    'after',
    examples(
      ctx,
      ['settings show', 'settings show --document > settings.yaml', 'settings show -o yaml'],
      tr(l, 'settings.cli.help.show'),
    ),
  );
  show.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    await runUseCase(
      ctx,
      g,
      'settings.view',
      { checks: opts['checks'] !== false && opts['document'] !== true },
      (r) => (opts['document'] === true ? r.yaml.replace(/\n$/, '') : viewText(l, r)),
    );
  });

  const set = new Command('set')
    .description(settingsUseCases['settings.update'].summary[l])
    .argument('<file>', tr(l, 'settings.cli.arg.file'))
    .requiredOption('--reason <text>', tr(l, 'deploy.flag.reason'))
    .option('--resource-version <version>', tr(l, 'settings.cli.flag.resourceVersion'));
  set.addHelpText(
    'after',
    examples(
      ctx,
      ['settings show --document > settings.yaml', 'settings set settings.yaml --reason "NAS (ticket 4242)"'],
      tr(l, 'settings.cli.help.set'),
    ),
  );
  set.action(async (file: string, opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const yaml = readFileSync(file, 'utf8');
    let resourceVersion = typeof opts['resourceVersion'] === 'string' ? opts['resourceVersion'] : undefined;
    if (resourceVersion === undefined) {
      // The version the file was meant to replace: the one there now (a change made between this
      // read and the write is still refused).
      const { run, withContext } = await import('@quai/core/app/run');
      const now = await withContext(settingsOf(ctx, g), { signal: ctx.signal }, (actx) =>
        run('settings.view', { checks: false }, actx),
      );
      resourceVersion = (now.result as View).resourceVersion;
    }
    await runUseCase(
      ctx,
      g,
      'settings.update',
      {
        yaml,
        reason: opts['reason'] as string,
        ...(resourceVersion === undefined ? {} : { resourceVersion }),
      },
      (r) =>
        [
          tr(l, r.created ? 'settings.cli.created' : 'settings.cli.updated', { version: r.resourceVersion }),
          ...r.changes.map((c) => `  ${c}`),
        ].join('\n'),
    );
  });

  cmd.addCommand(show);
  cmd.addCommand(set);
  return cmd;
}

export const settingsCommandModule: CommandModule = {
  name: 'settings',
  register: (p, ctx) => p.addCommand(settingsCommand(ctx)),
};
