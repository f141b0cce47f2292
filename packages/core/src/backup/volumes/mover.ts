// The volume data mover: each PersistentVolumeClaim of a backup goes to one restic snapshot,
// either by a local restic process (the volume is reachable from this machine: hostPath or local
// PV, NFS PV mounted here, or an explicit --volume-path) or by a Job next to the volume.
// Unreachable volumes are recorded in the index with the reason: never silently skipped.
import { msg, textOf, type Message } from '@quai/contracts';
import { readFile, stat, mkdir } from 'node:fs/promises';
import { QuaiError } from '../../errors/index.js';
import type { KubeClient, KubeObject } from '../../kube/index.js';
import type { BackupKey } from '../crypto.js';
import type { VolumeRecord } from '../format.js';
import {
  DEFAULT_MOVER_IMAGE,
  jobManifest,
  jobName,
  RESTRICTED_CONTAINER,
  restrictedPodSecurity,
  runJob,
  secretManifest,
} from './job.js';
import {
  backupArgs,
  ensureRepository,
  errorText,
  findSnapshots,
  restoreArgs,
  resticRepository,
  runRestic,
  summaryFromLogs,
  tagsOf,
  type BackupRef,
  type RepositoryPlace,
  type ResticRepository,
  type ResticSummary,
  type SnapshotTags,
} from './restic.js';

export type MoverKind = 'local' | 'job';

export interface VolumeProgress {
  readonly claim: string;
  readonly percent: number;
  readonly bytesDone: number;
  readonly totalBytes: number;
}

export interface VolumeOptions {
  readonly place: RepositoryPlace;
  readonly key: BackupKey;
  /** local: restic runs here; job: a Job in the claim's namespace (needs an S3 target). */
  readonly mover: MoverKind;
  /** `namespace/claim` (or `claim`) -> a folder on this machine holding the volume's data. */
  readonly paths?: Readonly<Record<string, string>>;
  readonly image?: string;
  readonly timeoutMs?: number;
  readonly onProgress?: (p: VolumeProgress) => void;
  readonly onStep?: (message: Message) => void;
  /** Told once a claim's data is back (a restore records it, so a rerun does not redo it). */
  readonly onRestored?: (claim: string) => Promise<void>;
  readonly signal?: AbortSignal;
}

type Obj = KubeObject & { spec?: Record<string, unknown> };

/** `--volume-path ns/pvc=/path` or `pvc=/path`, repeatable, into a map. */
export function parseVolumePaths(values: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const v of values) {
    const i = v.indexOf('=');
    const claim = v.slice(0, i);
    const path = v.slice(i + 1);
    if (i <= 0 || !path.startsWith('/')) {
      throw new QuaiError('USAGE', msg('backup.volumes.badPath', { value: v }));
    }
    out[claim] = path;
  }
  return out;
}

function explicitPath(paths: VolumeOptions['paths'], ns: string, pvc: string): string | undefined {
  return paths?.[`${ns}/${pvc}`] ?? paths?.[pvc];
}

async function isDir(path: string): Promise<boolean> {
  return (await stat(path).catch(() => undefined))?.isDirectory() === true;
}

/** Where a PersistentVolume's data is on this machine, or why it is not reachable from here. */
export async function localPathOf(pv: Obj | undefined): Promise<{ path?: string; reason: string }> {
  if (pv === undefined) return { reason: 'the claim is not bound to a volume' };
  const spec = pv.spec ?? {};
  const host = (spec['hostPath'] as { path?: string } | undefined)?.path;
  const local = (spec['local'] as { path?: string } | undefined)?.path;
  const nfs = spec['nfs'] as { server?: string; path?: string } | undefined;
  for (const p of [host, local]) {
    if (p === undefined) continue;
    if (await isDir(p)) return { path: p, reason: '' };
    return { reason: `its ${host ? 'hostPath' : 'local'} volume ${p} is not on this machine` };
  }
  if (nfs?.server && nfs.path) {
    const mounts = await readFile('/proc/mounts', 'utf8').catch(() => '');
    const source = `${nfs.server}:${nfs.path.replace(/\/+$/, '')}`;
    for (const line of mounts.split('\n')) {
      const [src, dir] = line.split(' ');
      if (src?.replace(/\/+$/, '') === source && dir) return { path: dir.replace(/\\040/g, ' '), reason: '' };
    }
    return { reason: `its NFS export ${source} is not mounted here` };
  }
  const kind = Object.keys(spec).find(
    (k) =>
      ![
        'capacity',
        'accessModes',
        'claimRef',
        'persistentVolumeReclaimPolicy',
        'storageClassName',
        'volumeMode',
        'nodeAffinity',
        'mountOptions',
      ].includes(k),
  );
  return { reason: `its ${kind ?? 'unknown'} volume has no path on this machine` };
}

/** The pod using a claim (for the Job's node and user), if any. */
async function userPodOf(
  client: KubeClient,
  ns: string,
  pvc: string,
  signal?: AbortSignal,
): Promise<Obj | undefined> {
  const pods = await client.list<Obj>('v1', 'Pod', { namespace: ns, ...(signal ? { signal } : {}) });
  return pods.find((p) =>
    ((p.spec?.['volumes'] ?? []) as { persistentVolumeClaim?: { claimName?: string } }[]).some(
      (v) => v.persistentVolumeClaim?.claimName === pvc,
    ),
  );
}

type RunAs = NonNullable<VolumeRecord['runAs']>;

/**
 * The user and groups a pod writes a claim with: the pod's securityContext, overridden by that of
 * the first container mounting the claim. Only what is set (an image's own USER is not known here).
 */
export function runAsOf(pod: Obj | undefined, pvc: string): RunAs | undefined {
  const spec = pod?.spec ?? {};
  const volumes = (spec['volumes'] ?? []) as {
    name?: string;
    persistentVolumeClaim?: { claimName?: string };
  }[];
  const names = new Set(volumes.filter((v) => v.persistentVolumeClaim?.claimName === pvc).map((v) => v.name));
  type Sc = { runAsUser?: number; runAsGroup?: number; fsGroup?: number; supplementalGroups?: number[] };
  type Container = { volumeMounts?: { name?: string }[]; securityContext?: Sc };
  const containers = [
    ...((spec['initContainers'] ?? []) as Container[]),
    ...((spec['containers'] ?? []) as Container[]),
  ];
  const container = containers.find((c) => (c.volumeMounts ?? []).some((m) => names.has(m.name)));
  const podSc = (spec['securityContext'] ?? {}) as Sc;
  const int = (v: unknown): number | undefined =>
    Number.isInteger(v) && (v as number) >= 0 ? (v as number) : undefined;
  const user = int(container?.securityContext?.runAsUser) ?? int(podSc.runAsUser);
  const group = int(container?.securityContext?.runAsGroup) ?? int(podSc.runAsGroup);
  const fsGroup = int(podSc.fsGroup);
  const supplemental = (podSc.supplementalGroups ?? []).filter((g) => int(g) !== undefined);
  const out: RunAs = {
    ...(user !== undefined ? { runAsUser: user } : {}),
    ...(group !== undefined ? { runAsGroup: group } : {}),
    ...(fsGroup !== undefined ? { fsGroup } : {}),
    ...(supplemental.length > 0 ? { supplementalGroups: supplemental } : {}),
  };
  return Object.keys(out).length > 0 ? out : undefined;
}

function summaryRecord(
  base: VolumeRecord,
  s: ResticSummary & { unreadable?: readonly string[] },
  path: string,
  start: number,
): VolumeRecord {
  return {
    ...base,
    ...(s.unreadable
      ? {
          reason: `incomplete: ${s.unreadable.length} item(s) could not be read: ${s.unreadable.slice(0, 3).join('; ')}`,
        }
      : {}),
    status: 'completed',
    snapshot: s.snapshot_id,
    path,
    files: s.total_files_processed,
    bytes: s.total_bytes_processed,
    bytesAdded: s.data_added,
    seconds: Math.round((performance.now() - start) / 10) / 100,
  };
}

/** Backs up one folder of this machine to a snapshot (the local executor). */
export async function backupPath(
  repository: ResticRepository,
  path: string,
  tags: SnapshotTags,
  options: Pick<VolumeOptions, 'onProgress' | 'signal'> = {},
): Promise<ResticSummary & { unreadable?: readonly string[] }> {
  let summary: ResticSummary | undefined;
  const errors: string[] = [];
  const claim = `${tags.namespace}/${tags.pvc}`;
  await runRestic(backupArgs(tags), {
    repository,
    cwd: path,
    ...(options.signal ? { signal: options.signal } : {}),
    onMessage: (m) => {
      if (m.message_type === 'status') {
        options.onProgress?.({
          claim,
          percent: m.percent_done ?? 0,
          bytesDone: m.bytes_done ?? 0,
          totalBytes: m.total_bytes ?? 0,
        });
      } else if (m.message_type === 'summary') summary = m;
      else errors.push(errorText(m));
    },
  });
  if (summary === undefined) {
    throw new QuaiError(
      'INTERNAL',
      errors.length
        ? msg('backup.volumes.noSummaryErrors', { claim, errors: errors.join('; ') })
        : msg('backup.volumes.noSummary', { claim }),
    );
  }
  return errors.length > 0 ? { ...summary, unreadable: errors } : summary;
}

/** Shared container part of mover Jobs: restic with the repository from the run's Secret. */
function resticContainer(
  image: string,
  args: readonly string[],
  secret: string,
  mountPath: string,
  readOnly: boolean,
): Record<string, unknown> {
  return {
    name: 'restic',
    image,
    args: [...args],
    envFrom: [{ secretRef: { name: secret } }],
    env: [
      { name: 'HOME', value: '/tmp' },
      { name: 'RESTIC_CACHE_DIR', value: '/tmp/cache' },
    ],
    volumeMounts: [
      { name: 'data', mountPath, readOnly },
      { name: 'tmp', mountPath: '/tmp' },
    ],
    resources: { requests: { cpu: '100m', memory: '256Mi' }, limits: { memory: '1Gi' } },
    securityContext: RESTRICTED_CONTAINER,
  };
}

/** The mover Job backing up (read-only) or restoring a claim, on the node of the pod using it. */
export function moverJob(input: {
  readonly name: string;
  readonly namespace: string;
  readonly pvc: string;
  readonly image: string;
  readonly args: readonly string[];
  readonly readOnly: boolean;
  readonly nodeName?: string;
  readonly runAs?: Parameters<typeof restrictedPodSecurity>[0];
}): KubeObject {
  return jobManifest(input.name, {
    namespace: input.namespace,
    prefix: input.name,
    ...(input.nodeName ? { nodeName: input.nodeName } : {}),
    podSecurity: restrictedPodSecurity(input.runAs),
    labels: { 'quai.dev/pvc': input.pvc.slice(0, 63) },
    containers: [
      {
        ...resticContainer(input.image, input.args, input.name, '/data', input.readOnly),
        workingDir: '/data',
      },
    ],
    volumes: [
      { name: 'data', persistentVolumeClaim: { claimName: input.pvc, readOnly: input.readOnly } },
      { name: 'tmp', emptyDir: { sizeLimit: '2Gi' } },
    ],
  });
}

function repositorySecret(name: string, ns: string, repository: ResticRepository): KubeObject {
  return secretManifest(name, ns, { RESTIC_REPOSITORY: repository.url, ...repository.env });
}

/**
 * Backs up the data of the claims: one restic snapshot each, tagged with the backup and the
 * claim. Claims annotated `quai.dev/backup: none` are recorded as excluded; claims no mover can
 * reach are recorded as unreachable, with the reason.
 */
export async function backupVolumes(
  client: KubeClient,
  backupName: BackupRef,
  claims: readonly Obj[],
  options: VolumeOptions,
): Promise<VolumeRecord[]> {
  const repository = resticRepository(options.place, options.key);
  const step = options.onStep ?? (() => undefined);
  const signalOpt = options.signal ? { signal: options.signal } : {};
  const records: VolumeRecord[] = [];
  let repositoryReady = false;
  for (const claim of claims) {
    options.signal?.throwIfAborted();
    const ns = claim.metadata.namespace ?? '';
    const pvc = claim.metadata.name ?? '';
    let base: VolumeRecord = { namespace: ns, pvc, status: 'unreachable' };
    if (claim.metadata.annotations?.['quai.dev/backup'] === 'none') {
      records.push({ ...base, status: 'excluded', reason: 'annotated quai.dev/backup: none' });
      continue;
    }
    const tags = { backup: backupName, namespace: ns, pvc };
    let path = explicitPath(options.paths, ns, pvc);
    let reason = '';
    if (path === undefined && options.mover === 'local') {
      const volumeName = claim.spec?.['volumeName'] as string | undefined;
      const pv = volumeName
        ? await client.tryGet<Obj>(
            { apiVersion: 'v1', kind: 'PersistentVolume', name: volumeName },
            options.signal,
          )
        : undefined;
      ({ path, reason } = await localPathOf(pv));
    }
    if (path !== undefined && !(await isDir(path))) {
      records.push({ ...base, reason: `${path} is not a folder on this machine` });
      continue;
    }
    if (path === undefined && options.mover === 'local') {
      records.push({
        ...base,
        // The in-cluster mover is a way out only where it can write: an S3 target.
        reason: `not reachable from this machine: ${reason}; pass --volume-path ${ns}/${pvc}=/path${repository.kind === 's3' ? ', or --mover job' : ''}`,
      });
      continue;
    }
    if (path === undefined && repository.kind !== 's3') {
      records.push({
        ...base,
        mover: 'job',
        reason: 'the in-cluster mover needs an S3 target (a Job cannot write to a folder of this machine)',
      });
      continue;
    }
    const start = performance.now();
    try {
      if (!repositoryReady) {
        step(msg('backup.step.openRepository', { url: repository.url.replace(/^s3:/, '') }));
        await ensureRepository({ repository, ...signalOpt });
        repositoryReady = true;
      }
      if (path !== undefined) {
        step(msg('backup.step.volumeBackup', { claim: `${ns}/${pvc}`, path }));
        const summary = await backupPath(repository, path, tags, options);
        records.push(summaryRecord({ ...base, mover: 'local' }, summary, path, start));
        continue;
      }
      step(msg('backup.step.volumeJob', { claim: `${ns}/${pvc}`, namespace: ns }));
      const user = await userPodOf(client, ns, pvc, options.signal);
      const podSpec = user?.spec ?? {};
      // Recorded: the restore Job writes the files back as the app's user.
      const runAs = runAsOf(user, pvc);
      if (runAs) base = { ...base, runAs };
      const name = jobName(`quai-mover-${pvc}`);
      const job = moverJob({
        name,
        namespace: ns,
        pvc,
        image: options.image ?? DEFAULT_MOVER_IMAGE,
        args: [...repository.options, ...backupArgs(tags)],
        readOnly: true,
        ...(typeof podSpec['nodeName'] === 'string' ? { nodeName: podSpec['nodeName'] } : {}),
        ...(runAs ? { runAs } : {}),
      });
      const run = await runJob(client, job, repositorySecret(name, ns, repository), {
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...signalOpt,
      });
      if (!run.ok) {
        records.push({
          ...base,
          mover: 'job',
          status: 'failed',
          reason: `Job ${ns}/${name} failed: ${run.reason ?? ''}`,
        });
        continue;
      }
      const summary = summaryFromLogs(run.logs);
      if (summary) {
        records.push(summaryRecord({ ...base, mover: 'job' }, summary, '/data', start));
        continue;
      }
      // No logs (the node keeps none, or they were rotated): ask the repository.
      const found = (await findSnapshots({ repository, ...signalOpt }, tagsOf(tags))).at(-1);
      if (found) {
        records.push({
          ...base,
          mover: 'job',
          status: 'completed',
          snapshot: found.id,
          path: found.paths[0] ?? '/data',
          seconds: Math.round((performance.now() - start) / 10) / 100,
        });
      } else {
        records.push({
          ...base,
          mover: 'job',
          status: 'failed',
          reason: `Job ${ns}/${name} completed, but its logs hold no restic summary and the repository has no snapshot tagged ${tagsOf(tags).join(',')}`,
        });
      }
    } catch (error) {
      if (options.signal?.aborted || (error instanceof QuaiError && error.code === 'INTERRUPTED'))
        throw error;
      records.push({
        ...base,
        mover: path === undefined ? 'job' : 'local',
        status: 'failed',
        reason: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return records;
}

/** Why the restored files may not belong to the app's user, if they may not. */
function restoreIdentityNote(runAs: VolumeRecord['runAs']): Message | undefined {
  const uid = Number(restrictedPodSecurity(runAs)['runAsUser']);
  if (runAs?.runAsUser === undefined) return msg('backup.restoreUserUnknown', { uid });
  if (runAs.runAsUser === 0) return msg('backup.restoreUserRoot', { uid });
  return undefined;
}

export interface VolumeRestoreItem {
  readonly claim: string;
  readonly action: 'restored' | 'skipped' | 'failed' | 'would-restore';
  readonly reason?: string;
}

/**
 * Restores the claims' data from their snapshots, before the workloads start: into a folder of
 * this machine (an explicit path, or the restored volume's hostPath/local/NFS path), or by a Job
 * mounting the restored claim.
 */
export async function restoreVolumes(
  client: KubeClient,
  records: readonly VolumeRecord[],
  mapping: Readonly<Record<string, string>>,
  options: VolumeOptions,
): Promise<VolumeRestoreItem[]> {
  const repository = resticRepository(options.place, options.key);
  const signalOpt = options.signal ? { signal: options.signal } : {};
  const step = options.onStep ?? (() => undefined);
  const out: VolumeRestoreItem[] = [];
  for (const r of records) {
    options.signal?.throwIfAborted();
    const ns = mapping[r.namespace] ?? r.namespace;
    const claim = `${ns}/${r.pvc}`;
    if (r.status !== 'completed' || r.snapshot === undefined || r.path === undefined) {
      out.push({
        claim,
        action: 'skipped',
        reason: `no data in the backup (${r.status}${r.reason ? `: ${r.reason}` : ''})`,
      });
      continue;
    }
    try {
      let dest = explicitPath(options.paths, ns, r.pvc) ?? explicitPath(options.paths, r.namespace, r.pvc);
      if (dest === undefined && options.mover === 'local') {
        const live = await client.tryGet<Obj>(
          { apiVersion: 'v1', kind: 'PersistentVolumeClaim', namespace: ns, name: r.pvc },
          options.signal,
        );
        const volumeName = live?.spec?.['volumeName'] as string | undefined;
        const pv = volumeName
          ? await client.tryGet<Obj>(
              { apiVersion: 'v1', kind: 'PersistentVolume', name: volumeName },
              options.signal,
            )
          : undefined;
        const found = await localPathOf(pv);
        if (found.path === undefined) {
          out.push({
            claim,
            action: 'failed',
            reason: `no path on this machine (${found.reason}); pass --volume-path ${claim}=/path${repository.kind === 's3' ? ' or --mover job' : ''}, or by hand: restic -r ${repository.url} restore ${r.snapshot} --target /path`,
          });
          continue;
        }
        dest = found.path;
      }
      if (dest !== undefined) {
        step(msg('backup.step.volumeRestore', { claim, snapshot: r.snapshot.slice(0, 8), path: dest }));
        await mkdir(dest, { recursive: true });
        await runRestic(restoreArgs(r.snapshot, dest), { repository, ...signalOpt });
        await options.onRestored?.(claim);
        out.push({ claim, action: 'restored' });
        continue;
      }
      if (repository.kind !== 's3') {
        out.push({ claim, action: 'failed', reason: 'the in-cluster mover needs an S3 target' });
        continue;
      }
      step(msg('backup.step.volumeRestoreJob', { claim, namespace: ns }));
      // The files are written as the app's user, recorded at backup time (a Job cannot chown
      // under the restricted Pod Security Standard); an older backup does not say who that is.
      const note = restoreIdentityNote(r.runAs);
      const warning = note === undefined ? undefined : textOf('en', note);
      if (note !== undefined) step(msg('backup.step.volumeNote', { claim, note }));
      const name = jobName(`quai-restore-${r.pvc}`);
      const job = moverJob({
        name,
        namespace: ns,
        pvc: r.pvc,
        image: options.image ?? DEFAULT_MOVER_IMAGE,
        args: [...repository.options, ...restoreArgs(r.snapshot, '/data')],
        readOnly: false,
        ...(r.runAs ? { runAs: r.runAs } : {}),
      });
      const run = await runJob(client, job, repositorySecret(name, ns, repository), {
        ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
        ...signalOpt,
      });
      if (run.ok) await options.onRestored?.(claim);
      out.push(
        run.ok
          ? { claim, action: 'restored', ...(warning !== undefined ? { reason: warning } : {}) }
          : { claim, action: 'failed', reason: run.reason ?? 'the Job failed' },
      );
    } catch (error) {
      if (options.signal?.aborted) throw error;
      out.push({ claim, action: 'failed', reason: error instanceof Error ? error.message : String(error) });
    }
  }
  return out;
}
