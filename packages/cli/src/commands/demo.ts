import type { Command } from 'commander';
import { devcluster, type KubeClient, type KubeObject } from '@quai/core';
import { connect, globalOptions, type GlobalOptions } from '../context.js';
import { print, table } from '../output.js';
import { Progress } from '../progress.js';
import { progressPrinter } from './dev.js';
import type { CommandModule } from './types.js';

interface NodeView {
  readonly name: string;
  readonly ready: boolean;
  readonly zone: string;
  readonly cpu: string;
  readonly memory: string;
  readonly pods: string;
}

interface NodeObject extends KubeObject {
  readonly status?: {
    readonly allocatable?: Readonly<Record<string, string>>;
    readonly conditions?: readonly { readonly type: string; readonly status: string }[];
  };
}

async function nodeViews(client: KubeClient, signal: AbortSignal): Promise<NodeView[]> {
  const nodes = await client.list<NodeObject>('v1', 'Node', { signal });
  return nodes.map((n) => ({
    name: n.metadata.name ?? '',
    ready: (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    zone: n.metadata.labels?.['topology.kubernetes.io/zone'] ?? '-',
    cpu: n.status?.allocatable?.['cpu'] ?? '-',
    memory: n.status?.allocatable?.['memory'] ?? '-',
    pods: n.status?.allocatable?.['pods'] ?? '-',
  }));
}

/** True when the user pointed Quai at a cluster (flag or KUBECONFIG); else the demo runs locally. */
function clusterConfigured(g: GlobalOptions, env: NodeJS.ProcessEnv): boolean {
  return g.kubeconfig !== undefined || g.context !== undefined || (env['KUBECONFIG'] ?? '') !== '';
}

export const demoCommand: CommandModule = {
  name: 'demo',
  register(parent, ctx) {
    const cmd = parent
      .command('demo')
      .description('Show Quai at work: on your cluster if one is configured, else on the local control plane')
      .option('--nodes <count>', 'fake nodes for the local control plane', (v) => Number(v), 3);
    cmd.addHelpText(
      'after',
      `\nExamples:\n  ${ctx.programName} demo                          # local control plane, built on first use\n  ${ctx.programName} demo --kubeconfig ~/.kube/config --context staging`,
    );
    cmd.action(async (opts: Record<string, unknown>, self: Command) => {
      let g = globalOptions(self.optsWithGlobals());
      const progress = new Progress(ctx.io);
      if (!clusterConfigured(g, ctx.env)) {
        progress.step(
          'No cluster configured (no --kubeconfig, --context or KUBECONFIG): using the local control plane',
        );
        const result = await devcluster.up({
          nodes: opts['nodes'] as number,
          env: ctx.env,
          signal: ctx.signal,
          onProgress: progressPrinter(progress),
        });
        g = { ...g, kubeconfig: result.state.kubeconfig };
      }
      const client = await connect(ctx, g);
      try {
        const version = await client.version(ctx.signal);
        const nodes = await nodeViews(client, ctx.signal);
        const data = {
          server: client.access.server,
          context: client.access.contextName,
          kubernetes: version.gitVersion,
          nodes,
        };
        print(ctx.io, g.output, data, () =>
          [
            `Cluster ${data.server} (context "${data.context}"), Kubernetes ${data.kubernetes}`,
            '',
            table(
              ['NODE', 'STATUS', 'ZONE', 'CPU', 'MEMORY', 'PODS'],
              nodes.map((n) => [n.name, n.ready ? 'Ready' : 'NotReady', n.zone, n.cpu, n.memory, n.pods]),
            ),
            '',
            g.kubeconfig ? `Try: kubectl --kubeconfig ${g.kubeconfig} get nodes` : '',
          ].join('\n'),
        );
      } finally {
        client.close();
      }
    });
  },
};
