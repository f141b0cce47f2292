import { gunzipSync } from 'node:zlib';
import { msg, type Message } from '@quai/contracts';
import { QuaiError } from '../errors/index.js';
import { describeObject, KubeApiError, type KubeClient, type KubeObject } from '../kube/index.js';
import { appObjectsOf } from './app.js';
import { decrypt, fileBinding, indexMacValid, sha256, type BackupKey } from './crypto.js';
import { AUTHENTICATED_FORMAT, type BackupIndex } from './format.js';
import type { StorageTarget } from './target.js';
import { mapLimit, compareText } from '../util/index.js';
import { restoreData, type DataRestoreOptions, type DataRestoreResult } from './volumes/data.js';
import { RESTORE_LABEL, RestoreProgress, restoreIdOf } from './restore-progress.js';

interface Loose {
  [key: string]: unknown;
}
interface Condition {
  readonly type: string;
  readonly status: string;
}
type Obj = KubeObject & {
  readonly spec?: Loose;
  readonly status?: { readonly phase?: string; readonly conditions?: readonly Condition[] };
  readonly subjects?: readonly { readonly namespace?: string }[];
};

/** Restore order (Velero's, refined): what others depend on first; everything else after, by kind. */
const ORDER = [
  'CustomResourceDefinition',
  'Namespace',
  'StorageClass',
  'PersistentVolume',
  'PersistentVolumeClaim',
  'ClusterRole',
  'Role',
  'ServiceAccount',
  'ClusterRoleBinding',
  'RoleBinding',
  'Secret',
  'ConfigMap',
  'LimitRange',
  'ResourceQuota',
  'PriorityClass',
  'NetworkPolicy',
  'Service',
  'Deployment',
  'StatefulSet',
  'DaemonSet',
  'ReplicaSet',
  'Job',
  'CronJob',
  'Pod',
  'HorizontalPodAutoscaler',
  'PodDisruptionBudget',
  'Ingress',
];

const BINDING_ANNOTATIONS = [
  'pv.kubernetes.io/bind-completed',
  'pv.kubernetes.io/bound-by-controller',
  'pv.kubernetes.io/provisioned-by',
  'volume.beta.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/storage-provisioner',
  'volume.kubernetes.io/selected-node',
];

export interface RestoreOptions extends OpenOptions {
  readonly key?: BackupKey;
  /** Restore only these namespaces of the backup (default: all). */
  readonly namespaces?: readonly string[];
  /** Restore only this app: the namespaces holding its ApplySet parent (narrowed by its label where shared). */
  readonly app?: string;
  /** old namespace -> new namespace. */
  readonly namespaceMapping?: Readonly<Record<string, string>>;
  /** What to do with objects that exist: leave them (default), or update them to the backup's state. */
  readonly existing?: 'skip' | 'update';
  readonly dryRun?: boolean;
  readonly keepNodePorts?: boolean;
  /** Leave out PersistentVolumes (drills: fresh volumes are provisioned for the copy). */
  readonly skipPersistentVolumes?: boolean;
  readonly onProgress?: (done: number, total: number) => void;
  /** Objects restored at once within a tier (default 16). */
  readonly concurrency?: number;
  readonly signal?: AbortSignal;
  /** Volume data and database dumps, restored after claims and Secrets, before any workload. */
  readonly data?: Omit<DataRestoreOptions, 'key'>;
  readonly onStep?: (message: Message) => void;
}

export type RestoreAction =
  'created' | 'updated' | 'skipped' | 'failed' | 'would-create' | 'would-update' | 'would-skip';

export interface RestoreItem {
  readonly object: string;
  readonly action: RestoreAction;
  readonly reason?: string;
}

export interface RestoreResult {
  readonly backup: string;
  readonly status: 'completed' | 'partially-failed';
  readonly items: readonly RestoreItem[];
  readonly counts: Readonly<Record<RestoreAction, number>>;
  readonly warnings: readonly Message[];
  /** The id of this restore: every run of a restore of this backup has it, a rerun resumes. */
  readonly restoreId: string;
  /** Namespaces an earlier, interrupted run of this restore created, resumed by this run. */
  readonly resumed: readonly string[];
  /** The backup's index was authenticated with the key (format 3, encrypted). */
  readonly authenticated: boolean;
  readonly seconds: number;
  /** What happened to volume data and database dumps (when asked for). */
  readonly data?: DataRestoreResult;
}

export interface OpenOptions {
  /**
   * Accept a backup whose index cannot be authenticated although a key is given: formats 1 and 2
   * (made before indexes were authenticated), or a backup stored without a key.
   */
  readonly allowUnauthenticated?: boolean;
}

/** What a backup's index could be checked against. */
export interface IndexTrust {
  /** The index's MAC was checked with the key: nothing in it was edited, added or removed. */
  readonly authenticated: boolean;
  readonly warnings: readonly Message[];
}

/**
 * Checks a backup's index against the key given: the right key, and (format 3) the index's MAC.
 * An index that cannot be authenticated is refused when a key is given (unless allowed), since a
 * key means the restore expects authenticity; without a key, an unencrypted backup is read with a
 * warning that nothing could be authenticated.
 */
export function checkIndex(
  index: BackupIndex,
  key: BackupKey | undefined,
  options: OpenOptions = {},
): IndexTrust {
  const name = index.name;
  if (index.encryption === 'none') {
    const warning = msg('backup.restoreNote.notEncrypted', { name });
    if (key !== undefined && options.allowUnauthenticated !== true) {
      throw new QuaiError('INPUT_INVALID', msg('backup.unencryptedWithKey', { name }), {
        hint: msg('backup.unencryptedWithKeyHint'),
      });
    }
    return { authenticated: false, warnings: [warning] };
  }
  if (key === undefined) {
    throw new QuaiError('USAGE', msg('backup.keyNeeded', { name, keyId: index.encryption.keyId }), {
      hint: msg('backup.keyNeededHint'),
    });
  }
  if (key.id !== index.encryption.keyId) {
    throw new QuaiError(
      'INPUT_INVALID',
      msg('backup.wrongKey', { name, keyId: index.encryption.keyId, given: key.id }),
      { hint: msg('backup.wrongKeyHint') },
    );
  }
  if (index.format < AUTHENTICATED_FORMAT) {
    if (options.allowUnauthenticated !== true) {
      throw new QuaiError('INPUT_INVALID', msg('backup.oldFormat', { name, format: index.format }), {
        hint: msg('backup.oldFormatHint', { authenticated: AUTHENTICATED_FORMAT }),
      });
    }
    return {
      authenticated: false,
      warnings: [msg('backup.restoreNote.oldFormat', { name, format: String(index.format) })],
    };
  }
  if (index.id === undefined || !indexMacValid(index, key)) {
    throw new QuaiError('BACKUP_ALTERED', msg('backup.indexNotAuthentic', { name, keyId: key.id }), {
      hint: msg('backup.indexNotAuthenticHint'),
    });
  }
  return { authenticated: true, warnings: [] };
}

function altered(name: string, problem: Message): QuaiError {
  return new QuaiError('BACKUP_ALTERED', msg('backup.altered', { name, problem }), {
    hint: msg('backup.alteredHint'),
  });
}

/**
 * Reads every file of a backup: the index checked first (key, MAC), then each file's checksum
 * before it is decrypted (bound to the backup's name, id and path), then its content against the
 * index (kind and count). Any mismatch refuses the whole backup before anything is restored.
 */
export async function readBackup(
  target: StorageTarget,
  name: string,
  key: BackupKey | undefined,
  options: OpenOptions = {},
): Promise<{ index: BackupIndex; objects: Obj[]; trust: IndexTrust }> {
  const index = await target.readIndex(name);
  const trust = checkIndex(index, key, options);
  // Every kind counted has its file, and every file its count: nothing dropped from one side.
  const counted = Object.entries(index.counts).filter(([, n]) => n > 0);
  for (const [kindKey, n] of counted) {
    const f = index.files.find((x) => countKey(x) === kindKey);
    if (f === undefined)
      throw altered(name, msg('backup.problem.countWithoutFile', { count: n, kind: kindKey }));
    if (f.count !== n)
      throw altered(name, msg('backup.problem.countMismatch', { count: n, kind: kindKey, held: f.count }));
  }
  const objects: Obj[] = [];
  for (const f of index.files) {
    let data: Buffer;
    try {
      data = await target.readFile(name, f.path);
    } catch (error) {
      if (error instanceof QuaiError && error.code === 'NOT_FOUND')
        throw altered(name, msg('backup.problem.missing', { path: f.path }));
      throw error;
    }
    if (sha256(data) !== f.sha256) {
      throw altered(name, msg('backup.problem.checksum', { path: f.path }));
    }
    const plain =
      index.encryption === 'none'
        ? data
        : decrypt(data, key as BackupKey, fileBinding(index, f.path), f.path);
    let list: Obj[];
    try {
      list = JSON.parse(gunzipSync(plain).toString('utf8')) as Obj[];
    } catch {
      throw altered(name, msg('backup.problem.notObjects', { path: f.path }));
    }
    if (!Array.isArray(list) || list.length !== f.count || list.some((o) => o?.kind !== f.kind)) {
      throw altered(name, msg('backup.problem.wrongContent', { path: f.path, count: f.count, kind: f.kind }));
    }
    objects.push(...list);
  }
  return { index, objects, trust };
}

/** The key of a file's kind in the index's counts (`Kind.group`, or `Kind` for the core group). */
function countKey(f: { readonly apiVersion: string; readonly kind: string }): string {
  const group = f.apiVersion.includes('/') ? f.apiVersion.split('/')[0] : '';
  return group ? `${f.kind}.${group}` : f.kind;
}

/** The object as it should be created again: server-owned fields stripped, namespaces mapped. */
function prepare(
  o: Obj,
  mapping: Readonly<Record<string, string>>,
  keepNodePorts: boolean,
  volumeRestored: (name: string) => boolean,
): Obj {
  const map = (ns: string | undefined): string | undefined =>
    ns === undefined ? undefined : (mapping[ns] ?? ns);
  const { status: _status, ...rest } = o;
  const metadata: Record<string, unknown> = { ...o.metadata };
  for (const k of [
    'uid',
    'resourceVersion',
    'creationTimestamp',
    'generation',
    'managedFields',
    'selfLink',
    'deletionTimestamp',
    'deletionGracePeriodSeconds',
    'generateName',
  ])
    delete metadata[k];
  if (o.kind === 'Namespace') metadata['name'] = map(o.metadata.name);
  if (o.metadata.namespace !== undefined) metadata['namespace'] = map(o.metadata.namespace);
  const annotations = { ...(o.metadata.annotations ?? {}) };
  for (const a of BINDING_ANNOTATIONS) delete annotations[a];
  delete annotations['kubectl.kubernetes.io/last-applied-configuration'];
  metadata['annotations'] = annotations;
  if (o.kind === 'Namespace') {
    const labels = { ...(o.metadata.labels ?? {}) };
    if (labels['kubernetes.io/metadata.name'])
      labels['kubernetes.io/metadata.name'] = String(metadata['name']);
    // Set only when this restore creates the namespace (never from the backup, never on update).
    delete labels[RESTORE_LABEL];
    metadata['labels'] = labels;
  }
  const out: Loose = { ...rest, metadata };
  const spec: Loose = { ...(o.spec ?? {}) };
  if (o.kind === 'Service') {
    if (spec['clusterIP'] !== 'None') {
      delete spec['clusterIP'];
      delete spec['clusterIPs'];
    }
    if (!keepNodePorts && Array.isArray(spec['ports'])) {
      spec['ports'] = (spec['ports'] as Loose[]).map(({ nodePort: _n, ...p }) => p);
    }
    delete spec['healthCheckNodePort'];
  }
  const claimRef = spec['claimRef'] as Loose | undefined;
  if (o.kind === 'PersistentVolume' && claimRef !== undefined) {
    const { uid: _u, resourceVersion: _r, ...ref } = claimRef;
    spec['claimRef'] = { ...ref, namespace: map(ref['namespace'] as string | undefined) };
  }
  if (o.kind === 'Pod') delete spec['nodeName'];
  // A claim keeps its volume only if this restore brought that volume back (the original one
  // may still exist, Released or bound elsewhere): otherwise it gets a fresh volume.
  if (
    o.kind === 'PersistentVolumeClaim' &&
    typeof spec['volumeName'] === 'string' &&
    !volumeRestored(spec['volumeName'])
  ) {
    delete spec['volumeName'];
  }
  if (o.spec !== undefined) out['spec'] = spec;
  if ((o.kind === 'RoleBinding' || o.kind === 'ClusterRoleBinding') && o.subjects !== undefined) {
    out['subjects'] = o.subjects.map((x) => (x.namespace ? { ...x, namespace: map(x.namespace) } : x));
  }
  return JSON.parse(JSON.stringify(out)) as Obj;
}

/** Completed pods and jobs are history, not state: not restored. */
function finished(o: Obj): boolean {
  if (o.kind === 'Pod') return o.status?.phase === 'Succeeded' || o.status?.phase === 'Failed';
  if (o.kind === 'Job') {
    return (o.status?.conditions ?? []).some(
      (c) => (c.type === 'Complete' || c.type === 'Failed') && c.status === 'True',
    );
  }
  return false;
}

function rank(kind: string): number {
  const i = ORDER.indexOf(kind);
  return i < 0 ? ORDER.length : i;
}

/**
 * Restores a backup: checksums verified first, objects restored in dependency order with what
 * the server owns stripped, Service IPs and node ports cleared, binding annotations dropped,
 * owner references rebuilt to the restored owners (or dropped when the owner is not restored),
 * namespaces remapped. Existing objects are skipped (or updated); a re-run after an interruption
 * completes without duplicates. Partial failure is data: each item says what happened and why.
 */
export async function restoreBackup(
  client: KubeClient,
  target: StorageTarget,
  name: string,
  options: RestoreOptions = {},
): Promise<RestoreResult> {
  const start = performance.now();
  const { index, objects, trust } = await readBackup(target, name, options.key, options);
  const mapping = options.namespaceMapping ?? {};
  const scope = options.app === undefined ? undefined : appObjectsOf(objects, options.app, name);
  const wantedNs = options.namespaces ?? scope?.namespaces ?? index.namespaces;
  for (const ns of wantedNs) {
    if (!index.namespaces.includes(ns)) {
      throw new QuaiError('USAGE', msg('backup.namespaceNotInBackup', { name, namespace: ns }), {
        hint: msg('backup.namespaceNotInBackupHint', { namespaces: index.namespaces.join(', ') }),
      });
    }
  }
  const warnings: Message[] = [...trust.warnings];
  const selected = objects.filter((o) => {
    if (scope !== undefined && !scope.keep(o)) return false;
    if (o.kind === 'Namespace') return wantedNs.includes(o.metadata.name ?? '');
    if (o.metadata.namespace !== undefined) return wantedNs.includes(o.metadata.namespace);
    if (o.kind === 'PersistentVolume' && options.skipPersistentVolumes) return false;
    return true;
  });
  const sorted = selected
    .filter((o) => {
      if (finished(o)) {
        warnings.push(msg('backup.restoreNote.finished', { object: describeObject(o) }));
        return false;
      }
      return true;
    })
    .sort(
      (a, b) =>
        rank(a.kind) - rank(b.kind) ||
        compareText(a.kind, b.kind) ||
        compareText(describeObject(a), describeObject(b)),
    );
  const items: RestoreItem[] = [];
  const newUids = new Map<string, string>();
  const restoredVolumes = new Set<string>();
  // Namespaces an earlier run of this restore created count as created by this one.
  const progress = await RestoreProgress.open(
    client,
    restoreIdOf(index),
    [...new Set(wantedNs.map((ns) => mapping[ns] ?? ns))],
    options.signal,
  );
  const createdNamespaces = new Set<string>(progress.resumed);
  for (const ns of progress.resumed)
    warnings.push(msg('backup.restoreNote.resumed', { namespace: ns, id: progress.id }));
  const signalOpt = options.signal ? { signal: options.signal } : {};
  let done = 0;
  const restoreOne = async (original: Obj): Promise<RestoreItem> => {
    const o = prepare(original, mapping, options.keepNodePorts === true, (pv) => restoredVolumes.has(pv));
    // Owner references: to the restored owner's new uid, or dropped.
    const refs = (original.metadata['ownerReferences'] ?? []) as {
      uid: string;
      kind: string;
      name: string;
      apiVersion: string;
    }[];
    const kept = refs.flatMap((r) => {
      const uid = newUids.get(r.uid);
      return uid === undefined ? [] : [{ ...r, uid }];
    });
    const meta = o.metadata as Record<string, unknown>;
    if (kept.length > 0) meta['ownerReferences'] = kept;
    else delete meta['ownerReferences'];
    const ref = {
      apiVersion: o.apiVersion,
      kind: o.kind,
      name: o.metadata.name ?? '',
      ...(o.metadata.namespace ? { namespace: o.metadata.namespace } : {}),
    };
    const remember = (uid: string | undefined): void => {
      if (original.metadata.uid && uid) newUids.set(original.metadata.uid, uid);
    };
    try {
      if (options.dryRun) {
        const live = await client.tryGet(ref, options.signal);
        if (live === undefined && o.kind === 'Namespace') createdNamespaces.add(o.metadata.name ?? '');
        return {
          object: describeObject(o),
          action:
            live === undefined
              ? 'would-create'
              : options.existing === 'update'
                ? 'would-update'
                : 'would-skip',
        };
      }
      // Create first (one request); an existing object is then skipped or updated. A namespace is
      // created with this restore's label, so a rerun after an interruption knows it made it.
      try {
        const toCreate =
          o.kind === 'Namespace'
            ? { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...progress.label() } } }
            : o;
        const created = await client.create(toCreate, { fieldManager: 'quai-restore', ...signalOpt });
        remember(created.metadata.uid);
        if (o.kind === 'PersistentVolume') restoredVolumes.add(o.metadata.name ?? '');
        if (o.kind === 'Namespace') createdNamespaces.add(o.metadata.name ?? '');
        if (
          o.kind === 'PersistentVolumeClaim' &&
          original.spec?.['volumeName'] !== undefined &&
          o.spec?.['volumeName'] === undefined
        ) {
          warnings.push(msg('backup.restoreNote.freshVolume', { object: describeObject(o) }));
        }
        if (o.kind === 'CustomResourceDefinition') await waitEstablished(client, o.metadata.name ?? '');
        return { object: describeObject(o), action: 'created' };
      } catch (error) {
        if (!(error instanceof KubeApiError && error.code === 'ALREADY_EXISTS')) throw error;
      }
      if (options.existing === 'update') {
        // A namespace this restore created keeps its label (the apply would drop it otherwise).
        const toApply =
          o.kind === 'Namespace' && createdNamespaces.has(o.metadata.name ?? '')
            ? { ...o, metadata: { ...o.metadata, labels: { ...o.metadata.labels, ...progress.label() } } }
            : o;
        const updated = await client.apply(toApply, {
          fieldManager: 'quai-restore',
          force: true,
          ...signalOpt,
        });
        remember(updated.metadata.uid);
        return { object: describeObject(o), action: 'updated' };
      }
      if (ownerUids.has(original.metadata.uid ?? ''))
        remember((await client.tryGet(ref, options.signal))?.metadata.uid);
      return { object: describeObject(o), action: 'skipped', reason: 'exists' };
    } catch (error) {
      if (options.signal?.aborted) throw error;
      return {
        object: describeObject(o),
        action: 'failed',
        reason: error instanceof Error ? error.message : String(error),
      };
    }
  };
  // Tier by tier (owners and dependencies first), objects of a tier in parallel.
  const ownerUids = new Set(
    sorted.flatMap((o) => ((o.metadata['ownerReferences'] ?? []) as { uid: string }[]).map((r) => r.uid)),
  );
  const tiers = new Map<number, Obj[]>();
  for (const o of sorted) tiers.set(rank(o.kind), [...(tiers.get(rank(o.kind)) ?? []), o]);
  // Data (volumes, then databases) goes in once claims and Secrets exist, before workloads start.
  let data: DataRestoreResult | undefined;
  const restoreDataOnce = async (): Promise<void> => {
    if (data !== undefined || options.data === undefined) return;
    data = await restoreData(
      client,
      target,
      index,
      mapping,
      { ...options.data, ...(options.key ? { key: options.key } : {}) },
      {
        step: options.onStep ?? (() => undefined),
        namespaces: wantedNs,
        createdNamespaces,
        ...(options.dryRun ? { dryRun: true } : { progress }),
        ...signalOpt,
      },
    );
  };
  for (const [tierRank, tier] of [...tiers.entries()].sort(([a], [b]) => a - b)) {
    options.signal?.throwIfAborted();
    if (tierRank >= rank('Deployment')) await restoreDataOnce();
    const results = await mapLimit(tier, options.concurrency ?? 16, async (o) => {
      const item = await restoreOne(o);
      options.onProgress?.(++done, sorted.length);
      return item;
    });
    items.push(...results);
  }
  const counts: Record<RestoreAction, number> = {
    created: 0,
    updated: 0,
    skipped: 0,
    failed: 0,
    'would-create': 0,
    'would-update': 0,
    'would-skip': 0,
  };
  await restoreDataOnce();
  for (const i of items) counts[i.action]++;
  const dataFailed =
    data !== undefined && [...data.volumes, ...data.databases].some((d) => d.action === 'failed');
  const status = counts.failed > 0 || dataFailed ? 'partially-failed' : 'completed';
  // Complete: the namespaces become ordinary ones. Partially failed: the record stays, so a
  // rerun retries what failed in the namespaces this restore created.
  if (status === 'completed' && !options.dryRun) warnings.push(...(await progress.finish(createdNamespaces)));
  return {
    backup: name,
    status,
    items,
    counts,
    warnings,
    restoreId: progress.id,
    resumed: [...progress.resumed],
    authenticated: trust.authenticated,
    seconds: (performance.now() - start) / 1000,
    ...(data !== undefined ? { data } : {}),
  };
}

async function waitEstablished(client: KubeClient, name: string): Promise<void> {
  const deadline = Date.now() + 60_000;
  while (Date.now() < deadline) {
    const crd = await client.tryGet<Obj>({
      apiVersion: 'apiextensions.k8s.io/v1',
      kind: 'CustomResourceDefinition',
      name,
    });
    if ((crd?.status?.conditions ?? []).some((c) => c.type === 'Established' && c.status === 'True')) return;
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new QuaiError('TIMEOUT', msg('backup.crdNotEstablished', { name }));
}
