import { Command } from 'commander';
import { QuaiError } from '@quai/core';
import * as devcluster from '@quai/devcluster';
import { globalOptions, duration, positiveInt, type CommandContext } from '../context.js';
import { print, table, paint } from '../output.js';
import { Progress } from '../progress.js';
import type { CommandModule } from './types.js';

/** Prints the progress events of `up` as live lines. */
export function progressPrinter(progress: Progress): (e: devcluster.ProgressEvent) => void {
  return (e) => {
    switch (e.kind) {
      case 'step':
        progress.step(e.message);
        return;
      case 'build':
        if (e.line.includes('packages compiled')) progress.status(e.line.replace(/^\[control-plane\] /, ''));
        else progress.step(e.line.replace(/^\[control-plane\] /, ''));
        return;
      case 'done':
        progress.done(`${e.message} (${e.seconds.toFixed(1)}s)`);
        return;
    }
  };
}

function nameOption(cmd: Command): Command {
  return cmd.option('--name <name>', 'name of the local cluster', devcluster.DEFAULT_CLUSTER_NAME);
}

function upCommand(ctx: CommandContext): Command {
  const cmd = new Command('up')
    .description('Build (first time only) and start the local control plane, or reuse a running one')
    .option('--nodes <count>', 'fake nodes to run', positiveInt(0, 5000), 3)
    .option('--node-cpu <cpu>', 'CPU capacity of each fake node', devcluster.DEFAULT_NODE_SIZE.cpu)
    .option(
      '--node-memory <quantity>',
      'memory capacity of each fake node',
      devcluster.DEFAULT_NODE_SIZE.memory,
    )
    .option(
      '--node-pods <count>',
      'pod capacity of each fake node',
      positiveInt(1, 10000),
      devcluster.DEFAULT_NODE_SIZE.pods,
    )
    .option('--timeout <duration>', 'how long each component may take to become ready', duration(), 120_000)
    .option(
      '--real-nodes <count>',
      'real nodes (containerd and a kubelet, needs root) next to the fake ones; unset keeps what runs',
      positiveInt(0, devcluster.MAX_REAL_NODES),
    )
    .option(
      '--no-real-node-taint',
      'let any pod land on real nodes (by default only pods that tolerate quai.dev/real-node)',
    )
    .option(
      '--registry-dir <dir>',
      "where the real nodes' image registry stores images (default: the cluster's data folder)",
    );
  nameOption(cmd);
  cmd.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} dev cluster up                 # 3 fake nodes
  ${ctx.programName} dev cluster up --nodes 500     # a larger simulated cluster
  sudo ${ctx.programName} dev cluster up --real-nodes 1   # plus a real node that runs containers
  export KUBECONFIG=$(${ctx.programName} dev cluster kubeconfig)

The first run builds etcd, kube-apiserver, kube-controller-manager, kube-scheduler and KWOK
from Go modules (Go 1.26+ needed; about 10 minutes on 2 cores) into ~/.cache/quai; with
--real-nodes, the kubelet, kube-proxy and CoreDNS too (about 5 more minutes). Real nodes need
root and Debian's containerd, runc, containernetworking-plugins, iptables, socat,
docker-registry, gcc and libc6-dev; pods land there when they tolerate the quai.dev/real-node
taint and select quai.dev/node=real (or run in a namespace annotated for it: docs/control-plane.md).
Run again on a degraded cluster, it restarts only what is down, on the same data and ports.`,
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const progress = new Progress(ctx.io);
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
      onProgress: progressPrinter(progress),
    });
    print(ctx.io, g.output, { ...result.state, reused: result.reused, timings: result.timings }, () =>
      [
        `Kubeconfig: ${result.state.kubeconfig}`,
        `Use it:     export KUBECONFIG=${result.state.kubeconfig}`,
        `Stop it:    ${ctx.programName} dev cluster down${result.state.name === devcluster.DEFAULT_CLUSTER_NAME ? '' : ` --name ${result.state.name}`}`,
      ].join('\n'),
    );
  });
  return cmd;
}

function downCommand(ctx: CommandContext): Command {
  const cmd = nameOption(
    new Command('down').description('Stop every component of the local control plane and delete its data'),
  );
  cmd.addHelpText(
    'after',
    `\nExample:\n  ${ctx.programName} dev cluster down\n\nLogs stay in the cluster's logs folder for a post-mortem.`,
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const result = await devcluster.down({ name: opts['name'] as string, env: ctx.env });
    print(ctx.io, g.output, result, () =>
      result.stopped.length === 0
        ? 'Nothing was running.'
        : `Stopped ${result.stopped.join(', ')}. Logs kept in ${result.logsDir}.`,
    );
  });
  return cmd;
}

function statusCommand(ctx: CommandContext): Command {
  const cmd = nameOption(
    new Command('status').description(
      'Show whether the local control plane runs, with each component and its log',
    ),
  );
  cmd.addHelpText(
    'after',
    `\nExamples:\n  ${ctx.programName} dev cluster status\n  ${ctx.programName} dev cluster status -o json\n\nExits 0 when running, 7 when stopped or degraded.`,
  );
  cmd.action(async (opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const s = await devcluster.status({ name: opts['name'] as string, env: ctx.env });
    print(ctx.io, g.output, s, () => {
      if (s.state === 'stopped' && s.components.length === 0) {
        return `The local cluster "${s.name}" is not running. Start it with: ${ctx.programName} dev cluster up`;
      }
      const stateText = paint(ctx.io, s.state === 'running' ? 'green' : 'red', s.state);
      const lines = [
        `Cluster "${s.name}": ${stateText}`,
        `Server:     ${s.server ?? '-'}`,
        `Kubeconfig: ${s.kubeconfig ?? '-'}`,
        s.versions
          ? `Versions:   Kubernetes ${s.versions.kubernetes}, etcd ${s.versions.etcd}, KWOK ${s.versions.kwok}`
          : '',
        s.fakeNodes
          ? `Fake nodes: ${s.fakeNodes.ready}/${s.fakeNodes.total} Ready (KWOK: no container runs)`
          : '',
        s.realNodes
          ? `Real nodes: ${s.realNodes.ready}/${s.realNodes.total} Ready (containerd and kubelet; network ${s.realNodes.network}, address ${s.realNodes.address}, registry ${s.realNodes.registry})`
          : '',
        '',
        table(
          ['COMPONENT', 'PID', 'STATE', 'LOG'],
          s.components.map((c) => [c.component, String(c.pid), c.running ? 'running' : 'stopped', c.log]),
        ),
      ];
      return lines.filter((l, i) => l !== '' || i === 6).join('\n');
    });
    if (s.state !== 'running') {
      throw new QuaiError('DEVCLUSTER_NOT_RUNNING', `The local cluster "${s.name}" is ${s.state}.`, {
        hint: `Run \`${ctx.programName} dev cluster up\` to start or repair it.`,
      });
    }
  });
  return cmd;
}

function kubeconfigCommand(ctx: CommandContext): Command {
  const cmd = nameOption(
    new Command('kubeconfig').description("Print the path of the local cluster's admin kubeconfig"),
  );
  cmd.option('--raw', 'print the kubeconfig itself instead of its path');
  cmd.addHelpText(
    'after',
    `\nExamples:\n  export KUBECONFIG=$(${ctx.programName} dev cluster kubeconfig)\n  ${ctx.programName} dev cluster kubeconfig --raw > ~/.kube/quai-dev`,
  );
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

function imageCommand(ctx: CommandContext): Command {
  const cmd = nameOption(
    new Command('build')
      .description("Build images from Debian packages (cached) and push them to the real nodes' registry")
      .argument('[images...]', `images to build: ${devcluster.STANDARD_IMAGES.join(', ')} (default: all)`)
      .option('--no-push', 'build into the cache only; no cluster needed'),
  );
  cmd.addHelpText(
    'after',
    `
Examples:
  ${ctx.programName} dev image build postgres nginx
  ${ctx.programName} dev image build quai --no-push     # Quai's own image (run npm run build first)

Images are made by mmdebstrap (Debian package mmdebstrap) from the host's Debian suite, packed
as OCI images by Quai and kept in ~/.cache/quai/images, keyed by what makes them.`,
  );
  cmd.action(async (names: string[], opts: Record<string, unknown>, self: Command) => {
    const g = globalOptions(self.optsWithGlobals());
    const progress = new Progress(ctx.io);
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
      progress.step(`${image}: ${String(results.at(-1)?.['reference'] ?? results.at(-1)?.['tag'])}`);
    }
    print(ctx.io, g.output, results, () =>
      table(
        ['IMAGE', 'REFERENCE', 'CACHED', 'SECONDS'],
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
    const dev = parent.command('dev').description('Tools for developing and testing with Quai');
    const cluster = dev
      .command('cluster')
      .description(
        'A real local Kubernetes control plane (etcd, apiserver, controllers, scheduler, KWOK nodes)',
      );
    cluster.addHelpText(
      'after',
      `\nExample:\n  ${ctx.programName} dev cluster up && kubectl --kubeconfig "$(${ctx.programName} dev cluster kubeconfig)" get nodes`,
    );
    for (const sub of [upCommand(ctx), downCommand(ctx), statusCommand(ctx), kubeconfigCommand(ctx)]) {
      cluster.addCommand(sub);
    }
    const image = dev
      .command('image')
      .description('Container images from Debian packages, for the real nodes');
    image.addCommand(imageCommand(ctx));
  },
};
