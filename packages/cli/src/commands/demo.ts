import type { Command } from 'commander';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { formatDecimal, msg, tr, type AppSpec, type Lang } from '@quai/contracts';
import * as deploy from '@quai/core/deploy';
import * as model from '@quai/core/model';
import * as onboard from '@quai/core/onboard';
import * as render from '@quai/core/render';
import { QuaiError } from '@quai/core/errors';
import type { KubeClient, KubeObject } from '@quai/core/kube';
import * as devcluster from '@quai/devcluster';
import { connect, globalOptions, positiveInt, type GlobalOptions } from '../context.js';
import { print, table } from '../output.js';
import { Progress } from '../progress.js';
import { progressPrinter } from './dev.js';
import type { CommandModule } from './types.js';

interface NodeView {
  readonly name: string;
  /** real: a kubelet runs containers; fake: KWOK simulates the node. */
  readonly kind: 'real' | 'fake';
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
    kind: n.metadata.labels?.['type'] === 'real' ? 'real' : 'fake',
    ready: (n.status?.conditions ?? []).some((c) => c.type === 'Ready' && c.status === 'True'),
    zone: n.metadata.labels?.['topology.kubernetes.io/zone'] ?? '-',
    cpu: n.status?.allocatable?.['cpu'] ?? '-',
    memory: n.status?.allocatable?.['memory'] ?? '-',
    pods: n.status?.allocatable?.['pods'] ?? '-',
  }));
}

/**
 * The real part of the demo: a small web app (Python, from Debian packages) and its PostgreSQL,
 * both built into images from Debian packages, rendered and deployed by Quai like any app, in a
 * namespace whose pods go to the real node; the app's Service answers HTTP on the node's
 * NodePort, through kube-proxy.
 */
async function deployRealApp(
  l: Lang,
  client: KubeClient,
  progress: Progress,
  env: NodeJS.ProcessEnv,
  signal: AbortSignal,
): Promise<{ app: string; summary: string; url: string; answer: string }> {
  progress.step(tr(l, 'devcluster.demo.buildingImages'));
  const onLine = (line: string): void => {
    if (/\] I: /.test(line)) progress.status(line);
  };
  const [web, db] = [
    await devcluster.clusterImage('visits', { env, signal, onLine }),
    await devcluster.clusterImage('postgres', { env, signal, onLine }),
  ];
  const namespace = 'visits';
  const spec: AppSpec = {
    apiVersion: 'quai.dev/v1alpha1',
    kind: 'App',
    metadata: { name: 'visits' },
    spec: {
      namespace,
      components: {
        web: {
          image: web.reference,
          ports: [{ name: 'http', port: 8080, protocol: 'TCP' }],
          env: { DB_HOST: 'db', DB_NAME: 'visits', DB_USER: 'visits' },
          secretEnv: { DB_PASSWORD: { secret: 'visits-db', key: 'password' } },
          // Ready once its database answers (no dependsOn: its wait container would need an image
          // from outside).
          probes: { readiness: { http: { path: '/healthz', port: 'http' }, periodSeconds: 2 } },
        },
        db: {
          image: db.reference,
          ports: [{ name: 'postgres', port: 5432, protocol: 'TCP' }],
          env: { POSTGRES_USER: 'visits', POSTGRES_DB: 'visits' },
          secretEnv: { POSTGRES_PASSWORD: { secret: 'visits-db', key: 'password' } },
          volumes: [
            {
              name: 'data',
              type: 'persistent',
              mountPath: '/var/lib/postgresql/data',
              size: '1Gi',
              storageClass: devcluster.LOCAL_STORAGE_CLASS,
            },
          ],
          probes: {
            readiness: {
              exec: { command: ['pg_isready', '-h', '127.0.0.1', '-U', 'visits'] },
              periodSeconds: 2,
            },
          },
        },
      },
    },
  };
  const existing = await client.tryGet<KubeObject & { data?: Record<string, string> }>(
    { apiVersion: 'v1', kind: 'Secret', namespace, name: 'visits-db' },
    signal,
  );
  const password = existing?.data?.['password']
    ? Buffer.from(existing.data['password'], 'base64').toString('utf8')
    : randomBytes(18).toString('base64url');
  const rendered = render.render({
    app: spec,
    platform: model.defaultPlatform(),
    environment: 'prod',
    secrets: { 'visits-db': { password } },
  });
  // Every pod of the namespace goes to the real node (PodNodeSelector, PodTolerationRestriction).
  const objects = rendered.objects.map((o) =>
    o.kind === 'Namespace'
      ? {
          ...o,
          metadata: {
            ...o.metadata,
            annotations: { ...o.metadata.annotations, ...devcluster.realNodeNamespaceAnnotations() },
          },
        }
      : o,
  );
  progress.step(
    tr(l, 'devcluster.demo.renderedReal', { count: objects.length, level: rendered.policyLevel }),
  );
  const target = { app: 'visits', environment: 'prod', namespace: rendered.namespace };
  const result = await deploy.apply(client, target, objects, {
    signal,
    timeoutMs: 300_000,
    onEvent: (e) => {
      if (e.kind === 'progress') {
        const ready = e.states.filter((x) => x.readiness.state === 'ready').length;
        progress.status(tr(l, 'devcluster.demo.objectsReady', { ready, total: e.states.length }));
      }
    },
  });
  if (result.status !== 'deployed') {
    throw new QuaiError(
      'ROLLOUT_FAILED',
      msg('devcluster.demo.notReady', { reason: result.failure?.reason ?? result.status }),
      { hint: msg('devcluster.demo.notReadyHint') },
    );
  }
  progress.done(
    tr(l, 'devcluster.demo.revision', {
      app: 'visits',
      revision: result.revision,
      status: msg(`deploy.status.${result.status}`),
      seconds: formatDecimal(l, result.seconds),
    }),
  );
  // The app's Service is a ClusterIP one; a NodePort twin lets the host reach it through
  // kube-proxy on the real node's address.
  const service = await client.get<KubeObject & { spec: { selector?: Record<string, string> } }>(
    { apiVersion: 'v1', kind: 'Service', namespace, name: 'web' },
    signal,
  );
  const nodePort = await client.apply<KubeObject & { spec: { ports: { nodePort?: number }[] } }>(
    {
      apiVersion: 'v1',
      kind: 'Service',
      metadata: { name: 'web-nodeport', namespace, labels: { 'app.kubernetes.io/managed-by': 'quai-demo' } },
      spec: {
        type: 'NodePort',
        selector: service.spec.selector ?? {},
        ports: [{ name: 'http', port: 8080, targetPort: 'http' }],
      },
    },
    { fieldManager: 'quai-demo', force: true, signal },
  );
  const status = await devcluster.status({ env });
  const url = `http://${status.realNodes?.address ?? '127.0.0.1'}:${nodePort.spec.ports[0]?.nodePort ?? 0}/`;
  let answer = '';
  for (let attempt = 0; attempt < 20 && answer === ''; attempt++) {
    try {
      const r = await fetch(url, { signal: AbortSignal.any([signal, AbortSignal.timeout(5_000)]) });
      if (r.ok) answer = await r.text();
    } catch {
      // kube-proxy programs the NodePort within a second or two
    }
    if (answer === '') await new Promise((r) => setTimeout(r, 500));
  }
  return {
    app: 'visits',
    summary: tr(l, 'devcluster.demo.deployedReal', {
      revision: result.revision,
      status: msg(`deploy.status.${result.status}`),
      namespace,
    }),
    url,
    answer: answer.trim(),
  };
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
      .description(tr(ctx.lang, 'devcluster.demo'))
      .option('--nodes <count>', tr(ctx.lang, 'devcluster.demo.flag.nodes'), positiveInt(0, 5000), 3)
      .option(
        '--real-nodes <count>',
        tr(ctx.lang, 'devcluster.demo.flag.realNodes'),
        positiveInt(0, devcluster.MAX_REAL_NODES),
      )
      .option(
        '--example <compose-file>',
        tr(ctx.lang, 'devcluster.demo.flag.example'),
        'examples/grist/docker-compose.yml',
      );
    cmd.addHelpText('after', `\n${tr(ctx.lang, 'devcluster.demo.help', { program: ctx.programName })}`);
    cmd.action(async (opts: Record<string, unknown>, self: Command) => {
      let g = globalOptions(self.optsWithGlobals());
      const local = !clusterConfigured(g, ctx.env);
      let real = false;
      const progress = new Progress(ctx.io, ctx.lang);
      if (local) {
        progress.step(tr(ctx.lang, 'devcluster.demo.local'));
        let realNodes = opts['realNodes'] as number | undefined;
        if (realNodes === undefined) {
          try {
            devcluster.checkRealNodePrerequisites(ctx.env);
            realNodes = 1;
          } catch (error) {
            realNodes = 0;
            progress.step(
              tr(ctx.lang, 'devcluster.demo.noRealNode', {
                reason: (error instanceof QuaiError
                  ? `${error.message} ${error.hint ?? ''}`
                  : String(error)
                ).trim(),
              }),
            );
          }
        }
        real = realNodes > 0;
        const result = await devcluster.up({
          nodes: opts['nodes'] as number,
          ...(realNodes > 0 ? { realNodes } : {}),
          env: ctx.env,
          signal: ctx.signal,
          onProgress: progressPrinter(progress, ctx.lang),
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
          progress.step(tr(ctx.lang, 'devcluster.demo.importing', { file: compose }));
          const imported = onboard.convertCompose(await onboard.loadCompose({ files: [compose] }));
          const s = imported.report.summary;
          progress.step(
            tr(ctx.lang, 'devcluster.demo.conversion', {
              mapped: s.mapped,
              approximated: s.approximated,
              dropped: s.dropped,
              refused: s.refused,
            }),
          );
          const rendered = render.render({
            app: imported.spec,
            platform: model.defaultPlatform(),
            environment: 'prod',
            secrets: imported.secretValues,
          });
          progress.step(
            tr(ctx.lang, 'devcluster.demo.rendered', {
              count: rendered.objects.length,
              level: rendered.policyLevel,
            }),
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
                progress.status(
                  tr(ctx.lang, 'devcluster.demo.objectsReady', { ready, total: e.states.length }),
                );
              }
            },
          });
          progress.done(
            tr(ctx.lang, 'devcluster.demo.revision', {
              app: target.app,
              revision: result.revision,
              status: msg(`deploy.status.${result.status}`),
              seconds: formatDecimal(ctx.lang, result.seconds),
            }),
          );
          deployed = {
            app: target.app,
            summary: tr(ctx.lang, 'devcluster.demo.deployedFake', {
              app: target.app,
              revision: result.revision,
              status: msg(`deploy.status.${result.status}`),
              namespace: target.namespace,
            }),
          };
        }
        const realApp =
          local && real ? await deployRealApp(ctx.lang, client, progress, ctx.env, ctx.signal) : undefined;
        const data = {
          server: client.access.server,
          context: client.access.contextName,
          kubernetes: version.gitVersion,
          nodes,
          ...(deployed ? { deployed } : {}),
          ...(realApp ? { real: realApp } : {}),
        };
        print(ctx.io, g.output, data, () =>
          [
            tr(ctx.lang, 'devcluster.demo.cluster', {
              server: data.server,
              context: data.context,
              kubernetes: data.kubernetes,
            }),
            '',
            table(
              [
                tr(ctx.lang, 'devcluster.demo.column.node'),
                tr(ctx.lang, 'devcluster.demo.column.kind'),
                tr(ctx.lang, 'devcluster.demo.column.status'),
                tr(ctx.lang, 'devcluster.demo.column.zone'),
                'CPU',
                tr(ctx.lang, 'devcluster.demo.column.memory'),
                'PODS',
              ],
              nodes.map((n) => [
                n.name,
                tr(ctx.lang, n.kind === 'real' ? 'devcluster.demo.real' : 'devcluster.demo.fake'),
                n.ready ? 'Ready' : 'NotReady',
                n.zone,
                n.cpu,
                n.memory,
                n.pods,
              ]),
            ),
            '',
            deployed ? deployed.summary : '',
            realApp ? realApp.summary : '',
            realApp
              ? tr(ctx.lang, 'devcluster.demo.answers', { url: realApp.url, answer: realApp.answer })
              : '',
            deployed
              ? tr(ctx.lang, 'devcluster.demo.tryStatus', {
                  program: ctx.programName,
                  app: deployed.app,
                  kubeconfig: g.kubeconfig ?? '',
                })
              : '',
            g.kubeconfig ? tr(ctx.lang, 'devcluster.demo.tryKubectl', { kubeconfig: g.kubeconfig }) : '',
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
