import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { Command } from 'commander';
import { formatDuration, msg, t, tr, type Lang } from '@quai/contracts';
import { QuaiError } from '@quai/core/errors';
import * as devcluster from '@quai/devcluster';
import { globalOptions, duration, positiveInt, type CommandContext } from '../context.js';
import { print, table, paint } from '../output.js';
import { Progress } from '../progress.js';
import type { CommandModule } from './types.js';

/** Prints the progress events of `up` as live lines. */
export function progressPrinter(progress: Progress, lang: Lang): (e: devcluster.ProgressEvent) => void {
  return (e) => {
    switch (e.kind) {
      case 'step':
        progress.step(t(lang, e.message));
        return;
      case 'build':
        if (e.line.includes('packages compiled')) progress.status(e.line.replace(/^\[control-plane\] /, ''));
        else progress.step(e.line.replace(/^\[control-plane\] /, ''));
        return;
      case 'done':
        progress.done(
          tr(lang, 'devcluster.progress.done', {
            message: e.message,
            seconds: formatDuration(lang, e.seconds * 1000),
          }),
        );
        return;
    }
  };
}

function nameOption(cmd: Command, ctx: CommandContext): Command {
  return cmd.option('--name <name>', tr(ctx.lang, 'devcluster.flag.name'), devcluster.DEFAULT_CLUSTER_NAME);
}

function upCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = new Command('up')
    .description(tr(l, 'devcluster.up'))
    .option('--nodes <count>', tr(l, 'devcluster.flag.nodes'), positiveInt(0, 5000), 3)
    .option('--node-cpu <cpu>', tr(l, 'devcluster.flag.nodeCpu'), devcluster.DEFAULT_NODE_SIZE.cpu)
    .option(
      '--node-memory <quantity>',
      tr(l, 'devcluster.flag.nodeMemory'),
      devcluster.DEFAULT_NODE_SIZE.memory,
    )
    .option(
      '--node-pods <count>',
      tr(l, 'devcluster.flag.nodePods'),
      positiveInt(1, 10000),
      devcluster.DEFAULT_NODE_SIZE.pods,
    )
    .option('--timeout <duration>', tr(l, 'devcluster.flag.timeout'), duration(), 120_000)
    .option(
      '--real-nodes <count>',
      tr(l, 'devcluster.flag.realNodes'),
      positiveInt(0, devcluster.MAX_REAL_NODES),
    )
    .option('--no-real-node-taint', tr(l, 'devcluster.flag.noRealNodeTaint'))
    .option('--registry-dir <dir>', tr(l, 'devcluster.flag.registryDir'));
  nameOption(cmd, ctx);
  cmd.addHelpText('after', `\n${tr(l, 'devcluster.upHelp', { program: ctx.programName })}`);
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const progress = new Progress(ctx.io, ctx.lang);
    const result = await devcluster.up({
      name: opts['name'] as string,
      nodes: opts['nodes'] as number,
      nodeSize: {
        cpu: opts['nodeCpu'] as string,
        memory: opts['nodeMemory'] as string,
        pods: opts['nodePods'] as number,
        ephemeralStorage: devcluster.DEFAULT_NODE_SIZE.ephemeralStorage,
      },
      startTimeoutMs: opts['timeout'] as number,
      ...(opts['realNodes'] !== undefined ? { realNodes: opts['realNodes'] as number } : {}),
      realNodeTaint: opts['realNodeTaint'] !== false,
      ...(typeof opts['registryDir'] === 'string' ? { registryDir: opts['registryDir'] } : {}),
      env: ctx.env,
      signal: ctx.signal,
      onProgress: progressPrinter(progress, ctx.lang),
    });
    print(ctx.io, g.output, { ...result.state, reused: result.reused, timings: result.timings }, () =>
      tr(ctx.lang, 'devcluster.upDone', {
        kubeconfig: result.state.kubeconfig,
        stop: `${ctx.programName} dev cluster down${result.state.name === devcluster.DEFAULT_CLUSTER_NAME ? '' : ` --name ${result.state.name}`}`,
      }),
    );
  });
  return cmd;
}

function downCommand(ctx: CommandContext): Command {
  const cmd = nameOption(new Command('down').description(tr(ctx.lang, 'devcluster.down')), ctx);
  cmd.addHelpText('after', `\n${tr(ctx.lang, 'devcluster.downHelp', { program: ctx.programName })}`);
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const result = await devcluster.down({ name: opts['name'] as string, env: ctx.env });
    print(ctx.io, g.output, result, () =>
      result.stopped.length === 0
        ? tr(ctx.lang, 'devcluster.nothingRunning')
        : tr(ctx.lang, 'devcluster.stopped', { components: result.stopped.join(', '), logs: result.logsDir }),
    );
  });
  return cmd;
}

function statusCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = nameOption(new Command('status').description(tr(l, 'devcluster.status')), ctx);
  cmd.addHelpText('after', `\n${tr(l, 'devcluster.statusHelp', { program: ctx.programName })}`);
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const s = await devcluster.status({ name: opts['name'] as string, env: ctx.env });
    const state = tr(l, `devcluster.state.${s.state}`);
    print(ctx.io, g.output, s, () => {
      if (s.state === 'stopped' && s.components.length === 0) {
        return tr(l, 'devcluster.notRunning', { name: s.name, program: ctx.programName });
      }
      const lines = [
        tr(l, 'devcluster.statusHead', {
          name: s.name,
          state: paint(ctx.io, s.state === 'running' ? 'green' : 'red', state),
          server: s.server ?? '-',
          kubeconfig: s.kubeconfig ?? '-',
        }),
        ...(s.versions
          ? [
              tr(l, 'devcluster.versions', {
                kubernetes: s.versions.kubernetes,
                etcd: s.versions.etcd,
                kwok: s.versions.kwok,
              }),
            ]
          : []),
        ...(s.fakeNodes
          ? [tr(l, 'devcluster.fakeNodes', { ready: s.fakeNodes.ready, total: s.fakeNodes.total })]
          : []),
        ...(s.realNodes
          ? [
              tr(l, 'devcluster.realNodes', {
                ready: s.realNodes.ready,
                total: s.realNodes.total,
                network: s.realNodes.network,
                address: s.realNodes.address,
                registry: s.realNodes.registry,
              }),
            ]
          : []),
        '',
        table(
          [
            tr(l, 'devcluster.column.component'),
            'PID',
            tr(l, 'devcluster.column.state'),
            tr(l, 'devcluster.column.log'),
          ],
          s.components.map((c) => [
            c.component,
            String(c.pid),
            tr(l, c.running ? 'devcluster.state.running' : 'devcluster.state.stopped'),
            c.log,
          ]),
        ),
      ];
      return lines.join('\n');
    });
    if (s.state !== 'running') {
      throw new QuaiError(
        'DEVCLUSTER_NOT_RUNNING',
        msg('devcluster.notRunningError', { name: s.name, state: msg(`devcluster.state.${s.state}`) }),
        { hint: msg('devcluster.notRunningHint', { program: ctx.programName }) },
      );
    }
  });
  return cmd;
}

function kubeconfigCommand(ctx: CommandContext): Command {
  const cmd = nameOption(new Command('kubeconfig').description(tr(ctx.lang, 'devcluster.kubeconfig')), ctx);
  cmd.option('--raw', tr(ctx.lang, 'devcluster.flag.raw'));
  cmd.addHelpText('after', `\n${tr(ctx.lang, 'devcluster.kubeconfigHelp', { program: ctx.programName })}`);
  cmd.action(async (opts: Record<string, unknown>) => {
    const path = await devcluster.kubeconfigPath({ name: opts['name'] as string, env: ctx.env });
    if (opts['raw'] === true) {
      const { readFile } = await import('node:fs/promises');
      ctx.io.out.write(await readFile(path, 'utf8'));
    } else {
      ctx.io.out.write(`${path}\n`);
    }
  });
  return cmd;
}

/** Quotes a value for a POSIX shell. */
const shellQuote = (value: string): string => `'${value.replaceAll("'", "'\\''")}'`;

function envCommand(ctx: CommandContext): Command {
  const cmd = nameOption(new Command('env').description(tr(ctx.lang, 'devcluster.env')), ctx);
  cmd.addHelpText('after', `\n${tr(ctx.lang, 'devcluster.envHelp', { program: ctx.programName })}`);
  cmd.action(async (opts: Record<string, unknown>) => {
    const kubeconfig = await devcluster.kubeconfigPath({ name: opts['name'] as string, env: ctx.env });
    const versions = await devcluster.pinnedVersions(ctx.env);
    const paths = devcluster.devClusterPaths(opts['name'] as string, ctx.env);
    const bin = join(paths.binDir, `kubernetes-${versions.kubernetes}`);
    if (!existsSync(join(bin, 'kubectl'))) {
      ctx.io.err.write(
        `${tr(ctx.lang, 'devcluster.envNoKubectl', { path: join(bin, 'kubectl'), program: ctx.programName })}\n`,
      );
    }
    ctx.io.out.write(`export KUBECONFIG=${shellQuote(kubeconfig)}\nexport PATH=${shellQuote(bin)}:"$PATH"\n`);
  });
  return cmd;
}

function imageCommand(ctx: CommandContext): Command {
  const l = ctx.lang;
  const cmd = nameOption(
    new Command('build')
      .description(tr(l, 'devcluster.imageBuild'))
      .argument(
        '[images...]',
        tr(l, 'devcluster.arg.images', { names: devcluster.STANDARD_IMAGES.join(', ') }),
      )
      .option('--no-push', tr(l, 'devcluster.flag.noPush')),
    ctx,
  );
  cmd.addHelpText('after', `\n${tr(l, 'devcluster.imageHelp', { program: ctx.programName })}`);
  cmd.action(async (names: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const progress = new Progress(ctx.io, ctx.lang);
    const wanted = (names.length > 0 ? names : devcluster.STANDARD_IMAGES) as devcluster.StandardImage[];
    const results: Record<string, unknown>[] = [];
    for (const image of wanted) {
      const common = {
        name: opts['name'] as string,
        env: ctx.env,
        signal: ctx.signal,
        onLine: (line: string) => {
          if (/\] I: /.test(line)) progress.status(line);
        },
      };
      if (opts['push'] === false) {
        const t0 = performance.now();
        const built = await devcluster.buildImage(image, common);
        results.push({
          image,
          tag: built.tag,
          digest: built.manifest.digest,
          cached: built.cached,
          seconds: Math.round(performance.now() - t0) / 1000,
        });
      } else {
        const pushed = await devcluster.clusterImage(image, common);
        results.push({ image, ...pushed });
      }
      progress.step(
        tr(l, 'devcluster.imageBuilt', {
          image,
          reference: String(results.at(-1)?.['reference'] ?? results.at(-1)?.['tag']),
        }),
      );
    }
    print(ctx.io, g.output, results, () =>
      table(
        [
          tr(l, 'devcluster.column.image'),
          tr(l, 'devcluster.column.reference'),
          tr(l, 'devcluster.column.cached'),
          tr(l, 'devcluster.column.seconds'),
        ],
        results.map((r) => [
          String(r['image']),
          String(r['reference'] ?? r['tag']),
          String(r['cached']),
          String(r['seconds']),
        ]),
      ),
    );
  });
  return cmd;
}

export const devCommand: CommandModule = {
  name: 'dev',
  register(parent, ctx) {
    const dev = parent.command('dev').description(tr(ctx.lang, 'devcluster.dev'));
    const cluster = dev.command('cluster').description(tr(ctx.lang, 'devcluster.cluster'));
    cluster.addHelpText('after', `\n${tr(ctx.lang, 'devcluster.clusterHelp', { program: ctx.programName })}`);
    for (const sub of [
      upCommand(ctx),
      downCommand(ctx),
      statusCommand(ctx),
      kubeconfigCommand(ctx),
      envCommand(ctx),
    ]) {
      cluster.addCommand(sub);
    }
    const image = dev.command('image').description(tr(ctx.lang, 'devcluster.image'));
    image.addCommand(imageCommand(ctx));
  },
};
