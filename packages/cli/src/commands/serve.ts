import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { Command, Option } from 'commander';
import { tr } from '@quai/contracts';
import * as model from '@quai/core/model';
import * as render from '@quai/core/render';
import { parse as parseYaml, stringify } from 'yaml';
import { globalOptions, settingsOf, type CommandContext } from '../context.js';
import { print } from '../output.js';
import { quietAwsSdk } from '../quiet-aws-sdk.js';
import type { CommandModule } from './types.js';

function collect(value: string, previous: string[]): string[] {
  return [...previous, value];
}

/** The server configuration: the file (checked with positions), then the flags over it. */
async function loadConfig(opts: Record<string, unknown>) {
  const { ServerConfig } = await import('@quai/api');
  const file = typeof opts['config'] === 'string' ? opts['config'] : undefined;
  let fromFile: Record<string, unknown> = {};
  if (file !== undefined) {
    const text = await model.readInput(file, 'server configuration');
    model.parseYamlAs(ServerConfig, text, file, 'server configuration');
    fromFile = (parseYaml(text) ?? {}) as Record<string, unknown>;
  }
  const merged: Record<string, unknown> = {
    ...fromFile,
    ...(typeof opts['listen'] === 'string' ? { listen: opts['listen'] } : {}),
    ...(typeof opts['publicUrl'] === 'string' ? { publicUrl: opts['publicUrl'] } : {}),
    ...(typeof opts['sqlite'] === 'string' ? { storage: { sqlite: opts['sqlite'] } } : {}),
    ...(opts['postgres'] === true ? { storage: { postgres: { urlEnv: 'QUAI_DATABASE_URL' } } } : {}),
    ...(opts['impersonate'] === false ? { impersonate: false } : {}),
  };
  // Only flags can be wrong here: the file was checked above.
  return model.parseYamlAs(ServerConfig, stringify(merged), '(flags)', 'server configuration');
}

function serveCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('serve')
    .description(tr(l, 'api.cli.description'))
    .option('--config <file>', tr(l, 'api.cli.flag.config'))
    .option('--listen <address:port>', tr(l, 'api.cli.flag.listen'))
    .option('--public-url <url>', tr(l, 'api.cli.flag.publicUrl'))
    .option('--sqlite <file>', tr(l, 'api.cli.flag.sqlite'))
    .option('--postgres', tr(l, 'api.cli.flag.postgres'))
    .option('--no-impersonate', tr(l, 'api.cli.flag.noImpersonate'))
    .hook('preAction', quietAwsSdk);
  cmd.addHelpText(
    'after',
    `\n${tr(l, 'cli.help.examples')}\n  ${ctx.programName} serve --listen 127.0.0.1:8484 --sqlite ~/.local/state/quai/quai.db\n  ${ctx.programName} serve --config /etc/quai/serve.yaml\n  ${ctx.programName} serve token create --user alice --group quai:ops\n  ${ctx.programName} serve manifests --image registry.cg49.fr/quai:0.1.0 > quai-serve.yaml\n\n${tr(l, 'api.cli.help')}`,
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const config = await loadConfig(opts);
    const { startServer } = await import('@quai/api');
    const settings = settingsOf(ctx, g);
    const server = await startServer({
      config,
      base: { cluster: settings.cluster, env: settings.env },
      version: ctx.version,
      onListen: (url) => ctx.io.err.write(`${tr(l, 'api.cli.listening', { url })}\n`),
    });
    // Ctrl-C or SIGTERM: stop taking requests, let those in flight finish, then exit.
    await new Promise<void>((resolve) => {
      if (ctx.signal.aborted) resolve();
      ctx.signal.addEventListener('abort', () => resolve(), { once: true });
    });
    ctx.io.err.write(`${tr(l, 'api.cli.draining', { count: server.api.inFlight() })}\n`);
    await server.stop();
    ctx.signalHandled?.();
    ctx.io.err.write(`${tr(l, 'api.cli.stopped')}\n`);
  });

  const token = new Command('token').description(tr(l, 'api.cli.token.description'));
  token
    .command('create')
    .description(tr(l, 'api.cli.token.create'))
    .requiredOption('--user <name>', tr(l, 'api.cli.token.user'))
    .option('--group <name>', tr(l, 'api.cli.token.group'), collect, [] as string[])
    .option('--description <text>', tr(l, 'api.cli.token.note'))
    .addHelpText(
      'after',
      `\n${tr(l, 'cli.help.examples')}\n  ${ctx.programName} serve token create --user ci-gitlab --group quai:deployers`,
    )
    .action(async (opts: Record<string, unknown>, self: Command) => {
      const g = globalOptions(self.optsWithGlobals());
      const { sha256 } = await import('@quai/api');
      const secret = `quai_${randomBytes(32).toString('base64url')}`;
      const entry = {
        user: opts['user'] as string,
        groups: opts['group'] as string[],
        sha256: sha256(secret),
        ...(typeof opts['description'] === 'string' ? { description: opts['description'] } : {}),
      };
      print(ctx.io, g.output, { token: secret, config: entry }, () =>
        [
          tr(l, 'api.cli.token.once'),
          '',
          secret,
          '',
          tr(l, 'api.cli.token.add'),
          '',
          stringify({ auth: { tokens: [entry] } }),
        ].join('\n'),
      );
    });
  cmd.addCommand(token);

  cmd.addCommand(
    new Command('manifests')
      .description(tr(l, 'api.cli.manifests.description'))
      .option('--image <image>', tr(l, 'api.cli.manifests.image'), `quai:${ctx.version}`)
      .option('--target-namespace <name>', tr(l, 'api.cli.manifests.namespace'), 'quai-system')
      .addOption(
        new Option('--storage <kind>', tr(l, 'api.cli.manifests.storage'))
          .choices(['sqlite', 'postgres'])
          .default('sqlite'),
      )
      .option('--replicas <n>', tr(l, 'api.cli.manifests.replicas'), (v) => Number(v), 2)
      .option('--public-url <url>', tr(l, 'api.cli.flag.publicUrl'))
      .option('--config <file>', tr(l, 'api.cli.flag.config'))
      .addHelpText(
        'after',
        `\n${tr(l, 'cli.help.examples')}\n  ${ctx.programName} serve manifests --image registry.cg49.fr/quai:0.1.0 --public-url https://quai.cg49.fr | kubectl apply -f -\n  ${ctx.programName} serve manifests --storage postgres --replicas 2 -o json`,
      )
      .action(async (opts: Record<string, unknown>, self: Command) => {
        const g = globalOptions(self.optsWithGlobals());
        const { serverManifests } = await import('@quai/api');
        const config =
          typeof opts['config'] === 'string' && existsSync(opts['config'])
            ? await loadConfig(opts)
            : undefined;
        const objects = serverManifests({
          namespace: opts['targetNamespace'] as string,
          image: opts['image'] as string,
          storage: opts['storage'] as 'sqlite' | 'postgres',
          replicas: opts['replicas'] as number,
          ...(typeof opts['publicUrl'] === 'string' ? { publicUrl: opts['publicUrl'] } : {}),
          ...(config === undefined
            ? {}
            : {
                config: {
                  auth: config.auth,
                  impersonate: config.impersonate,
                  defaultLang: config.defaultLang,
                },
              }),
        });
        print(ctx.io, g.output, objects, () => render.toYamlStream(objects));
      }),
  );
  return cmd;
}

export const serveCommandModule: CommandModule = {
  name: 'serve',
  register: (p, ctx) => p.addCommand(serveCommand(ctx)),
};
