import {
  msg,
  t,
  type capacityUseCases,
  type Message,
  type DocumentSource,
  type Outcome,
  type RequestOf,
  type ResultOf,
  type TextSource,
} from '@quai/contracts';
import * as capacity from '../capacity/index.js';
import { QuaiError } from '../errors/index.js';
import type { KubeObject } from '../kube/index.js';
import { render } from '../render/index.js';
import { parseYamlStream } from '../util/index.js';
import type { AppContext } from './context.js';
import { isProduction } from './deploy.js';
import { loadApp, loadPlatformOf, readDocument, resolveTarget } from './inputs.js';

type UseCases = typeof capacityUseCases;
type Req<K extends string> = RequestOf<UseCases[`capacity.${K}` & keyof UseCases]>;
type Res<K extends string> = ResultOf<UseCases[`capacity.${K}` & keyof UseCases]>;

/** Cluster snapshots and inventories can be large: 512 MiB for files named on the command line. */
const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

function now(ctx: AppContext): Date {
  return ctx.settings.now?.() ?? new Date();
}

/** A text file from a path (through the front end's file access) or given inline. */
async function readText(
  ctx: AppContext,
  source: TextSource | DocumentSource,
  what: Message,
  maxBytes: number,
): Promise<{ text: string; name: string }> {
  const inline = (): string => `(${t(ctx.settings.lang, what)})`;
  if ('text' in source) return { text: source.text, name: source.name ?? inline() };
  if ('yaml' in source) return { text: source.yaml, name: source.name ?? inline() };
  const files = ctx.settings.files;
  if (files === undefined) {
    throw new QuaiError('USAGE', msg('app.noFileAccess', { what, path: source.file }), {
      hint: msg('app.noFileAccessHint'),
    });
  }
  return { text: await files.readText(source.file, { what, maxBytes }), name: source.file };
}

/** A YAML or JSON stream of Kubernetes objects (JSON read directly: snapshots are large). */
function objectsOf(text: string, file: string): unknown[] {
  const t = text.trimStart();
  if (t.startsWith('{') || t.startsWith('[')) {
    try {
      const v = JSON.parse(t) as unknown;
      return Array.isArray(v) ? v : [v];
    } catch {
      // Not JSON after all: YAML (a superset) reports where it breaks.
    }
  }
  return parseYamlStream(text, { file });
}

function progressStep(ctx: AppContext, message: ReturnType<typeof msg>): void {
  ctx.progress({ kind: 'step', message });
}

// ---------------------------------------------------------------------------------------------

export async function report(req: Req<'report'>, ctx: AppContext): Promise<Outcome<Res<'report'>>> {
  const client = await ctx.kube();
  progressStep(ctx, msg('capacity.progress.reading'));
  const objects = await capacity.readClusterObjects(client, ctx.signal);
  const snapshot = capacity.snapshotOf(objects);
  let usage: capacity.Usage | undefined;
  let usageSource: Res<'report'>['usageSource'] = { kind: 'none' };
  const wantPrometheus = req.usage === 'prometheus' || (req.usage === 'auto' && req.prometheus !== undefined);
  if (wantPrometheus) {
    if (req.prometheus === undefined) throw new QuaiError('USAGE', msg('capacity.prometheus.needed'));
    progressStep(ctx, msg('capacity.progress.prometheus', { url: req.prometheus.url }));
    usage = await capacity.readPrometheusUsage(req.prometheus, ctx.signal);
    usageSource = {
      kind: 'prometheus',
      detail: msg('capacity.usage.prometheus', { url: req.prometheus.url }),
    };
  } else if (req.usage !== 'none') {
    progressStep(ctx, msg('capacity.progress.metrics'));
    usage = await capacity.readMetricsServer(client, ctx.signal);
    if (usage === undefined) {
      if (req.usage === 'metrics-server') throw capacity.metricsNotServed('GET /apis/metrics.k8s.io/v1beta1');
      usageSource = { kind: 'none', detail: msg('capacity.usage.noMetricsServer') };
    } else {
      usageSource = { kind: 'metrics-server', detail: msg('capacity.usage.metricsServer') };
    }
  }
  const result = capacity.capacityReport(snapshot, {
    ...(req.namespaces === undefined ? {} : { namespaces: req.namespaces }),
    top: req.top,
    now: now(ctx),
    ...(usage === undefined ? {} : { usage }),
    usageSource,
  });
  // Pending pods and fragmented shapes are worth an exit code of their own in CI.
  const findings =
    result.pending.length > 0 || result.fragmentation.shapes.some((s) => s.status === 'fragmented');
  return { outcome: findings ? 'findings' : 'ok', result };
}

// ---------------------------------------------------------------------------------------------

export async function simulate(req: Req<'simulate'>, ctx: AppContext): Promise<Outcome<Res<'simulate'>>> {
  let objects: capacity.ClusterObjects;
  let source: 'cluster' | 'snapshot';
  if (req.snapshot !== undefined) {
    const doc = await readText(ctx, req.snapshot, msg('model.what.clusterSnapshot'), MAX_SNAPSHOT_BYTES);
    progressStep(ctx, msg('capacity.progress.snapshot', { file: doc.name }));
    objects = capacity.clusterObjectsOf(objectsOf(doc.text, doc.name));
    if (objects.nodes.length === 0) {
      throw new QuaiError('INPUT_INVALID', msg('capacity.simulate.noNodes', { file: doc.name }), {
        hint: msg('capacity.simulate.snapshotHint'),
      });
    }
    source = 'snapshot';
  } else {
    const client = await ctx.kube();
    progressStep(ctx, msg('capacity.progress.reading'));
    objects = await capacity.readClusterObjects(client, ctx.signal);
    source = 'cluster';
  }
  const snapshot = capacity.snapshotOf(objects);
  const add: capacity.AddedObjects[] = [];
  if (req.apps.length > 0) {
    const platform = await loadPlatformOf(ctx, req.platform);
    for (const a of req.apps) {
      const app = await loadApp(ctx, a);
      const r = render({ app, platform, environment: req.environment });
      add.push({
        source: 'file' in a ? a.file : (a.name ?? app.metadata.name),
        app: app.metadata.name,
        namespace: req.namespace ?? r.namespace,
        objects: r.objects.map((o) =>
          req.namespace === undefined || o.metadata.namespace === undefined
            ? o
            : { ...o, metadata: { ...o.metadata, namespace: req.namespace } },
        ),
      });
    }
  }
  for (const m of req.manifests) {
    const doc = await readDocument(ctx, m, msg('model.what.manifests'));
    const docs = objectsOf(doc.text, doc.name);
    const objectsIn: KubeObject[] = [];
    docs.forEach((d, i) => {
      const o = d as Partial<KubeObject> | null;
      if (
        o === null ||
        typeof o !== 'object' ||
        typeof o.kind !== 'string' ||
        typeof o.metadata !== 'object'
      ) {
        throw new QuaiError(
          'INPUT_INVALID',
          msg('capacity.simulate.notObject', { file: doc.name, index: i + 1 }),
          {
            hint: msg('capacity.simulate.manifestHint'),
          },
        );
      }
      if (o.kind.endsWith('List') && Array.isArray((o as KubeObject)['items'])) {
        objectsIn.push(...((o as KubeObject)['items'] as KubeObject[]));
      } else objectsIn.push(o as KubeObject);
    });
    if (!objectsIn.some(capacity.isWorkload)) {
      ctx.progress({ kind: 'warning', message: msg('capacity.simulate.noWorkload', { file: doc.name }) });
    }
    add.push({
      source: doc.name,
      namespace: req.namespace ?? ctx.settings.cluster.namespace ?? 'default',
      objects: objectsIn,
    });
  }
  progressStep(
    ctx,
    msg('capacity.progress.simulating', { nodes: snapshot.nodes.length, pods: snapshot.pods.length }),
  );
  const result = capacity.simulateChanges(
    snapshot,
    {
      add,
      replicas: req.replicas,
      autoscaled: req.autoscaled,
      removeNodes: req.removeNodes,
      drainNodes: req.drainNodes,
      addNodes: req.addNodes,
      ...(req.nodeTemplate === undefined ? {} : { nodeTemplate: req.nodeTemplate }),
    },
    { now: now(ctx), source },
  );
  return { outcome: result.verdict === 'fits' ? 'ok' : 'findings', result };
}

// ---------------------------------------------------------------------------------------------

export async function size(req: Req<'size'>, ctx: AppContext): Promise<Outcome<Res<'size'>>> {
  const doc = await readText(ctx, req.inventory, msg('model.what.vmInventory'), 64 * 1024 * 1024);
  const vms = capacity.parseInventory(doc.text, doc.name);
  const result = capacity.sizeNodes(vms, {
    shapes: req.shapes,
    failures: req.failures,
    surge: req.surge,
    targetUtilisation: req.targetUtilisation,
    peakFactor: req.peakFactor,
    memoryFactor: req.memoryFactor,
    reserved: req.reserved,
    maxPodsPerNode: req.maxPodsPerNode,
    podsPerVm: req.podsPerVm,
  });
  return { outcome: 'ok', result };
}

// ---------------------------------------------------------------------------------------------

/** Usage history saved from Prometheus: `{"cpu": <query_range answer>, "memory": <query_range answer>}`. */
function historyFromText(text: string, file: string): capacity.RangeResult {
  let v: unknown;
  try {
    v = JSON.parse(text);
  } catch (error) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('capacity.rightsize.badHistory', { file, detail: (error as Error).message }),
      {
        hint: msg('capacity.rightsize.historyHint'),
      },
    );
  }
  const pick = (x: unknown): capacity.RangeResult['cpu'] => {
    const o = x as { data?: unknown; result?: unknown } | undefined;
    const data = (o?.data ?? o) as { result?: unknown } | undefined;
    if (data === undefined || !Array.isArray(data.result)) return undefined;
    return data as capacity.RangeResult['cpu'];
  };
  const o = v as { cpu?: unknown; memory?: unknown } | null;
  const cpu = pick(o?.cpu);
  const memory = pick(o?.memory);
  if (cpu === undefined && memory === undefined) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('capacity.rightsize.badHistory', { file, detail: 'no "cpu" or "memory" range result' }),
      {
        hint: msg('capacity.rightsize.historyHint'),
      },
    );
  }
  return { cpu, memory };
}

export async function rightsize(req: Req<'rightsize'>, ctx: AppContext): Promise<Outcome<Res<'rightsize'>>> {
  const doc = await readDocument(ctx, req.app, msg('model.what.appSpec'));
  const app = await loadApp(ctx, req.app);
  const platform = await loadPlatformOf(ctx, req.platform);
  const target = await resolveTarget(ctx, req.app, req);
  const rendered = render({ app, platform, environment: req.environment });
  let history: capacity.RangeResult;
  let sourceKind: 'prometheus' | 'history';
  if (req.history !== undefined) {
    const h = await readText(ctx, req.history, msg('model.what.usageHistory'), 256 * 1024 * 1024);
    history = historyFromText(h.text, h.name);
    sourceKind = 'history';
  } else if (req.prometheus !== undefined) {
    progressStep(
      ctx,
      msg('capacity.progress.history', {
        url: req.prometheus.url,
        window: req.window,
        namespace: target.namespace,
      }),
    );
    history = await capacity.readPrometheusHistory(
      req.prometheus,
      target.namespace,
      req.window,
      now(ctx),
      ctx.signal,
    );
    sourceKind = 'prometheus';
  } else {
    throw new QuaiError('USAGE', msg('capacity.rightsize.noSource'), {
      hint: msg('capacity.rightsize.noSourceHint'),
    });
  }
  const byContainer = capacity.historyByContainer(history);
  const containers: Res<'rightsize'>['containers'][number][] = [];
  for (const name of Object.keys(app.spec.components)) {
    const deployment = rendered.objects.find((o) => o.kind === 'Deployment' && o.metadata.name === name);
    const container = (
      (
        deployment?.['spec'] as {
          template?: {
            spec?: { containers?: { name: string; resources?: Record<string, Record<string, string>> }[] };
          };
        }
      )?.template?.spec?.containers ?? []
    ).find((c) => c.name === name);
    const current = {
      requests: { ...(container?.resources?.['requests'] ?? {}) },
      limits: { ...(container?.resources?.['limits'] ?? {}) },
    };
    containers.push(
      capacity.recommendRightsize(name, current, byContainer.get(name), req.method, req.minChange),
    );
  }
  // Production's numbers go into the component itself; other environments' into their override.
  const intoOverride =
    !isProduction(req.environment) ||
    containers.some(
      (c) => app.spec.environments?.[req.environment]?.components?.[c.component]?.resources !== undefined,
    );
  const changed = containers.filter((c) => c.change !== 'keep' && c.change !== 'no-data');
  const spec = capacity.applyToSpec(
    doc.text,
    changed.map((c) => ({ component: c.component, resources: c.recommended })),
    intoOverride ? { environment: req.environment } : {},
  );
  const patch = capacity.unifiedDiff(doc.text, spec, `a/${doc.name}`, `b/${doc.name}`);
  return {
    outcome: changed.length > 0 ? 'changes' : 'ok',
    result: {
      app: app.metadata.name,
      environment: req.environment,
      namespace: target.namespace,
      method: req.method,
      rule: capacity.ruleOf(req.method),
      source: { kind: sourceKind, window: req.window },
      containers,
      spec,
      patch,
      changed: changed.length > 0,
    },
  };
}

// ---------------------------------------------------------------------------------------------

export async function scale(req: Req<'scale'>, ctx: AppContext): Promise<Outcome<Res<'scale'>>> {
  const target = await resolveTarget(ctx, req.app, req);
  let component = req.component;
  if (component === undefined && !('app' in req.app)) {
    const spec = await loadApp(ctx, req.app);
    const names = Object.keys(spec.spec.components);
    if (names.length === 1) component = names[0];
  }
  const client = await ctx.kube();
  const result = await capacity.scaleWorkload(client, {
    namespace: target.namespace,
    app: target.app,
    ...(component === undefined ? {} : { component }),
    replicas: req.replicas,
    actor: ctx.settings.actor ?? ctx.settings.env['USER'] ?? 'unknown',
    ...(req.reason === undefined ? {} : { reason: req.reason }),
    now: now(ctx),
    signal: ctx.signal,
  });
  return {
    outcome: 'ok',
    result: {
      ...result,
      environment: req.environment,
      target: { app: result.app, environment: req.environment, namespace: result.namespace },
    },
  };
}
