// The data part of a backup (database dumps, then volume data) and of a restore (volumes, then
// databases, before the workloads start): called by createBackup, restoreBackup and drill.
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../../errors/index.js';
import type { KubeClient, KubeObject } from '../../kube/index.js';
import type { BackupKey } from '../crypto.js';
import {
  dumpDatabase,
  dumpDatabaseInCluster,
  resolveDatabase,
  restoreDatabase,
  runQuery,
  scratchDatabase,
} from '../databases/dump.js';
import { defaultPort, type DatabaseTarget } from '../databases/engines.js';
import type { BackupIndex, DatabaseRecord, VolumeRecord } from '../format.js';
import { DirectoryTarget, type StorageTarget } from '../target.js';
import {
  backupVolumes,
  restoreVolumes,
  type MoverKind,
  type VolumeProgress,
  type VolumeRestoreItem,
} from './mover.js';
import {
  ensureRepository,
  findSnapshots,
  resticRepository,
  runRestic,
  type RepositoryPlace,
  type ResticRepository,
} from './restic.js';

/** A database declared in an app spec (`spec.backup.databases`), with the app's namespace. */
export interface DatabaseDeclaration {
  readonly namespace: string;
  readonly name: string;
  readonly engine: DatabaseTarget['engine'];
  readonly service?: string;
  readonly host?: string;
  readonly port?: number;
  readonly database: string;
  readonly user: string;
  readonly passwordSecret?: { readonly secret: string; readonly key: string };
  readonly checks?: readonly { readonly name: string; readonly query: string }[];
  /** Set by tests and scripts; otherwise read from passwordSecret. */
  readonly password?: string;
}

/** A database declared in an app spec (spec.backup.databases), in the namespace the app runs in. */
export function databaseDeclaration(
  namespace: string,
  d: {
    readonly name: string;
    readonly engine: DatabaseTarget['engine'];
    readonly database: string;
    readonly user: string;
    readonly service?: string | undefined;
    readonly host?: string | undefined;
    readonly port?: number | undefined;
    readonly passwordSecret?: { readonly secret: string; readonly key: string } | undefined;
    readonly checks?: readonly { readonly name: string; readonly query: string }[] | undefined;
  },
): DatabaseDeclaration {
  return {
    namespace,
    name: d.name,
    engine: d.engine,
    database: d.database,
    user: d.user,
    ...(d.service !== undefined ? { service: d.service } : {}),
    ...(d.host !== undefined ? { host: d.host } : {}),
    ...(d.port !== undefined ? { port: d.port } : {}),
    ...(d.passwordSecret !== undefined ? { passwordSecret: d.passwordSecret } : {}),
    ...(d.checks !== undefined ? { checks: d.checks } : {}),
  };
}

export interface DataOptions {
  /** Where the restic repository is; default: the directory target's folder. Required for S3 targets. */
  readonly repository?: RepositoryPlace;
  /** Volume data with restic; absent: no volume data (the index says so). */
  readonly volumes?: {
    readonly mover: MoverKind;
    readonly paths?: Readonly<Record<string, string>>;
    readonly image?: string;
    readonly timeoutMs?: number;
    readonly onProgress?: (p: VolumeProgress) => void;
  };
  readonly databases?: readonly DatabaseDeclaration[];
  /** local: the dump clients run here; job: a Job in the app's namespace runs them. */
  readonly databaseMover?: MoverKind;
  readonly dumpImage?: string;
  /** restic's image in the dump Jobs, also without volume data (default: volumes.image, then restic's). */
  readonly moverImage?: string;
}

export function placeOf(target: StorageTarget, explicit: RepositoryPlace | undefined): RepositoryPlace {
  if (explicit) return explicit;
  if (target instanceof DirectoryTarget) return { kind: 'directory', root: target.root };
  throw new QuaiError('USAGE', msg('backup.data.noRepository', { where: target.description }), {
    hint: msg('backup.data.noRepositoryHint'),
  });
}

async function declared(
  client: KubeClient,
  d: DatabaseDeclaration,
  signal?: AbortSignal,
): Promise<DatabaseTarget> {
  const t = await resolveDatabase(client, d.namespace, d, signal);
  return d.password !== undefined ? { ...t, password: d.password } : t;
}

/** Dumps the databases, then backs up the volumes; failures are records (and errors), not silence. */
export async function backupData(
  client: KubeClient,
  target: StorageTarget,
  backup: { readonly name: string; readonly id: string },
  claims: readonly KubeObject[],
  key: BackupKey | undefined,
  options: DataOptions,
  hooks: { readonly step: (m: Message) => void; readonly signal?: AbortSignal; readonly errors: string[] },
): Promise<{ volumes?: VolumeRecord[]; databases?: DatabaseRecord[] }> {
  if (options.volumes === undefined && (options.databases ?? []).length === 0) return {};
  if (key === undefined) {
    throw new QuaiError('USAGE', msg('backup.dataNeedsKey'), { hint: msg('backup.dataNeedsKeyHint') });
  }
  const place = placeOf(target, options.repository);
  const repository = resticRepository(place, key);
  const signalOpt = hooks.signal ? { signal: hooks.signal } : {};
  const out: { volumes?: VolumeRecord[]; databases?: DatabaseRecord[] } = {};
  try {
    if ((options.databases ?? []).length > 0) {
      hooks.step(msg('backup.step.openRepository', { url: repository.url }));
      await ensureRepository({ repository, ...signalOpt });
      out.databases = [];
      const moverImage = options.moverImage ?? options.volumes?.image;
      for (const d of options.databases ?? []) {
        hooks.signal?.throwIfAborted();
        hooks.step(
          msg('backup.step.databaseDump', { database: `${d.namespace}/${d.name}`, engine: d.engine }),
        );
        try {
          const db = await declared(client, d, hooks.signal);
          out.databases.push(
            options.databaseMover === 'job'
              ? await dumpDatabaseInCluster(client, repository, backup, db, {
                  ...(options.dumpImage ? { image: options.dumpImage } : {}),
                  ...(moverImage ? { moverImage } : {}),
                  ...signalOpt,
                })
              : await dumpDatabase(repository, backup, db, hooks.signal),
          );
        } catch (error) {
          if (hooks.signal?.aborted || (error instanceof QuaiError && error.code === 'INTERRUPTED'))
            throw error;
          const code = error instanceof QuaiError ? `[${error.code}] ` : '';
          out.databases.push({
            namespace: d.namespace,
            name: d.name,
            engine: d.engine,
            database: d.database,
            host: d.host ?? `${d.service ?? ''}.${d.namespace}.svc`,
            port: d.port ?? defaultPort(d.engine),
            user: d.user,
            status: 'failed',
            reason: `${code}${error instanceof Error ? error.message : String(error)}`,
          });
        }
        const last = out.databases.at(-1);
        if (last?.status !== 'completed')
          hooks.errors.push(`database ${d.namespace}/${d.name}: ${last?.reason ?? 'failed'}`);
      }
    }
    if (options.volumes) {
      out.volumes = await backupVolumes(client, backup, claims, {
        place,
        key,
        ...options.volumes,
        onStep: hooks.step,
        ...signalOpt,
      });
      for (const v of out.volumes) {
        if (v.status === 'failed' || v.status === 'unreachable')
          hooks.errors.push(`volume ${v.namespace}/${v.pvc} ${v.status}: ${v.reason ?? ''}`);
        else if (v.status === 'completed' && v.reason !== undefined)
          hooks.errors.push(`volume ${v.namespace}/${v.pvc} ${v.reason}`);
      }
    }
    return out;
  } catch (error) {
    // Interrupted or failed: the backup will not be committed, so the snapshots of this attempt
    // (its id: never those of another backup of the same name) are forgotten.
    await forgetBackup(repository, backup).catch(() => undefined);
    throw error;
  }
}

/**
 * Forgets (without pruning) the snapshots of a backup: `restic forget` of each one tagged with it,
 * by its id when it has one (format 3), else by its name.
 */
export async function forgetBackup(
  repository: ResticRepository,
  backup: string | { readonly name: string; readonly id?: string | undefined },
): Promise<number> {
  const tags =
    typeof backup === 'string' || backup.id === undefined
      ? [`quai-backup=${typeof backup === 'string' ? backup : backup.name}`]
      : [`quai-backup=${backup.name}`, `quai-backup-id=${backup.id}`];
  const ids = (await findSnapshots({ repository }, tags)).map((s) => s.id);
  if (ids.length > 0) await runRestic(['forget', ...ids], { repository });
  return ids.length;
}

/**
 * Forgets the snapshots no backup on the target holds: those of backups deleted without the key,
 * and those of attempts that were killed before their index was written. A snapshot of a backup
 * being written now (its lock is live) is kept. Returns how many were forgotten; a target whose
 * repository was never created has none.
 */
export async function forgetOrphanSnapshots(
  repository: ResticRepository,
  target: {
    readonly complete: readonly string[];
    readonly kept: readonly Pick<BackupIndex, 'name' | 'id'>[];
  },
  writing: readonly { readonly name: string; readonly id: string }[],
): Promise<number> {
  let out: string;
  try {
    out = (await runRestic(['snapshots', '--json'], { repository })).stdout.trim();
  } catch (error) {
    if (
      error instanceof QuaiError &&
      /Is there a repository|does not exist|no such file/i.test(error.message)
    )
      return 0;
    throw error;
  }
  const snapshots = out === '' ? [] : (JSON.parse(out) as { id: string; tags?: string[] }[]);
  const idOf = new Map(target.kept.map((b) => [b.name, b.id]));
  const writingIds = new Set(writing.map((w) => w.id));
  const orphans = snapshots.filter((snap) => {
    const tag = (prefix: string): string | undefined =>
      snap.tags?.find((t) => t.startsWith(prefix))?.slice(prefix.length);
    const name = tag('quai-backup=');
    const id = tag('quai-backup-id=');
    if (name === undefined || (id !== undefined && writingIds.has(id))) return false;
    // A name with a complete backup keeps its snapshots, unless that backup's id (format 3) says
    // they belong to another attempt; an index that cannot be read keeps them all.
    if (target.complete.includes(name)) {
      const owner = idOf.get(name);
      return owner !== undefined && id !== undefined && id !== owner;
    }
    return !writing.some((w) => w.name === name);
  });
  if (orphans.length > 0) {
    // A killed restic leaves its lock: `unlock` removes only locks whose process is gone.
    await runRestic(['unlock'], { repository }).catch(() => undefined);
    await runRestic(['forget', ...orphans.map((o) => o.id)], { repository });
  }
  return orphans.length;
}

export interface DataRestoreResult {
  readonly volumes: readonly VolumeRestoreItem[];
  readonly databases: readonly {
    readonly database: string;
    readonly action: 'restored' | 'skipped' | 'failed' | 'would-restore';
    readonly reason?: string;
  }[];
}

export interface DataRestoreOptions extends DataOptions {
  readonly key?: BackupKey;
  /** Restore volume data (default: when the backup has some and options.volumes is given). */
  readonly restoreDatabases?: boolean;
  /**
   * Restore data into namespaces that existed before this restore, overwriting live data. By
   * default data goes only into namespaces this restore created (a lost or mapped namespace),
   * and into volumes given an explicit path: nothing live is overwritten by surprise.
   */
  readonly overwriteLive?: boolean;
  /** Drills: each database is restored into a scratch database, checked, then dropped. */
  readonly scratchSuffix?: string;
}

/** Restores volume data then database dumps; called before the workloads are created. */
export async function restoreData(
  client: KubeClient,
  target: StorageTarget,
  index: BackupIndex,
  mapping: Readonly<Record<string, string>>,
  options: DataRestoreOptions,
  hooks: {
    readonly step: (m: Message) => void;
    readonly signal?: AbortSignal;
    readonly namespaces: readonly string[];
    /** Namespaces (their restored names) that this restore created (or would create, in a dry run). */
    readonly createdNamespaces?: ReadonlySet<string>;
    /** Say what would be restored and change nothing. */
    readonly dryRun?: boolean;
    /** What earlier, interrupted runs of this restore did; records what this one does. */
    readonly progress?: {
      readonly id: string;
      isDone(ns: string, item: string): boolean;
      markDone(ns: string, item: string): Promise<void>;
    };
  },
): Promise<DataRestoreResult> {
  const result: { volumes: VolumeRestoreItem[]; databases: DataRestoreResult['databases'][number][] } = {
    volumes: [],
    databases: [],
  };
  const wanted = (ns: string): boolean => hooks.namespaces.includes(ns);
  const live = (ns: string): string | undefined =>
    options.overwriteLive === true || hooks.createdNamespaces?.has(mapping[ns] ?? ns) === true
      ? undefined
      : `namespace ${mapping[ns] ?? ns} existed before this restore: its live data is left alone (--volume-path, or --databases, to overwrite it)`;
  const explicit = (v: VolumeRecord): boolean => {
    const paths = options.volumes?.paths ?? {};
    const ns = mapping[v.namespace] ?? v.namespace;
    return [`${ns}/${v.pvc}`, `${v.namespace}/${v.pvc}`, v.pvc].some((k) => paths[k] !== undefined);
  };
  const progress = hooks.progress;
  const again = (ns: string, item: string): string | undefined =>
    progress?.isDone(ns, item) === true
      ? `restored by an earlier run of this restore (id ${progress.id}) before it was interrupted: not restored again, the app may have written since`
      : undefined;
  const volumes: VolumeRecord[] = [];
  for (const v of (index.volumes ?? []).filter((x) => wanted(x.namespace))) {
    const ns = mapping[v.namespace] ?? v.namespace;
    const reason = again(ns, `volume ${ns}/${v.pvc}`) ?? (explicit(v) ? undefined : live(v.namespace));
    if (reason === undefined) volumes.push(v);
    else
      result.volumes.push({
        claim: `${mapping[v.namespace] ?? v.namespace}/${v.pvc}`,
        action: 'skipped',
        reason,
      });
  }
  const databases: DatabaseRecord[] = [];
  if (options.restoreDatabases !== false) {
    for (const d of (index.databases ?? []).filter((x) => wanted(x.namespace))) {
      const ns = mapping[d.namespace] ?? d.namespace;
      const reason = again(ns, `database ${ns}/${d.name}`) ?? live(d.namespace);
      if (reason === undefined) databases.push(d);
      else result.databases.push({ database: `${d.namespace}/${d.name}`, action: 'skipped', reason });
    }
  }
  if (hooks.dryRun) {
    const preview = (status: string, reason: string | undefined) =>
      status === 'completed'
        ? { action: 'would-restore' as const }
        : { action: 'skipped' as const, reason: reason ?? `not in the backup (${status})` };
    for (const v of volumes)
      result.volumes.push({
        claim: `${mapping[v.namespace] ?? v.namespace}/${v.pvc}`,
        ...preview(v.status, v.reason),
      });
    for (const d of databases)
      result.databases.push({ database: `${d.namespace}/${d.name}`, ...preview(d.status, d.reason) });
    return result;
  }
  if (volumes.length + databases.length === 0 || options.key === undefined) return result;
  const place = placeOf(target, options.repository);
  const repository = resticRepository(place, options.key);
  if (options.volumes && volumes.length > 0) {
    result.volumes.push(
      ...(await restoreVolumes(client, volumes, mapping, {
        place,
        key: options.key,
        ...options.volumes,
        onStep: hooks.step,
        ...(progress
          ? { onRestored: (claim: string) => progress.markDone(claim.split('/')[0] ?? '', `volume ${claim}`) }
          : {}),
        ...(hooks.signal ? { signal: hooks.signal } : {}),
      })),
    );
  }
  if (options.restoreDatabases !== false) {
    for (const r of databases) {
      const label = `${r.namespace}/${r.name}`;
      if (r.status !== 'completed') {
        result.databases.push({
          database: label,
          action: 'skipped',
          reason: r.reason ?? 'not in the backup',
        });
        continue;
      }
      try {
        const ns = mapping[r.namespace] ?? r.namespace;
        const declaredPassword = options.databases?.find(
          (d) => d.namespace === r.namespace && d.name === r.name,
        )?.password;
        const db = await resolveDatabase(
          client,
          ns,
          { ...r, ...(r.passwordSecret ? { passwordSecret: r.passwordSecret } : {}) },
          hooks.signal,
        );
        const withPassword = declaredPassword !== undefined ? { ...db, password: declaredPassword } : db;
        hooks.step(
          msg('backup.step.databaseRestore', { database: label, engine: r.engine, target: r.database }),
        );
        await restoreDatabase(repository, r, withPassword, hooks.signal ? { signal: hooks.signal } : {});
        await progress?.markDone(ns, `database ${ns}/${r.name}`);
        result.databases.push({ database: label, action: 'restored' });
      } catch (error) {
        if (hooks.signal?.aborted) throw error;
        result.databases.push({
          database: label,
          action: 'failed',
          reason: error instanceof Error ? error.message : String(error),
        });
      }
    }
  }
  return result;
}

export interface DataCheckResult {
  readonly name: string;
  readonly ok: boolean;
  readonly detail: string;
}

/**
 * Drill data checks: each dump is restored into a scratch database on the same server, its
 * declared queries run and compared with their results at backup time, then the scratch
 * database is dropped.
 */
export async function drillDatabases(
  client: KubeClient,
  target: StorageTarget,
  index: BackupIndex,
  options: DataRestoreOptions & { readonly suffix: string },
  hooks: { readonly step: (m: Message) => void; readonly signal?: AbortSignal },
): Promise<DataCheckResult[]> {
  const out: DataCheckResult[] = [];
  if ((index.databases ?? []).length === 0) return out;
  if (options.key === undefined) {
    return [{ name: 'data checks', ok: false, detail: 'the backup key is needed to read the dumps' }];
  }
  const repository = resticRepository(placeOf(target, options.repository), options.key);
  for (const r of index.databases ?? []) {
    const label = `${r.namespace}/${r.name}`;
    if (r.status !== 'completed') {
      out.push({
        name: `database ${label} restored`,
        ok: false,
        detail: r.reason ?? 'no dump in the backup',
      });
      continue;
    }
    const declaredPassword = options.databases?.find(
      (d) => d.namespace === r.namespace && d.name === r.name,
    )?.password;
    let drop: (() => Promise<void>) | undefined;
    try {
      const resolved = await resolveDatabase(client, r.namespace, r, hooks.signal);
      const db = declaredPassword !== undefined ? { ...resolved, password: declaredPassword } : resolved;
      const scratch = `${r.database}_drill_${options.suffix}`.replace(/[^A-Za-z0-9_]/g, '_').slice(0, 63);
      hooks.step(msg('backup.step.databaseScratch', { database: label, scratch }));
      drop = await scratchDatabase(db, scratch, hooks.signal);
      await restoreDatabase(repository, r, db, {
        database: scratch,
        ...(hooks.signal ? { signal: hooks.signal } : {}),
      });
      out.push({ name: `database ${label} restored`, ok: true, detail: `into ${scratch}` });
      for (const c of r.checks ?? []) {
        const now = await runQuery(db, scratch, c.query, hooks.signal);
        out.push({
          name: `data check ${label} ${c.name}`,
          ok: now === c.result,
          detail: now === c.result ? `"${now}" as at backup time` : `expected "${c.result}", got "${now}"`,
        });
      }
    } catch (error) {
      if (hooks.signal?.aborted) throw error;
      out.push({
        name: `database ${label} restored`,
        ok: false,
        detail: error instanceof Error ? error.message : String(error),
      });
    } finally {
      await drop?.();
    }
  }
  return out;
}
