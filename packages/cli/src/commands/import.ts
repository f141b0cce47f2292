import { join, resolve } from 'node:path';
import { Command } from 'commander';
import { onboard, QuaiError } from '@quai/core';
import { globalOptions, type CommandContext } from '../context.js';
import { paint, print } from '../output.js';
import type { CommandModule } from './types.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

function parseEnvFlags(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const eq = v.indexOf('=');
    if (eq <= 0) throw new QuaiError('USAGE', `--env takes NAME=VALUE, got "${v}".`);
    out[v.slice(0, eq)] = v.slice(eq + 1);
  }
  return out;
}

function composeCommand(ctx: CommandContext): Command {
  const cmd = new Command('compose')
    .description('Turn docker-compose files into a Quai app spec, with a report of every key')
    .option(
      '-f, --file <file>',
      'compose file; repeat to merge like docker compose -f a -f b',
      collect,
      [] as string[],
    )
    .option(
      '--env-file <file>',
      'variables file (default: .env beside the first compose file)',
      collect,
      [] as string[],
    )
    .option('--env <NAME=VALUE>', 'a variable for interpolation; repeatable', collect, [] as string[])
    .option('--use-shell-env', 'also take variables from the shell environment, as docker compose does')
    .option(
      '--allow-read <dir>',
      'a folder outside the project whose files may be read into the app (bind mounts, env_file, secrets); repeatable',
      collect,
      [] as string[],
    )
    .option(
      '--profile <name>',
      'enable a compose profile (services with profiles are left out otherwise, as docker compose does); repeatable',
      collect,
      [] as string[],
    )
    .option(
      '--inspect-images',
      "read each image's HEALTHCHECK from its registry (probes for services others wait for with service_healthy)",
    )
    .option(
      '--network-policy <mode>',
      'compose: services sharing a compose network may talk (default); strict: only declared dependencies and inferred references',
      'compose',
    )
    .option('--name <app>', 'app name (default: the compose project name)')
    .option('--team <team>', 'owning team, recorded in the app spec')
    .option(
      '--out <dir>',
      'write app.yaml, conversion-report.json and secrets/*.env (mode 0600) into this folder',
    );
  cmd.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} import compose -f docker-compose.yml --out apps/grist
  ${ctx.programName} import compose -f docker-compose.yml -f docker-compose.prod.yml --env DOMAIN=cd49.fr
  ${ctx.programName} import compose -f docker-compose.yml -o json | jq .report.summary
  ${ctx.programName} import compose -f compose.yaml --env-file .env.dist --allow-read /srv/vendor/conf --out apps/pastell

Without -f, the files docker compose reads are used: compose.yaml (or compose.yml,
docker-compose.yaml, docker-compose.yml) and its override file. Only files under the compose
file's folder (or an --allow-read folder) are read into the app; a bind mount, env_file or
secret file elsewhere (../outside.txt, /etc/passwd, a symbolic link leaving the folder) is
refused with its path.

Without --out, the app spec goes to standard output and the report to standard error. Secret
values (passwords, tokens, keys) never go into the app spec: with --out they are written to
secrets/<name>.env with mode 0600; keep them out of git. Nothing is written if the input is invalid.`,
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const files = opts['file'] as string[];
    const envFiles = opts['envFile'] as string[];
    const networkPolicy = opts['networkPolicy'];
    if (networkPolicy !== 'compose' && networkPolicy !== 'strict') {
      throw new QuaiError(
        'USAGE',
        `--network-policy takes compose or strict, got "${String(networkPolicy)}".`,
      );
    }
    const project = await onboard.loadCompose({
      files,
      allowRead: opts['allowRead'] as string[],
      ...((opts['profile'] as string[]).length > 0 ? { profiles: opts['profile'] as string[] } : {}),
      signal: ctx.signal,
      ...(envFiles.length > 0 ? { envFiles } : {}),
      env: parseEnvFlags(opts['env'] as string[]),
      ...(opts['useShellEnv'] === true ? { shellEnv: ctx.env } : {}),
      ...(typeof opts['name'] === 'string' ? { projectName: opts['name'] } : {}),
    });
    let imageHealthchecks: ReadonlyMap<string, readonly string[]> | undefined;
    if (opts['inspectImages'] === true) {
      const services = project.model['services'];
      const images = Object.values(typeof services === 'object' && services !== null ? services : {})
        .map((s) => (typeof s === 'object' && s !== null && !Array.isArray(s) ? s['image'] : undefined))
        .filter((i): i is string => typeof i === 'string');
      const read = await onboard.imageHealthchecks(images, { env: ctx.env, signal: ctx.signal });
      for (const e of read.errors)
        ctx.io.err.write(`warning: cannot read the health check of ${e.image}: ${e.message}\n`);
      imageHealthchecks = read.checks;
    }
    const result = onboard.convertCompose(project, {
      ...(imageHealthchecks ? { imageHealthchecks } : {}),
      networkPolicy,
      ...(typeof opts['name'] === 'string' ? { appName: opts['name'] } : {}),
      ...(typeof opts['team'] === 'string' ? { team: opts['team'] } : {}),
    });
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
    const out = opts['out'];
    if (typeof out === 'string') {
      const dir = resolve(out);
      const files = new Map<string, { content: string; mode?: number }>();
      files.set('app.yaml', { content: onboard.appSpecYaml(result.spec) });
      files.set('conversion-report.json', { content: `${JSON.stringify(result.report, null, 2)}\n` });
      for (const [name, values] of Object.entries(result.secretValues)) {
        files.set(join('secrets', `${name}.env`), { content: onboard.envFileText(values), mode: 0o600 });
      }
      await onboard.writeFolderAtomic(dir, files);
      print(
        ctx.io,
        g.output,
        { spec: result.spec, report: result.report, written: [...files.keys()].map((f) => join(dir, f)) },
        () =>
          `${onboard.formatReport(result.report, colour)}\nWritten to ${dir}: ${[...files.keys()].join(', ')}`,
      );
      return;
    }
    if (g.output === 'text') {
      ctx.io.out.write(onboard.appSpecYaml(result.spec));
      ctx.io.err.write(onboard.formatReport(result.report, colour));
      if (result.report.secrets.length > 0) {
        ctx.io.err.write('Secret values were not written anywhere: use --out to save them (mode 0600).\n');
      }
      return;
    }
    print(ctx.io, g.output, { spec: result.spec, report: result.report }, () => '');
  });
  return cmd;
}

export const importCommand: CommandModule = {
  name: 'import',
  register(parent, ctx) {
    const imp = parent.command('import').description('Bring applications into Quai from other formats');
    imp.addCommand(composeCommand(ctx));
  },
};
