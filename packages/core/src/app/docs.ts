// The operations sheet of one app (`quai docs app`): the request is resolved here (the spec, the
// namespace, the cluster if it can be read), each source is read once, and the opsheet domain
// builds the sheet. An unreachable cluster is not an error when the spec is given: the sheet says
// so and shows what the spec gives.
import {
  msg,
  type AppSheet,
  type AppSpec,
  type docsUseCases,
  type Message,
  type Outcome,
  type RequestOf,
  type ResultOf,
  type SheetBackups,
} from '@quai/contracts';
import * as audit from '../audit/index.js';
import * as backup from '../backup/index.js';
import * as deploy from '../deploy/index.js';
import { QuaiError, toQuaiError } from '../errors/index.js';
import { KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';
import { appNamespace } from '../model/index.js';
import * as opsheet from '../opsheet/index.js';
import { render } from '../render/index.js';
import * as scan from '../scan/index.js';
import * as view from '../view/index.js';
import type { AppContext } from './context.js';
import { loadApp, loadPlatformOf } from './inputs.js';
import { compareText } from '../util/index.js';

type Spec = (typeof docsUseCases)['docs.app'];

/** Errors that mean "the cluster cannot be read from here", not "the request is wrong". */
const UNREADABLE = new Set([
  'KUBECONFIG_NOT_FOUND',
  'KUBECONFIG_INVALID',
  'CREDENTIALS_FAILED',
  'CLUSTER_UNREACHABLE',
  'TIMEOUT',
  'UNAUTHORIZED',
  'FORBIDDEN',
]);

function reasonOf(error: QuaiError): Message {
  return typeof error.text === 'string' ? msg('common.text', { text: error.text }) : error.text;
}

interface Found {
  readonly record: view.AppRecord;
  readonly objects: readonly KubeObject[];
  readonly revision: number;
}

/** The deployed app: its record (members, pods, revisions) and the objects of its current revision. */
async function findDeployed(
  ctx: AppContext,
  client: KubeClient,
  name: string,
  environment: string,
  namespace: string | undefined,
  required: boolean,
): Promise<Found | undefined> {
  const snap = new view.Snapshot(client, ctx.signal, namespace);
  const apps = await view.listApps(snap);
  const named = apps.filter(
    (a) => a.summary.name === name && (namespace === undefined || a.summary.namespace === namespace),
  );
  const record =
    named.find((a) => a.summary.environment === environment) ??
    (named.length === 1 && named[0]?.summary.environment === '' ? named[0] : undefined);
  if (record === undefined) {
    if (!required) return undefined;
    const known = apps.map(
      (a) => `${a.summary.name} (${a.summary.environment || '?'}, ${a.summary.namespace})`,
    );
    throw new QuaiError(
      'NOT_FOUND',
      known.length === 0
        ? msg('docs.unknownAppNone', { app: name })
        : msg('docs.unknownApp', { app: name, environment, known: known.join(', ') }),
      { hint: msg('docs.unknownAppHint') },
    );
  }
  // The objects of the newest revision that keeps its manifests (the one the cluster runs).
  const withManifests = [...record.revisions].reverse().find((r) => r.hasManifests && r.status !== 'failed');
  let objects: KubeObject[] = [];
  if (withManifests !== undefined) {
    const [s] = await client.list('v1', 'Secret', {
      namespace: record.summary.namespace,
      labelSelector: `quai.dev/record=revision,quai.dev/app=${name},quai.dev/revision=${withManifests.number}`,
      signal: ctx.signal,
    });
    if (s !== undefined) objects = view.revisionObjects(s);
  }
  if (objects.length === 0) objects = [...record.members];
  return { record, objects, revision: withManifests?.number ?? record.revisions.at(-1)?.number ?? 0 };
}

/** The live state of a deployed app: pods, workloads, claims, Secret names, readiness. */
async function liveState(ctx: AppContext, client: KubeClient, found: Found): Promise<opsheet.LiveState> {
  const namespace = found.record.summary.namespace;
  const target = { app: found.record.summary.name, environment: found.record.summary.environment, namespace };
  const [claims, secrets, status] = await Promise.all([
    client.list('v1', 'PersistentVolumeClaim', { namespace, signal: ctx.signal }),
    // Metadata only: a Secret's value never reaches Quai for a sheet.
    client.listMetadata('v1', 'Secret', { namespace, signal: ctx.signal }),
    deploy.status(client, target, ctx.signal),
  ]);
  return {
    pods: found.record.pods,
    workloads: found.record.members,
    claims,
    secretNames: new Set(secrets.map((s) => s.metadata.name ?? '')),
    revisions: found.record.revisions,
    // deploy names objects `Deployment grist/web`; the sheet `Deployment/web`.
    readiness: new Map(
      status.objects.map((o) => [o.object.replace(/^(\S+) (?:[^/\s]+\/)?(.+)$/, '$1/$2'), o.readiness.state]),
    ),
    health: found.record.summary.status,
  };
}

/** Backups of the app in the request's places and its schedules' targets; last backup and drills. */
async function backupsOf(
  ctx: AppContext,
  client: KubeClient | undefined,
  req: RequestOf<Spec>,
  app: string,
  namespace: string,
): Promise<SheetBackups | undefined> {
  const schedules =
    client === undefined
      ? []
      : (await new backup.ScheduleStore(client).list(ctx.signal).catch(() => [])).filter(
          (s) => s.namespaces.includes(namespace) && (s.app === undefined || s.app === app),
        );
  if (req.backupTargets.length === 0 && schedules.length === 0 && client === undefined) return undefined;
  const places: { target: string; schedule?: string; open: () => Promise<backup.StorageTarget> }[] = [
    ...req.backupTargets.map((target) => ({
      target,
      open: async () => backup.targetOfPlace(await backup.resolvePlace(target, req.s3, ctx.settings.env)),
    })),
    ...schedules
      .filter((s) => !req.backupTargets.includes(s.target))
      .map((s) => ({
        target: s.target,
        schedule: s.name,
        open: () => backup.scheduleTarget(client as KubeClient, s, ctx.settings.env, ctx.signal),
      })),
  ];
  if (places.length > 0)
    ctx.progress({ kind: 'step', message: msg('docs.progress.backups', { count: places.length }) });
  const problems: Message[] = [];
  let last: SheetBackups['last'];
  const drills: NonNullable<SheetBackups['lastDrill']>[] = [];
  for (const place of places) {
    try {
      const target = await place.open();
      const mine = (await target.list()).filter(
        (b) =>
          b.namespaces.includes(namespace) &&
          (b.labelSelector === undefined || b.labelSelector.includes(`app.kubernetes.io/part-of=${app}`)),
      );
      for (const b of mine) {
        if (last === undefined || b.completedAt > last.completedAt) {
          last = { name: b.name, target: place.target, status: b.status, completedAt: b.completedAt };
        }
      }
      const names = new Set(mine.map((b) => b.name));
      for (const d of await backup.drillHistory(target)) {
        if (!names.has(d.backup)) continue;
        drills.push({
          backup: d.backup,
          target: place.target,
          status: d.status,
          startedAt: d.startedAt,
          recoverySeconds: d.recoverySeconds,
        });
      }
    } catch (error) {
      if (ctx.signal.aborted) throw error;
      problems.push(
        msg('docs.unreadableTarget', { target: place.target, reason: reasonOf(toQuaiError(error)) }),
      );
    }
  }
  drills.sort((a, b) => compareText(b.startedAt, a.startedAt));
  const lastDrill = drills[0];
  const lastPassedDrill = drills.find((d) => d.status === 'pass');
  return {
    targets: places.map((p) => ({
      target: p.target,
      ...(p.schedule === undefined ? {} : { schedule: p.schedule }),
    })),
    schedules: schedules.map((s) => ({ name: s.name, cron: s.cron, timeZone: s.timeZone, target: s.target })),
    ...(last === undefined ? {} : { last }),
    ...(lastDrill === undefined ? {} : { lastDrill }),
    ...(lastPassedDrill === undefined ? {} : { lastPassedDrill }),
    problems,
  };
}

/** Trivy Operator's reports of the app's images, if the cluster keeps any; undefined otherwise. */
async function vulnerabilitiesOf(
  ctx: AppContext,
  client: KubeClient,
  namespace: string,
  objects: readonly KubeObject[],
): Promise<readonly scan.report.ScanTarget[] | undefined> {
  let targets: scan.report.ScanTarget[];
  try {
    targets = await scan.ingest.ingestClusterReports(client, { namespaces: [namespace], signal: ctx.signal });
  } catch (error) {
    // No Trivy Operator (the kind is unknown), or not allowed to read its reports.
    if (error instanceof KubeApiError || (error instanceof QuaiError && error.code === 'NOT_FOUND'))
      return undefined;
    throw error;
  }
  const images = new Set(opsheet.componentsOf(objects).flatMap((c) => c.containers.map((k) => k.image)));
  const workloads = opsheet
    .componentsOf(objects)
    .map((c) => `${c.kind} ${namespace}/${c.object.split('/')[1] ?? ''}`);
  const mine = targets.filter(
    (t) =>
      images.has(t.name) ||
      [...images].some((i) => t.name.endsWith(`/${i}`) || i.endsWith(`/${t.name}`)) ||
      (t.workloads ?? []).some((w) => workloads.some((x) => w.startsWith(x))),
  );
  return mine.length === 0 ? undefined : mine;
}

/** How the commands name a document: its path, or the name given with inline content. */
function fileName(source: RequestOf<Spec>['app'] | RequestOf<Spec>['platform']): string | undefined {
  if (source === undefined || 'app' in source) return undefined;
  return 'file' in source ? source.file : source.name;
}

/** The operations sheet of one app. */
export async function app(req: RequestOf<Spec>, ctx: AppContext): Promise<Outcome<ResultOf<Spec>>> {
  const platform = await loadPlatformOf(ctx, req.platform);
  const spec: AppSpec | undefined = 'app' in req.app ? undefined : await loadApp(ctx, req.app);
  const name = spec?.metadata.name ?? ('app' in req.app ? req.app.app : '');
  if (spec !== undefined && req.name !== undefined && req.name !== spec.metadata.name) {
    const file = 'file' in req.app ? req.app.file : 'yaml' in req.app ? (req.app.name ?? '(app spec)') : '';
    throw new QuaiError('USAGE', msg('docs.appMismatch', { app: req.name, file, spec: spec.metadata.name }), {
      hint: msg('docs.appMismatchHint', { app: req.name }),
    });
  }
  if (spec === undefined && !req.cluster) {
    throw new QuaiError('USAGE', msg('docs.offlineNeedsSpec'), { hint: msg('docs.needAppHint') });
  }
  // A front end without file access (the HTTP API) reads no place a request names: only the
  // places of the cluster's own backup schedules.
  if (req.backupTargets.length > 0 && ctx.settings.files === undefined) {
    throw new QuaiError('USAGE', msg('docs.targetsNeedFileAccess'), {
      hint: msg('docs.targetsNeedFileAccessHint'),
    });
  }
  const explicit = req.namespace ?? ctx.settings.cluster.namespace;
  // An unknown environment is an error whatever the source.
  const computed = appNamespace(
    { name, ...(spec?.spec.namespace === undefined ? {} : { namespace: spec.spec.namespace }) },
    platform,
    req.environment,
  );
  const rendered =
    spec === undefined ? undefined : render({ app: spec, platform, environment: req.environment }).objects;
  const notes: Message[] = [];

  let client: KubeClient | undefined;
  let cluster: AppSheet['cluster'] = { state: 'not-read' };
  let found: Found | undefined;
  if (req.cluster) {
    try {
      client = await ctx.kube();
      ctx.progress({
        kind: 'step',
        message: msg('docs.progress.cluster', { context: client.access.contextName }),
      });
      found = await findDeployed(
        ctx,
        client,
        name,
        req.environment,
        explicit ?? (spec === undefined ? undefined : computed),
        spec === undefined,
      );
      cluster = { state: 'reachable', context: client.access.contextName };
    } catch (error) {
      const e = toQuaiError(error);
      if (ctx.signal.aborted || !UNREADABLE.has(e.code)) throw e;
      if (spec === undefined) {
        throw new QuaiError(
          'CLUSTER_UNREACHABLE',
          msg('docs.clusterNeeded', { reason: reasonOf(e), app: name }),
          {
            hint: msg('docs.clusterNeededHint'),
          },
        );
      }
      client = undefined;
      found = undefined;
      cluster = { state: 'unreachable', reason: reasonOf(e) };
      notes.push(msg('docs.note.unreachable', { reason: reasonOf(e) }));
    }
  } else {
    notes.push(msg('docs.note.offline'));
  }

  const namespace = found?.record.summary.namespace ?? explicit ?? computed;
  if (cluster.state === 'reachable' && found === undefined)
    notes.push(msg('docs.note.notDeployed', { namespace }));
  if (spec === undefined && found !== undefined) {
    notes.push(msg('docs.note.fromRevision', { revision: found.revision }), msg('docs.note.noDescription'));
  }
  // Secrets are named from the workloads' references: their objects (and values) are left out.
  const objects = (rendered ?? found?.objects ?? []).filter((o) => o.kind !== 'Secret');
  const live = client !== undefined && found !== undefined ? await liveState(ctx, client, found) : undefined;
  const backups = await backupsOf(
    ctx,
    cluster.state === 'reachable' ? client : undefined,
    req,
    name,
    namespace,
  );
  const vulnerabilities =
    client !== undefined && found !== undefined
      ? await vulnerabilitiesOf(ctx, client, namespace, objects)
      : undefined;
  const report = audit.auditObjects(objects, {
    ...(ctx.settings.now === undefined ? {} : { now: ctx.settings.now() }),
  });
  const specFile = fileName(req.app);
  const platformFile = fileName(req.platform);
  const sheet = opsheet.buildSheet({
    app: name,
    environment: found?.record.summary.environment || req.environment,
    namespace,
    generatedAt: (ctx.settings.now?.() ?? new Date()).toISOString(),
    ...(spec === undefined ? {} : { spec }),
    objects,
    objectsFrom: rendered === undefined ? 'revision' : 'spec',
    cluster,
    ...(live === undefined ? {} : { live }),
    ...(backups === undefined ? {} : { backups }),
    audit: report,
    ...(vulnerabilities === undefined ? {} : { vulnerabilities }),
    ...(specFile === undefined ? {} : { specFile }),
    ...(platformFile === undefined ? {} : { platformFile }),
    ...(platform.spec.backupTarget === undefined ? {} : { platformBackupTarget: platform.spec.backupTarget }),
    ...(explicit === undefined ? {} : { explicitNamespace: explicit }),
    revisionsShown: req.revisions,
    notes,
  });
  return { outcome: 'ok', result: sheet };
}
