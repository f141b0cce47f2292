// Backup, restore and drill as use cases: the request (what the CLI's flags or an API body say)
// is resolved once here (target, S3 settings and credentials from the front end's environment,
// the key, the app's namespaces, volume data and dumps), the backup domain does the work, and a
// backup or restore that ran but did not complete is an outcome (`partial`), not an error.
import {
  msg,
  type backupUseCases,
  type Message,
  type Outcome,
  type RequestOf,
  type ResultOf,
  SCHEDULE_NAME,
} from '@quai/contracts';
import * as backup from '../backup/index.js';
import { QuaiError } from '../errors/index.js';
import type { AppContext } from './context.js';
import { loadApp } from './inputs.js';
import { declaredTarget, placeOfTarget } from './settings.js';
import { can } from './view.js';

type Req<K extends string> = RequestOf<(typeof backupUseCases)[`backup.${K}` & keyof typeof backupUseCases]>;
type Res<K extends string> = ResultOf<(typeof backupUseCases)[`backup.${K}` & keyof typeof backupUseCases]>;

type TargetReq = Pick<Req<'create'>, 'target' | 's3' | 'key'>;

function text(value: string): Message {
  return msg('common.text', { text: value });
}

/**
 * Where the request's target is, and how to reach it (S3 settings from Settings.env); through the
 * HTTP API, only a named target of the platform settings (see placeOfTarget).
 */
export function placeOfRequest(ctx: AppContext, req: TargetReq): Promise<backup.volumes.RepositoryPlace> {
  return placeOfTarget(ctx, req.target, req.s3);
}

/** The request's key: a key file (only where the front end gives file access), or the key itself. */
export async function keyOfRequest(ctx: AppContext, req: TargetReq): Promise<backup.BackupKey | undefined> {
  const source = req.key;
  if (source === undefined) return undefined;
  if ('base64' in source) {
    const bytes = Buffer.from(source.base64, 'base64');
    if (bytes.length !== 32) throw new QuaiError('INPUT_INVALID', msg('backup.badKey'));
    return backup.keyFrom(bytes);
  }
  if (ctx.settings.files === undefined) {
    throw new QuaiError('USAGE', msg('backup.noFileAccess', { path: source.file }));
  }
  return backup.readKeyFile(source.file, {
    strictPermissions: source.strictPermissions,
    onWarning: (w) => ctx.progress({ kind: 'warning', message: joined(w) }),
  });
}

/** A warning and its hint as one message ("... too open. Make it private: ..."). */
function joined(w: { readonly message: Message; readonly hint: Message }): Message {
  return msg('backup.warningWithHint', { warning: w.message, hint: w.hint });
}

/** The data part of a request: volume paths, the mover, the app specs' databases. */
async function dataOf(
  ctx: AppContext,
  req: Req<'create'> | Req<'restore'> | Req<'drill'>,
  kind: 'create' | 'restore' | 'drill',
  place: backup.volumes.RepositoryPlace,
  hasKey: boolean,
): Promise<Omit<backup.DataRestoreOptions, 'key'> | undefined> {
  const volumes = req.volumes ?? (hasKey && kind !== 'drill' ? 'restic' : 'none');
  if (req.volumes === 'restic' && !hasKey) {
    throw new QuaiError('USAGE', msg('backup.dataNeedsKey'), { hint: msg('backup.dataNeedsKeyHint') });
  }
  const paths = backup.volumes.parseVolumePaths(req.volumePaths);
  const databases: backup.DatabaseDeclaration[] = [];
  if (kind === 'create' && 'appSpecs' in req && req.databases) {
    for (const source of req.appSpecs) {
      const spec = await loadApp(ctx, source);
      const namespace = spec.spec.namespace ?? spec.metadata.name;
      for (const d of spec.spec.backup?.databases ?? [])
        databases.push(backup.databaseDeclaration(namespace, d));
    }
  }
  if (databases.length > 0 && !hasKey) {
    throw new QuaiError('USAGE', msg('backup.dataNeedsKey'), { hint: msg('backup.dataNeedsKeyHint') });
  }
  const noDatabases = kind !== 'create' && 'databases' in req && req.databases === false;
  if (volumes === 'none' && databases.length === 0 && (kind === 'create' || noDatabases)) return undefined;
  if (!hasKey) return undefined;
  if (req.mover === 'job' && place.kind === 'directory') {
    throw new QuaiError('USAGE', msg('backup.moverJobNeedsS3'), { hint: msg('backup.moverJobNeedsS3Hint') });
  }
  let shown = -1;
  return {
    repository: place,
    ...(volumes === 'restic'
      ? {
          volumes: {
            mover: req.mover,
            paths,
            ...(req.moverImage ? { image: req.moverImage } : {}),
            onProgress: (p: backup.volumes.VolumeProgress) => {
              const pct = Math.floor(p.percent * 100);
              if (pct === shown) return;
              shown = pct;
              ctx.progress({
                kind: 'count',
                message: text(p.claim),
                done: p.bytesDone,
                total: p.totalBytes,
                unit: 'bytes',
              });
            },
          },
        }
      : {}),
    ...(databases.length > 0 ? { databases, databaseMover: req.mover } : {}),
    // The dump Jobs' restic, also with --volumes none.
    ...(req.moverImage ? { moverImage: req.moverImage } : {}),
    ...(noDatabases ? { restoreDatabases: false } : {}),
    ...(kind === 'restore' && 'databases' in req && req.databases === true ? { overwriteLive: true } : {}),
  };
}

const step = (ctx: AppContext) => (m: Message) => ctx.progress({ kind: 'step', message: m });

/**
 * Runs the domain work; an error thrown because the run was interrupted (Ctrl-C, SIGTERM: the
 * signal's reason is rethrown as is) is INTERRUPTED (exit 130), never an internal error.
 */
async function interruptible<T>(ctx: AppContext, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (ctx.signal.aborted && !(error instanceof QuaiError)) {
      throw new QuaiError('INTERRUPTED', msg('common.interrupted'), { cause: error });
    }
    throw error;
  }
}

export async function create(req: Req<'create'>, ctx: AppContext): Promise<Outcome<Res<'create'>>> {
  // What can be checked without the cluster is checked first.
  const key = await keyOfRequest(ctx, req);
  if (key === undefined && req.encryption) {
    throw new QuaiError('USAGE', msg('backup.noKey'), { hint: msg('backup.noKeyHint') });
  }
  let namespaces = [...req.namespaces];
  if (namespaces.length === 0 && req.app === undefined && ctx.settings.cluster.namespace) {
    namespaces = [ctx.settings.cluster.namespace];
  }
  if (namespaces.length === 0 && req.app === undefined) {
    throw new QuaiError('USAGE', msg('backup.noNamespace'), { hint: msg('backup.noNamespaceHint') });
  }
  const place = await placeOfRequest(ctx, req);
  const data = await dataOf(ctx, req, 'create', place, key !== undefined);
  const client = await ctx.kube();
  const selectors = req.labelSelector ? [req.labelSelector] : [];
  if (req.app !== undefined) {
    if (namespaces.length === 0) {
      const scope = await backup.appScope(client, req.app, ctx.signal);
      namespaces = [...scope.namespaces];
      if (scope.labelSelector !== undefined) selectors.push(scope.labelSelector);
    } else {
      selectors.push(`${backup.APP_LABEL}=${req.app}`);
    }
  }
  if (data === undefined && req.volumes === undefined && key === undefined) {
    ctx.progress({ kind: 'step', message: msg('backup.noKeyNoData') });
  }
  const index = await interruptible(ctx, () =>
    backup.createBackupWithLog(client, backup.targetOfPlace(place), {
      name: req.name,
      ...(data ? { data } : {}),
      namespaces,
      ...(selectors.length > 0 ? { labelSelector: selectors.join(',') } : {}),
      clusterResources: req.clusterResources,
      ...(key ? { key } : {}),
      signal: ctx.signal,
      ...(ctx.settings.now === undefined ? {} : { now: ctx.settings.now }),
      onProgress: step(ctx),
    }),
  );
  return { outcome: index.status === 'completed' ? 'ok' : 'partial', result: index };
}

export async function restore(req: Req<'restore'>, ctx: AppContext): Promise<Outcome<Res<'restore'>>> {
  const key = await keyOfRequest(ctx, req);
  const place = await placeOfRequest(ctx, req);
  const data = await dataOf(ctx, req, 'restore', place, key !== undefined);
  const client = await ctx.kube();
  const result = await interruptible(ctx, () =>
    backup.restoreBackup(client, backup.targetOfPlace(place), req.backup, {
      ...(key ? { key } : {}),
      ...(req.allowUnauthenticated ? { allowUnauthenticated: true } : {}),
      ...(data ? { data, onStep: step(ctx) } : {}),
      ...(req.namespaces.length > 0 ? { namespaces: req.namespaces } : {}),
      ...(req.app !== undefined ? { app: req.app } : {}),
      namespaceMapping: req.namespaceMapping,
      existing: req.existing,
      dryRun: req.dryRun,
      keepNodePorts: req.keepNodePorts,
      signal: ctx.signal,
      onProgress: (done, total) =>
        ctx.progress({
          kind: 'count',
          message: msg('common.objects', { count: total }),
          done,
          total,
          unit: 'items',
        }),
    }),
  );
  return { outcome: result.status === 'completed' ? 'ok' : 'partial', result };
}

export async function drill(req: Req<'drill'>, ctx: AppContext): Promise<Outcome<Res<'drill'>>> {
  // Checked before the target is touched: a user who could not make the scratch namespaces would
  // still leave a failed drill's report on the storage, which the server writes with its own rights.
  if (!(await can(ctx, { verb: 'create', resource: 'namespaces' }))) {
    throw new QuaiError('FORBIDDEN', msg('backup.drill.forbidden'), {
      hint: msg('backup.drill.forbiddenHint'),
    });
  }
  const key = await keyOfRequest(ctx, req);
  const place = await placeOfRequest(ctx, req);
  const data = await dataOf(ctx, req, 'drill', place, key !== undefined);
  const client = await ctx.kube();
  const report = await interruptible(ctx, () =>
    backup.drillAndRecord(client, backup.targetOfPlace(place), req.backup, {
      ...(key ? { key } : {}),
      ...(data ? { data } : {}),
      ...(req.allowUnauthenticated ? { allowUnauthenticated: true } : {}),
      keep: req.keep,
      timeoutMs: req.timeoutMs,
      signal: ctx.signal,
      onStep: step(ctx),
    }),
  );
  // A drill that fails is a check that did not pass: the backup is not proven (exit 1).
  return { outcome: report.status === 'pass' ? 'ok' : 'unhealthy', result: report };
}

export async function scheduleRun(
  req: Req<'scheduleRun'>,
  ctx: AppContext,
): Promise<Outcome<Res<'scheduleRun'>>> {
  const client = await ctx.kube();
  const schedule = await new backup.ScheduleStore(client).get(req.schedule, ctx.signal);
  const result = await interruptible(ctx, () =>
    backup.runSchedule(client, schedule, {
      scheduled: req.scheduled,
      env: ctx.settings.env,
      signal: ctx.signal,
      drillTimeoutMs: req.drillTimeoutMs,
      ...(ctx.settings.now === undefined ? {} : { now: ctx.settings.now }),
      onLog: (l) =>
        ctx.progress({
          kind: l.level === 'info' ? 'step' : 'warning',
          message: msg('backup.logLine', { time: l.time, level: l.level, message: l.message }),
        }),
    }),
  );
  // A backup that partly failed is an operation failure; a drill that failed, an unhealthy check.
  const outcome =
    result.status === 'partially-failed' ? 'partial' : result.drill?.status === 'fail' ? 'unhealthy' : 'ok';
  return { outcome, result };
}

const nowOf = (ctx: AppContext): Date => ctx.settings.now?.() ?? new Date();

/**
 * Creates or replaces a schedule (a ConfigMap in quai-system), as the signed-in user: the API
 * server's RBAC on that ConfigMap decides. A dry run saves nothing: it says what is wrong, field
 * by field, and previews the next 5 runs. When the schedule's in-cluster runner is installed, its
 * CronJobs follow the new schedule.
 */
export async function scheduleCreate(
  req: Req<'scheduleCreate'>,
  ctx: AppContext,
): Promise<Outcome<Res<'scheduleCreate'>>> {
  const { replace, dryRun, reason: _reason, ...asked } = req;
  const refuse = (first: backup.ScheduleProblem): never => {
    const taken = first.message.id === 'backup.schedule.exists';
    throw new QuaiError(
      taken ? 'ALREADY_EXISTS' : 'USAGE',
      msg('backup.schedule.invalidNow', { name: asked.name, problem: first.message }),
      {
        hint: taken ? msg('backup.schedule.existsHint') : msg('backup.schedule.invalidHint'),
        details: { field: first.field },
      },
    );
  };
  // What can be checked without the cluster is checked first: a bad cron never needs one. Through
  // the HTTP API the target may be the name of a declared target, checked below.
  const api = ctx.settings.files === undefined;
  const first = backup.checkSchedule(asked, nowOf(ctx));
  const early = first.problems.filter((p) => !(api && p.field === 'target'));
  if (!dryRun && early[0] !== undefined) refuse(early[0]);
  // Through the HTTP API, only a target the settings declare, with that target's own S3 settings:
  // the schedule runs later, and must not write where a backup made now could not.
  let fields = asked;
  let targetProblem: backup.ScheduleProblem | undefined;
  if (api && typeof asked.target === 'string' && asked.target !== '') {
    try {
      const t = await declaredTarget(ctx, asked.target);
      if (t !== undefined)
        fields = {
          ...asked,
          target: t.location,
          ...(t.endpoint === undefined ? {} : { s3Endpoint: t.endpoint }),
          ...(t.region === undefined ? {} : { s3Region: t.region }),
          ...(t.pathStyle === undefined ? {} : { s3PathStyle: t.pathStyle }),
          ...(t.credentialsSecret === undefined ? {} : { credentialsSecret: t.credentialsSecret }),
        };
    } catch (error) {
      if (!dryRun) throw error;
      if (error instanceof QuaiError && error.code === 'FORBIDDEN')
        targetProblem = { field: 'target', message: error.text };
      // Else (no cluster): a preview still gives what needs none.
    }
  }
  const check = fields === asked ? first : backup.checkSchedule(fields, nowOf(ctx));
  // A declared target's own problem first; the folder rule of a name that is not one, only if so.
  const problems = [
    ...(targetProblem === undefined ? [] : [targetProblem]),
    ...check.problems.filter((p) => targetProblem === undefined || p.field !== 'target'),
  ];
  const nextRuns = check.nextRuns.map((d) => d.toISOString());
  if (!dryRun && problems[0] !== undefined) refuse(problems[0]);
  const client = !replace && SCHEDULE_NAME.test(fields.name) ? await ctx.kube() : undefined;
  if (client !== undefined && (await new backup.ScheduleStore(client).exists(fields.name, ctx.signal))) {
    const taken = { field: 'name', message: msg('backup.schedule.exists', { name: fields.name }) };
    if (!dryRun) refuse(taken);
    problems.unshift(taken);
  }
  if (dryRun || check.schedule === undefined) {
    return {
      outcome: 'ok',
      result: {
        name: fields.name,
        status: problems.length === 0 ? 'valid' : 'invalid',
        problems,
        nextRuns,
        ...(check.schedule === undefined ? {} : { schedule: check.schedule }),
        cronJobs: [],
      },
    };
  }
  const store = new backup.ScheduleStore(client ?? (await ctx.kube()));
  const saved = await store.save(check.schedule, { replace, signal: ctx.signal });
  const cronJobs = await backup.updateInstalledCronJobs(await ctx.kube(), saved, {
    all: await store.list(ctx.signal),
    signal: ctx.signal,
  });
  return {
    outcome: 'ok',
    result: {
      name: saved.name,
      status: replace ? 'replaced' : 'created',
      problems: [],
      nextRuns,
      schedule: saved,
      cronJobs,
    },
  };
}

/** Suspends or resumes a schedule, and its CronJobs when its in-cluster runner is installed. */
export async function scheduleSuspend(
  req: Req<'scheduleSuspend'>,
  ctx: AppContext,
): Promise<Outcome<Res<'scheduleSuspend'>>> {
  const client = await ctx.kube();
  const { schedule, changed } = await new backup.ScheduleStore(client).setSuspended(
    req.name,
    req.suspend,
    ctx.signal,
  );
  const cronJobs = await backup.updateInstalledCronJobs(client, schedule, { signal: ctx.signal });
  const next = schedule.suspend ? undefined : backup.nextRuns(schedule, 1, nowOf(ctx))[0]?.toISOString();
  return {
    outcome: 'ok',
    result: {
      name: schedule.name,
      suspend: schedule.suspend,
      changed,
      ...(next === undefined ? {} : { nextRun: next }),
      cronJobs,
    },
  };
}

/** Deletes a schedule and its CronJobs; the backups it made stay on its target. */
export async function scheduleDelete(
  req: Req<'scheduleDelete'>,
  ctx: AppContext,
): Promise<Outcome<Res<'scheduleDelete'>>> {
  const client = await ctx.kube();
  await new backup.ScheduleStore(client).delete(req.name, ctx.signal);
  const cronJobs = await backup.uninstallCronJobs(client, req.name, ctx.signal);
  return { outcome: 'ok', result: { name: req.name, cronJobs } };
}
