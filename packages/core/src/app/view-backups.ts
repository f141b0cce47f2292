// What the console's backups page reads besides the server's history: the backups and drill
// reports kept on a storage target (the restore wizard's first step) and the backup schedules of
// the cluster with their next and last runs.
import { msg, type Outcome, type RequestOf, type ResultOf, type viewUseCases } from '@quai/contracts';
import * as backup from '../backup/index.js';
import { QuaiError } from '../errors/index.js';
import type { AppContext } from './context.js';
import { placeOfTarget } from './settings.js';
import { can } from './view.js';
import { compareText } from '../util/index.js';

type Req<K extends string> = RequestOf<(typeof viewUseCases)[`view.${K}` & keyof typeof viewUseCases]>;
type Res<K extends string> = ResultOf<(typeof viewUseCases)[`view.${K}` & keyof typeof viewUseCases]>;

const now = (ctx: AppContext): Date => ctx.settings.now?.() ?? new Date();

/**
 * The backups of a target, newest first, and the drill reports kept beside them. A target is read
 * by the server, not the cluster: only a user who may back up (list Secrets) or restore (create
 * namespaces) may read one, as the API server answers for them.
 */
export async function targetBackups(
  req: Req<'targetBackups'>,
  ctx: AppContext,
): Promise<Outcome<Res<'targetBackups'>>> {
  const [mayBackup, mayRestore] = await Promise.all([
    can(ctx, { verb: 'list', resource: 'secrets' }),
    can(ctx, { verb: 'create', resource: 'namespaces' }),
  ]);
  if (!mayBackup && !mayRestore) {
    throw new QuaiError('FORBIDDEN', msg('view.targetForbidden'), { hint: msg('view.targetForbiddenHint') });
  }
  const target = backup.targetOfPlace(await placeOfTarget(ctx, req.target, req.s3));
  const indexes = await target.list();
  const backups = indexes
    .map((b) => ({
      name: b.name,
      status: b.status,
      startedAt: b.startedAt,
      completedAt: b.completedAt,
      createdBy: b.createdBy,
      namespaces: b.namespaces,
      ...(b.labelSelector === undefined ? {} : { labelSelector: b.labelSelector }),
      encrypted: b.encryption !== 'none',
      bytes:
        b.files.reduce((n, f) => n + f.bytes, 0) +
        (b.volumes ?? []).reduce((n, v) => n + (v.bytes ?? 0), 0) +
        (b.databases ?? []).reduce((n, d) => n + (d.bytes ?? 0), 0),
      volumes: (b.volumes ?? []).length,
      databases: (b.databases ?? []).length,
    }))
    .sort((a, b) => compareText(b.completedAt, a.completedAt));
  const drills = (await backup.drillHistory(target)).map((d) => ({
    backup: d.backup,
    status: d.status,
    startedAt: d.startedAt,
    recoverySeconds: d.recoverySeconds,
    checks: d.checks.length,
    passed: d.checks.filter((c) => c.ok).length,
  }));
  drills.sort((a, b) => compareText(b.startedAt, a.startedAt));
  return { outcome: 'ok', result: { target: req.target, backups, drills } };
}

/** The schedules of the cluster (ConfigMaps in quai-system), their next runs and last handled runs. */
export async function schedules(_req: Req<'schedules'>, ctx: AppContext): Promise<Outcome<Res<'schedules'>>> {
  const client = await ctx.kube();
  const all = await new backup.ScheduleStore(client).list(ctx.signal);
  const locks = new backup.ScheduleLock(client);
  // The runs' Leases may be out of the user's reach (Kubernetes' view role does not read them).
  const last = (name: string): Promise<string | undefined> =>
    locks.lastRun(name).then(
      (d) => d?.toISOString(),
      () => undefined,
    );
  const at = now(ctx);
  const result = await Promise.all(
    all.map(async (s) => {
      const lastRun = await last(`quai-backup-${s.name}`);
      const nextRun = s.suspend ? undefined : backup.nextRuns(s, 1, at)[0]?.toISOString();
      const drillCron = s.drill?.cron;
      const nextDrill =
        s.suspend || drillCron === undefined
          ? undefined
          : backup.nextRuns({ cron: drillCron, timeZone: s.timeZone }, 1, at)[0]?.toISOString();
      return {
        name: s.name,
        cron: s.cron,
        timeZone: s.timeZone,
        target: s.target,
        namespaces: s.namespaces,
        ...(s.app === undefined ? {} : { app: s.app }),
        suspend: s.suspend,
        encrypted: s.encryption !== 'none',
        ...(s.ttl === undefined ? {} : { ttl: s.ttl }),
        ...(s.drill === undefined
          ? {}
          : {
              drill: {
                afterBackup: s.drill.afterBackup,
                ...(drillCron === undefined ? {} : { cron: drillCron }),
              },
            }),
        ...(nextRun === undefined ? {} : { nextRun }),
        ...(nextDrill === undefined ? {} : { nextDrill }),
        ...(lastRun === undefined ? {} : { lastRun }),
      };
    }),
  );
  return { outcome: 'ok', result: { schedules: result } };
}
