import {
  msg,
  type LogLine,
  type Outcome,
  type RequestOf,
  type ResultOf,
  type viewUseCases,
} from '@quai/contracts';
import * as deploy from '../deploy/index.js';
import { QuaiError } from '../errors/index.js';
import * as view from '../view/index.js';
import type { AppContext } from './context.js';
import { compareText } from '../util/index.js';

type Req<K extends string> = RequestOf<(typeof viewUseCases)[`view.${K}` & keyof typeof viewUseCases]>;
type Res<K extends string> = ResultOf<(typeof viewUseCases)[`view.${K}` & keyof typeof viewUseCases]>;

/** How many events a page shows. */
const EVENTS = 30;

const now = (ctx: AppContext): Date => ctx.settings.now?.() ?? new Date();

async function snapshotOf(ctx: AppContext, namespace?: string): Promise<view.Snapshot> {
  return new view.Snapshot(await ctx.kube(), ctx.signal, namespace);
}

async function overviewOf(ctx: AppContext): Promise<Res<'overview'>> {
  const snap = await snapshotOf(ctx);
  const [version, nodes, pods, events, apps, ...workloads] = await Promise.all([
    snap.client.version(ctx.signal),
    snap.clusterList('v1', 'Node'),
    snap.list('v1', 'Pod'),
    snap.list('v1', 'Event'),
    view.listApps(snap),
    ...view.WORKLOAD_KINDS.filter(([, k]) => k !== 'Job').map(([v, k]) => snap.list(v, k)),
  ]);
  const nodeViews = view.nodeViews(nodes, pods);
  const appOf = new Map(apps.map((a) => [a.id, a.summary.name]));
  const failing = view.failingWorkloads(
    pods,
    workloads.flat(),
    (o) => {
      const id = view.partOf(o);
      return id === undefined ? undefined : appOf.get(id);
    },
    now(ctx),
  );
  const readyNodes = nodeViews.filter((n) => n.ready).length;
  return {
    version: version.gitVersion,
    health:
      nodeViews.length > 0 && readyNodes === 0
        ? 'down'
        : readyNodes < nodeViews.length || failing.length > 0
          ? 'degraded'
          : 'ok',
    nodes: nodeViews,
    capacity: view.capacityOf(nodeViews),
    apps: {
      total: apps.length,
      ready: apps.filter((a) => a.summary.status === 'ready').length,
      failing: apps.filter((a) => a.summary.status === 'failed').length,
    },
    events: view.eventViews(events, EVENTS),
    failing: failing.slice(0, 100),
    hidden: [...snap.hidden].sort(),
  };
}

/** The cluster at a glance. */
export async function overview(_req: Req<'overview'>, ctx: AppContext): Promise<Outcome<Res<'overview'>>> {
  return { outcome: 'ok', result: await overviewOf(ctx) };
}

async function appsOf(ctx: AppContext, namespace?: string): Promise<Res<'apps'>> {
  const snap = await snapshotOf(ctx, namespace);
  const apps = await view.listApps(snap);
  return { apps: apps.map((a) => a.summary), hidden: [...snap.hidden].sort() };
}

/** The apps `quai apply` deployed. */
export async function apps(req: Req<'apps'>, ctx: AppContext): Promise<Outcome<Res<'apps'>>> {
  return { outcome: 'ok', result: await appsOf(ctx, req.namespace) };
}

async function findApp(ctx: AppContext, app: string, namespace: string): Promise<view.AppRecord> {
  const snap = await snapshotOf(ctx, namespace);
  const found = (await view.listApps(snap)).find((a) => a.summary.name === app);
  if (found === undefined) {
    throw new QuaiError('NOT_FOUND', msg('view.appNotFound', { app, namespace }), {
      hint: msg('view.appNotFoundHint'),
    });
  }
  return found;
}

async function appDetailOf(ctx: AppContext, req: Req<'app'>): Promise<Res<'app'>> {
  const client = await ctx.kube();
  const record = await findApp(ctx, req.app, req.namespace);
  const target = { app: req.app, environment: record.summary.environment, namespace: req.namespace };
  const status = record.revisions.length === 0 ? undefined : await deploy.status(client, target, ctx.signal);
  const names = new Set([
    ...record.members.map((m) => `${m.kind}/${m.metadata.name ?? ''}`),
    ...record.pods.map((p) => `Pod/${p.metadata.name ?? ''}`),
  ]);
  const owners = record.members
    .filter((m) => m.kind === 'Deployment')
    .map((m) => `${m.metadata.name ?? ''}-`);
  const events = await client.list('v1', 'Event', { namespace: req.namespace, signal: ctx.signal });
  return {
    summary: record.summary,
    resources: (status?.objects ?? []).map((o) => ({
      object: o.object,
      state: o.readiness.state,
      detail: o.readiness.message,
    })),
    pods: record.pods
      .map((p) => {
        const statuses = (p.status?.['containerStatuses'] ?? []) as {
          name: string;
          ready?: boolean;
          restartCount?: number;
          state?: { waiting?: { reason?: string }; terminated?: { reason?: string } };
        }[];
        const reason = statuses
          .map((s) => s.state?.waiting?.reason ?? s.state?.terminated?.reason)
          .find((r) => r !== undefined);
        const component = p.metadata.labels?.['app.kubernetes.io/component'];
        const node = p.spec?.['nodeName'];
        const startedAt = p.status?.['startTime'];
        return {
          name: p.metadata.name ?? '',
          ...(component === undefined ? {} : { component }),
          phase: view.text(p.status?.['phase'], 'Unknown'),
          ready: statuses.length > 0 && statuses.every((s) => s.ready === true),
          restarts: statuses.reduce((s, c) => s + (c.restartCount ?? 0), 0),
          ...(typeof node === 'string' ? { node } : {}),
          containers: ((p.spec?.['containers'] ?? []) as { name: string }[]).map((c) => c.name),
          ...(reason === undefined ? {} : { reason }),
          ...(typeof startedAt === 'string' ? { startedAt } : {}),
        };
      })
      .sort((a, b) => compareText(a.name, b.name)),
    scalable: record.members
      .filter((m) => m.kind === 'Deployment' || m.kind === 'StatefulSet')
      .map((m) => ({
        component: m.metadata.labels?.['app.kubernetes.io/component'] ?? m.metadata.name ?? '',
        object: `${m.kind}/${m.metadata.name ?? ''}`,
        replicas: Number(m.spec?.['replicas'] ?? 1),
        ready: Number(m.status?.['readyReplicas'] ?? 0),
      })),
    events: view.eventViews(
      events,
      EVENTS,
      (_ns, kind, name) => names.has(`${kind}/${name}`) || owners.some((o) => name.startsWith(o)),
    ),
    revisions: [...record.revisions].reverse(),
  };
}

/** One app in detail. */
export async function app(req: Req<'app'>, ctx: AppContext): Promise<Outcome<Res<'app'>>> {
  return { outcome: 'ok', result: await appDetailOf(ctx, req) };
}

/** What changed between two revisions. */
export async function diff(req: Req<'diff'>, ctx: AppContext): Promise<Outcome<Res<'diff'>>> {
  const client = await ctx.kube();
  const read = async (n: number) => {
    const [s] = await client.list('v1', 'Secret', {
      namespace: req.namespace,
      labelSelector: `quai.dev/record=revision,quai.dev/app=${req.app},quai.dev/revision=${n}`,
      signal: ctx.signal,
    });
    if (s === undefined) {
      throw new QuaiError(
        'NOT_FOUND',
        msg('view.revisionNotFound', { revision: n, app: req.app, namespace: req.namespace }),
        { hint: msg('view.revisionNotFoundHint', { app: req.app }) },
      );
    }
    return view.revisionObjects(s);
  };
  const [before, after] = await Promise.all([read(req.from), read(req.to)]);
  return { outcome: 'ok', result: view.diffRevisions(req.from, req.to, before, after) };
}

function sleep(ms: number, signal: AbortSignal): Promise<void> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done(): void {
      clearTimeout(t);
      signal.removeEventListener('abort', done);
      resolve();
    }
    signal.addEventListener('abort', done, { once: true });
  });
}

/**
 * The last lines of an app's logs; with `follow`, those lines then the new ones as progress
 * events until the reader goes or `followMs` passes. The client reads whole answers, so following
 * asks again every two seconds for what came since the last line (a streaming read belongs in the
 * kube client).
 */
export async function logs(req: Req<'logs'>, ctx: AppContext): Promise<Outcome<Res<'logs'>>> {
  const client = await ctx.kube();
  const record = await findApp(ctx, req.app, req.namespace);
  const pods = record.pods.filter((p) => req.pod === undefined || p.metadata.name === req.pod);
  if (req.pod !== undefined && pods.length === 0) {
    throw new QuaiError('NOT_FOUND', msg('view.podNotFound', { pod: req.pod, app: req.app }), {
      hint: msg('view.podNotFoundHint'),
    });
  }
  const sources = pods.flatMap((p) =>
    ((p.spec?.['containers'] ?? []) as { name: string }[])
      .filter((c) => req.container === undefined || c.name === req.container)
      .map((c) => ({ pod: p.metadata.name ?? '', container: c.name })),
  );
  const lines: LogLine[] = [];
  const errors: { pod: string; message: string }[] = [];
  const last = new Map<string, string>();
  for (const s of sources) {
    try {
      const got = await view.readLog(client, req.namespace, s.pod, s.container, {
        tailLines: req.tailLines,
        signal: ctx.signal,
      });
      lines.push(...got);
      const at = got.at(-1)?.at;
      if (at !== undefined) last.set(`${s.pod}/${s.container}`, at);
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      errors.push({ pod: s.pod, message: (error as Error).message });
    }
  }
  lines.sort((a, b) => compareText(a.at, b.at));
  const send = (l: LogLine): void =>
    ctx.progress({
      kind: 'step',
      scope: 'log',
      message: msg('view.logLine', { pod: l.pod, container: l.container, line: l.text }),
    });
  if (req.follow) {
    // A reader that follows sees the last lines at once, not when following ends.
    for (const l of lines) send(l);
    const deadline = Date.now() + req.followMs;
    const failed = new Set(errors.map((e) => e.pod));
    while (!ctx.signal.aborted && Date.now() < deadline) {
      await sleep(2000, ctx.signal);
      for (const s of sources.filter((x) => !failed.has(x.pod))) {
        if (ctx.signal.aborted) break;
        const key = `${s.pod}/${s.container}`;
        const since = last.get(key);
        const got = await view
          .readLog(client, req.namespace, s.pod, s.container, {
            ...(since === undefined ? { tailLines: req.tailLines } : { sinceTime: `${since.slice(0, 19)}Z` }),
            signal: ctx.signal,
          })
          .catch(() => []);
        for (const l of view.newerThan(got, since)) {
          send(l);
          last.set(key, l.at);
        }
      }
    }
  }
  return { outcome: 'ok', result: { lines, errors } };
}

/** Whether the API server lets the user do something (a SelfSubjectAccessReview, as them). */
export async function can(
  ctx: AppContext,
  attributes: { verb: string; group?: string; resource: string; subresource?: string; namespace?: string },
): Promise<boolean> {
  const client = await ctx.kube();
  const review = await client.create({
    apiVersion: 'authorization.k8s.io/v1',
    kind: 'SelfSubjectAccessReview',
    metadata: {},
    spec: { resourceAttributes: attributes },
  });
  return (review['status'] as { allowed?: boolean } | undefined)?.allowed === true;
}

/** What the user may do, for the console to show only the buttons that will work. */
export async function access(req: Req<'access'>, ctx: AppContext): Promise<Outcome<Res<'access'>>> {
  const ns = req.namespace === undefined ? {} : { namespace: req.namespace };
  const [deployOk, scaleOk, backupOk, restoreOk, podsOk, namespacesOk, schedulesOk] = await Promise.all([
    can(ctx, { verb: 'patch', group: 'apps', resource: 'deployments', ...ns }),
    can(ctx, { verb: 'patch', group: 'apps', resource: 'deployments', subresource: 'scale', ...ns }),
    can(ctx, { verb: 'list', resource: 'secrets' }),
    can(ctx, { verb: 'create', resource: 'namespaces' }),
    can(ctx, { verb: 'list', resource: 'pods', ...ns }),
    // Without a namespace, scan.cluster also goes namespace by namespace for who may list them.
    req.namespace === undefined ? can(ctx, { verb: 'list', resource: 'namespaces' }) : false,
    // Schedules are ConfigMaps in quai-system, saved by server-side apply (a patch).
    can(ctx, { verb: 'patch', resource: 'configmaps', namespace: 'quai-system' }),
  ]);
  return {
    outcome: 'ok',
    result: {
      deploy: deployOk,
      scale: scaleOk,
      backup: backupOk,
      restore: restoreOk,
      scan: podsOk || namespacesOk,
      schedules: schedulesOk,
    },
  };
}
