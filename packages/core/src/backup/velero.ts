import { msg } from '@quai/contracts';
import { randomBytes } from 'node:crypto';
import { QuaiError } from '../errors/index.js';
import type { KubeClient, KubeObject } from '../kube/index.js';
import { compareText } from '../util/index.js';

/** Velero's API group and the namespace it usually runs in. */
export const VELERO_GROUP = 'velero.io';
export const VELERO_NAMESPACE = 'velero';

type VeleroObject = KubeObject & {
  spec?: Record<string, unknown>;
  status?: {
    phase?: string;
    startTimestamp?: string;
    completionTimestamp?: string;
    expiration?: string;
    errors?: number;
    warnings?: number;
    progress?: { totalItems?: number; itemsBackedUp?: number; itemsRestored?: number };
    failureReason?: string;
    validationErrors?: string[];
  };
};

/** A Velero backup, shown next to Quai's. */
export interface VeleroBackup {
  readonly source: 'velero';
  readonly name: string;
  readonly namespace: string;
  readonly phase: string;
  readonly includedNamespaces: readonly string[];
  readonly storageLocation: string;
  readonly startedAt?: string;
  readonly completedAt?: string;
  readonly expiration?: string;
  readonly items?: number;
  readonly errors: number;
  readonly warnings: number;
  readonly schedule?: string;
}

/** Whether Velero's CRDs are installed (velero.io/v1 served). */
export async function veleroPresent(client: KubeClient, signal?: AbortSignal): Promise<boolean> {
  return (await client.preferredVersion(VELERO_GROUP, signal)) !== undefined;
}

async function requireVelero(client: KubeClient, signal?: AbortSignal): Promise<void> {
  if (!(await veleroPresent(client, signal))) {
    throw new QuaiError('NOT_FOUND', msg('backup.velero.notInstalled'), {
      hint: msg('backup.velero.notInstalledHint'),
    });
  }
}

function toBackup(o: VeleroObject): VeleroBackup {
  const spec = o.spec ?? {};
  const st = o.status ?? {};
  return {
    source: 'velero',
    name: o.metadata.name ?? '',
    namespace: o.metadata.namespace ?? '',
    phase: st.phase ?? 'New',
    includedNamespaces: (spec['includedNamespaces'] as string[] | undefined) ?? ['*'],
    storageLocation: (spec['storageLocation'] as string | undefined) ?? 'default',
    ...(st.startTimestamp ? { startedAt: st.startTimestamp } : {}),
    ...(st.completionTimestamp ? { completedAt: st.completionTimestamp } : {}),
    ...(st.expiration ? { expiration: st.expiration } : {}),
    ...(st.progress?.itemsBackedUp !== undefined ? { items: st.progress.itemsBackedUp } : {}),
    errors: st.errors ?? 0,
    warnings: st.warnings ?? 0,
    ...(o.metadata.labels?.['velero.io/schedule-name']
      ? { schedule: o.metadata.labels['velero.io/schedule-name'] }
      : {}),
  };
}

/** Velero's backups (every namespace Velero's objects live in, or one). */
export async function listVeleroBackups(
  client: KubeClient,
  options: { namespace?: string; signal?: AbortSignal } = {},
): Promise<VeleroBackup[]> {
  if (!(await veleroPresent(client, options.signal))) return [];
  const items = await client.list<VeleroObject>('velero.io/v1', 'Backup', {
    ...(options.namespace ? { namespace: options.namespace } : {}),
    ...(options.signal ? { signal: options.signal } : {}),
  });
  return items.map(toBackup).sort((a, b) => compareText(a.name, b.name));
}

/** One Velero backup with its raw spec and status. */
export async function describeVeleroBackup(
  client: KubeClient,
  name: string,
  namespace = VELERO_NAMESPACE,
  signal?: AbortSignal,
): Promise<{ backup: VeleroBackup; spec: Record<string, unknown>; status: Record<string, unknown> }> {
  await requireVelero(client, signal);
  const o = await client.tryGet<VeleroObject>(
    { apiVersion: 'velero.io/v1', kind: 'Backup', namespace, name },
    signal,
  );
  if (o === undefined) {
    throw new QuaiError('NOT_FOUND', msg('backup.velero.notFound', { name, namespace }), {
      hint: msg('backup.velero.notFoundHint'),
    });
  }
  return { backup: toBackup(o), spec: o.spec ?? {}, status: o.status ?? {} };
}

/** "a=b,c=d" into Velero's matchLabels; set-based selectors are refused with a clear error. */
function matchLabels(selector: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const part of selector.split(',').filter((p) => p.trim() !== '')) {
    const m = /^\s*([A-Za-z0-9./_-]+)\s*==?\s*([A-Za-z0-9._-]*)\s*$/.exec(part);
    if (m?.[1] === undefined) {
      throw new QuaiError('USAGE', msg('backup.velero.equalityOnly', { part }), {
        hint: msg('backup.velero.equalityOnlyHint'),
      });
    }
    out[m[1]] = m[2] ?? '';
  }
  return out;
}

const BACKUP_DONE = new Set(['Completed', 'PartiallyFailed', 'Failed', 'FailedValidation']);
const RESTORE_DONE = BACKUP_DONE;

export interface VeleroBackupOptions {
  readonly name?: string;
  readonly namespaces: readonly string[];
  readonly labelSelector?: string;
  readonly includeClusterResources?: boolean;
  readonly storageLocation?: string;
  /** Velero's TTL, a Go duration (720h0m0s). */
  readonly ttl?: string;
  readonly veleroNamespace?: string;
  readonly signal?: AbortSignal;
}

/** Creates a velero.io/v1 Backup object; Velero's server does the work. */
export async function createVeleroBackup(client: KubeClient, options: VeleroBackupOptions): Promise<string> {
  await requireVelero(client, options.signal);
  const name = options.name ?? `quai-${new Date().toISOString().replace(/[-:T]/g, '').slice(0, 14)}`;
  await client.create(
    {
      apiVersion: 'velero.io/v1',
      kind: 'Backup',
      metadata: {
        name,
        namespace: options.veleroNamespace ?? VELERO_NAMESPACE,
        labels: { 'app.kubernetes.io/managed-by': 'quai' },
      },
      spec: {
        includedNamespaces: [...options.namespaces],
        ...(options.labelSelector
          ? { labelSelector: { matchLabels: matchLabels(options.labelSelector) } }
          : {}),
        ...(options.includeClusterResources === undefined
          ? {}
          : { includeClusterResources: options.includeClusterResources }),
        ...(options.storageLocation ? { storageLocation: options.storageLocation } : {}),
        ...(options.ttl ? { ttl: options.ttl } : {}),
      },
    },
    options.signal ? { signal: options.signal } : {},
  );
  return name;
}

export interface VeleroRestoreOptions {
  readonly backup: string;
  readonly namespaces?: readonly string[];
  readonly namespaceMapping?: Readonly<Record<string, string>>;
  readonly existing?: 'skip' | 'update';
  readonly veleroNamespace?: string;
  readonly signal?: AbortSignal;
}

/** Creates a velero.io/v1 Restore object from a Velero backup. */
export async function createVeleroRestore(
  client: KubeClient,
  options: VeleroRestoreOptions,
): Promise<string> {
  await requireVelero(client, options.signal);
  const namespace = options.veleroNamespace ?? VELERO_NAMESPACE;
  await describeVeleroBackup(client, options.backup, namespace, options.signal);
  const name = `${options.backup.slice(0, 48)}-${randomBytes(3).toString('hex')}`;
  await client.create(
    {
      apiVersion: 'velero.io/v1',
      kind: 'Restore',
      metadata: { name, namespace, labels: { 'app.kubernetes.io/managed-by': 'quai' } },
      spec: {
        backupName: options.backup,
        ...(options.namespaces && options.namespaces.length > 0
          ? { includedNamespaces: [...options.namespaces] }
          : {}),
        ...(options.namespaceMapping && Object.keys(options.namespaceMapping).length > 0
          ? { namespaceMapping: { ...options.namespaceMapping } }
          : {}),
        existingResourcePolicy: options.existing === 'update' ? 'update' : 'none',
      },
    },
    options.signal ? { signal: options.signal } : {},
  );
  return name;
}

export interface VeleroPhase {
  readonly phase: string;
  readonly errors: number;
  readonly warnings: number;
  readonly items?: number;
  readonly total?: number;
  readonly reason?: string;
}

/** Follows a Velero Backup or Restore until its phase is final, reporting each change. */
export async function followVelero(
  client: KubeClient,
  kind: 'Backup' | 'Restore',
  name: string,
  options: {
    veleroNamespace?: string;
    timeoutMs?: number;
    intervalMs?: number;
    onPhase?: (p: VeleroPhase) => void;
    signal?: AbortSignal;
  } = {},
): Promise<VeleroPhase> {
  const deadline = Date.now() + (options.timeoutMs ?? 3600_000);
  let last = '';
  for (;;) {
    options.signal?.throwIfAborted();
    const o = await client.get<VeleroObject>(
      { apiVersion: 'velero.io/v1', kind, namespace: options.veleroNamespace ?? VELERO_NAMESPACE, name },
      options.signal,
    );
    const st = o.status ?? {};
    const items = kind === 'Backup' ? st.progress?.itemsBackedUp : st.progress?.itemsRestored;
    const p: VeleroPhase = {
      phase: st.phase ?? 'New',
      errors: st.errors ?? 0,
      warnings: st.warnings ?? 0,
      ...(items !== undefined ? { items } : {}),
      ...(st.progress?.totalItems !== undefined ? { total: st.progress.totalItems } : {}),
      ...(st.failureReason || st.validationErrors?.length
        ? { reason: st.failureReason ?? st.validationErrors?.join('; ') ?? '' }
        : {}),
    };
    const key = JSON.stringify(p);
    if (key !== last) {
      last = key;
      options.onPhase?.(p);
    }
    if ((kind === 'Backup' ? BACKUP_DONE : RESTORE_DONE).has(p.phase)) return p;
    if (Date.now() > deadline) {
      throw new QuaiError('TIMEOUT', msg('backup.velero.timeout', { kind, name, phase: p.phase }), {
        hint: msg('backup.velero.timeoutHint'),
      });
    }
    await new Promise((r) => setTimeout(r, options.intervalMs ?? 1000));
  }
}
