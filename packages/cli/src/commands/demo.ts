import type { Command } from 'commander';
import { existsSync } from 'node:fs';
import { deploy, model, onboard, render, type KubeClient, type KubeObject } from '@quai/core';
import * as devcluster from '@quai/devcluster';
import { connect, globalOptions, positiveInt, type GlobalOptions } from '../context.js';
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
      .option('--nodes <count>', 'fake nodes for the local control plane', positiveInt(0, 5000), 3)
      .option(
        '--example <compose-file>',
        'vendor compose file deployed on the local control plane',
        'examples/grist/docker-compose.yml',
      );
    cmd.addHelpText(
      'after',
      `\nExamples:\n  ${ctx.programName} demo                          # local control plane (built on first use),
                                                  # then Grist imported from compose and deployed\n  ${ctx.programName} demo --kubeconfig ~/.kube/config --context staging`,
    );
    cmd.action(async (opts: Record<string, unknown>, self: Command) => {
      let g = globalOptions(self.optsWithGlobals());
      const local = !clusterConfigured(g, ctx.env);
      const progress = new Progress(ctx.io);
      if (local) {
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
        // On the local control plane only: onboard and deploy an example vendor app end to end.
        const compose = opts['example'] as string;
        let deployed: { app: string; summary: string } | undefined;
        if (local && existsSync(compose)) {
          progress.step(`Importing ${compose} (a vendor compose file)`);
          const imported = onboard.convertCompose(await onboard.loadCompose({ files: [compose] }));
          const s = imported.report.summary;
          progress.step(
            `Conversion: ${s.mapped} keys mapped, ${s.approximated} approximated, ${s.dropped} not carried over, ${s.refused} refused`,
          );
          const rendered = render.render({
            app: imported.spec,
            platform: model.defaultPlatform(),
            environment: 'prod',
            secrets: imported.secretValues,
          });
          progress.step(
            `Rendered ${rendered.objects.length} hardened objects (Pod Security: ${rendered.policyLevel}); deploying`,
          );
          const target = {
            app: imported.spec.metadata.name,
            environment: 'prod',
            namespace: rendered.namespace,
          };
          const result = await deploy.apply(client, target, rendered.objects, {
            signal: ctx.signal,
            timeoutMs: 120_000,
            onEvent: (e) => {
              if (e.kind === 'progress') {
                const ready = e.states.filter((x) => x.readiness.state === 'ready').length;
                progress.status(`${ready}/${e.states.length} objects ready`);
              }
            },
          });
          progress.done(
            `${target.app} revision ${result.revision} ${result.status} in ${result.seconds.toFixed(1)}s`,
          );
          deployed = {
            app: target.app,
            summary: `${target.app}: revision ${result.revision} ${result.status} in namespace ${target.namespace}`,
          };
        }
        const data = {
          server: client.access.server,
          context: client.access.contextName,
          kubernetes: version.gitVersion,
          nodes,
          ...(deployed ? { deployed } : {}),
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
            deployed ? `Deployed ${deployed.summary}.` : '',
            deployed ? `Try: quai status ${deployed.app} --kubeconfig ${g.kubeconfig ?? ''}` : '',
            g.kubeconfig ? `Try: kubectl --kubeconfig ${g.kubeconfig} get pods -A` : '',
          ]
            .filter((l, i) => l !== '' || i === 1)
            .join('\n'),
        );
      } finally {
        client.close();
      }
    });
  },
};
